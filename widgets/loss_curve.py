"""A small live plot of training loss per step, drawn with QPainter (no plotting library in the GUI)."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SMOOTHING = 0.8  # exponential moving average weight of the previous value: the trend through noisy steps
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 62, 12, 10, 22
RAW_COLOUR, TREND_COLOUR = QColor("#9db7e0"), QColor("#1f5fbf")
LEGEND_SAMPLE = 18  # length of a legend's line sample, pixels


class LossCurve(QWidget):
    """``add_point(step, loss)`` as steps arrive; raw losses in a light line, their moving average in a dark one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[int, float]] = []
        self.trend: list[float] = []
        self.setMinimumSize(260, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(self.tr("Training loss per step (light) and its moving average (dark)"))

    def legend(self) -> list[tuple[str, QColor]]:
        """What each line is, in the order the legend lists them."""
        return [(self.tr("loss per step"), RAW_COLOUR), (self.tr("moving average"), TREND_COLOUR)]

    def sizeHint(self) -> QSize:
        return QSize(420, 180)

    def clear(self) -> None:
        self.points, self.trend = [], []
        self.update()

    def add_point(self, step: int, loss: float) -> None:
        if not math.isfinite(loss):  # a diverged step would flatten the whole plot; the text shows it anyway
            return
        self.points.append((int(step), float(loss)))
        previous = self.trend[-1] if self.trend else loss
        self.trend.append(SMOOTHING * previous + (1 - SMOOTHING) * loss)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        plot = QRectF(MARGIN_LEFT, MARGIN_TOP, max(self.width() - MARGIN_LEFT - MARGIN_RIGHT, 1),
                      max(self.height() - MARGIN_TOP - MARGIN_BOTTOM, 1))
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(plot)
        text_pen = QPen(self.palette().text().color())
        if not self.points:
            painter.setPen(text_pen)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("loss appears here as training runs"))
            return
        steps = [s for s, _ in self.points]
        losses = [v for _, v in self.points]
        low, high = min(losses), max(losses)
        if high - low < 1e-9:
            low, high = low - 0.5, high + 0.5
        first, last = steps[0], max(steps[-1], steps[0] + 1)

        def at(step: float, value: float) -> QPointF:
            x = plot.left() + (step - first) / (last - first) * plot.width()
            y = plot.bottom() - (value - low) / (high - low) * plot.height()
            return QPointF(x, y)

        for values, colour, width in ((losses, RAW_COLOUR, 1.0), (self.trend, TREND_COLOUR, 2.0)):
            path = QPainterPath(at(steps[0], values[0]))
            for step, value in zip(steps[1:], values[1:]):
                path.lineTo(at(step, value))
            painter.setPen(QPen(colour, width))
            painter.drawPath(path)
        if len(steps) == 1:  # a line needs two steps: the first one is a dot (the plot stayed empty)
            painter.setBrush(TREND_COLOUR)
            painter.drawEllipse(at(steps[0], losses[0]), 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        self._draw_legend(painter, plot, text_pen)
        painter.setPen(text_pen)
        label_width = MARGIN_LEFT - 6
        painter.drawText(QRectF(0, plot.top() - 6, label_width, 14), Qt.AlignmentFlag.AlignRight, f"{high:.3g}")
        painter.drawText(QRectF(0, plot.bottom() - 8, label_width, 14), Qt.AlignmentFlag.AlignRight, f"{low:.3g}")
        painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), 16),
                         Qt.AlignmentFlag.AlignLeft, self.tr("step {step}").format(step=first))
        painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), 16),
                         Qt.AlignmentFlag.AlignRight,
                         self.tr("step {step}  loss {loss}").format(step=steps[-1], loss=f"{losses[-1]:.4f}"))

    def _draw_legend(self, painter: QPainter, plot: QRectF, text_pen: QPen) -> None:
        """A line sample and its name per line, in a boxed corner at the top right of the plot."""
        metrics = painter.fontMetrics()
        rows = self.legend()
        width = LEGEND_SAMPLE + 6 + max(metrics.horizontalAdvance(text) for text, _ in rows) + 8
        height = len(rows) * metrics.height() + 6
        box = QRectF(plot.right() - width - 4, plot.top() + 4, width, height)
        background = self.palette().base().color()
        background.setAlpha(220)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.setBrush(background)
        painter.drawRect(box)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for row, (text, colour) in enumerate(rows):
            y = box.top() + 3 + (row + 0.5) * metrics.height()
            painter.setPen(QPen(colour, 2.0))
            painter.drawLine(QPointF(box.left() + 4, y), QPointF(box.left() + 4 + LEGEND_SAMPLE, y))
            painter.setPen(text_pen)
            painter.drawText(QRectF(box.left() + LEGEND_SAMPLE + 10, y - metrics.height() / 2, width,
                                    metrics.height()), Qt.AlignmentFlag.AlignVCenter, text)
