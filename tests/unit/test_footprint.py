"""The brush's footprint (annotations.footprint) against napari's labels brush and slow, obvious references."""
from __future__ import annotations

import math

import numpy as np
import pytest

from annotations.footprint import MAX_SIZE, brush_anchor, footprint_outline, footprint_rows, stroke_region

SHAPE = (60, 80)


def painted(start: tuple[float, float], end: tuple[float, float], size: int, shape=SHAPE) -> np.ndarray:
    return stroke_region(shape, start, end, size).to_full(shape)


def napari_disc(shape: tuple[int, int], x: float, y: float, size: int) -> np.ndarray:
    """napari's Labels.paint for a 2D layer: a disc of radius floor(size / 2) + 0.5 round the pixel nearest to the
    pointer. napari puts pixel centres on whole coordinates, so our (x, y) is its (x - 0.5, y - 0.5)."""
    radius = math.floor(size / 2) + 0.5
    col, row = round(x - 0.5), round(y - 0.5)
    rows, cols = np.indices(shape)
    return (rows - row) ** 2 + (cols - col) ** 2 <= radius ** 2


def reference_stroke(shape: tuple[int, int], start, end, size: int) -> np.ndarray:
    """The footprint stamped, one by one, at every anchor of the straight digital line between the two ends'."""
    (ax, ay), (bx, by) = brush_anchor(*start, size), brush_anchor(*end, size)
    steps = max(abs(bx - ax), abs(by - ay))
    rows, first, last = footprint_rows(size)
    out = np.zeros(shape, dtype=bool)
    for step in range(steps + 1):
        x = ax + math.floor(step * (bx - ax) / steps + 0.5) if steps else ax
        y = ay + math.floor(step * (by - ay) / steps + 0.5) if steps else ay
        for row, lo, hi in zip(rows, first, last):
            if 0 <= y + row < shape[0]:
                out[y + row, max(x + lo, 0):max(x + hi + 1, 0)] = True
    return out


@pytest.mark.parametrize("x, y", [(10.5, 10.5), (10.2, 10.7), (10.0, 10.0), (10.99, 10.01)])
def test_size_1_paints_exactly_the_pixel_under_the_pointer(x: float, y: float) -> None:
    full = painted((x, y), (x, y), 1)
    assert full.sum() == 1 and full[10, 10]


@pytest.mark.parametrize("x, y, corner", [(10.5, 10.5, (11, 11)), (10.2, 10.3, (10, 10)), (10.8, 10.1, (11, 10))])
def test_size_2_paints_the_two_by_two_square_round_the_nearest_pixel_corner(x, y, corner) -> None:
    col, row = corner
    expected = np.zeros(SHAPE, dtype=bool)
    expected[row - 1:row + 1, col - 1:col + 1] = True
    np.testing.assert_array_equal(painted((x, y), (x, y), 2), expected)


@pytest.mark.parametrize("size", [1, 3, 5, 7, 13, 21, 39])
def test_odd_sizes_paint_napari_s_disc(size: int) -> None:
    for x, y in [(40.5, 30.5), (40.2, 30.9), (33.7, 25.3)]:
        np.testing.assert_array_equal(painted((x, y), (x, y), size), napari_disc(SHAPE, x, y, size))


def test_napari_s_own_counts() -> None:
    """napari's test_paint_2d paints 137 pixels with size 13; sizes 1, 3 and 5 paint 1, 9 and 21 pixels."""
    assert [int((last - first + 1).sum()) for first, last in (footprint_rows(n)[1:] for n in (1, 3, 5, 13))] == \
        [1, 9, 21, 137]


@pytest.mark.parametrize("size", [*range(1, 41), 99, 100, MAX_SIZE])
def test_every_footprint_is_its_size_across_and_round(size: int) -> None:
    rows, first, last = footprint_rows(size)
    assert len(rows) == size and int(last.max() - first.min() + 1) == size
    assert np.all(last >= first)  # no empty row
    widths = last - first + 1
    assert np.array_equal(widths, widths[::-1])  # as wide at the top as at the bottom
    half = size // 2
    assert np.all(np.diff(widths[:half]) >= 0)  # widening down to the middle


@pytest.mark.parametrize("seed", range(25))
def test_a_stroke_is_the_footprint_at_every_pixel_of_its_line(seed: int) -> None:
    rng = np.random.default_rng(seed)
    start = tuple(rng.uniform(-10, 90, 2))
    end = start if seed % 5 == 0 else tuple(rng.uniform(-10, 90, 2))
    size = int(rng.integers(1, 16))
    np.testing.assert_array_equal(painted(start, end, size), reference_stroke(SHAPE, start, end, size))


def test_a_fast_size_1_stroke_is_one_pixel_wide_without_a_gap() -> None:
    full = painted((5.5, 5.5), (70.5, 37.5), 1)
    columns = np.flatnonzero(full.any(axis=0))
    assert full.sum(axis=0)[5:71].tolist() == [1] * 66 and columns.tolist() == list(range(5, 71))
    rows = [int(np.flatnonzero(full[:, col])[0]) for col in columns]
    assert rows[0] == 5 and rows[-1] == 37 and max(np.diff(rows)) <= 1  # each pixel touches the next


def test_a_stroke_off_the_image_is_empty_and_one_on_it_stays_in_its_box() -> None:
    assert stroke_region(SHAPE, (-50, -50), (-40, -45), 3).mask.size == 0
    region = stroke_region((2848, 4288), (1000.5, 500.5), (1010.5, 505.5), 12)
    y0, y1, x0, x1 = region.bounds
    assert (y1 - y0, x1 - x0) == (12 + 5, 12 + 10)


@pytest.mark.parametrize("size", [1, 2, 3, 4, 9, 12, 25])
def test_the_outline_encloses_exactly_the_footprint(size: int) -> None:
    corners = np.array(footprint_outline(size), dtype=float)
    x, y = corners[:, 0], corners[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    rows, first, last = footprint_rows(size)
    assert area == (last - first + 1).sum()
    assert (x.min(), x.max(), y.min(), y.max()) == (first.min(), last.max() + 1, rows[0], rows[-1] + 1)


@pytest.mark.parametrize("size", [0, -1, 2.5, MAX_SIZE + 1])
def test_a_size_that_is_not_one_is_refused(size) -> None:
    with pytest.raises(ValueError, match="brush size"):
        footprint_rows(size)
