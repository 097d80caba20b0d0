"""The heat map's colour scale from 0 to 1 (the canvas layer's ramp), with a mark where the mask was cut."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotations.render import heatmap_rgb

RAMP_HEIGHT = 12
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


class HeatScale(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._threshold: float | None = None
        ramp = heatmap_rgb(np.linspace(0.0, 1.0, 256, dtype=np.float32)[None, :])
        self._ramp = QImage(np.ascontiguousarray(ramp).data, 256, 1, 3 * 256, QImage.Format.Format_RGB888).copy()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_threshold(self, threshold: float | None) -> None:
        """Mark ``threshold`` (0..1) on the scale; None: no mark."""
        self._threshold = threshold
        self.update()

    def threshold(self) -> float | None:
        return self._threshold

    def sizeHint(self) -> QSize:
        return QSize(200, RAMP_HEIGHT + self.fontMetrics().height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        margin = metrics.horizontalAdvance("0.00") / 2 + 1  # the end labels fit inside the widget
        ramp = QRectF(margin, 2, self.width() - 2 * margin, RAMP_HEIGHT)
        painter.drawImage(ramp, self._ramp)
        painter.setPen(self.palette().windowText().color())
        painter.drawRect(ramp)
        for value in TICKS:
            x = ramp.left() + value * ramp.width()
            painter.drawLine(QPointF(x, ramp.bottom()), QPointF(x, ramp.bottom() + 3))
            text = f"{value:g}"
            painter.drawText(QRectF(x - margin, ramp.bottom() + 3, 2 * margin, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, text)
        if self._threshold is not None:
            x = ramp.left() + min(1.0, max(0.0, self._threshold)) * ramp.width()
            painter.setPen(QPen(QColor("white"), 3))
            painter.drawLine(QPointF(x, ramp.top() - 1), QPointF(x, ramp.bottom() + 1))
            painter.setPen(QPen(QColor("black"), 1))
            painter.drawLine(QPointF(x, ramp.top() - 1), QPointF(x, ramp.bottom() + 1))
            painter.setBrush(QColor("black"))
            painter.drawPolygon(QPolygonF([QPointF(x - 4, ramp.top() - 2), QPointF(x + 4, ramp.top() - 2),
                                           QPointF(x, ramp.top() + 3)]))
        painter.end()
