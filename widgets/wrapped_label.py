"""A word-wrapped label no layout makes lower than its text needs at its width. Layouts size a window by their
items' minimum heights, and a wrapped label's is one line's at most widths (its height-for-width is asked for the
size hint only): a window opened or grown to its minimum (QLayout.SetMinimumSize) cut its last lines off."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        """At least the height its text needs at its width once shown: before, its width is Qt's placeholder, at
        which the text would ask for many lines."""
        hint = super().minimumSizeHint()
        if self.isVisible():
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # another width, another minimum height (layouts keep the hints they were given)
