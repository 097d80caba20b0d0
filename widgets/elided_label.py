"""A one-line label that gives way to what stands beside it: where a layout allows it less room than its text needs,
it shows the text cut short with "…", and the whole text in its tooltip. ``text()`` stays the whole text."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel

SHORTEST_CHARS = 12  # as narrow as it gets: the start of its text still says what it is


class ElidedLabel(QLabel):
    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * SHORTEST_CHARS), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        QPainter(self).drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), shown)
