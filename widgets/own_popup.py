"""A text field losing the focus to a popup of its own (its right-click menu) is not left: what is typed stays one
step in the typing, and the field's own undo stays, for the menu's Undo. The rule a QLineEdit (a patient's field)
follows by itself, not finishing its editing then; the findings box, a QPlainTextEdit, and the age, a spin box
(undoable_spin_box), follow it through this."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget


def lost_to_own_popup(field: QWidget, event: QFocusEvent) -> bool:
    """Whether ``event``, ``field``'s focus out, gave the focus to a popup ``field`` opened (QLineEdit's rule), or a
    part of it did (a QPlainTextEdit's menu is its viewport's)."""
    popup = QApplication.activePopupWidget()
    owner = popup.parentWidget() if popup is not None else None
    return event.reason() == Qt.FocusReason.PopupFocusReason and owner is not None and (
        owner is field or field.isAncestorOf(owner))
