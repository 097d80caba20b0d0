"""A small horizontal bar chart of class probabilities (DR grades 0-4, or OCT classes), the top class marked."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW_HEIGHT = 16
LABEL_WIDTH = 46  # the least: the labels' column widens to its longest label ("Drusen", "玻璃膜疣")
LABEL_GAP = 6  # between a label and its bar
VALUE_WIDTH = 40


class GradeBarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._values: list[float] = []
        self._marked: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_probabilities(self, labels: Sequence[str], values: Sequence[float] | None,
                          marked: int | None = None) -> None:
        """Show ``values`` (0..1) against ``labels``; ``marked`` (default: the largest) is drawn highlighted."""
        self._labels = list(labels)
        self._values = [float(v) for v in values] if values else []
        if self._values and len(self._values) != len(self._labels):
            raise ValueError(f"{len(self._values)} probabilities for {len(self._labels)} classes")
        if marked is None and self._values:
            marked = max(range(len(self._values)), key=self._values.__getitem__)
        self._marked = marked
        self.updateGeometry()
        self.update()

    def probabilities(self) -> list[float]:
        return list(self._values)

    def labels(self) -> list[str]:
        return list(self._labels)

    def label_width(self) -> int:
        """The labels' column: each label whole beside its bar."""
        metrics = self.fontMetrics()
        return max([LABEL_WIDTH] + [metrics.horizontalAdvance(label) + LABEL_GAP for label in self._labels])

    def sizeHint(self) -> QSize:
        return QSize(200, max(1, len(self._labels)) * ROW_HEIGHT + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        label_width = self.label_width()
        bar_width = max(10, self.width() - label_width - VALUE_WIDTH - 8)
        if not self._values:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("no probabilities"))
            return
        for row, (label, value) in enumerate(zip(self._labels, self._values)):
            top = 2 + row * ROW_HEIGHT
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, top, label_width, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, label)
            track = QRectF(label_width, top + 3, bar_width, ROW_HEIGHT - 6)
            painter.fillRect(track, palette.color(QPalette.ColorRole.AlternateBase))
            colour = QColor("#e65100") if row == self._marked else QColor("#607d8b")
            painter.fillRect(QRectF(track.left(), track.top(), bar_width * min(max(value, 0.0), 1.0),
                                    track.height()), colour)
            painter.drawText(QRectF(label_width + bar_width + 4, top, VALUE_WIDTH, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter, f"{value * 100:.0f}%")
