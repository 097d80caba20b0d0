"""Number boxes beside the canvas (brush size, tolerance …) that do not hold on to the keyboard. A spin box takes
every printable key and Ctrl+Z for its text, so after a click on its arrow W, D, [ ] and Ctrl+Z did nothing and 2
(the class HE) set the brush to 2 px. Here a box keeps only the keys a number is typed and edited with; every other
key reaches the window's shortcuts; Enter, Esc or a click on its arrows hands the keyboard back (``done``), and the
wheel changes the value without taking the keyboard."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox

EDIT_KEYS = frozenset((Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home,
                       Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown))
TEXT_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
             QKeySequence.StandardKey.SelectAll)
LEAVE_KEYS = frozenset((Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape))
COMMANDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


def edits_number(event: QKeyEvent) -> bool:
    """Whether a key is one a number is typed or edited with (digits, the decimal mark, caret and step keys,
    clipboard); the sign keys are zoom keys here, and no box takes a negative value."""
    if any(event.matches(key) for key in TEXT_KEYS):
        return True
    if event.modifiers() & COMMANDS:
        return False  # Ctrl+Z undoes the case's last edit, not the box's typing
    text = event.text()
    return event.key() in EDIT_KEYS or (len(text) == 1 and text in "0123456789.,")


class NumberBoxKeys(QObject):
    done = Signal()  # the person is done with a box: the keyboard goes back

    def watch(self, box: QAbstractSpinBox) -> None:
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Qt's WheelFocus took the keyboard on a turn of the wheel
        box.installEventFilter(self)

    def eventFilter(self, box: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and not edits_number(event):
            event.ignore()  # not taken: the window's shortcut for it runs
            return True
        if kind == QEvent.Type.KeyPress and event.key() in LEAVE_KEYS and isinstance(box, QAbstractSpinBox):
            box.interpretText()
            self.done.emit()
            return True
        if kind == QEvent.Type.MouseButtonRelease:  # the box's own area is its arrows; its text is a child
            QTimer.singleShot(0, self.done.emit)  # once the box has ended its step
        return False
