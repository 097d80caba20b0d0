"""labelme's ``mask`` shape (newer labelme 5 releases): a bitmap of a box, for regions a polygon cannot hold.

``points`` are the box's corners [[x1, y1], [x2, y2]], inclusive pixel columns and rows, and ``mask`` is a
base64-encoded PNG of the box's bool mask (labelme's utils.img_arr_to_b64); labelme's shapes_to_label places it as
``mask[y1:y2 + 1, x1:x2 + 1]``, with the corners cut to whole pixels (``astype(int)``). labelme itself writes the
top-left corner first; corners given the other way round (another tool's file) are put in order, as for a rectangle:
the bitmap's size fits only that box. Where a box reaches past the image's right or bottom edge labelme's bitmap
holds only the part inside the image (it crops the image-sized mask of its AI tool with that slice), so either size
is read; a bitmap larger than the image (a box larger than it) is refused before it is decoded, so a crafted file
cannot make the reader decode a huge one.

A pixel is in the mask where its stored value is not 0, as labelme reads a bitmap (``img_b64_to_arr(...)
.astype(bool)``: the PNG's own values, not converted): the grey edges of an anti-aliased 'L' bitmap count, and in a
palette bitmap the index counts, not its colour. A bitmap with more than one channel (colour, alpha) is refused:
labelme cannot place one (its array has a third axis), so which of its pixels are in would be a guess.
"""
from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.raster import Region

Point = tuple[int, int]


def mask_shape_region(path: Path, where: str, points: list[tuple[float, float]], data: Any, width: int,
                      height: int) -> Region:
    """The pixels of the mask shape at ``where`` in the file ``path`` (``points`` and ``mask`` as read) that lie on
    a ``width`` x ``height`` image; FormatError when its corners, bitmap or the bitmap's size are wrong (larger than
    the image too: the PNG's header is read first, its pixels only once its size fits)."""
    if len(points) != 2:
        raise FormatError(path, msg.LABELME_MASK_CORNERS.format(where=where, count=len(points)))
    (x1, y1), (x2, y2) = ((int(x), int(y)) for x, y in points)
    x1, x2, y1, y2 = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    try:
        image = Image.open(io.BytesIO(base64.b64decode(data)), formats=["PNG"])
    except (TypeError, ValueError, OSError, Image.DecompressionBombError) as exc:  # binascii.Error is a ValueError
        raise FormatError(path, msg.LABELME_MASK_DATA.format(where=where, error=exc)) from exc
    if len(image.getbands()) != 1:  # known from the PNG's header: nothing is decoded yet
        raise FormatError(path, msg.LABELME_MASK_CHANNELS.format(where=where, mode=image.mode))
    if image.width > width or image.height > height:  # only a full box larger than the image could take it
        raise FormatError(path, msg.LABELME_MASK_LARGER.format(where=where, width=image.width, height=image.height,
                                                               image_width=width, image_height=height))
    full = (x1, y1, x2 - x1 + 1, y2 - y1 + 1)
    left, top = max(x1, 0), max(y1, 0)
    inside = (left, top, min(x2, width - 1) - left + 1, min(y2, height - 1) - top + 1)
    placed = next((box for box in (full, inside) if box[2:] == image.size), None)  # checked before decoding
    if placed is None:
        raise FormatError(path, msg.LABELME_MASK_SIZE.format(
            where=where, width=image.width, height=image.height, corners=[[x1, y1], [x2, y2]], box_width=full[2],
            box_height=full[3]))
    try:
        bits = np.asarray(image) != 0  # a palette bitmap's indices, as labelme reads it
    except (OSError, SyntaxError, ValueError) as exc:  # a truncated or damaged PNG
        raise FormatError(path, msg.LABELME_MASK_DATA.format(where=where, error=exc)) from exc
    x0, y0 = placed[:2]
    on_image = bits[max(0, -y0):max(0, height - y0), max(0, -x0):max(0, width - x0)]
    return Region(on_image, max(y0, 0), max(x0, 0))


def mask_shape_fields(region: Region) -> tuple[list[Point], str]:
    """The ``points`` and ``mask`` of the mask shape holding ``region`` (cropped to its pixels) as labelme writes
    them."""
    height, width = region.mask.shape
    buffer = io.BytesIO()
    Image.fromarray(region.mask).save(buffer, format="PNG")  # a bool array: a 1-bit PNG, as labelme saves one
    corners = [(region.x0, region.y0), (region.x0 + width - 1, region.y0 + height - 1)]
    return corners, base64.b64encode(buffer.getvalue()).decode("ascii")
