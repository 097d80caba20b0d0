"""Scene items the editing tools draw over the canvas: the brush's outline at the pointer, the lasso/polygon outline,
the rubber band of a box being drawn, the selected box's handles and the frame round an AI candidate.

All pens are cosmetic (one screen pixel whatever the zoom) and two-toned (dark halo, light line), so they
read on bright exudates and dark haemorrhages alike. Items sit above every layer (z 10) and ignore the mouse.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem

from annotations.footprint import brush_anchor, footprint_outline

OVERLAY_Z = 10
HANDLE_SCREEN_PX = 7  # side of a box handle on screen


def _pens(colour: QColor, width: float = 1.4, dashed: bool = False) -> tuple[QPen, QPen]:
    halo = QPen(QColor(0, 0, 0, 170), width + 2)
    line = QPen(colour, width)
    if dashed:
        line.setStyle(Qt.PenStyle.DashLine)
    for pen in (halo, line):
        pen.setCosmetic(True)
    return halo, line


class _OverlayItem(QGraphicsItem):
    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__()
        self.setZValue(OVERLAY_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)
        scene.addItem(self)

    def remove(self) -> None:
        if self.scene() is not None:
            self.scene().removeItem(self)


class BrushOutline(_OverlayItem):
    """The outline of the pixels a brush of the chosen size paints where the pointer is (annotations.footprint):
    it steps from pixel to pixel with the pointer, as the paint does, and a size 1 brush shows one pixel's square."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self._size = 0
        self._path = QPainterPath()
        self._pens = _pens(QColor(255, 255, 255))

    def show_at(self, x: float, y: float, size: int, colour: QColor) -> None:
        if size != self._size:
            self.prepareGeometryChange()
            self._size = size
            self._path = QPainterPath()
            self._path.addPolygon(QPolygonF([QPointF(px, py) for px, py in footprint_outline(size)]))
            self._path.closeSubpath()
        self._pens = _pens(colour)
        self.setPos(*brush_anchor(x, y, size))
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-2, -2, 2, 2)  # the cosmetic halo, at small zooms only

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen in self._pens:
            painter.setPen(pen)
            painter.drawPath(self._path)


class OutlinePreview(_OverlayItem):
    """An open polyline (lasso, polygon so far), with any closed parts before it (a lasso's parts closed by a zoom),
    or a rectangle (box being drawn)."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self._path = QPainterPath()
        self._pens = _pens(QColor(255, 255, 255), dashed=True)

    def show_points(self, points: Sequence[tuple[float, float]], colour: QColor,
                    closed: Sequence[Sequence[tuple[float, float]]] = ()) -> None:
        path = QPainterPath()
        for part in closed:
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in part]))
            path.closeSubpath()
        if points:
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
        self._set(path, colour, bool(points) or bool(closed))

    def show_rect(self, left: float, top: float, right: float, bottom: float, colour: QColor) -> None:
        path = QPainterPath()
        path.addRect(QRectF(QPointF(left, top), QPointF(right, bottom)).normalized())
        self._set(path, colour, True)

    def clear(self) -> None:
        self._set(QPainterPath(), QColor(255, 255, 255), False)

    def _set(self, path: QPainterPath, colour: QColor, visible: bool) -> None:
        self.prepareGeometryChange()
        self._path = path
        self._pens = _pens(colour, dashed=True)
        self.setVisible(visible)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen in self._pens:
            painter.setPen(pen)
            painter.drawPath(self._path)


class SelectionFrame(_OverlayItem):
    """The selected box: a bright frame with square handles of constant screen size at corners and edges,
    or (``handles=False``) a plain highlight such as the frame round the AI candidate under review."""

    def __init__(self, scene: QGraphicsScene, handles: bool = True) -> None:
        super().__init__(scene)
        self._rect = QRectF()
        self._handles = handles
        self._colour = QColor(255, 255, 255)

    def show_frame(self, left: float, top: float, right: float, bottom: float, colour: QColor) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(QPointF(left, top), QPointF(right, bottom)).normalized()
        self._colour = colour
        self.setVisible(True)
        self.update()

    def clear(self) -> None:
        self.setVisible(False)

    def _handle_size(self) -> tuple[float, float]:
        """A handle's width and height in image pixels: square on screen, a B-scan's pixels drawn stretched or not."""
        view = self.scene().views()[0].transform() if self.scene() and self.scene().views() else None
        across, down = (view.m11(), view.m22()) if view is not None else (1.0, 1.0)
        return HANDLE_SCREEN_PX / max(across, 1e-6), HANDLE_SCREEN_PX / max(down, 1e-6)

    def boundingRect(self) -> QRectF:
        across, down = self._handle_size() if self._handles else (2.0, 2.0)
        return self._rect.adjusted(-across, -down, across, down)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        halo, line = _pens(self._colour, 2.0)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen in (halo, line):
            painter.setPen(pen)
            painter.drawRect(self._rect)
        if not self._handles:
            return
        width, height = self._handle_size()
        r = self._rect
        painter.setPen(halo)
        painter.setBrush(self._colour)
        for x in (r.left(), r.center().x(), r.right()):
            for y in (r.top(), r.center().y(), r.bottom()):
                if (x, y) != (r.center().x(), r.center().y()):
                    painter.drawRect(QRectF(x - width / 2, y - height / 2, width, height))
