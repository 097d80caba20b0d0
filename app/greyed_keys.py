"""The keys of a greyed menu command still say why it does nothing: Qt matches no shortcut of a disabled action, so
Ctrl+G, 3 on an OCT scan, whose DR grade items are greyed, would be dead keys again (they once were, in silence).
While the action is disabled its keys are taken by shortcuts of their own, which show its refusal."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QWidget


class GreyedKeys(QObject):
    def __init__(self, window: QWidget, say: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.say = window, say

    def explain(self, action: QAction, refusal: Callable[[], str]) -> None:
        """While ``action`` is disabled its keys say ``refusal()`` (nothing where it is "")."""
        shortcuts = [QShortcut(key, self.window) for key in action.shortcuts()]
        for shortcut in shortcuts:
            shortcut.setEnabled(not action.isEnabled())
            shortcut.activated.connect(lambda: self._refuse(refusal))
        action.enabledChanged.connect(lambda enabled: [shortcut.setEnabled(not enabled) for shortcut in shortcuts])

    def _refuse(self, refusal: Callable[[], str]) -> None:
        said = refusal()
        if said:
            self.say(said)
