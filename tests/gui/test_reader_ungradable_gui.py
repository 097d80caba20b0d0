"""The reader records a photo ungradable in the findings panel and by Ctrl+G, U; the arbiter sees and may pick it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotations.document import UNGRADABLE, CaseDocument, ReaderGrade, ReviewState
from annotations.graded_fields import GradeField
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import prepare_arbitration
from tests.gui.test_reader_workflow import _press, _window, folder, settings  # noqa: F401 - fixtures
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from tests.unit.test_reader_ungradable import UNGRADABLE_GRADE, read_ungradable
from widgets.arbitration_dialog import ArbitrationDialog
from widgets.findings_panel import FindingsPanel


def test_the_panel_offers_ungradable_greys_the_dme_risk_and_announces_the_outcome(qtbot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_document(CaseDocument("c", "c.png", 30, 20, grade=ReaderGrade(dr_grade=2, dme_risk=1, referable=True)),
                        oct_mode=False)
    assert panel.dme_risk.isEnabled()
    edited = []
    panel.grade_edited.connect(edited.append)
    index = panel.dr_grade.findData(UNGRADABLE)
    assert panel.dr_grade.itemText(index) == "U Ungradable"
    panel.dr_grade.setCurrentIndex(index)
    panel.dr_grade.activated.emit(index)
    assert edited == [UNGRADABLE_GRADE]
    panel.doc.grade = edited[0]
    panel.show_review_state()
    assert panel.dr_grade.currentData() == UNGRADABLE and panel.dme_risk.currentData() is None
    assert not panel.dme_risk.isEnabled()


def test_ctrl_g_then_u_records_ungradable_undoably_and_the_case_is_done_with_it(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_2)
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_U)
    assert window.cases.doc.grade == UNGRADABLE_GRADE and window.findings.dr_grade.currentData() == UNGRADABLE
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.cases.doc.grade.dr_grade == 2 and not window.cases.doc.grade.ungradable
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)  # Ctrl still held
    assert window.cases.doc.grade.ungradable
    window.actions["mark_done"].trigger()
    assert window.cases.doc.review_state is ReviewState.DONE
    assert "without your DR grade" not in window.statusBar().currentMessage()
    assert window.actions["reader_ungradable"].shortcut().toString() == "Ctrl+G, U"
    assert ("Case", "DR grade U: ungradable photo", "Ctrl+G, U") in window.shortcut_rows()
    assert "Ctrl+G, U: ungradable" in window.findings.dr_grade.toolTip()


def test_the_arbiter_sees_ungradable_not_a_dash_and_may_pick_it(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_ungradable(anna, 0)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2)
    dialog = ArbitrationDialog(prepare_arbitration(folder, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    captions = [label.text() for label in dialog.findChildren(QLabel)]
    assert "<b>Anna</b>: Ungradable, –" not in captions and "<b>Anna</b>: Ungradable" in captions
    assert "DR grade ungradable vs 2" in dialog.reasons.text()
    dialog.choice.button(1).click()  # Ben's labels and grade, then the arbiter settles it ungradable
    final = dialog.finals[GradeField.DR_GRADE]
    final.setCurrentIndex(final.findData(UNGRADABLE))
    assert not dialog.finals[GradeField.DME_RISK].isEnabled()
    decided = []
    dialog.decided.connect(lambda index, settled: decided.append((index, settled)))
    dialog.save_button.click()
    assert decided == [(1, {GradeField.DR_GRADE: UNGRADABLE, GradeField.DME_RISK: None})]


def test_ctrl_m_on_a_photo_recorded_ungradable_is_refused_saying_why_and_changes_nothing(qtbot, settings,
                                                                                       folder) -> None:
    """A DME risk needs a grade: Ctrl+M, 1 had made the photo gradable again in silence (its box is greyed)."""
    window = _window(qtbot, settings, folder)
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_2)
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_U)
    history = window.cases.history
    undo_text = history.undo_text
    _press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_1)
    assert window.cases.doc.grade == UNGRADABLE_GRADE and window.findings.dr_grade.currentData() == UNGRADABLE
    assert window.statusBar().currentMessage() == ("This photo is recorded ungradable (U): a DME risk needs a DR "
                                                   "grade first (Ctrl+G and a digit)")
    assert history.undo_text == undo_text == "Set DR grade U"  # no step added: Ctrl+Z undoes the ungradable outcome
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.cases.doc.grade.dr_grade == 2 and not window.cases.doc.grade.ungradable
    _press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_1)  # graded: the risk is taken
    assert (window.cases.doc.grade.dr_grade, window.cases.doc.grade.dme_risk) == (2, 1)
