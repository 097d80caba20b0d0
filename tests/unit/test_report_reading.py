"""The report as a clinician reads it: where and when the AI ran, dates that cannot be misread, units, the reader's
marks, and the patient named on every page."""
from __future__ import annotations

import dataclasses
import io
import re

import pytest
from reportlab.lib import textsplit
from reportlab.platypus import paragraph as reportlab_paragraph

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.findings import ClassFindings
from annotations.history import History
from annotations.tools.components import add_boxes_from_masks
from annotations.wording import Translate, english
from app.report import build_report_pdf
from app.report.dates import shown_date
from app.report.fonts import resolve_fonts
from app.report.layout import NO_BREAK_SPACE, _probabilities, make_styles, reader_marks
from app.report.panels import NO_IMAGE, Panel
from tests.unit.test_report_layout import page_texts
from tests.unit.test_report_line_widths import measured
from tests.unit.test_report_pdf import make_eye, make_report

pypdf = pytest.importorskip("pypdf")


def test_the_footer_says_when_and_on_which_device_each_result_was_made() -> None:
    right, left = make_eye("OD"), make_eye("OS")
    right.doc.ai.created_at, right.doc.ai.device = "2026-11-20T10:00:00", "cuda:0"
    left.doc.ai.created_at, left.doc.ai.device = "2026-11-19T10:00:00", "cpu"
    text = page_texts(build_report_pdf(make_report(right, left)))[0]
    assert "AI analysis: OD: 20 Nov 2026, device: GPU (cuda:0); OS: 19 Nov 2026, device: CPU" in text


def test_a_result_stored_before_devices_were_kept_says_so() -> None:
    eye = make_eye()
    eye.doc.ai.created_at, eye.doc.ai.device = "", ""
    text = page_texts(build_report_pdf(make_report(eye)))[0]
    assert "AI analysis: not recorded, device: not recorded" in text


def test_dates_are_printed_with_the_months_name() -> None:
    assert shown_date("2026-05-11") == "11 May 2026"  # 11/05 or 05/11 would read as November somewhere
    assert shown_date("11.5.2026") == "11.5.2026"  # typed by hand: printed as typed
    text = page_texts(build_report_pdf(make_report(make_eye())))[0]
    assert "Exam date 20 Nov 2026" in text and "Report date 21 Nov 2026" in text and "Date: 21 Nov 2026" in text
    assert "2026-11-2" not in text


def test_age_has_its_unit_and_the_birth_date_beside_it() -> None:
    eye = make_eye()
    text = page_texts(build_report_pdf(make_report(eye)))[0]
    assert "Age 61 years Sex" in text
    patient = dataclasses.replace(eye.doc.patient, birth_date="1965-03-04")
    text = page_texts(build_report_pdf(make_report(eye, patient=patient)))[0]
    assert "61 years (born 4 Mar 1965)" in text


def test_lesion_areas_are_in_mm2_to_the_thousandth() -> None:
    """A microaneurysm covers a few thousandths of a mm²: two decimals printed 0.00 beside a count of 3."""
    eye = make_eye()
    eye.doc.ai.findings.classes["MA"] = ClassFindings(count=3, area_px=40, area_mm2=0.004)
    text = page_texts(build_report_pdf(make_report(eye)))[0]
    assert "MA microaneurysm 3 0.004 mm²" in text
    assert "HE haemorrhage 1 3600 px" in text  # no scale known: pixels, said so


def test_the_readers_marks_count_painted_lesions_and_boxes_around_nothing_painted() -> None:
    doc = make_eye().doc  # one painted block per class, and an MA the reader added
    assert reader_marks(doc) == {"MA": 2, "HE": 1, "EX": 1, "SE": 1}
    add_boxes_from_masks(History(doc))  # a box around each painted lesion: the same lesions, not twice as many
    assert len(doc.boxes) == 5 and reader_marks(doc) == {"MA": 2, "HE": 1, "EX": 1, "SE": 1}
    doc.boxes += [Box(LesionClass.HE, 1, 1, 5, 5), Box(LesionClass.HE, 10, 10, 15, 15), Box(LesionClass.OD, 0, 0, 9, 9)]
    assert reader_marks(doc) == {"MA": 2, "HE": 3, "EX": 1, "SE": 1}  # boxes over nothing painted are lesions too


def test_every_page_names_the_patient() -> None:
    texts = page_texts(build_report_pdf(make_report(make_eye("OD"), make_eye("OS"))))
    assert len(texts) == 2 and all("王小明 · P-001 · RetinaReview 9.9.9" in text for text in texts)


def test_the_rule_that_decided_referable_reads_with_the_sign_a_clinician_writes() -> None:
    eye = make_eye()
    eye.doc.ai.findings.referable_source = "DR signs classifier or DR grade >= 2 (ICDR rules)"  # as stored
    text = page_texts(build_report_pdf(make_report(eye)))[0]
    assert "by DR signs classifier or DR grade ≥ 2 (ICDR rules)" in text and ">=" not in text


def test_the_dme_risk_says_what_its_grade_means() -> None:
    eye = make_eye()
    eye.doc.grade = dataclasses.replace(eye.doc.grade, dme_risk=2)
    text = page_texts(build_report_pdf(make_report(eye)))[0]
    assert "DME risk 2 — hard exudates within one disc diameter of the macula's centre" in text


def test_a_probability_stays_beside_its_grade_where_the_line_wraps() -> None:
    """A two-eye report's probabilities cell on Letter paper wrapped as "… Severe NPDR 10% · PDR" over "5%"."""
    report = make_report(make_eye("OD"), make_eye("OS"), paper="Letter")
    pages = pypdf.PdfReader(io.BytesIO(build_report_pdf(report))).pages
    lines = [line.strip() for page in pages for line in page.extract_text().splitlines()]
    assert "Severe NPDR 10%" in " ".join(lines).replace(NO_BREAK_SPACE, " ")
    assert not [line for line in lines if re.fullmatch(r"\d+%", line)]


@pytest.mark.parametrize("names", [["无明显糖尿病视网膜病变", "轻度非增殖期", "中度非增殖期", "重度非增殖期", "增殖期"],
                                   ["CNV", "DME", "DRUSEN", "NORMAL"]])
def test_a_chinese_probability_stays_beside_its_class_where_the_line_wraps(names: list[str]) -> None:
    """Chinese lines break at any space, a no-break one too: "轻度非增殖期" ended a line and "10%" started the next
    (the OCT classes' Latin names likewise)."""
    styles = make_styles(resolve_fonts(""), unspaced=True)
    text = _probabilities(zip(names, [0.05, 0.1, 0.7, 0.1, 0.05]))
    for width in range(60, 240, 2):
        paragraph = styles.para(text, styles.small)
        paragraph.wrap(width, 1000)
        lines = measured(paragraph)
        assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", ""), width
        assert not [line for line in lines if re.match(r"\d+%", line.text.strip(" " + NO_BREAK_SPACE))], (width, lines)


@pytest.mark.parametrize("bold", [False, True])
def test_a_chinese_line_does_not_end_with_an_opening_bracket(bold: bool) -> None:
    """reportlab broke "≥ 2（" / "ICDR 规则）" where the Latin word overflowed; the bracket goes with its word."""
    styles = make_styles(resolve_fonts(""), unspaced=True)
    text = "是；判定依据：糖尿病视网膜病变征象分类器，或 DR 分级 ≥ 2（ICDR 规则）；另见（IRMA，即 4-2-1 规则的另两项）"
    for width in range(60, 200, 3):
        paragraph = styles.para(text, styles.small, bold=bold)
        paragraph.wrap(width, 1000)
        lines = ["".join(word.text for word in line.words if not hasattr(word, "cbDefn"))  # drawn text only
                 for line in paragraph.blPara.lines]
        assert "".join(lines) == text, width  # nothing lost or repeated
        assert not any(line.endswith("（") for line in lines[:-1]), (width, lines)


@pytest.mark.parametrize("bold", [False, True])
def test_a_chinese_line_ending_in_a_closing_mark_stays_within_its_width(bold: bool) -> None:
    """reportlab hangs a closing mark past a line's end rather than start the next line with it ("病变）" ran 4 pt
    past a caption's column); the character before the mark now moves to the next line with it."""
    styles = make_styles(resolve_fonts(""), unspaced=True)
    texts = ("阅片医师修正叠加图（阅片医师未标注病变）",  # in one font: reportlab's simple lines
             "右眼伴有临床显著性黄斑水肿（CSME）；散在点状及斑片状出血（以颞上方为主）。")  # with Latin: runs
    for text in texts:
        for width in range(40, 200, 3):
            paragraph = styles.para(text, styles.caption, bold=bold)
            paragraph.wrap(width, 1000)
            lines = measured(paragraph)
            assert "".join(line.text for line in lines) == text, width  # nothing lost or repeated
            assert all(line.drawn <= width + 1e-6 for line in lines), (width, lines)
            assert not any(line.text[0] in "）；。" for line in lines), (width, lines)


@pytest.mark.parametrize("text", ["双眼中度非增殖期糖尿病视网膜病变，右眼伴黄斑水肿；左眼未见水肿：视盘边界清晰？是！" * 3,
                                  "双眼中度 NPDR，右眼伴 CSME；左眼未见水肿：视盘边界清晰？是！" * 3])
def test_a_chinese_line_starts_with_no_comma_colon_semicolon_or_mark(text: str) -> None:
    """GB/T 15834 keeps these full-width marks off a line's start, as reportlab keeps the full stop, in text of one
    font (reportlab's simple lines) and of several (runs) alike."""
    styles = make_styles(resolve_fonts(""), unspaced=True)
    for width in range(40, 300, 3):
        paragraph = styles.para(text)
        paragraph.wrap(width, 1000)
        lines = measured(paragraph)
        assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", ""), width
        assert not any(line.text[0] in "，：；？！" for line in lines), (width, lines)
        assert all(line.drawn <= width + 1e-6 for line in lines), (width, lines)


def test_the_report_leaves_reportlabs_line_breaking_rules_as_they_were() -> None:
    """Its Chinese rules are its own paragraphs' (app.report.cjk_lines): another user of reportlab in the program
    (or a plug-in) breaks lines as reportlab documents."""
    build_report_pdf(make_report(make_eye()))
    assert textsplit.ALL_CANNOT_START == reportlab_paragraph.ALL_CANNOT_START == "".join(textsplit.CANNOT_START_LINE)


def _chinese_lines(text: str, width: float) -> list[str]:
    """``text``'s drawn lines in the report's Chinese body style at ``width`` points."""
    styles = make_styles(resolve_fonts(""), unspaced=True)
    paragraph = styles.para(text, styles.body)
    paragraph.wrap(width, 10_000)
    return ["".join(word.text for word in line.words if not hasattr(word, "cbDefn")) for line in paragraph.blPara.lines]


def test_the_lines_after_one_narrowed_for_a_bracket_keep_their_width() -> None:
    """The line that would end with "（" was narrowed as the last width reportlab had, which it uses for every line
    after it too: this paragraph took 11 lines of three characters where 9 of four fit (and a tenth: "“无病灶”）"
    ran past the width, "灶" goes with the closing marks)."""
    lines = _chinese_lines("跳过 12 个无人标注也未标记为完成的病例（其空白标注文件会被读作“无病灶”）", 40)
    assert lines == ["跳过 12 ", "个无人标", "注也未标", "记为完成", "的病例", "（其空白", "标注文件", "会被读作", "“无病",
                     "灶”）"]


def test_a_long_paragraph_with_many_brackets_ends_no_line_with_one() -> None:
    """Each line that would end with "（" takes a pass: a fixed limit of 8 left the rest ending with one."""
    text = "分级 ≥ 2（ICDR 规则）" * 12
    for width in range(40, 120, 7):
        lines = _chinese_lines(text, width)
        assert "".join(lines) == text, width
        assert not any(line.endswith("（") for line in lines[:-1]), (width, lines)


def assert_b_scan_labels_stay_whole(translate: Translate, unspaced: bool, label: str) -> None:
    """A missing B-scan's note ("Image not available: 'vol.dcm', B-scan 12") wrapped before the number, or in
    Chinese anywhere inside "B 扫描 12"; at every panel width the label (``label`` before the number) and the
    number now move to the next line together, and the note keeps every character."""
    styles = make_styles(resolve_fonts(""), translate, unspaced)
    for name, number in (("vol.dcm", 12), ("scans/volume_od.dcm", 3), ("oct/patient_0042_od.dcm", 128)):
        panel = Panel("original", None, NO_IMAGE, path=f"{name}#frame={number}")
        note, unbroken = panel.note_in(translate), panel.unbroken_in(translate)
        assert unbroken == f"{label} {number}"
        for width in range(60, 200, 2):
            paragraph = styles.para(note, styles.caption, unbroken=unbroken)
            paragraph.wrap(width, 1000)
            lines = [" ".join(line[1]) if isinstance(line, tuple) else "".join(word.text for word in line.words)
                     for line in paragraph.blPara.lines]
            assert "".join("".join(lines).split()) == "".join(note.split()), width  # nothing lost or repeated
            assert any(unbroken in line.replace(NO_BREAK_SPACE, " ") for line in lines), (width, lines)


def test_a_b_scans_number_stays_on_the_line_of_its_label_in_a_narrow_panel() -> None:
    assert_b_scan_labels_stay_whole(english, False, "B-scan")  # Chinese: tests/gui/test_report_language.py
