"""Qt-free drawing of labels over images (used by `analyze` overlays, reports and thumbnails)."""
from __future__ import annotations

from typing import Iterable

import numpy as np
from PIL import Image, ImageDraw

from annotations.classes import ALL_CLASSES, LESION_CLASSES, LesionClass, hex_to_rgb
from annotations.document import Box


def drawn_classes(mask_bits: np.ndarray | None, boxes: Iterable[Box] = ()) -> list[LesionClass]:
    """The lesion classes (MA, HE, EX, SE) that ``mask_bits`` and ``boxes`` hold, in class order: what overlay_mask
    and draw_boxes draw of them."""
    bits = int(np.bitwise_or.reduce(mask_bits, axis=None)) if mask_bits is not None and mask_bits.size else 0
    boxed = {box.label for box in boxes}
    return [cls for cls in LESION_CLASSES if bits & cls.bit or cls in boxed]


def class_colour_rgb(cls: LesionClass) -> np.ndarray:
    return np.array(hex_to_rgb(cls.colour), dtype=np.float32)


def overlay_mask(image: np.ndarray, mask_bits: np.ndarray, alpha: float = 0.55,
                 classes: Iterable[LesionClass] = LESION_CLASSES) -> np.ndarray:
    """Blend each class's colour over ``image`` (H, W, 3 uint8) where its bit is set; later classes on top.

    Only the labelled pixels are blended, in floats: a float copy of a whole 12-megapixel photo (two, with the
    rounding) took half a gigabyte for a moment."""
    if image.shape[:2] != mask_bits.shape:
        raise ValueError(f"image {image.shape[:2]} and mask {mask_bits.shape} differ in size")
    out = image.copy()
    for cls in classes:
        where = (mask_bits & cls.bit) != 0
        if cls is LesionClass.OD:
            out[_outline(where)] = hex_to_rgb(cls.colour)
        elif where.any():
            blended = out[where] * np.float32(1.0 - alpha) + class_colour_rgb(cls) * np.float32(alpha)
            out[where] = (blended + 0.5).astype(np.uint8)  # between two uint8 values: never out of range
    return out


def draw_boxes(image: np.ndarray, boxes: Iterable[Box], scale_x: float = 1.0, scale_y: float = 1.0,
               colour: tuple[int, int, int] | None = None) -> np.ndarray:
    """Outline the boxes of lesion classes (others are skipped) over ``image``, drawn at ``scale_x``, ``scale_y`` of
    the boxes' image, in their class colours or all in ``colour``."""
    lesion_boxes = [box for box in boxes if box.label in LESION_CLASSES]
    if not lesion_boxes:
        return image
    canvas = Image.fromarray(image)
    draw = ImageDraw.Draw(canvas)
    line = max(1, round(min(image.shape[:2]) / 250))
    for box in lesion_boxes:
        draw.rectangle((box.xmin * scale_x, box.ymin * scale_y, box.xmax * scale_x, box.ymax * scale_y),
                       outline=colour or hex_to_rgb(box.label.colour), width=line)
    return np.asarray(canvas)


def indexed_from_bits(mask_bits: np.ndarray, classes: Iterable[LesionClass] = ALL_CLASSES) -> np.ndarray:
    """One class index per pixel (0 background); where classes overlap the later class in ``classes`` wins."""
    out = np.zeros(mask_bits.shape, dtype=np.uint8)
    for cls in classes:
        out[(mask_bits & cls.bit) != 0] = cls.value
    return out


def palette() -> list[int]:
    """A 256-entry PNG palette: index = class value, colours from DESIGN.md."""
    flat = [0, 0, 0]
    for cls in ALL_CLASSES:
        flat.extend(hex_to_rgb(cls.colour))
    flat.extend([0, 0, 0] * (256 - len(flat) // 3))
    return flat


def heatmap_rgb(cam: np.ndarray) -> np.ndarray:
    """Map a [0, 1] heat map to a blue-cyan-yellow-red colour ramp (jet-like), uint8 (H, W, 3)."""
    value = np.clip(cam.astype(np.float32), 0.0, 1.0)
    red = np.clip(1.5 - np.abs(4.0 * value - 3.0), 0, 1)
    green = np.clip(1.5 - np.abs(4.0 * value - 2.0), 0, 1)
    blue = np.clip(1.5 - np.abs(4.0 * value - 1.0), 0, 1)
    return (np.stack([red, green, blue], axis=-1) * 255 + 0.5).astype(np.uint8)


def overlay_heatmap(image: np.ndarray, cam: np.ndarray, alpha: float = 0.45) -> np.ndarray:
    """Blend the heat map over the image, weighting by the heat itself so cold areas keep the photo visible."""
    colours = heatmap_rgb(cam).astype(np.float32)
    weight = (alpha * np.clip(cam, 0, 1))[..., None].astype(np.float32)
    out = image.astype(np.float32) * (1 - weight) + colours * weight
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def _outline(region: np.ndarray) -> np.ndarray:
    """Boundary pixels of a boolean region (4-neighbourhood), two pixels thick to stay visible when scaled down."""
    inner = region.copy()
    for _ in range(2):
        shrunk = inner.copy()
        shrunk[1:, :] &= inner[:-1, :]
        shrunk[:-1, :] &= inner[1:, :]
        shrunk[:, 1:] &= inner[:, :-1]
        shrunk[:, :-1] &= inner[:, 1:]
        inner = shrunk
    return region & ~inner
