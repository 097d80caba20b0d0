"""labelme's ``mask`` shape (newer labelme 5 releases): a bitmap of a box, for regions a polygon cannot hold.

``points`` are the box's corners [[x1, y1], [x2, y2]] and ``mask`` is a base64-encoded PNG of the box's bool mask
(labelme's utils.img_arr_to_b64). labelme puts the bitmap's top-left pixel at ``points[0]``, at the bitmap's own
size, cut to the image: its canvas draws it there in every version, and the current shapes_to_label places it so,
``points[0]`` rounded (halves to even); 5.x's sliced ``mask[y1:y2 + 1, x1:x2 + 1]`` and failed where that box was
not the bitmap's. The second corner plays no part, so it is not checked either (one moved by half a pixel rounds to
a box one pixel off the bitmap's size); corners given bottom-right first (another tool's file) put the bitmap right
of and below that corner, where labelme shows it. labelme's bitmaps lie on the image (its AI tool crops an
image-sized mask): a larger one is refused before it is decoded, so a crafted file cannot make the reader decode a
huge one.

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

from annotations.decoder_reasons import decoder_reason
from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.raster import Region

Point = tuple[int, int]


def mask_shape_region(path: Path, where: str, points: list[tuple[float, float]], data: Any, width: int,
                      height: int) -> Region:
    """The pixels of the mask shape at ``where`` in the file ``path`` (``points`` and ``mask`` as read) that lie on
    a ``width`` x ``height`` image; FormatError when it has not 2 corners or its bitmap is damaged, has several
    channels or is larger than the image (the PNG's header is read first, its pixels only once its size fits)."""
    if len(points) != 2:
        raise FormatError(path, msg.LABELME_MASK_CORNERS.format(where=where, count=len(points)))
    x0, y0 = (round(value) for value in points[0])  # halves to even, as labelme's np.round
    try:
        image = Image.open(io.BytesIO(base64.b64decode(data)), formats=["PNG"])
    except (TypeError, ValueError, OSError, Image.DecompressionBombError) as exc:  # binascii.Error is a ValueError
        raise FormatError(path, msg.LABELME_MASK_DATA.format(where=where, error=decoder_reason(exc))) from exc
    if len(image.getbands()) != 1:  # known from the PNG's header: nothing is decoded yet
        raise FormatError(path, msg.LABELME_MASK_CHANNELS.format(where=where, mode=image.mode))
    if image.width > width or image.height > height:  # known from the header too; labelme never writes one
        raise FormatError(path, msg.LABELME_MASK_LARGER.format(where=where, width=image.width, height=image.height,
                                                               image_width=width, image_height=height))
    try:
        bits = np.asarray(image) != 0  # a palette bitmap's indices, as labelme reads it
    except (OSError, SyntaxError, ValueError) as exc:  # a truncated or damaged PNG
        raise FormatError(path, msg.LABELME_MASK_DATA.format(where=where, error=decoder_reason(exc))) from exc
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
