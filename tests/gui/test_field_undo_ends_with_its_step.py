"""A text field's own undo (Ctrl+Z in the findings or a patient field) never outlives what it belongs to: a case shown
in the panels starts every field with no typing to undo or redo, and typing recorded as the case's step and left has
none either, so Ctrl+Z there passes on to the case's Undo, which takes the steps back newest first.

Both eyes of one patient often have the same name: a field whose text was not set anew, the case opened holding the
same, kept its undo, and Ctrl+Z took the typing of the other case back as an edit of this one. And a field that was
left and came back to undid its own older typing before a grade set since."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from annotations.document import ReaderGrade
from app.main_window import MainWindow
from app.settings import Settings
from tests.gui.test_main_window import _window, fundus_folder, settings  # noqa: F401 - a fixture

CTRL = Qt.KeyboardModifier.ControlModifier
FIELDS = ["findings", "name", "age"]


@pytest.fixture
def window(qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # noqa: F811
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))


def _field(window: MainWindow, which: str) -> tuple[QWidget, str, Callable[[], object]]:
    """The field, what is typed into it, and what the open case holds of it."""
    cases, patient = window.cases, window.patients.panel
    return {"findings": (window.findings.findings_text, "small", lambda: cases.doc.findings_text),
            "name": (patient.name, "Jane", lambda: cases.doc.patient.name),
            "age": (patient.age, "42", lambda: cases.doc.patient.age)}[which]


def _typed_and_left(qtbot, window: MainWindow, which: str) -> None:  # noqa: ANN001
    field, text, recorded = _field(window, which)
    field.setFocus()
    if which == "age":
        field.selectAll()  # "not recorded" typed over
    qtbot.keyClicks(field, text)
    window.canvas.setFocus()  # left: recorded, a step of its own
    assert str(recorded()) == text


def _open(window: MainWindow, name: str) -> None:
    window.cases.select_case({s.image_path: s.case_id for s in window.cases.summaries.values()}[name])
    window.cases.flush()


@pytest.mark.parametrize("which", FIELDS)
def test_a_case_opened_holding_the_text_typed_in_the_case_before_has_no_typing_to_undo(
        qtbot, window: MainWindow, which: str) -> None:
    """B's name is Jane too: Ctrl+Z in it took back A's typing as an edit of B (the name emptied, in no step)."""
    cases = window.cases
    field, text, recorded = _field(window, which)
    _open(window, "b.png")
    _typed_and_left(qtbot, window, which)
    cases.edits.set_grade(ReaderGrade(dr_grade=2))  # B's last step
    _open(window, "a.png")
    _typed_and_left(qtbot, window, which)
    _open(window, "b.png")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert cases.doc.grade.dr_grade is None  # the case's Undo: B's last step
    window.canvas.setFocus()
    assert str(recorded()) == text and cases.history.entries[-1] == "Set DR grade 2"


@pytest.mark.parametrize("which", FIELDS)
def test_undo_in_a_field_come_back_to_takes_back_the_grade_set_since_first(qtbot, window: MainWindow,
                                                                          which: str) -> None:
    cases = window.cases
    field, text, recorded = _field(window, which)
    _typed_and_left(qtbot, window, which)
    cases.edits.set_grade(ReaderGrade(dr_grade=2))  # on the canvas, after the typing
    field.setFocus()
    assert QApplication.focusWidget() in (field, getattr(field, "lineEdit", lambda: None)())
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert cases.doc.grade.dr_grade is None and str(recorded()) == text  # the newest step first
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert str(recorded()) in ("", "None")  # then the typing, as the case's step
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert str(recorded()) == text and cases.doc.grade.dr_grade == 2  # redone in order, nothing lost


@pytest.mark.parametrize("which", FIELDS)
def test_a_fields_own_right_click_menu_undoes_its_typing(qtbot, window: MainWindow, which: str) -> None:
    """The focus goes to the field's own menu: the field is not left (a patient's name field, a QLineEdit, is not by
    itself), so its typing stays its own to undo; taken for leaving (the findings box; the age, a spin box, finishing
    its editing on every focus loss), the typing became the case's step and the menu's Undo did nothing."""
    field, text, _recorded = _field(window, which)
    field.setFocus()
    if which == "age":
        field.selectAll()  # "not recorded" typed over
    qtbot.keyClicks(field, text)
    menus = []

    def undo_from_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        menus.append(menu)
        next(action for action in menu.actions() if action.objectName() == "edit-undo").trigger()
        menu.close()

    QTimer.singleShot(0, undo_from_the_menu)
    target = field.viewport() if which == "findings" else field  # a QPlainTextEdit's menu is its viewport's
    QApplication.sendEvent(target, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                                     target.mapToGlobal(QPoint(5, 5))))
    qtbot.waitUntil(lambda: bool(menus), timeout=2_000)
    shown = field.toPlainText() if which == "findings" else field.text()
    assert isinstance(menus[0], QMenu) and text not in shown


def test_the_ages_own_undo_back_to_not_recorded_records_no_age(qtbot, window: MainWindow) -> None:
    """A spin box shows its special value's text but never read it: undone back to "not recorded", the age kept the
    typed 42, showed it again once left and recorded it."""
    field, text, recorded = _field(window, "age")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    window.canvas.setFocus()
    assert field.text() == field.specialValueText() and recorded() is None
