"""Text fields beside the canvas (the patient's name, ID, dates and age) that hand the keyboard back once the person
is done with them: Enter records what was typed, Esc keeps it (leaving the field records it), and either way the
keyboard goes back to the image (``done``). A field takes every printable key, so D and A typed after Enter or Esc
went into it: the patient ID "P123" became "P123dd" and was recorded, and the case never moved on."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QWidget

from widgets.number_box_keys import COMMANDS, LEAVE_KEYS


class TypingDoneKeys(QObject):
    done = Signal()  # Enter or Esc in a watched field: the keyboard goes back

    def watch(self, field: QWidget) -> None:
        field.installEventFilter(self)

    def eventFilter(self, field: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or event.key() not in LEAVE_KEYS or event.modifiers() & COMMANDS:
            return False  # Ctrl+Enter (mark done) and every other key are the field's or the window's
        if event.key() == Qt.Key.Key_Escape:
            self.done.emit()  # the field, left, records what it holds (editingFinished)
            return True
        if isinstance(field, QAbstractSpinBox):
            field.interpretText()
        QTimer.singleShot(0, self.done.emit)  # after the field has taken Enter: it records what it holds
        return False
