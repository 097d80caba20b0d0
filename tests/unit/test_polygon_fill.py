"""A label file's polygon fills the same pixels on its bounding box as on a canvas of the whole image."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from annotations.formats.polygon_fill import polygon_region


def test_same_pixels_as_a_whole_image_canvas_also_past_the_edges() -> None:
    rng = np.random.default_rng(0)
    width, height = 37, 23
    for _ in range(300):
        points = [(float(x), float(y)) for x, y in rng.uniform(-10, 50, (int(rng.integers(3, 8)), 2)).round(1)]
        canvas = Image.new("L", (width, height), 0)
        ImageDraw.Draw(canvas).polygon(points, fill=1)
        np.testing.assert_array_equal(polygon_region(width, height, points).to_full((height, width)),
                                      np.asarray(canvas, dtype=bool), err_msg=str(points))


def test_a_polygon_wholly_outside_the_image_has_no_pixels() -> None:
    assert polygon_region(10, 10, [(20, 20), (30, 20), (30, 30)]).is_empty
