"""Text fields beside the canvas (the findings, the patient's details) whose Undo and Redo keys go on to the case's
Undo and Redo (Edit menu: the grade, box or paint before) once the field has no typing of its own left to take back
or do again. A field claims Ctrl+Z for its own undo whether or not it has any, so there it did nothing, where the key
takes back the case's last step everywhere else. Setting a field's text (the case's undo shows its findings as they
were) clears the field's own undo, so it never goes back to text the case no longer holds."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def own_history(field: QObject) -> tuple[bool, bool]:
    """Whether ``field`` has typing of its own to undo, and to redo (a spin box: its text's)."""
    if isinstance(field, QAbstractSpinBox):
        field = field.lineEdit()
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable(), field.isRedoAvailable()
    if isinstance(field, (QPlainTextEdit, QTextEdit)):
        return field.document().isUndoAvailable(), field.document().isRedoAvailable()
    return False, False


def passes_on(field: QObject, event: QKeyEvent) -> bool:
    """Whether ``event`` is the field's Undo or Redo key with nothing of the field's own for it to do."""
    undo, redo = own_history(field)
    return ((event.matches(QKeySequence.StandardKey.Undo) and not undo)
            or (event.matches(QKeySequence.StandardKey.Redo) and not redo))


class CaseUndoKeys(QObject):
    def watch(self, field: QWidget) -> None:
        field.installEventFilter(self)

    def eventFilter(self, field: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and passes_on(field, event):
            event.ignore()  # not taken: the window's Undo or Redo runs
            return True
        return False
