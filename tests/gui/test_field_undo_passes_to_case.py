"""Ctrl+Z in the findings text (F2) or a patient field (F3) undoes the field's own typing while it has some, and the
case's last step (a grade, a box, paint) once it has none: it did nothing there, the field taking the key for an
undo it did not have. Redo (Ctrl+Y, Ctrl+Shift+Z) likewise, in the reverse order of the undos. The case's undo that
sets a field's text leaves the field no undo of its own that would bring back text the case no longer holds."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.main_window import MainWindow
from app.settings import Settings
from tests.gui.test_main_window import _window, fundus_folder, settings  # noqa: F401 - a fixture
from widgets.shortcuts_dialog import ShortcutsDialog
from widgets.typing_pause import TYPING_PAUSE_MS

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
REDO_KEYS = [(Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)]


@pytest.fixture
def window(qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # noqa: F811
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))


def _graded_by_key(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """DR grade 2 by its keys (Ctrl+G, 2), the case's last step."""
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_G, CTRL)
    qtbot.keyClick(window.canvas, Qt.Key.Key_2)
    assert window.cases.doc.grade.dr_grade == 2


def _to(qtbot, window: MainWindow, key: Qt.Key) -> QWidget:  # noqa: ANN001
    """F2 or F3: the field the keyboard goes to."""
    qtbot.keyClick(QApplication.focusWidget(), key)
    return QApplication.focusWidget()


def _undo(qtbot, field: QWidget) -> None:  # noqa: ANN001
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)


def _typed_after_the_grade(qtbot, window: MainWindow, go: Qt.Key  # noqa: ANN001
                           ) -> tuple[QWidget, Callable[[], str], Callable[[], str]]:
    """DR grade 2, then "abc" typed into the field F2 or F3 (``go``) goes to and recorded after the pause: the field,
    its text shown, and its text as the case records it."""
    cases = window.cases
    _graded_by_key(qtbot, window)
    field = _to(qtbot, window, go)
    shown = getattr(field, "toPlainText", getattr(field, "text", None))
    recorded = (lambda: cases.doc.findings_text) if go == Qt.Key.Key_F2 else (lambda: cases.doc.patient.patient_id)
    qtbot.keyClicks(field, "abc")
    qtbot.waitUntil(lambda: recorded() == "abc", timeout=TYPING_PAUSE_MS * 5)  # recorded after the pause
    return field, shown, recorded


@pytest.mark.parametrize("redo", REDO_KEYS, ids=["Ctrl+Y", "Ctrl+Shift+Z"])
@pytest.mark.parametrize("go", [Qt.Key.Key_F2, Qt.Key.Key_F3], ids=["findings", "patient"])
def test_undo_in_a_field_with_nothing_typed_undoes_the_case_step(qtbot, window: MainWindow, go: Qt.Key,
                                                                 redo: tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    _graded_by_key(qtbot, window)
    field = _to(qtbot, window, go)
    assert field in (window.findings.findings_text, window.patients.panel.patient_id)
    _undo(qtbot, field)
    assert window.cases.doc.grade.dr_grade is None
    qtbot.keyClick(field, *redo)
    assert window.cases.doc.grade.dr_grade == 2
    assert QApplication.focusWidget() is field  # the keyboard stays in the field


def test_undo_in_the_age_box_with_nothing_typed_undoes_the_case_step(qtbot, window: MainWindow) -> None:
    _graded_by_key(qtbot, window)
    age = window.patients.panel.age
    age.setFocus()
    _undo(qtbot, age)
    assert window.cases.doc.grade.dr_grade is None


@pytest.mark.parametrize("go", [Qt.Key.Key_F2, Qt.Key.Key_F3], ids=["findings", "patient"])
def test_undo_takes_back_the_typing_first_then_the_case_steps(qtbot, window: MainWindow, go: Qt.Key) -> None:
    cases = window.cases
    field, shown, recorded = _typed_after_the_grade(qtbot, window, go)
    _undo(qtbot, field)
    assert shown() == "" and cases.doc.grade.dr_grade == 2  # the field's own typing, as before
    qtbot.waitUntil(lambda: recorded() == "", timeout=TYPING_PAUSE_MS * 5)
    _undo(qtbot, field)  # nothing of its own left: the case's step before
    assert cases.doc.grade.dr_grade is None and shown() == "" == recorded()


@pytest.mark.parametrize("go", [Qt.Key.Key_F2, Qt.Key.Key_F3], ids=["findings", "patient"])
def test_redo_after_undo_past_the_typing_redoes_the_case_step_first_then_the_typing(qtbot, window: MainWindow,
                                                                                    go: Qt.Key) -> None:
    """The field's Redo came first: its typing, recorded as a new step, threw the grade's redo step away."""
    cases = window.cases
    field, shown, recorded = _typed_after_the_grade(qtbot, window, go)
    _undo(qtbot, field)  # the typing
    qtbot.waitUntil(lambda: recorded() == "", timeout=TYPING_PAUSE_MS * 5)
    _undo(qtbot, field)  # the grade
    assert cases.doc.grade.dr_grade is None
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert cases.doc.grade.dr_grade == 2 and shown() == ""  # the case's step, undone last, first
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert shown() == "abc"  # then the field's own
    qtbot.waitUntil(lambda: recorded() == "abc", timeout=TYPING_PAUSE_MS * 5)
    assert cases.doc.grade.dr_grade == 2 and QApplication.focusWidget() is field


def test_redo_then_undo_in_the_findings_follow_the_case_and_never_bring_back_stale_text(qtbot,
                                                                                       window: MainWindow) -> None:
    cases, box = window.cases, window.findings.findings_text
    _graded_by_key(qtbot, window)
    box.setFocus()
    qtbot.keyClicks(box, "abc")
    window.canvas.setFocus()  # left: recorded, a step of its own
    assert len(cases.history.entries) == 2 and cases.doc.findings_text == "abc"
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert box.toPlainText() == "" and cases.doc.grade.dr_grade is None
    field = _to(qtbot, window, Qt.Key.Key_F2)
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert cases.doc.grade.dr_grade == 2
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert box.toPlainText() == cases.doc.findings_text == "abc"  # shown by the case, not typed
    _undo(qtbot, field)
    assert box.toPlainText() == cases.doc.findings_text == "" and cases.doc.grade.dr_grade == 2
    _undo(qtbot, field)
    assert cases.doc.grade.dr_grade is None and box.toPlainText() == ""


def test_the_shortcuts_dialog_says_undo_in_a_field_goes_on_to_the_case(qtbot, window: MainWindow) -> None:
    dialog = ShortcutsDialog(window.shortcut_rows(), window)
    qtbot.addWidget(dialog)
    edit = next(dialog.tree.topLevelItem(index) for index in range(dialog.tree.topLevelItemCount())
                if dialog.tree.topLevelItem(index).text(0) == "Edit")
    rows = {edit.child(row).text(0): edit.child(row).text(1) for row in range(edit.childCount())}
    keys = f"{rows['Undo']}, {rows['Redo']}"
    assert keys == "Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y"
    assert rows["Undo / redo in the findings or a patient field: its own typing first, then the case's steps "
                "(redo in reverse order)"] == keys
