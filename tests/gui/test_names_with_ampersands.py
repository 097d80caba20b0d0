"""A name a person gave with "&" in it ("R&D", "Smith & Jones.jpg") in a button's, a form label's or a menu's text:
Qt took the "&" as the mnemonic marker, dropped it, underlined the next letter and made Alt+that letter press it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFormLayout

from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import prepare_arbitration
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from widgets.arbitration_dialog import ArbitrationDialog
from widgets.report_dialog import ReportDialog
from widgets.report_fields import ReportFields
from widgets.retrain_dialog import RetrainDialog


def shows(text: str, name: str) -> bool:
    """``text``, as Qt shows it in a widget with mnemonics, holds ``name`` as written and takes no mnemonic from it."""
    return QKeySequence.mnemonic(text).isEmpty() and name in text.replace("&&", "&")


def test_a_readers_name_with_an_ampersand_is_shown_whole_on_the_arbiters_choice(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=64, height=48)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("R&D Lab", 2), ("Ben", 3)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)
    dialog = ArbitrationDialog(prepare_arbitration(folder, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    texts = [button.text() for button in dialog.choice.buttons()]
    assert any(shows(text, "Keep the labels of R&D Lab") for text in texts), texts


def test_an_image_name_with_an_ampersand_is_shown_whole_beside_its_eye_in_the_report_dialog(qtbot) -> None:
    dialog = ReportDialog(ReportFields(eyes=["OD"]), lambda fields: b"", ["'Smith & Jones.jpg'"],
                          {"clinical": "Clinical"}, ["A4"])
    qtbot.addWidget(dialog)
    form = dialog.eyes[0].parentWidget().layout()
    assert isinstance(form, QFormLayout)
    assert shows(form.labelForField(dialog.eyes[0]).text(), "Eye of 'Smith & Jones.jpg'")


def test_a_model_name_with_an_ampersand_is_shown_whole_on_the_go_back_button(qtbot) -> None:
    dialog = RetrainDialog([("lesions", "Lesions", 0)])
    qtbot.addWidget(dialog)
    dialog.offer_go_back("lesions R&D")
    assert shows(dialog.go_back_button.text().replace("&Go", "Go", 1), "Go back to lesions R&D")  # its own key only
