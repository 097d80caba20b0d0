"""Pixels deeper than 8 bits (16-bit grey or colour, 32-bit integer or float) brought to the 8 bits that the window,
the analysis, the thumbnails and the report all see, by one rule: white is the top of the range the device recorded
in, as its own viewer shows it. A 16-bit file from a 12-bit device (0-4095) is scaled by 4095, not 65535, and a
float image in 0-1 (ImageJ's) by 1.

A DICOM file says its depth (Bits Stored) and window (annotations.dicom); a plain file does not, so the range is the
smallest usual one (8, 10, 12, 14 or 16 bits; floats also 0-1) that holds the whole picture's brightest value. A dark
photo so stays as dark as its 8-bit copy, and is graded as dark, while its brightest pixel is above a quarter of its
device's range (the optic disc's or a B-scan's speckle always is); data beyond 16 bits is scaled by its own maximum.
"""
from __future__ import annotations

import sys

import numpy as np
from PIL import Image

DEEP_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I", "F"})
USUAL_BITS = (8, 10, 12, 14, 16)
# Pillow decodes 16 bits a channel of colour to their high bytes alone: the same tile with the other byte order's
# rawmode gives the low ones ("N": libtiff's native order).
_OTHER_ORDER = {"B": "L", "L": "B", "N": "B" if sys.byteorder == "little" else "L"}
_DEEP_COLOUR = frozenset(f"{mode};16{order}" for mode in ("RGB", "RGBA") for order in _OTHER_ORDER)


def full_scale(data: np.ndarray) -> float:
    """The value that shows as white: the top of the smallest usual range that holds ``data``'s brightest value."""
    top = float(np.nanmax(data)) if data.size else 0.0
    if data.dtype.kind == "f" and top <= 1.0:
        return 1.0
    for bits in USUAL_BITS:
        if top <= 2 ** bits - 1:
            return float(2 ** bits - 1)
    return top


def to_8bit(data: np.ndarray) -> np.ndarray:
    """``data`` (any shape, integer or float) scaled by full_scale to uint8; below zero and NaN are black."""
    scaled = data.astype(np.float32) * np.float32(255.0 / full_scale(data)) + np.float32(0.5)
    return np.clip(np.nan_to_num(scaled, nan=0.0), 0, 255).astype(np.uint8)


def is_deep(image: Image.Image) -> bool:
    """Whether the opened, not yet decoded ``image`` holds more than 8 bits a pixel or channel."""
    return image.mode in DEEP_MODES or deep_colour(image)


def deep_colour(image: Image.Image) -> bool:
    """Whether the opened, not yet decoded ``image`` is colour of 16 bits a channel (Pillow keeps its high bytes)."""
    return image.mode in ("RGB", "RGBA") and bool(image.tile) and all(
        _rawmode(tile[3]) in _DEEP_COLOUR for tile in image.tile)


def decode_low_bytes(image: Image.Image) -> None:
    """Make the opened, not yet decoded deep_colour ``image`` decode its channels' low bytes instead of the high."""
    image.tile = [_low_tile(tile) for tile in image.tile]


def _rawmode(args: object) -> str:
    return args if isinstance(args, str) else args[0] if isinstance(args, tuple) and args else ""


def _low_tile(tile: tuple) -> tuple:
    """``tile`` (codec, extents, offset, args) with the low bytes' rawmode; Pillow 11 and later name the fields and
    read them by name, earlier ones take plain tuples."""
    args = tile[3]
    rawmode = _rawmode(args)
    low = rawmode[:-1] + _OTHER_ORDER[rawmode[-1]]
    args = low if isinstance(args, str) else (low, *args[1:])
    return tile._replace(args=args) if hasattr(tile, "_replace") else (*tile[:3], args)
