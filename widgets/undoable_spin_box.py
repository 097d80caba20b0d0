"""A spin box whose own Undo, Ctrl+Z or its right-click menu's, takes its typing back, as a line edit's does.

QSpinBox lost it two ways. It finishes its editing on every focus loss (editingFinished; a text typed half way is
rewritten to its value's, which clears the text's undo), its own menu's too: the typing was recorded as the case's
step before the menu's Undo, which found nothing to take back. And its special value's text ("not recorded") is
shown, never read: undone back to it, the spin box kept the typed value and showed it again on the next focus."""
from __future__ import annotations

from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QSpinBox

from widgets.own_popup import lost_to_own_popup


class UndoableSpinBox(QSpinBox):
    def focusOutEvent(self, event: QFocusEvent) -> None:
        if lost_to_own_popup(self, event):  # its right-click menu: still typing in it
            self.lineEdit().event(event)  # its text's cursor stops blinking, all a line edit does then
            return
        super().focusOutEvent(event)

    def validate(self, text: str, pos: int) -> object:
        if self._special(text):
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        return self.minimum() if self._special(text) else super().valueFromText(text)

    def _special(self, text: str) -> bool:
        """Whether ``text`` is the special value's, which stands for the minimum (QSpinBox's specialValueText)."""
        return bool(self.specialValueText()) and text == self.specialValueText()
