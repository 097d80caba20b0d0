"""Lists read in the interface's (or the report's) language: English joins names with ", " and clauses with "; ",
Chinese with the enumeration comma "、" and the full-width semicolon "；", whether the window joins a list itself or
shows a list that Qt-free code wrote in English."""
from __future__ import annotations

import re

from annotations import messages as file_messages
from annotations.output_names import plan_stems
from annotations.wording import join_items, join_names
from annotations.workspace import messages as workspace_messages
from annotations.workspace import transfer_messages
from app.report.text import ReportText
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from widgets.clinical_terms import quality_verdict
from widgets.domain_messages import shown_message
from widgets.shown_lists import shown_clauses, shown_items

TWO_REASONS = {"gradable": False, "reason": "too dark (mean level 20, needs 25); blurred (sharpness 1.5, needs 3)"}


def unknown_labels_warning() -> str:
    """An import's warning as annotations/ writes it: two unknown labels joined by ", "."""
    names = ", ".join(transfer_messages.UNKNOWN_LABEL.format(name=name, count=count)
                      for name, count in (("drusen", 3), ("laser scar", 1)))
    return transfer_messages.UNKNOWN_LABELS.format(names=names)


def test_english_lists_keep_comma_and_semicolon(qapp) -> None:
    assert shown_items(["MA", "HE"]) == "MA, HE" and shown_clauses(["a", "b"]) == "a; b"
    assert shown_message(unknown_labels_warning()) == unknown_labels_warning()
    assert quality_verdict(TWO_REASONS) == f"NOT gradable: {TWO_REASONS['reason']}"


def test_chinese_lists_use_chinese_punctuation(chinese) -> None:
    assert shown_items(["MA", "HE"]) == "MA、HE" and shown_clauses(["过暗", "模糊"]) == "过暗；模糊"
    assert shown_message(unknown_labels_warning()) == ("已跳过标签映射中未列出的标签的框：drusen（见于 3 个文件）、"
                                                       "laser scar（见于 1 个文件）；请用 --label-map name=CLASS 添加")
    assert quality_verdict(TWO_REASONS) == "不可分级：过暗（平均亮度 20，至少需 25）；模糊（清晰度 1.5，至少需 3）"


def test_chinese_lists_of_file_names_keep_each_name_whole_whatever_it_holds(chinese) -> None:
    """Names listed by annotations/ (each quoted by join_names) are shown as written, joined as Chinese lists them:
    a "Surname, Given" name stays one name."""
    recovered = workspace_messages.RECOVERED.format(count=2, images=join_names(["Wang, Li 2021.jpg", "b.jpg"]))
    assert shown_message(recovered).endswith("：'Wang, Li 2021.jpg'、'b.jpg'")
    names = ["a, b_MA.png", "it's, c.png", 'x", y.png', "d.png", "e.png", "f.png", "g.png"]
    skipped = transfer_messages.NOT_LABEL_IMAGES.format(count=7, files=join_names(names, shown=5))
    assert shown_message(skipped).endswith("：'a, b_MA.png'、'it''s, c.png'、'x\", y.png'、'd.png'、'e.png'、... (+2)")
    _, notes = plan_stems(["a/Wang, Li.png", "b/Wang, Li.png"], flat=True)
    assert re.search(r"：'a/Wang, Li.png' -> 'Wang, Li_[0-9a-f]{8}'、'b/Wang, Li.png' -> 'Wang, Li_[0-9a-f]{8}'$",
                     shown_message(notes[0])), shown_message(notes[0])
    unknown = file_messages.UNKNOWN_CLASS.format(name="'drusen'", accepted=join_items(["MA", "HE"]))
    assert shown_message(unknown).endswith("：MA、HE")


def test_a_chinese_report_joins_in_chinese_whatever_the_interface(qapp) -> None:
    report = ReportText("zh_CN").translate
    assert quality_verdict(TWO_REASONS, report) == "不可分级：过暗（平均亮度 20，至少需 25）；模糊（清晰度 1.5，至少需 3）"
