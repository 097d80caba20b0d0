"""The pixels of a label file's polygon or circle, as labelme, COCO and CVAT fill one: Pillow's polygon or ellipse,
edges included, with vertex (x, y) on the centre of pixel column x, row y (annotations.formats.outlines writes
polygons for this fill).

Drawn on the shape's bounding box only, not on a canvas of the whole image: an import of a photo with hundreds of
outlined lesions would otherwise allocate and scan 12 megapixels per lesion. Moving the shape by whole pixels onto
the smaller canvas shifts Pillow's floating-point edge crossings, so a few shapes gain or lose a pixel on their
outline (measured on random polygons: about 0.4% differ, by at most two pixels, each beside the shared fill; see
tests/unit/test_polygon_fill.py). Polygons written by annotations.formats.outlines fill their regions exactly.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

from annotations.raster import Region

Bounds = tuple[int, int, int, int]  # x0, y0, x1, y1 of the canvas on the image, x1 and y1 exclusive


def polygon_region(width: int, height: int, points: Sequence[tuple[float, float]]) -> Region:
    """The pixels of the polygon ``points`` (finite, three or more) that lie on a ``width`` x ``height`` image."""
    box = _canvas_bounds(width, height, [x for x, _ in points], [y for _, y in points])
    if box is None:
        return Region.empty()
    x0, y0, x1, y1 = box
    canvas = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(canvas).polygon([(x - x0, y - y0) for x, y in points], fill=1)
    return Region(np.asarray(canvas, dtype=bool), y0, x0)


def circle_region(width: int, height: int, centre: tuple[float, float], radius: float) -> Region:
    """The pixels of the circle (a labelme circle: centre and radius, finite) on a ``width`` x ``height`` image."""
    cx, cy = centre
    box = _canvas_bounds(width, height, [cx - radius, cx + radius], [cy - radius, cy + radius])
    if box is None:
        return Region.empty()
    x0, y0, x1, y1 = box
    canvas = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(canvas).ellipse([cx - radius - x0, cy - radius - y0, cx + radius - x0, cy + radius - y0], fill=1)
    return Region(np.asarray(canvas, dtype=bool), y0, x0)


def _canvas_bounds(width: int, height: int, xs: Sequence[float], ys: Sequence[float]) -> Bounds | None:
    """The whole pixels the shape's coordinates span, on the image; None when none lies on it."""
    x0, y0 = max(0, math.floor(min(xs))), max(0, math.floor(min(ys)))
    x1, y1 = min(width, math.ceil(max(xs)) + 1), min(height, math.ceil(max(ys)) + 1)
    return None if x0 >= x1 or y0 >= y1 else (x0, y0, x1, y1)
