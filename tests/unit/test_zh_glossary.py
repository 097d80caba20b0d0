"""The Chinese catalogues speak as the Chinese DR screening guidelines do, one word for each thing: a term a
Chinese clinician would misread is not used anywhere in a translation (the .ts files, read without Qt)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"

# (a word no translation uses, the word the guidelines use instead, why)
AVOIDED: tuple[tuple[str, str, str], ...] = (
    ("可转诊", "需转诊", "referable DR is 需转诊的糖尿病视网膜病变: 可转诊 reads 'may be referred'"),
    ("DME 风险", "黄斑水肿风险", "the findings panel, the Case menu and the report name the DME risk 黄斑水肿风险"),
    ("糖尿病黄斑水肿风险", "黄斑水肿风险", "one name for the DME risk: the findings panel's and the arbitration's choices "
     "said 糖尿病黄斑水肿风险 1 级, the Case menu and the History 黄斑水肿风险 1"),
    ("OD（右眼）", "右眼（OD）", "OD is also the optic disc's code: AI：视盘位置提示为 OD（右眼） read as the disc"),
    ("OS（左眼）", "左眼（OS）", "the eye first, as for the right eye"),
    ("不止微动脉瘤", "不仅有微动脉瘤", "moderate NPDR is more than microaneurysms alone (轻度：仅有微动脉瘤)"),
    ("盲读", "盲法阅片", "one name for blind reading: the findings panel said 盲法阅片, its tooltip 盲读"),
    ("不可分级", "无法分级", "one word for an ungradable photo: the grade menu and the case list said 无法分级, the "
     "findings panel's image quality and the report's AI grade 不可分级"),
    ("未署名", "未填写姓名", "a reader graded but gave no name: the report's 阅片医师 未署名 read as a report nobody signed"),
)


def test_a_lesion_is_one_word_and_retinopathy_another() -> None:
    """A lesion (MA, HE, EX, SE, a mask's or the table's) is 病灶, as the interface names it; 病变 stands only in
    视网膜病变, the disease: the report's lesion table was 病变, its panels' lesions 病灶."""
    offending = [f"{name}: {source!r} -> {text!r}" for name, source, text in _translations()
                 if "病变" in text.replace("视网膜病变", "")]
    assert offending == []


def _translations() -> list[tuple[str, str, str]]:
    """(file, source, translation) of every message in the zh_CN catalogues."""
    found = []
    for ts in sorted(I18N.glob("*_zh_CN.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()) if translation is not None else ""
            found.append((ts.name, message.findtext("source", ""), text))
    return found


@pytest.mark.parametrize(("avoided", "used", "why"), AVOIDED, ids=[row[0] for row in AVOIDED])
def test_no_translation_uses_a_word_the_guidelines_do_not(avoided: str, used: str, why: str) -> None:
    offending = [f"{name}: {source!r} -> {text!r}" for name, source, text in _translations() if avoided in text]
    assert offending == [], f"use {used} ({why})"


def test_the_window_says_reader_one_way_and_the_report_another() -> None:
    """The window names whoever grades 阅片者 (a screening programme's graders are not all physicians), the case list
    and the findings panel alike; the report, which a physician signs for the patient file, 阅片医师."""
    window = [f"{name}: {source!r} -> {text!r}" for name, source, text in _translations()
              if not name.startswith("report_") and "阅片医师" in text]
    assert window == [], "the window says 阅片者"
    report = [text for name, _, text in _translations() if name.startswith("report_")]
    assert not any("阅片者" in text for text in report) and any("阅片医师" in text for text in report)


# What a Chinese text keeps in half-width brackets: an access key "(&B)", a key "(F5)" "(Ctrl+O)", a file pattern
# "(*.pdf)", a figure "({keys})"; and code, the brackets after a name ("round(255 x 概率)", "%(value)r"). Anything
# else is an aside, in full-width brackets （）.
HALF_WIDTH_KEPT = re.compile(r"^(&.|\*.*|\{\w+\}|[A-Z]|F\d+|Esc|(Ctrl|Shift|Alt)\+.*)$")
HALF_WIDTH_GROUP = re.compile(r"(?<![A-Za-z0-9_%])\(([^()]*)\)")


def test_a_chinese_aside_stands_in_full_width_brackets() -> None:
    """The View menu said B 扫描真实比例 (1:1 µm)(&B) beside 下一种热图（Grad-CAM、各类别概率）(&M)."""
    offending = [f"{name}: {source!r} -> {text!r}" for name, source, text in _translations()
                 if re.search(r"[\u4e00-\u9fff]", text)
                 and any(not HALF_WIDTH_KEPT.match(inside) for inside in HALF_WIDTH_GROUP.findall(text))]
    assert offending == []
