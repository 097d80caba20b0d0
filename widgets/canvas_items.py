"""The scene items the canvas draws over the photo: class masks, AI mask outlines, boxes with labels, Grad-CAM, the FOV.

Scene units are source-image pixels. The mask overlay is a persistent premultiplied-ARGB32 QImage backed by a
numpy buffer; each pixel's colour comes from a 256-entry lookup table indexed by a "key" byte (bit n set = draw
class n+1 here), so an edit recolours only its own rectangle and a class toggle is one table lookup per pixel.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from annotations.classes import ALL_CLASSES, LesionClass, hex_to_rgb
from annotations.document import Box
from annotations.probability_maps import STORED_MAX_SIDE
from annotations.render import heatmap_rgb
from widgets.qimage_convert import argb_buffer, argb_to_qimage, pack_argb

# Where classes overlap, the later one here wins: small lesions stay visible on top of large ones.
FILL_PRIORITY: tuple[LesionClass, ...] = (LesionClass.SE, LesionClass.EX, LesionClass.HE, LesionClass.MA)
# Heat maps are drawn from a reduced, smoothly scaled map (cheaper); stored probability maps are drawn whole, as a
# subsample would drop one-pixel microaneurysm peaks.
HEATMAP_MAX_SIDE = STORED_MAX_SIDE
FOV_COLOUR = "#4DD0E1"
REBUILD_TILE = 256  # a full rebuild recomputes only tiles holding mask bits now or drawn before (masks are sparse)
_OD_KEY = LesionClass.OD.bit  # in fill keys the OD bit means "OD outline here", never an OD fill


def outline_thickness(height: int, width: int) -> int:
    """Outline width in image pixels: about one screen pixel when a fundus photo is fitted to a window."""
    return max(2, round(max(height, width) / 1000))


def inner_outline(region: np.ndarray, thickness: int) -> np.ndarray:
    """Pixels of ``region`` within ``thickness`` (4-neighbour steps) of its edge, the array border counting as
    an edge (a lesion cut by the image border gets a closed outline). Works on bool arrays and, bit by bit, on
    uint8 mask bits (all classes in one pass). A slice taken with a ``thickness`` margin gives exact results
    for its interior."""
    inner = region.copy()
    for _ in range(thickness):
        shrunk = inner.copy()
        shrunk[1:, :] &= inner[:-1, :]
        shrunk[:-1, :] &= inner[1:, :]
        shrunk[:, 1:] &= inner[:, :-1]
        shrunk[:, :-1] &= inner[:, 1:]
        shrunk[[0, -1], :] = 0
        shrunk[:, [0, -1]] = 0
        inner = shrunk
    return region & ~inner


def mask_keys(bits: np.ndarray, outline_only: bool, thickness: int) -> np.ndarray:
    """Key bytes for a block of mask bits: lesion bits as they are (or their outlines), OD as its outline."""
    if outline_only:
        return _outline_in_bounds(bits, thickness)
    keys = bits & np.uint8(0x0F)
    keys |= _outline_in_bounds(bits & np.uint8(_OD_KEY), thickness)
    return keys


def _outline_in_bounds(bits: np.ndarray, thickness: int) -> np.ndarray:
    """``inner_outline`` of every bit, computed only in the bounding box of the set pixels plus a one-pixel
    margin (so the result equals the whole-array computation)."""
    out = np.zeros_like(bits)
    rows = np.flatnonzero(bits.any(axis=1))
    if rows.size == 0:
        return out
    cols = np.flatnonzero(bits[rows[0]: rows[-1] + 1].any(axis=0))
    y0, y1 = max(0, rows[0] - 1), min(bits.shape[0], rows[-1] + 2)
    x0, x1 = max(0, cols[0] - 1), min(bits.shape[1], cols[-1] + 2)
    out[y0:y1, x0:x1] = inner_outline(bits[y0:y1, x0:x1], thickness)
    return out


def occupied_tiles(bits: np.ndarray, tile: int = REBUILD_TILE) -> np.ndarray:
    """(ceil(H / tile), ceil(W / tile)) bool: which tiles hold any set bit. OR-ing whole rows together is one
    fast pass (about 0.5 ms on 12 MP, where reduceat down the rows takes 20 ms)."""
    height, width = bits.shape
    rows = np.stack([np.bitwise_or.reduce(bits[y:y + tile], axis=0) for y in range(0, height, tile)])
    return np.maximum.reduceat(rows, np.arange(0, width, tile), axis=1) != 0


def colour_table(visible: set[LesionClass], fill_alpha: int = 255) -> np.ndarray:
    """256 premultiplied ARGB values: key -> colour of the winning visible class at ``fill_alpha``; the OD
    outline wins over everything and is always opaque (a faint line would be lost on the bright disc)."""
    table = np.zeros(256, dtype=np.uint32)
    order = [cls for cls in FILL_PRIORITY + (LesionClass.OD,) if cls in visible]
    for key in range(1, 256):
        for cls in reversed(order):
            if key & cls.bit:
                alpha = 255 if cls is LesionClass.OD else fill_alpha
                table[key] = pack_argb(*hex_to_rgb(cls.colour), alpha)
                break
    return table


class LayerRoot(QGraphicsItem):
    """An invisible parent: hiding it hides every overlay at once (the bare-image key) without touching the
    visibility each layer has of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        pass  # ItemHasNoContents: Qt never calls this


class RasterItem(QGraphicsItem):
    """A QImage stretched over an image-space rectangle (a preview or a low-resolution map fills the full size).
    Draws only the exposed part, with smoothing only when asked (crisp pixels when magnified)."""

    def __init__(self, parent: QGraphicsItem | None = None, always_smooth: bool = False) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._image = QImage()
        self._rect = QRectF()
        self._always_smooth = always_smooth
        self._smooth = always_smooth

    def set_qimage(self, image: QImage, width: int, height: int) -> None:
        self.prepareGeometryChange()
        self._image = image
        self._rect = QRectF(0, 0, width, height)
        self.update()

    def qimage(self) -> QImage:
        return self._image

    def set_smooth(self, smooth: bool) -> None:
        smooth = smooth or self._always_smooth or self._is_stretched()
        if smooth != self._smooth:
            self._smooth = smooth
            self.update()

    def is_smooth(self) -> bool:
        return self._smooth

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if self._image.isNull() or self._rect.isEmpty():
            return
        sx = self._image.width() / self._rect.width()
        sy = self._image.height() / self._rect.height()
        exposed = option.exposedRect.intersected(self._rect)
        # Snap to whole source pixels so every partial repaint samples exactly like a full one.
        x0, y0 = math.floor(exposed.left() * sx), math.floor(exposed.top() * sy)
        x1 = min(self._image.width(), math.ceil(exposed.right() * sx))
        y1 = min(self._image.height(), math.ceil(exposed.bottom() * sy))
        if x1 <= x0 or y1 <= y0:
            return
        source = QRectF(x0, y0, x1 - x0, y1 - y0)
        target = QRectF(x0 / sx, y0 / sy, (x1 - x0) / sx, (y1 - y0) / sy)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._smooth)
        painter.drawImage(target, self._image, source)
        painter.restore()

    def _is_stretched(self) -> bool:
        return not self._image.isNull() and self._image.width() < self._rect.width()


class MaskOverlayItem(RasterItem):
    """One mask-bits array drawn as class colours (fill) or as class outlines (``outline_only``, opaque).
    The fill opacity lives in the colour table, not in the item, so the OD outline can stay opaque."""

    def __init__(self, parent: QGraphicsItem, outline_only: bool = False) -> None:
        super().__init__(parent)
        self.outline_only = outline_only
        self._bits: np.ndarray | None = None
        self._keys = np.zeros((0, 0), dtype=np.uint8)
        self._buffer = np.zeros((0, 0), dtype=np.uint32)
        self._visible: set[LesionClass] = set(ALL_CLASSES)
        self._fill_alpha = 255
        self._table = colour_table(self._visible)
        self._thickness = 2
        self._drawn = np.zeros((0, 0), dtype=bool)  # tiles whose keys may be non-zero

    @property
    def buffer(self) -> np.ndarray:
        """The premultiplied ARGB pixels being drawn (read-only use: tests and benchmarks)."""
        return self._buffer

    def set_bits(self, bits: np.ndarray | None) -> None:
        """Follow a mask array (not copied: edits are announced through update_region)."""
        self._bits = bits
        if bits is None:
            self._keys = np.zeros((0, 0), dtype=np.uint8)
            self._buffer = np.zeros((0, 0), dtype=np.uint32)
            self.set_qimage(QImage(), 0, 0)
            return
        height, width = bits.shape
        if self._buffer.shape != bits.shape:
            self._buffer, image = argb_buffer(height, width)
            self._keys = np.zeros((height, width), dtype=np.uint8)
            self._drawn = np.zeros(_tile_grid(height, width), dtype=bool)
            self.set_qimage(image, width, height)
        self._thickness = outline_thickness(height, width)
        self.rebuild()

    def set_visible_classes(self, classes: set[LesionClass]) -> None:
        if classes != self._visible:
            self._visible = set(classes)
            self._new_table()

    def set_fill_opacity(self, opacity: float) -> None:
        alpha = round(min(1.0, max(0.0, opacity)) * 255)
        if alpha != self._fill_alpha:
            self._fill_alpha = alpha
            self._new_table()

    def fill_opacity(self) -> float:
        return self._fill_alpha / 255

    def _new_table(self) -> None:
        self._table = colour_table(self._visible, 255 if self.outline_only else self._fill_alpha)
        if self._bits is None:
            return
        tile = REBUILD_TILE  # keys are 0 outside the drawn tiles: only those need new colours
        for ty, tx in zip(*np.nonzero(self._drawn)):
            y0, x0 = int(ty) * tile, int(tx) * tile
            self._colour_block(slice(y0, y0 + tile), slice(x0, x0 + tile))
        self.update()

    def rebuild(self) -> None:
        """Recompute every key and colour (a new mask, or a change without a region). Only tiles that hold mask
        bits, or were drawn before, are computed: elsewhere keys and colours are already 0 (transparent), so a
        sparse 12-megapixel mask costs a fraction of a whole-array pass."""
        if self._bits is None:
            return
        occupied = occupied_tiles(self._bits)
        tile = REBUILD_TILE
        for ty, tx in zip(*np.nonzero(occupied | self._drawn)):
            y0, x0 = int(ty) * tile, int(tx) * tile
            self._set_keys(y0, min(y0 + tile, self._bits.shape[0]), x0, min(x0 + tile, self._bits.shape[1]))
        self._drawn = occupied
        self.update()

    def _set_keys(self, y0: int, y1: int, x0: int, x1: int) -> None:
        """Keys and colours of rows y0:y1, columns x0:x1 from the mask bits around them (outlines reach
        ``thickness`` pixels inwards, so a margin that wide makes the block exact)."""
        height, width = self._bits.shape
        grow = self._thickness
        my0, my1, mx0, mx1 = max(0, y0 - grow), min(height, y1 + grow), max(0, x0 - grow), min(width, x1 + grow)
        keys = mask_keys(self._bits[my0:my1, mx0:mx1], self.outline_only, self._thickness)
        self._keys[y0:y1, x0:x1] = keys[y0 - my0: y1 - my0, x0 - mx0: x1 - mx0]
        self._colour_block(slice(y0, y1), slice(x0, x1))

    def _colour_block(self, rows: slice, cols: slice) -> None:
        """Colours from keys; most keys are 0 (transparent), so only the others are looked up (10x faster
        than a lookup of every pixel)."""
        keys, block = self._keys[rows, cols], self._buffer[rows, cols]
        block.fill(0)
        drawn = keys != 0
        block[drawn] = self._table[keys[drawn]]

    def update_region(self, y0: int, y1: int, x0: int, x1: int) -> None:
        """Recolour rows y0:y1 and columns x0:x1 (exclusive ends) after the mask changed there."""
        if self._bits is None:
            return
        height, width = self._bits.shape
        y0, y1, x0, x1 = max(0, y0), min(height, y1), max(0, x0), min(width, x1)
        if y1 <= y0 or x1 <= x0:
            return
        # Outlines of the changed pixels reach `thickness` beyond them; _set_keys adds one more margin.
        grow = self._thickness
        oy0, oy1, ox0, ox1 = max(0, y0 - grow), min(height, y1 + grow), max(0, x0 - grow), min(width, x1 + grow)
        self._set_keys(oy0, oy1, ox0, ox1)
        tile = REBUILD_TILE
        self._drawn[oy0 // tile: (oy1 - 1) // tile + 1, ox0 // tile: (ox1 - 1) // tile + 1] = True
        self.update(QRectF(ox0, oy0, ox1 - ox0, oy1 - oy0))


def _tile_grid(height: int, width: int, tile: int = REBUILD_TILE) -> tuple[int, int]:
    return -(-height // tile), -(-width // tile)


class HeatmapItem(RasterItem):
    """A heat map (Grad-CAM or a class's probability) as a colour ramp whose alpha is the heat itself, so cold
    areas leave the photo untouched."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent, always_smooth=True)
        self._buffer = np.zeros((0, 0), dtype=np.uint32)

    def set_cam(self, cam: np.ndarray | None, width: int, height: int) -> None:
        if cam is None:
            self._buffer = np.zeros((0, 0), dtype=np.uint32)
            self.set_qimage(QImage(), 0, 0)
            return
        step = max(1, math.ceil(max(cam.shape) / HEATMAP_MAX_SIDE))
        heat = np.clip(np.asarray(cam[::step, ::step], dtype=np.float32), 0.0, 1.0)
        colours = heatmap_rgb(heat).astype(np.float32) * heat[..., None] + 0.5  # premultiplied
        alpha = (heat * 255.0 + 0.5).astype(np.uint32)
        rgb = colours.astype(np.uint32)
        self._buffer = np.ascontiguousarray((alpha << 24) | (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2])
        self.set_qimage(argb_to_qimage(self._buffer), width, height)


class BoxLabelItem(QGraphicsItem):
    """A class-coloured tag drawn at a constant screen size just above its box's top-left corner."""

    FONT = QFont("Sans", 9, QFont.Weight.DemiBold)

    def __init__(self, text: str, colour: QColor, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._text = text
        self._colour = colour
        metrics = QFontMetricsF(self.FONT)
        self._rect = QRectF(0, -metrics.height() - 2, metrics.horizontalAdvance(text) + 8, metrics.height() + 2)

    def text(self) -> str:
        return self._text

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.fillRect(self._rect, self._colour)
        luminance = 0.299 * self._colour.red() + 0.587 * self._colour.green() + 0.114 * self._colour.blue()
        painter.setPen(QColor("black") if luminance > 140 else QColor("white"))
        painter.setFont(self.FONT)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)


class BoxItem(QGraphicsRectItem):
    """A VOC box: a class-coloured frame with a dark halo (readable on bright and dark fundus), dashed for AI
    boxes, dotted and tagged "D" when marked difficult, with its label. ``uid`` ties it to the document's Box for
    tools that select and edit boxes."""

    def __init__(self, box: Box, parent: QGraphicsItem) -> None:
        # VOC xmax/ymax are inclusive pixel indices, so the frame spans one pixel more.
        super().__init__(QRectF(box.xmin, box.ymin, box.xmax - box.xmin + 1, box.ymax - box.ymin + 1), parent)
        self.uid = box.uid
        self.label = box.label
        colour = QColor(box.label.colour)
        self._halo = QPen(QColor(0, 0, 0, 160), 3.5)
        self._halo.setCosmetic(True)
        pen = QPen(colour, 1.6)
        pen.setCosmetic(True)
        if box.difficult:
            pen.setStyle(Qt.PenStyle.DotLine)
        elif box.source == "ai":
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        text = box.label.name if box.score is None else f"{box.label.name} {box.score:.2f}"
        if box.difficult:
            text += " D"
        self.tag = BoxLabelItem(text, colour, self)
        self.tag.setPos(QPointF(box.xmin, box.ymin))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._halo)
        painter.drawRect(self.rect())
        painter.setPen(self.pen())
        painter.drawRect(self.rect())


class FovItem(QGraphicsEllipseItem):
    """The field-of-view circle: a thin dashed cyan line, distinct from the white optic-disc outline."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        pen = QPen(QColor(FOV_COLOUR), 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))

    def set_circle(self, cx: float, cy: float, radius: float) -> None:
        self.setRect(QRectF(cx - radius, cy - radius, 2 * radius, 2 * radius))
