"""The image canvas: a fundus photo with its lesion overlays, smooth pan and zoom (crisp pixels when magnified),
an overview while zoomed in, and mouse events in image coordinates for editing tools.

Controls: wheel zooms around the cursor; middle-drag or Space+left-drag pans; hold the backtick key (`) to see
the bare photo (Space pans and B is left for the brush). Scene units are source-image pixels; image coordinates
are floats whose integer part is the pixel (pixel (x, y) covers x..x+1, y..y+1). Pixels are drawn square, as OCT
devices show a B-scan by default; at true shape (set_true_shape) a B-scan whose file records pixels taller or wider
than square (DICOM Pixel Spacing) is drawn to their size: the view's transform stretches its coarser direction
(annotations.pixel_spacing.display_stretch), while every coordinate stays in image pixels.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsScene, QGraphicsView, QWidget

from annotations.commands import Change
from annotations.document import CaseDocument
from annotations.pixel_spacing import PixelSpacing, display_stretch
from widgets.canvas_items import BoxItem, RasterItem
from widgets.layer_stack import LayerStack
from widgets.minimap import Minimap
from widgets.qimage_convert import rgb_to_qimage

MAX_ZOOM = 32.0  # 3200 %: a microaneurysm pixel becomes a 32-pixel square
WHEEL_STEP = 1.25  # zoom factor per wheel notch
BARE_IMAGE_KEY = Qt.Key.Key_QuoteLeft


@dataclass(frozen=True)
class CanvasMouseEvent:
    """A mouse event in image coordinates, as tools receive it."""

    x: float
    y: float
    button: Qt.MouseButton
    buttons: Qt.MouseButton
    modifiers: Qt.KeyboardModifier
    inside: bool  # over the image (tools may still want outside events, e.g. to finish a drag)

    @property
    def pixel(self) -> tuple[int, int]:
        return math.floor(self.x), math.floor(self.y)


class CanvasTool:
    """Base for editing tools (brush, boxes...). ``set_tool`` calls ``activate``/``deactivate``; left-button
    and hover events arrive as CanvasMouseEvent (panning and zooming stay with the canvas). The defaults do
    nothing, so a tool overrides only what it needs."""

    cursor: Qt.CursorShape = Qt.CursorShape.CrossCursor

    def activate(self, canvas: ImageCanvas) -> None:
        pass

    def deactivate(self, canvas: ImageCanvas) -> None:
        pass

    def press(self, event: CanvasMouseEvent) -> None:
        pass

    def move(self, event: CanvasMouseEvent) -> None:
        pass

    def release(self, event: CanvasMouseEvent) -> None:
        pass

    def jump(self, event: CanvasMouseEvent, travelled: bool = False) -> None:
        """The pointer is over (event.x, event.y) without having travelled there for the tool: it moved while the
        view was panned (``travelled``: it went there over the photo), or the view moved under it (a zoom key), so
        a stroke must not be drawn along the way."""

    @property
    def drawing(self) -> bool:
        """Something is being drawn with the pointer though no button may be held (a polygon's corners placed)."""
        return False

    def layers_shown_changed(self) -> None:
        """A layer was hidden or shown (View ▸ Show HE): what the tool shows or grabs may follow."""


class ImageCanvas(QGraphicsView):
    zoom_changed = Signal(float)
    image_changed = Signal()  # set_image showed a new array (a preview, then the full image)
    cursor_moved = Signal(int, int)  # image pixel under the cursor; (-1, -1) outside the image
    bare_image_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.image_item = RasterItem()
        self.scene().addItem(self.image_item)
        self.layers = LayerStack(self.scene())
        self.minimap = Minimap(self)
        self._rgb: np.ndarray | None = None
        self._size = (0, 0)
        self._stretch = (1.0, 1.0)  # (across, down): how much wider and taller than square a pixel is drawn
        self._spacing: PixelSpacing | None = None  # the shown image's pixel size, as its file records it
        self._true_shape = False  # pixels drawn to that size, not square (set_true_shape)
        self._fit_mode = True
        self._tool: CanvasTool | None = None
        self._pan_from: QPointF | None = None
        self._pan_button = Qt.MouseButton.NoButton  # the button whose release ends the pan
        self._space_down = False
        self._last_pixel = (-1, -1)
        self._pointer: tuple[QPointF, QPointF] | None = None  # its last viewport position, the photo point there
        self._catch_up_due = False  # a catch-up with the pointer is queued for when the view has settled
        self._held_for_tool = False  # the left button went down for the tool (a stroke, a lasso) and is still down

        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor(24, 24, 24))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)  # we anchor zooms ourselves
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)

    # -- image and document ------------------------------------------------------------------------------------
    def set_image(self, rgb: np.ndarray, pixel_spacing: PixelSpacing | None = None) -> None:
        """Show an RGB uint8 photo (not copied) whose pixels have the size its file records (``pixel_spacing``;
        None: unknown): at true shape they are drawn to it (set_true_shape), else square."""
        self._show(rgb, (rgb.shape[1], rgb.shape[0]), pixel_spacing)

    def show_preview(self, rgb: np.ndarray | None, width: int, height: int) -> None:
        """A reduced decode standing for a ``width`` x ``height`` photo until the full one is set (stretched over
        that size, so image coordinates stay full-size); without one, a dark placeholder of that size lets the case's
        document show at once. Of the size shown (the next B-scan of a volume) it keeps the pixel size shown, so
        stepping through a volume keeps the view; else its pixels are square until its file says otherwise."""
        spacing = self._spacing if (width, height) == self._size else None
        self._show(rgb if rgb is not None else np.full((1, 1, 3), 40, dtype=np.uint8), (width, height), spacing)

    def _show(self, rgb: np.ndarray, size: tuple[int, int], spacing: PixelSpacing | None) -> None:
        stretch = display_stretch(spacing, self._true_shape)
        self._rgb, self._spacing = rgb, spacing
        image = rgb_to_qimage(rgb)
        self.image_item.set_qimage(image, *size)
        self.minimap.set_image(image, *size, stretch)
        if size != self._size:
            self._size, self._stretch = size, stretch
            self.scene().setSceneRect(QRectF(0, 0, *size))
            self.layers.set_image_size(*size)
            self.fit_to_window()
        elif stretch != self._stretch:
            self._restretch(stretch)
        self._apply_smoothing()
        self.image_changed.emit()

    def set_true_shape(self, on: bool) -> None:
        """Draw pixels that are not square to the size their file records (True), or square, one screen pixel per
        image pixel (False); the view stays fitted if it was, else keeps its zoom round the image point in its
        middle."""
        self._true_shape = on
        stretch = display_stretch(self._spacing, on)
        if stretch != self._stretch:
            self._restretch(stretch)

    def pixels_not_square(self) -> bool:
        """Whether the shown image's file records pixels taller or wider than square: set_true_shape changes it."""
        return self._spacing is not None and not self._spacing.square

    def _restretch(self, stretch: tuple[float, float]) -> None:
        """Draw the pixels at another shape, fitted still if they were, else at the same zoom round the same point."""
        zoom, centre = self.zoom_level(), self.view_centre()
        self._stretch = stretch
        self.minimap.set_stretch(stretch)
        if self._fit_mode:
            self.fit_to_window()
        else:
            self.set_view(zoom, centre)

    def image_array(self) -> np.ndarray | None:
        """The array being shown (a reduced preview until the full image is set)."""
        return self._rgb

    def image_size(self) -> tuple[int, int]:
        return self._size

    def display_stretch(self) -> tuple[float, float]:
        """(across, down): how many times wider and taller than square an image pixel is drawn."""
        return self._stretch

    def set_document(self, doc: CaseDocument | None) -> None:
        """Draw this case's masks, boxes and AI result; the canvas never changes the document."""
        if doc is not None and self._size != (0, 0) and (doc.width, doc.height) != self._size:
            raise ValueError(f"case {doc.case_id} is {doc.width}x{doc.height} but the image shown is "
                             f"{self._size[0]}x{self._size[1]}")
        if doc is not None and self._size == (0, 0):
            self._size = (doc.width, doc.height)
            self.scene().setSceneRect(QRectF(0, 0, doc.width, doc.height))
            self.layers.set_image_size(doc.width, doc.height)
        self.layers.set_document(doc)

    def apply_change(self, change: Change) -> None:
        """History listener: redraw only what a document change touched."""
        if change.kind == "mask":
            if change.region is None:
                self.layers.refresh_masks()
            else:
                self.layers.update_mask_region(*change.region)
        elif change.kind == "boxes":
            if change.uids is None:
                self.layers.refresh_boxes()
            else:
                self.layers.update_boxes(change.uids)
        elif change.kind == "ai":
            self.layers.refresh_ai()

    def update_mask_region(self, y0: int, y1: int, x0: int, x1: int) -> None:
        self.layers.update_mask_region(y0, y1, x0, x1)

    # -- layers (see LayerStack for details) -------------------------------------------------------------------
    def set_layer_visible(self, name: str, visible: bool) -> None:
        self.layers.set_layer_visible(name, visible)
        if self._tool is not None:
            self._tool.layers_shown_changed()

    def is_layer_visible(self, name: str) -> bool:
        return self.layers.is_layer_visible(name)

    def set_mask_source(self, source: str) -> None:
        """"reader", "ai", or "both" (reader filled, AI as outlines)."""
        self.layers.set_mask_source(source)

    def set_mask_opacity(self, opacity: float) -> None:
        self.layers.set_mask_opacity(opacity)

    def set_heatmap(self, cam: np.ndarray | None) -> None:
        self.layers.set_heatmap(cam)

    def set_heatmap_source(self, source: str | None) -> None:
        """GRAD_CAM, a class name (its probability) or None; see LayerStack.set_heatmap_source."""
        self.layers.set_heatmap_source(source)

    def set_heatmap_opacity(self, opacity: float) -> None:
        self.layers.set_heatmap_opacity(opacity)

    def set_fov(self, cx: float | None, cy: float | None = None, radius: float | None = None) -> None:
        self.layers.set_fov(cx, cy, radius)

    def box_items(self) -> list[BoxItem]:
        return self.layers.box_items()

    def set_bare_image(self, bare: bool) -> None:
        """Hide every overlay (True) or bring them back, as holding the backtick key does."""
        if bare == self.layers.is_shown():
            self.layers.set_shown(not bare)
            self.bare_image_changed.emit(bare)

    def is_bare_image(self) -> bool:
        return not self.layers.is_shown()

    # -- zoom and view -----------------------------------------------------------------------------------------
    def zoom_level(self) -> float:
        """Screen pixels per image pixel (1.0 = 100 %); of a B-scan drawn stretched, along its finer direction, the
        one not stretched."""
        return self.transform().m11() / self._stretch[0]

    def fit_zoom(self) -> float:
        width, height = self._size
        return self.zoom_showing(width, height) if width and height else 1.0

    def zoom_showing(self, width: float, height: float) -> float:
        """The zoom at which ``width`` x ``height`` image pixels just fill the view."""
        viewport = self.viewport().size()
        return min(viewport.width() / (width * self._stretch[0]), viewport.height() / (height * self._stretch[1]))

    def min_zoom(self) -> float:
        return min(self.fit_zoom(), 1.0)

    def fit_to_window(self) -> None:
        self._set_zoom(self.fit_zoom())
        self._fit_mode = True
        self.centerOn(self._size[0] / 2, self._size[1] / 2)

    def zoom_1_to_1(self) -> None:
        self._set_zoom(1.0)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Multiply the zoom, keeping the image point under ``anchor`` (viewport pixels; default the centre, or the
        pointer while anything is being drawn, as the wheel does: what is being drawn stays under it) where it is."""
        self._set_zoom(self.zoom_level() * factor, anchor)

    def set_view(self, zoom: float, centre: QPointF) -> None:
        """Show ``centre`` (image coordinates) in the middle at ``zoom`` (used to keep split views in step)."""
        self._set_zoom(zoom)
        self.centerOn(centre)

    def view_centre(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def to_image(self, viewport_pos: QPointF) -> QPointF:
        """Exact (sub-pixel) image coordinates of a viewport position."""
        inverse, _ = self.viewportTransform().inverted()
        return inverse.map(viewport_pos)

    def _set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        zoom = min(MAX_ZOOM, max(self.min_zoom(), zoom))
        across, down = zoom * self._stretch[0], zoom * self._stretch[1]
        self._fit_mode = False
        if math.isclose(across, self.transform().m11(), rel_tol=1e-9) and \
                math.isclose(down, self.transform().m22(), rel_tol=1e-9):
            return
        if anchor is None:
            drawing = self._held_for_tool or (self._tool is not None and self._tool.drawing)
            anchor = self._pointer[0] if drawing and self._pointer is not None \
                else QPointF(self.viewport().rect().center())
        fixed = self.to_image(anchor)
        self.setTransform(QTransform.fromScale(across, down))
        # Scroll so the anchored image point is back under the anchor.
        moved = self.mapFromScene(fixed)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(moved.x() - anchor.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(moved.y() - anchor.y()))
        self._apply_smoothing()
        self.zoom_changed.emit(zoom)
        self._view_moved()

    def _apply_smoothing(self) -> None:
        # Smoothing only when shrinking: magnified pixels must stay sharp squares (microaneurysms are tiny).
        magnified = self.zoom_level() >= 1.0
        self.image_item.set_smooth(not magnified)
        self.layers.set_magnification(self.zoom_level())

    def _view_moved(self) -> None:
        self.minimap.refresh()
        if self._pointer is not None and not self._catch_up_due:
            # Once the view has settled (fit zooms, then centres): the brush outline under a still pointer moves
            # to the photo point now under it at once, not at the next mouse move.
            self._catch_up_due = True
            QTimer.singleShot(0, self, self._catch_up)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._view_moved()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_mode:
            self.fit_to_window()
        elif self.zoom_level() < self.min_zoom():
            self._set_zoom(self.min_zoom())
        self._view_moved()

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120.0
        if notches:
            self.zoom_by(WHEEL_STEP ** notches, event.position())
        event.accept()

    # -- mouse: panning, cursor position, tools ----------------------------------------------------------------
    def set_tool(self, tool: CanvasTool | None) -> None:
        """Route left-button and hover events to ``tool`` (None: the canvas only pans and zooms)."""
        if self._tool is not None:
            self._tool.deactivate(self)
        self._tool = tool
        self._held_for_tool = False  # a release after the switch reaches no tool to say the button went up
        if tool is not None:
            tool.activate(self)
            self.viewport().setCursor(tool.cursor)
        else:
            self.viewport().unsetCursor()

    def tool(self) -> CanvasTool | None:
        return self._tool

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Without a tool (Look) the left button pans too, as in any image viewer.
        panning = event.button() == Qt.MouseButton.MiddleButton or (
            (self._space_down or self._tool is None) and event.button() == Qt.MouseButton.LeftButton)
        if panning:
            self._pan_from, self._pan_button = event.position(), event.button()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            image_event = self._image_event(event)
            if self._tool is not None:
                if event.button() == Qt.MouseButton.LeftButton:
                    self._held_for_tool = True
                self._tool.press(image_event)
        self._pointer_seen(event)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        image_event = self._image_event(event)
        pixel = image_event.pixel if image_event.inside else (-1, -1)
        if pixel != self._last_pixel:
            self._last_pixel = pixel
            self.cursor_moved.emit(*pixel)
        if self._tool is not None:
            self._catch_up()
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            if self._tool is not None:
                # where the pointer is over the photo after the scroll
                self._tool.jump(self._image_event(event), travelled=True)
        elif self._tool is not None:
            self._tool.move(image_event)
        self._pointer_seen(event)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A middle-drag pan during a stroke ends with the middle button: the left one's release still ends the stroke.
        if self._pan_from is not None and event.button() == self._pan_button:
            self._pan_from = None
            self._restore_cursor()
        elif self._tool is not None:
            self._catch_up()
            if event.button() == Qt.MouseButton.LeftButton:
                self._held_for_tool = False
            self._tool.release(self._image_event(event))
        self._pointer_seen(event)
        event.accept()

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._pointer = None  # gone: a zoom from a menu must not bring the brush outline where it was
        if self._last_pixel != (-1, -1):
            self._last_pixel = (-1, -1)
            self.cursor_moved.emit(-1, -1)

    # -- keys: Space (pan) and the bare-image key --------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == BARE_IMAGE_KEY:
            if not event.isAutoRepeat():
                self.set_bare_image(True)
        elif event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space_down = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == BARE_IMAGE_KEY:
            if not event.isAutoRepeat():
                self.set_bare_image(False)
        elif event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space_down = False
                self._restore_cursor()
        else:
            super().keyReleaseEvent(event)
            return
        event.accept()

    def focusOutEvent(self, event) -> None:
        # A key released while another window had focus never reaches us: do not leave overlays hidden.
        super().focusOutEvent(event)
        self._space_down = False
        self.set_bare_image(False)

    # -- helpers -----------------------------------------------------------------------------------------------
    def _image_event(self, event: QMouseEvent) -> CanvasMouseEvent:
        """``event`` in image coordinates."""
        return self._event_at(self.to_image(event.position()), event.button(), event.buttons(), event.modifiers())

    def _event_at(self, point: QPointF, button: Qt.MouseButton, buttons: Qt.MouseButton,
                  modifiers: Qt.KeyboardModifier) -> CanvasMouseEvent:
        width, height = self._size
        inside = 0 <= point.x() < width and 0 <= point.y() < height
        return CanvasMouseEvent(point.x(), point.y(), button, buttons, modifiers, inside)

    def _pointer_seen(self, event: QMouseEvent) -> None:
        self._pointer = (event.position(), self.to_image(event.position()))

    def _catch_up(self) -> None:
        """The view moved under the pointer since its last event (a zoom key, fit, 1:1, a resize): the tool hears that
        the pointer is over another point of the photo without having travelled there, so a stroke is not drawn
        across to it and the brush outline moves there. Queued by every view move and run before the next mouse
        event, whichever comes first."""
        self._catch_up_due = False
        if self._pointer is None or self._tool is None:
            return
        position, was_over = self._pointer
        now_over = self.to_image(position)
        offset = self.viewportTransform().map(was_over) - position
        if max(abs(offset.x()), abs(offset.y())) >= 1:  # less: a zoom round the pointer scrolls by whole pixels
            self._pointer = (position, now_over)
            self._tool.jump(self._event_at(now_over, Qt.MouseButton.NoButton, QApplication.mouseButtons(),
                                           QApplication.keyboardModifiers()))

    def _restore_cursor(self) -> None:
        if self._space_down:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif self._tool is not None:
            self.viewport().setCursor(self._tool.cursor)
        else:
            self.viewport().unsetCursor()

