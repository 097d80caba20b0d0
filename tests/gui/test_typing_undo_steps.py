"""What is typed into one field is one undo step, as editors make it: the findings and a patient detail are recorded at
every pause in the typing (so the autosave has them), and each pause made a step of its own, so Ctrl+Z took back a
word at a time. A step ends where the field is left; a sex or eye picked is a step of its own."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotations.document import ReaderGrade
from app.main_window import MainWindow
from app.settings import Settings
from tests.gui.test_main_window import _window, fundus_folder, settings  # noqa: F401 - a fixture
from widgets.typing_pause import TYPING_PAUSE_MS


@pytest.fixture
def window(qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # noqa: F811
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))


def _typed_with_pauses(qtbot, field, words: tuple[str, ...], recorded) -> None:  # noqa: ANN001
    """``words`` typed into ``field``, each recorded after its pause (``recorded``: what the case holds of it)."""
    field.setFocus()
    shown = getattr(field, "toPlainText", getattr(field, "text", None))
    for word in words:
        qtbot.keyClicks(field, word)
        qtbot.waitUntil(lambda: recorded() == shown().strip(), timeout=TYPING_PAUSE_MS * 5)


def test_findings_typed_with_pauses_are_one_step_until_the_box_is_left(qtbot, window: MainWindow) -> None:
    box, cases = window.findings.findings_text, window.cases
    _typed_with_pauses(qtbot, box, ("small", " haemorrhage"), lambda: cases.doc.findings_text)
    window.case_list.table.setFocus()  # the box is left
    assert cases.history.entries == ["Edit findings"]
    _typed_with_pauses(qtbot, box, (", nasal",), lambda: cases.doc.findings_text)
    window.case_list.table.setFocus()
    assert cases.history.entries == ["Edit findings", "Edit findings"]  # typed after coming back: another step
    window.actions["undo"].trigger()
    assert cases.doc.findings_text == box.toPlainText() == "small haemorrhage"
    window.actions["undo"].trigger()
    assert cases.doc.findings_text == box.toPlainText() == "" and not window.isWindowModified()


def test_a_name_typed_with_pauses_is_one_step_and_a_pick_beside_it_another(qtbot, window: MainWindow) -> None:
    panel, cases = window.patients.panel, window.cases
    _typed_with_pauses(qtbot, panel.name, ("Jane ", "Roe"), lambda: cases.doc.patient.name)
    assert cases.history.entries == ["Edit patient name"]
    panel.sex.setCurrentIndex(panel.sex.findData("F"))
    panel.sex.activated.emit(panel.sex.currentIndex())  # picked with the keyboard still in the name
    qtbot.keyClicks(panel.name, " Jr")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    assert cases.history.entries == ["Edit patient name", "Edit sex", "Edit patient name"]
    window.actions["undo"].trigger()
    assert (cases.doc.patient.name, cases.doc.patient.sex) == ("Jane Roe", "F")
    window.actions["undo"].trigger()
    assert (cases.doc.patient.name, cases.doc.patient.sex) == ("Jane Roe", "")
    window.actions["undo"].trigger()
    assert cases.doc.patient.name == panel.name.text() == "" and not window.isWindowModified()


@pytest.mark.parametrize("pick", ["sex", "eye"])
def test_a_pick_within_the_typing_pause_is_a_step_apart_from_the_name_typed(qtbot, window: MainWindow,
                                                                           pick: str) -> None:
    """The name typed and the pick made one "Edit patient details" step: Undo took back the name with the pick."""
    panel, cases = window.patients.panel, window.cases
    panel.name.setFocus()
    qtbot.keyClicks(panel.name, "Jane")  # not yet recorded: the pause has not passed
    combo, value = (panel.sex, "F") if pick == "sex" else (panel.eye, "OD")
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())  # picked with the keyboard still in the name
    assert cases.history.entries == ["Edit patient name", f"Edit {pick}"]
    window.actions["undo"].trigger()
    assert (cases.doc.patient.name, getattr(cases.doc.patient, pick)) == ("Jane", "")
    assert panel.name.text() == "Jane" and combo.currentData() == ""
    window.actions["undo"].trigger()
    assert cases.doc.patient.name == panel.name.text() == "" and not window.isWindowModified()


@pytest.fixture
def window_of_two(qtbot, settings: Settings, tmp_path: Path,  # noqa: F811 - a fixture
                  monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))


def _graded(window: MainWindow) -> None:
    """An edit before the typing: the step Undo took back while the typed text was still waiting for its pause."""
    window.cases.edits.set_grade(ReaderGrade(dr_grade=2))
    assert window.cases.history.entries == ["Set DR grade 2"]


def test_undo_clicked_before_the_pause_takes_back_the_findings_typed(qtbot, window: MainWindow) -> None:
    box, cases = window.findings.findings_text, window.cases
    _graded(window)
    box.setFocus()
    qtbot.keyClicks(box, "small")
    window.actions["undo"].trigger()  # the menu's or the tool bar's, the keyboard still in the box
    assert cases.doc.findings_text == box.toPlainText() == "" and cases.doc.grade.dr_grade == 2
    assert cases.history.entries == ["Set DR grade 2", "Edit findings"] and cases.history.position == 1
    window.actions["redo"].trigger()
    assert cases.doc.findings_text == box.toPlainText() == "small"


def test_undo_clicked_before_the_pause_takes_back_the_name_typed(qtbot, window: MainWindow) -> None:
    panel, cases = window.patients.panel, window.cases
    _graded(window)
    panel.name.setFocus()
    qtbot.keyClicks(panel.name, "Jane")
    window.actions["undo"].trigger()
    assert cases.doc.patient.name == panel.name.text() == "" and cases.doc.grade.dr_grade == 2
    assert cases.history.entries == ["Set DR grade 2", "Edit patient name"] and cases.history.position == 1


def test_redo_clicked_before_the_pause_finds_the_typing_took_the_redo_steps(qtbot, window: MainWindow) -> None:
    box, cases = window.findings.findings_text, window.cases
    _graded(window)
    window.actions["undo"].trigger()
    box.setFocus()
    qtbot.keyClicks(box, "small")
    window.actions["redo"].trigger()  # a new edit came first: nothing is left to redo
    assert cases.doc.findings_text == "small" and cases.doc.grade.dr_grade is None
    assert cases.history.entries == ["Edit findings"] and not window.actions["redo"].isEnabled()


def test_a_history_row_clicked_before_the_pause_goes_back_past_the_typing(qtbot, window: MainWindow) -> None:
    box, cases, panel = window.findings.findings_text, window.cases, window.annotation.history_panel
    _graded(window)
    box.setFocus()
    qtbot.keyClicks(box, "small")
    panel.itemClicked.emit(panel.item(0))  # "Case as opened", the keyboard still in the box
    assert cases.doc.findings_text == box.toPlainText() == "" and cases.doc.grade.dr_grade is None
    assert cases.history.entries == ["Set DR grade 2", "Edit findings"] and cases.history.position == 0
    box.setFocus()
    qtbot.keyClicks(box, "large")
    panel.itemClicked.emit(panel.item(1))  # an undone step the typing took away: it names no state any more
    assert cases.doc.findings_text == "large" and cases.doc.grade.dr_grade is None
    assert cases.history.entries == ["Edit findings"] and cases.history.position == 1



def test_a_history_row_clicked_once_the_typing_is_back_to_before_its_step(qtbot, window: MainWindow) -> None:
    """Recording the typing took its step away (the findings as before it): the row clicked is where it is now."""
    box, cases, panel = window.findings.findings_text, window.cases, window.annotation.history_panel
    _typed_with_pauses(qtbot, box, ("small",), lambda: cases.doc.findings_text)
    for _ in "small":
        qtbot.keyClick(box, Qt.Key.Key_Backspace)
    panel.itemClicked.emit(panel.item(1))  # the step's own row, the keyboard still in the box
    assert cases.doc.findings_text == box.toPlainText() == "" and cases.history.entries == []

def test_typing_on_return_to_a_case_whose_save_failed_is_a_step_of_its_own(
        qtbot, window_of_two: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case was switched with the keyboard still in the findings and its save failed (a full disk), so its
    history came back unsaved: typing there again joined the step typed before leaving."""
    window, ids = window_of_two, {s.image_path: s.case_id for s in window_of_two.cases.summaries.values()}
    box, cases = window.findings.findings_text, window.cases

    def disk_full(*_args: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(cases.workspace, "save_case", disk_full)
    box.setFocus()
    qtbot.keyClicks(box, "small")
    cases.select_case(ids["b.png"])  # the keyboard still in the box
    cases.flush()
    cases.select_case(ids["a.png"])
    assert box.hasFocus() and cases.history.entries == ["Edit findings"] and window.isWindowModified()
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, " haemorrhage")
    qtbot.waitUntil(lambda: cases.doc.findings_text == "small haemorrhage", timeout=TYPING_PAUSE_MS * 5)
    assert cases.history.entries == ["Edit findings", "Edit findings"]
    window.actions["undo"].trigger()
    assert cases.doc.findings_text == "small"


def test_the_history_panel_names_a_patient_step_by_its_field(qtbot, window: MainWindow) -> None:
    panel, rows = window.patients.panel, window.annotation.history_panel
    _typed_with_pauses(qtbot, panel.patient_id, ("P-1",), lambda: window.cases.doc.patient.patient_id)
    panel.birth_date.setFocus()  # the ID field is left
    qtbot.keyClicks(panel.birth_date, "1958-03-12")
    qtbot.keyClick(panel.birth_date, Qt.Key.Key_Return)  # the age it gives goes with it
    assert [rows.item(row).text() for row in range(rows.count())] == [
        "Case as opened", "Edit patient ID", "Edit birth date"]
    assert window.actions["undo"].text() == "&Undo Edit birth date"
