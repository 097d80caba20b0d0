"""The ruler and area tools on the canvas: the measured line or outline with its figure beside it (a label of
constant screen size), and a sentence for the status bar that says which scale the figure rests on."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem

from annotations.tools import AreaTool, Measurement, Scale, Tool
from annotations.tools.measure import UNRECORDED_SCALE
from widgets.canvas import CanvasMouseEvent, ImageCanvas
from widgets.clinical_terms import scale_source_name
from widgets.tools.overlays import OVERLAY_Z, _OverlayItem, _pens
from widgets.tools.tool_view import CLOSE_REACH_PX, ToolView

MEASURE_COLOUR = QColor("#00E5FF")  # cyan: no lesion class uses it
LABEL_PADDING = 4.0
# pyside6-lupdate finds texts only in calls named translate/tr/QT_TRANSLATE_NOOP with literal arguments.
translate = QCoreApplication.translate


def figure(measurement: Measurement) -> str:
    """The short figure drawn on the canvas: "0.52 mm (520 µm)", "0.0060 mm²", or pixels without a scale."""
    mm = measurement.millimetres
    if measurement.kind == "length":
        px = translate("MeasureToolView", "{px:.1f} px").format(px=measurement.pixels)
        if mm is None:
            return px
        if mm < 1:
            return translate("MeasureToolView", "{um:.0f} µm").format(um=mm * 1000) + " · " + px
        return translate("MeasureToolView", "{mm:.2f} mm ({um:.0f} µm)").format(mm=mm, um=mm * 1000) + " · " + px
    px = translate("MeasureToolView", "{px:.0f} px²").format(px=measurement.pixels)
    return px if mm is None else translate("MeasureToolView", "{mm:.4f} mm²").format(mm=mm) + " · " + px


def status_text(measurement: Measurement, transient: bool = True) -> str:
    """The status bar's sentence: what was measured, the figure, and the scale or its absence; ``transient``
    (a ruler or area tool's measurement) adds that it is not saved."""
    what = {"line": translate("MeasureToolView", "Distance"),
            "polygon": translate("MeasureToolView", "Polygon area"),
            "box": translate("MeasureToolView", "Box area")}.get(
        measurement.what, translate("MeasureToolView", "{lesion} lesion area").format(lesion=measurement.what))
    text = translate("MeasureToolView", "{what}: {figure}; {scale}.").format(what=what, figure=figure(measurement),
                                                                             scale=scale_text(measurement.scale))
    # one template, so that Chinese writes no space after the full stop
    return translate("MeasureToolView", "{measurement} Not saved; Esc clears it.").format(measurement=text) \
        if transient else text


def scale_text(scale: Scale) -> str:
    """The scale a figure rests on, a B-scan's two spacings each in its direction, or why there is none."""
    spacing = scale.spacing
    if spacing is not None and spacing.square:
        return translate("MeasureToolView", "scale {um:.2f} µm per pixel ({source})").format(
            um=spacing.column_mm * 1000, source=scale_source_name(scale.source))
    if spacing is not None:
        return translate("MeasureToolView", "scale {across:.2f} µm across and {down:.2f} µm down per pixel "
                                            "({source})").format(across=spacing.column_mm * 1000,
                                                                 down=spacing.row_mm * 1000,
                                                                 source=scale_source_name(scale.source))
    if scale.source == UNRECORDED_SCALE:
        return translate("MeasureToolView", "no scale: the scan's file records no pixel size, so the figure is in "
                                            "pixels")
    return translate("MeasureToolView", "no scale for this case yet (the AI analysis finds it from the optic "
                                        "disc), so the figure is in pixels")


class MeasureShape(_OverlayItem):
    """The measured line (with end ticks) or closed outline, in image coordinates."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self._path = QPainterPath()

    def show(self, measurement: Measurement) -> None:
        self.prepareGeometryChange()
        points = [QPointF(x, y) for x, y in measurement.points]
        path = QPainterPath()
        if measurement.kind == "area":
            path.addPolygon(QPolygonF([*points, points[0]]))
        else:
            path.moveTo(points[0])
            path.lineTo(points[-1])
        self._path = path
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setBrush(QColor(0, 229, 255, 40) if self._path.elementCount() > 2 else Qt.BrushStyle.NoBrush)
        for pen in _pens(MEASURE_COLOUR, 1.6):
            painter.setPen(pen)
            painter.drawPath(self._path)


class MeasureLabel(QGraphicsItem):
    """The figure in a dark box, the same size on screen at any zoom, anchored at an image point."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__()
        self.setZValue(OVERLAY_Z + 1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)
        self.text = ""
        self._font = QFont()
        self._font.setBold(True)
        scene.addItem(self)

    def show_text(self, text: str, x: float, y: float) -> None:
        self.prepareGeometryChange()
        self.text = text
        self.setPos(x, y)
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        size = QFontMetricsF(self._font).size(0, self.text)
        return QRectF(8, 8, size.width() + 2 * LABEL_PADDING, size.height() + 2 * LABEL_PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        box = self.boundingRect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 190))
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(self._font)
        painter.setPen(MEASURE_COLOUR)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.text)

    def remove(self) -> None:
        if self.scene() is not None:
            self.scene().removeItem(self)


class MeasureToolView(ToolView):
    """Adapter for RulerTool and AreaTool: draws the measurement, and tells the status bar once it is made."""

    def __init__(self, tool: Tool, on_message: Callable[[str], None] = lambda text: None) -> None:
        super().__init__(tool, on_message)
        self._shape: MeasureShape | None = None
        self._label: MeasureLabel | None = None
        self._told: Measurement | None = None

    def activate(self, canvas: ImageCanvas) -> None:
        super().activate(canvas)
        self._shape, self._label = MeasureShape(canvas.scene()), MeasureLabel(canvas.scene())

    def deactivate(self, canvas: ImageCanvas) -> None:
        for item in (self._shape, self._label):
            if item is not None:
                item.remove()
        self._shape = self._label = None
        self._told = None
        super().deactivate(canvas)

    def press(self, event: CanvasMouseEvent) -> None:
        if isinstance(self.tool, AreaTool) and self.canvas is not None:
            self.tool.close_distance = CLOSE_REACH_PX / self.canvas.zoom_level()
        super().press(event)

    def refresh(self) -> None:
        if self._shape is None or self._label is None:
            return
        measurement = getattr(self.tool, "measurement", None)
        if measurement is None or not measurement.points:
            self._shape.setVisible(False)
            self._label.setVisible(False)
            self._told = None
            return
        self._shape.show(measurement)
        x, y = measurement.points[-1] if measurement.kind == "length" else max(measurement.points)
        self._label.show_text(figure(measurement), x, y)
        if not self.tool.busy and measurement != self._told:
            self._told = measurement
            self.on_message(status_text(measurement))
