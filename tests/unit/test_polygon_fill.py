"""A label file's polygon or circle, filled on the band of rows it spans, has exactly the pixels a canvas of the
whole image gives it."""
from __future__ import annotations

from typing import Callable

import numpy as np
from PIL import Image, ImageDraw

from annotations.formats.polygon_fill import circle_region, polygon_region

WIDTH, HEIGHT = 47, 31
SHAPES = 3000


def whole_image_fill(draw: Callable[[ImageDraw.ImageDraw], None], width: int = WIDTH,
                     height: int = HEIGHT) -> np.ndarray:
    canvas = Image.new("L", (width, height), 0)
    draw(ImageDraw.Draw(canvas))
    return np.asarray(canvas, dtype=bool)


def test_float_polygons_fill_the_pixels_of_a_whole_image_canvas() -> None:
    rng = np.random.default_rng(0)
    for _ in range(SHAPES):  # vertices anywhere, also past the image's edges
        points = [(float(x), float(y)) for x, y in rng.uniform(-10, 55, (int(rng.integers(3, 8)), 2))]
        expected = whole_image_fill(lambda draw: draw.polygon(points, fill=1))
        assert np.array_equal(polygon_region(WIDTH, HEIGHT, points).to_full((HEIGHT, WIDTH)), expected), points


def test_small_polygons_on_a_large_photo_likewise() -> None:
    """Far from the origin, where a canvas cut to the polygon's columns moved Pillow's edge crossings."""
    width, height = 4288, 2848
    rng = np.random.default_rng(2)
    for _ in range(200):
        centre = rng.uniform(0, (width, height))
        points = [(float(x), float(y)) for x, y in centre + rng.uniform(-30, 30, (int(rng.integers(3, 9)), 2))]
        expected = whole_image_fill(lambda draw: draw.polygon(points, fill=1), width, height)
        assert np.array_equal(polygon_region(width, height, points).to_full((height, width)), expected), points


def test_circles_likewise() -> None:
    rng = np.random.default_rng(1)
    for _ in range(SHAPES):
        cx, cy, radius = rng.uniform(-10, 55), rng.uniform(-10, 40), rng.uniform(0, 25)
        box = [cx - radius, cy - radius, cx + radius, cy + radius]
        expected = whole_image_fill(lambda draw: draw.ellipse(box, fill=1))
        assert np.array_equal(circle_region(WIDTH, HEIGHT, (cx, cy), radius).to_full((HEIGHT, WIDTH)), expected)


def test_a_shape_wholly_outside_the_image_has_no_pixels() -> None:
    assert polygon_region(10, 10, [(20, 20), (30, 20), (30, 30)]).is_empty
    assert circle_region(10, 10, (30, 30), 5).is_empty
