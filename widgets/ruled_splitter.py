"""A splitter whose first widget is as wide as a rule of the window's width says (its first share, on any screen)
until the reader drags the handle; from then on the reader's width stays and the rest of the splitter follows the
window."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter


class RuledSplitter(QSplitter):
    def __init__(self, first_width: Callable[[int, int], int]) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.first_width = first_width  # the window's width, the room the two widgets share -> the first widget's
        self.dragged = False
        self.splitterMoved.connect(self._dragged)  # only the handle moves it: setSizes() does not emit it

    def _dragged(self) -> None:
        self.dragged = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.follow_rule()

    def follow_rule(self) -> None:
        """The first widget as wide as the rule says, until the reader drags the handle (also when what the rule
        reads changed without a resize)."""
        if not self.dragged and self.count() == 2:
            shared = self.width() - self.handleWidth()
            first = self.first_width(self.window().width(), shared)
            self.setSizes([first, shared - first])
