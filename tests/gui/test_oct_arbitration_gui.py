"""Arbitrating an OCT B-scan: the dialog says the readers' OCT classes differ and lets the arbiter settle the class
(no DR grade or DME risk), and the window stores it as the consensus.

Set RETINA_REVIEW_SCREENSHOTS=DIR to save the dialog in English and Chinese as PNGs."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QLabel

from annotations.classes import LesionClass
from annotations.document import Modality, ReaderGrade, ReviewState
from annotations.reading.consensus import consensus_document, state_of
from annotations.reading.disagreement import CaseState
from annotations.graded_fields import GradeField
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import prepare_arbitration
from app.settings import Settings
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_dialogs_translated import chinese, install  # noqa: F401 - fixtures
from tests.gui.test_double_reading_gui import READER_GRADE_COLUMN, select, window_on
from tests.unit.reading_fixtures import case_of, image_folder
from widgets.arbitration_dialog import ArbitrationDialog

OCT = GradeField.OCT_CLASS


@pytest.fixture
def disputed_scan(tmp_path: Path) -> Path:
    """Anna calls the scan CNV, Ben DME; both left the same DR grade from before it was marked OCT."""
    return scan_read_as(tmp_path, {"Anna": "CNV", "Ben": "DME"}, dr_grade=1, dme_risk=0)


def scan_read_as(tmp_path: Path, classes: dict[str, str], painted: dict[str, LesionClass] | None = None,
                 **grade: int) -> Path:
    """A one-scan folder in double reading, each reader's OCT class (and ``grade``'s other values) submitted; a
    reader in ``painted`` painted that class (before the scan was marked OCT)."""
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name, oct_class in classes.items():
        with open_reader(folder, name) as reader:
            doc = reader.load_case(case_of(0))
            doc.modality, doc.grade = Modality.OCT, ReaderGrade(oct_class=oct_class, **grade)
            if name in (painted or {}):
                doc.mask[40:60, 50:90] |= painted[name].bit
            doc.review_state = ReviewState.DONE
            reader.save_case(doc)
    return folder


def shown_dialog(qtbot, folder: Path, shot: str) -> ArbitrationDialog:
    dialog = ArbitrationDialog(prepare_arbitration(folder, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    dialog.resize(1100, 560)
    dialog.show()
    keep_screenshot(dialog, shot)
    return dialog


def test_the_dialog_settles_an_oct_scans_class_not_a_dr_grade(qtbot, disputed_scan: Path) -> None:
    dialog = shown_dialog(qtbot, disputed_scan, "arbitration-oct.png")
    assert dialog.reasons.text() == "The readings disagree: OCT class CNV vs DME"
    assert list(dialog.finals) == [OCT]  # no DR grade nor DME risk to settle
    assert dialog.finals[OCT].currentData() is None and not dialog.save_button.isEnabled()  # no class preset
    dialog.finals[OCT].setCurrentIndex(dialog.finals[OCT].findData("DRUSEN"))
    with qtbot.waitSignal(dialog.decided) as decided:
        dialog.save_button.click()
    assert decided.args == [0, {OCT: "DRUSEN"}]


def test_an_oct_scan_nobody_painted_offers_no_labels_to_keep_or_correct(qtbot, disputed_scan: Path) -> None:
    """The Labels row says so in place of greyed-out choices, one of which would look chosen."""
    dialog = shown_dialog(qtbot, disputed_scan, "arbitration-oct-no-labels.png")
    assert not any(button.isVisible() for button in dialog.choice.buttons())
    assert any(label.isVisible() and label.text().startswith("Neither reading has labels")
               for label in dialog.findChildren(QLabel))
    assert not dialog.correct_button.isEnabled()
    assert dialog.correct_button.toolTip().startswith("Neither reading has labels")
    assert dialog.finals[OCT].isEnabled() and not dialog.save_button.isEnabled()  # the class is still decided
    dialog.finals[OCT].setCurrentIndex(dialog.finals[OCT].findData("CNV"))
    assert dialog.save_button.isEnabled()
    dialog.finals[OCT].setCurrentIndex(0)  # back to "not classified"
    assert not dialog.save_button.isEnabled()


def test_an_oct_scan_a_reader_painted_offers_their_labels(qtbot, tmp_path: Path) -> None:
    folder = scan_read_as(tmp_path, {"Anna": "CNV", "Ben": "DME"}, painted={"Ben": LesionClass.EX})
    dialog = shown_dialog(qtbot, folder, "arbitration-oct-labels.png")
    assert all(button.isEnabled() for button in dialog.choice.buttons())
    dialog.choice.button(1).click()
    assert dialog.correct_button.isEnabled()
    assert dialog.finals[OCT].currentData() == "DME"  # Ben's labels, and his class to start with


def test_the_dialog_names_oct_classes_as_the_findings_panel_does(qtbot, tmp_path: Path) -> None:
    """Codes are what files store; the arbiter reads "Drusen", and a final choice with what CNV stands for."""
    folder = scan_read_as(tmp_path, {"Anna": "DRUSEN", "Ben": "NORMAL"})
    dialog = shown_dialog(qtbot, folder, "arbitration-oct-names.png")
    assert dialog.reasons.text() == "The readings disagree: OCT class Drusen vs Normal"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(text.endswith("OCT class Drusen") for text in texts), texts
    final = dialog.finals[OCT]
    assert final.itemText(final.findData("CNV")) == "CNV — choroidal neovascularisation"


def test_an_oct_scan_nobody_painted_has_no_disagreement_map(qtbot, disputed_scan: Path, tmp_path: Path) -> None:
    dialog = shown_dialog(qtbot, disputed_scan, "arbitration-oct-no-map.png")
    assert dialog.map_class is None and dialog.map_pane is None and dialog.split.count() == 1  # the readings alone
    shown = [label.text() for label in dialog.findChildren(QLabel) if not label.text().startswith("Neither reading")]
    assert not any("lesion" in text or "only Anna" in text for text in shown)  # the Labels row says why, not a map
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save_arbitration_layout(QByteArray(b"geometry"), QByteArray(b"a photo's split"))
    settings.save_arbitration_layout(*dialog.layout_state())
    assert settings.arbitration_layout() == (dialog.saveGeometry(), QByteArray(b"a photo's split"))  # it stands


def test_an_oct_scans_disagreement_map_offers_the_classes_painted_on_it(qtbot, tmp_path: Path) -> None:
    folder = scan_read_as(tmp_path, {"Anna": "CNV", "Ben": "DME"}, painted={"Ben": LesionClass.EX})
    dialog = shown_dialog(qtbot, folder, "arbitration-oct-painted.png")
    offered = [dialog.map_class.itemText(index) for index in range(dialog.map_class.count())]
    assert offered == ["Disagreement, EX (hard exudate)"]  # not every lesion class, nor those nobody painted
    assert dialog.map_class.currentData() is LesionClass.EX and dialog.split.count() == 2


def test_the_oct_dialog_speaks_chinese(qtbot, disputed_scan: Path, chinese: None) -> None:  # noqa: F811
    dialog = shown_dialog(qtbot, disputed_scan, "zh-arbitration-oct.png")
    assert "CNV" in dialog.reasons.text() and "disagree" not in dialog.reasons.text()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("OCT class" in text or text.startswith("Final") for text in texts), texts


def test_the_window_stores_the_arbiters_oct_class_as_the_consensus(qtbot, disputed_scan: Path, tmp_path: Path) -> None:
    assert state_of(disputed_scan, case_of(0)) is CaseState.NEEDS_ARBITRATION
    window = window_on(qtbot, tmp_path, disputed_scan, "Dr Arbiter")
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(window.actions["arbitrate"].isEnabled, timeout=10_000)  # its readings listed: it can act
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.finals[OCT].setCurrentIndex(dialog.finals[OCT].findData("DME"))  # Ben's class: no labels to keep
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.save_button.click()
    assert state_of(disputed_scan, case_of(0)) is CaseState.ARBITRATED
    final = consensus_document(disputed_scan, case_of(0))
    assert (final.grade.oct_class, final.grade.dr_grade, final.grade.dme_risk) == ("DME", 1, 0)  # Ben's
    def reader(role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> str:
        return window.case_list.model.index(0, READER_GRADE_COLUMN).data(role)

    qtbot.waitUntil(lambda: reader() == "DME", timeout=10_000)  # the scan's class, not the DR grade from before
    assert reader(Qt.ItemDataRole.ToolTipRole) == "DME — diabetic macular oedema"
