"""The pixels of a labelme polygon or circle, as labelme fills one: Pillow's polygon or ellipse, edges included, with
vertex (x, y) on the centre of pixel column x, row y (annotations.formats.outlines writes polygons for this fill).
COCO and CVAT polygons are filled as their own tools fill them instead (coco_rle.coco_polygon_region).

Drawn on the band of image rows the shape spans, not on a canvas of the whole image: an import of a photo with
thousands of outlined lesions would otherwise allocate and scan 12 megapixels per lesion. The band keeps the image's
full width and moves the shape by whole rows only, which leaves Pillow's edge crossings (computed from each vertex's
x) unchanged: the pixels are exactly those of a whole-image canvas (tests/unit/test_polygon_fill.py). A canvas cut
to the shape's columns too would not be: about 0.4% of shapes gained or lost an outline pixel.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from PIL import Image, ImageDraw

from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.raster import Region


def check_reach(path: Path, where: str, points: Sequence[tuple[float, float]], width: int, height: int) -> None:
    """FormatError naming ``where`` unless every coordinate is finite and within 4 image sizes of the origin: past
    that a point is a typing error, and a rasteriser would choke on it (pycocotools walks the outline in fifths of a
    pixel)."""
    reach = 4 * max(width, height)
    if not all(math.isfinite(v) and abs(v) <= reach for point in points for v in point):
        raise FormatError(path, msg.POINT_OUTSIDE.format(where=where, width=width, height=height))


def polygon_region(width: int, height: int, points: Sequence[tuple[float, float]]) -> Region:
    """The pixels of the polygon ``points`` (finite, three or more) that lie on a ``width`` x ``height`` image."""
    return _band_region(width, height, [x for x, _ in points], [y for _, y in points],
                        lambda draw, top: draw.polygon([(x, y - top) for x, y in points], fill=1))


def circle_region(width: int, height: int, centre: tuple[float, float], radius: float) -> Region:
    """The pixels of the circle (a labelme circle: centre and radius, finite) on a ``width`` x ``height`` image."""
    cx, cy = centre
    return _band_region(width, height, [cx - radius, cx + radius], [cy - radius, cy + radius],
                        lambda draw, top: draw.ellipse([cx - radius, cy - radius - top, cx + radius, cy + radius - top],
                                                       fill=1))


def _band_region(width: int, height: int, xs: Sequence[float], ys: Sequence[float],
                 draw_shape: Callable[[ImageDraw.ImageDraw, int], None]) -> Region:
    """``draw_shape(draw, top)`` draws the shape moved up by ``top`` rows onto the band of rows that its coordinates
    ``xs``, ``ys`` span; the result is cut to the columns they span. Empty when none of them lies on the image."""
    x0, y0 = max(0, math.floor(min(xs))), max(0, math.floor(min(ys)))
    x1, y1 = min(width, math.ceil(max(xs)) + 1), min(height, math.ceil(max(ys)) + 1)
    if x0 >= x1 or y0 >= y1:
        return Region.empty()
    band = Image.new("L", (width, y1 - y0), 0)
    draw_shape(ImageDraw.Draw(band), y0)
    return Region(np.asarray(band.crop((x0, 0, x1, y1 - y0)), dtype=bool), y0, x0)
