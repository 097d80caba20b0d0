"""The pixels of a label file's polygon, as labelme, COCO and CVAT fill one: Pillow's polygon, edges included, with
vertex (x, y) on the centre of pixel column x, row y (annotations.formats.outlines writes polygons for this fill).

Drawn on the polygon's bounding box only, not on a canvas of the whole image: an import of a photo with hundreds of
outlined lesions would otherwise allocate and scan 12 megapixels per lesion. Moving the polygon by whole pixels onto
the smaller canvas fills the same pixels.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

from annotations.raster import Region


def polygon_region(width: int, height: int, points: Sequence[tuple[float, float]]) -> Region:
    """The pixels of the polygon ``points`` (finite, three or more) that lie on a ``width`` x ``height`` image."""
    x0 = max(0, math.floor(min(x for x, _ in points)))
    y0 = max(0, math.floor(min(y for _, y in points)))
    x1 = min(width, math.ceil(max(x for x, _ in points)) + 1)
    y1 = min(height, math.ceil(max(y for _, y in points)) + 1)
    if x0 >= x1 or y0 >= y1:
        return Region.empty()
    canvas = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(canvas).polygon([(x - x0, y - y0) for x, y in points], fill=1)
    return Region(np.asarray(canvas, dtype=bool), y0, x0)
