"""An overview in the canvas corner while zoomed in: the whole photo, the visible part framed; click or drag to
move the view there. A B-scan drawn stretched on the canvas (its pixels not square) is drawn so here too."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGraphicsView, QWidget

MINIMAP_SIDE = 180  # pixels on the long edge


class Minimap(QWidget):
    """Child widget of a canvas; the canvas calls ``set_image`` and ``refresh`` (on zoom, scroll and resize)."""

    MARGIN = 10

    def __init__(self, canvas: QGraphicsView) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self._source = QImage()
        self._thumbnail: QImage | None = None
        self._scene_size = QSize()
        self._stretch = (1.0, 1.0)  # the canvas's display_stretch
        self._visible_rect = QRectF()
        self._enabled = True
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Overview: click or drag to move the view"))
        self.hide()

    def set_image(self, image: QImage, width: int, height: int, stretch: tuple[float, float] = (1.0, 1.0)) -> None:
        """The photo (possibly a reduced preview), the size of the image it stands for, and how many times wider and
        taller than square its pixels are drawn (across, down)."""
        self._source = image
        self._scene_size = QSize(width, height)
        self.set_stretch(stretch)

    def set_stretch(self, stretch: tuple[float, float]) -> None:
        """How many times wider and taller than square the canvas draws the image's pixels (across, down)."""
        self._stretch = stretch
        self._thumbnail = None  # made when first shown, at the size this shape gives: opening an image stays fast
        shown_width, shown_height = self._scene_size.width() * stretch[0], self._scene_size.height() * stretch[1]
        scale = MINIMAP_SIDE / max(1, shown_width, shown_height)
        self.setFixedSize(max(1, round(shown_width * scale)), max(1, round(shown_height * scale)))
        self.refresh()

    def set_enabled(self, enabled: bool) -> None:
        """False keeps the overview hidden whatever the zoom."""
        self._enabled = enabled
        self.refresh()

    def refresh(self) -> None:
        """Follow the canvas: shown only when part of the image is outside the view."""
        canvas = self._canvas
        if not self._enabled or self._source.isNull() or self._scene_size.isEmpty():
            self.hide()
            return
        image_rect = QRectF(0, 0, self._scene_size.width(), self._scene_size.height())
        seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        self._visible_rect = seen.intersected(image_rect)
        cropped = not seen.adjusted(-0.5, -0.5, 0.5, 0.5).contains(image_rect)
        viewport = canvas.viewport().geometry()
        self.move(viewport.right() - self.width() - self.MARGIN, viewport.bottom() - self.height() - self.MARGIN)
        self.setVisible(cropped)
        if cropped:
            self.raise_()
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 20, 20))
        painter.drawImage(QPointF(0, 0), self._thumbnail_image())
        across, down = self._scales()
        frame = QRectF(self._visible_rect.x() * across, self._visible_rect.y() * down,
                       self._visible_rect.width() * across, self._visible_rect.height() * down)
        painter.setPen(QPen(QColor(0, 0, 0, 180), 3))
        painter.drawRect(frame)
        painter.setPen(QPen(QColor("white"), 1))
        painter.drawRect(frame)
        painter.setPen(QPen(QColor(255, 255, 255, 90), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._centre_on(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_on(event.position())

    def _centre_on(self, point: QPointF) -> None:
        across, down = self._scales()
        self._canvas.centerOn(point.x() / across, point.y() / down)

    def _scales(self) -> tuple[float, float]:
        """Overview pixels per image pixel, across and down."""
        across = self.width() / self._scene_size.width()
        return across, across * self._stretch[1] / self._stretch[0]

    def _thumbnail_image(self) -> QImage:
        """The overview in the screen's device pixels (a 2x screen's 360 x 240 for 180 x 120 points: made at the
        points alone it was drawn enlarged and blurred); made again on a screen of another density."""
        ratio = self.devicePixelRatioF()
        if self._thumbnail is None or self._thumbnail.devicePixelRatio() != ratio:
            pixels = self.size() * ratio
            # Nearest-neighbour to twice the size, then smooth: near the quality of a full smooth scale at a
            # fraction of its cost on a 12-megapixel photo.
            rough = self._source.scaled(pixels * 2, Qt.AspectRatioMode.IgnoreAspectRatio,
                                        Qt.TransformationMode.FastTransformation)
            self._thumbnail = rough.scaled(pixels, Qt.AspectRatioMode.IgnoreAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
            self._thumbnail.setDevicePixelRatio(ratio)
        return self._thumbnail
