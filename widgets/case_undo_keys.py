"""Text fields beside the canvas (the findings, the patient's details) whose Undo and Redo keys go on to the case's
Undo and Redo (Edit menu: the grade, box or paint before) once the field has no typing of its own left to take back
or do again. A field claims Ctrl+Z for its own undo whether or not it has any, so there it did nothing, where the key
takes back the case's last step everywhere else. Setting a field's text (the case's undo shows its findings as they
were) clears the field's own undo, so it never goes back to text the case no longer holds.

Redo goes back in the reverse order of the undos: while the case has steps to redo that were undone after the field
took back its own typing (Ctrl+Z there went on to the grade before), Redo does those first, then the field's typing.
The field's Redo came first and, recorded as a new step, threw the case's redo steps away (the grade was lost).

A field's own undo never outlives its typing as a step of the case: once the field is left (the step ends) or another
case is shown, it has none (forget_typing). Come back to, it undid its older typing before a grade set since; and a
case opened holding the same text (both eyes of one patient, one name) kept it, its text not set anew, so Ctrl+Z took
back the other case's typing as an edit of this one."""
from __future__ import annotations

import weakref
from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from annotations.commands import Command


def own_history(field: QObject) -> tuple[bool, bool]:
    """Whether ``field`` has typing of its own to undo, and to redo (a spin box: its text's)."""
    if isinstance(field, QAbstractSpinBox):
        field = field.lineEdit()
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable(), field.isRedoAvailable()
    if isinstance(field, (QPlainTextEdit, QTextEdit)):
        return field.document().isUndoAvailable(), field.document().isRedoAvailable()
    return False, False


def forget_own_history(field: QObject) -> None:
    """Leave ``field`` no typing of its own to undo or redo; its text and cursor stay."""
    if isinstance(field, QAbstractSpinBox):
        field = field.lineEdit()
    if isinstance(field, QLineEdit) and (field.isUndoAvailable() or field.isRedoAvailable()):
        cursor, start, length = field.cursorPosition(), field.selectionStart(), len(field.selectedText())
        field.setText(field.text())  # a line edit's only way to clear its undo (the same text: no textChanged)
        if length:  # selected again, the cursor at the end it was at
            anchor = start + length if cursor == start else start
            field.setSelection(anchor, cursor - anchor)
        else:
            field.setCursorPosition(cursor)
    elif isinstance(field, (QPlainTextEdit, QTextEdit)):
        field.document().clearUndoRedoStacks()


def passes_on(field: QObject, event: QKeyEvent) -> bool:
    """Whether ``event`` is the field's Undo or Redo key with nothing of the field's own for it to do."""
    undo, redo = own_history(field)
    return ((event.matches(QKeySequence.StandardKey.Undo) and not undo)
            or (event.matches(QKeySequence.StandardKey.Redo) and not redo))


class CaseUndoKeys(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The open case's step Redo would do again, None when none (the app sets it: the case's History.redo_step)
        self.case_redo_step: Callable[[], Command | None] = lambda: None
        # Per field: the case's redo step when the field last took back its own typing (weak: a dropped step goes)
        self._redo_at_undo: dict[QObject, Callable[[], Command | None]] = {}
        self._fields: list[QWidget] = []

    def watch(self, field: QWidget) -> None:
        field.installEventFilter(self)
        self._fields.append(field)

    def forget_typing(self) -> None:
        """The fields' typing is the case's now (recorded and left) or belongs to no case shown: none keeps an undo
        or redo of its own, so their Undo and Redo keys are the case's, which takes its steps back newest first."""
        for field in self._fields:
            forget_own_history(field)
        self._redo_at_undo.clear()

    def eventFilter(self, field: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and (passes_on(field, event) or self._case_first(field, event)):
            event.ignore()  # not taken: the window's Undo or Redo runs
            return True
        if event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Undo) \
                and own_history(field)[0]:  # the field takes back its own typing
            step = self.case_redo_step()
            self._redo_at_undo[field] = weakref.ref(step) if step is not None else lambda: None
        return False

    def _case_first(self, field: QObject, event: QKeyEvent) -> bool:
        """Whether ``event`` is Redo while the case has a step to redo undone after the field's own undo."""
        step = self.case_redo_step()
        before = self._redo_at_undo.get(field)
        return (event.matches(QKeySequence.StandardKey.Redo) and step is not None and before is not None
                and step is not before())
