"""A label file's polygon or circle, filled on its bounding box, matches a canvas of the whole image but for a
pixel or two on the outline of a few shapes (Pillow's edge crossings move with the canvas): the tolerance the
module states."""
from __future__ import annotations

from typing import Callable

import numpy as np
from PIL import Image, ImageDraw

from annotations.formats.polygon_fill import circle_region, polygon_region
from annotations.raster import Region

WIDTH, HEIGHT = 47, 31
SHAPES = 3000


def beside(pixels: np.ndarray) -> np.ndarray:
    """``pixels`` and their eight neighbours."""
    padded = np.pad(pixels, 1)
    return np.logical_or.reduce([padded[1 + dy:1 + dy + pixels.shape[0], 1 + dx:1 + dx + pixels.shape[1]]
                                 for dy in (-1, 0, 1) for dx in (-1, 0, 1)])


def differing(draw: Callable[[ImageDraw.ImageDraw], None], region: Region) -> int:
    """How many pixels of ``region`` differ from the whole-image canvas ``draw`` fills; each must lie on the
    outline, beside a pixel both fill."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    draw(ImageDraw.Draw(canvas))
    whole = np.asarray(canvas, dtype=bool)
    ours = region.to_full((HEIGHT, WIDTH))
    assert not ((whole ^ ours) & ~beside(whole & ours)).any()
    return int((whole ^ ours).sum())


def test_float_polygons_differ_by_at_most_two_outline_pixels_in_few_shapes() -> None:
    rng = np.random.default_rng(0)
    counts = []
    for _ in range(SHAPES):  # vertices anywhere, also past the image's edges
        points = [(float(x), float(y)) for x, y in rng.uniform(-10, 55, (int(rng.integers(3, 8)), 2))]
        counts.append(differing(lambda draw: draw.polygon(points, fill=1), polygon_region(WIDTH, HEIGHT, points)))
    assert max(counts) <= 2 and sum(n > 0 for n in counts) < SHAPES / 100


def test_circles_likewise() -> None:
    rng = np.random.default_rng(1)
    counts = []
    for _ in range(SHAPES):
        cx, cy, radius = rng.uniform(-10, 55), rng.uniform(-10, 40), rng.uniform(0, 25)
        box = [cx - radius, cy - radius, cx + radius, cy + radius]
        counts.append(differing(lambda draw: draw.ellipse(box, fill=1), circle_region(WIDTH, HEIGHT, (cx, cy), radius)))
    assert max(counts) <= 2 and sum(n > 0 for n in counts) < SHAPES / 100


def test_a_shape_wholly_outside_the_image_has_no_pixels() -> None:
    assert polygon_region(10, 10, [(20, 20), (30, 20), (30, 30)]).is_empty
    assert circle_region(10, 10, (30, 30), 5).is_empty
