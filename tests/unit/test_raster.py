"""Rasterisation helpers checked against slow, obvious whole-image reference implementations."""
from __future__ import annotations

from collections import deque

import numpy as np
import pytest

from annotations import raster
from annotations.raster import Region


def centres(shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = np.indices(shape)
    return cols + 0.5, rows + 0.5


def reference_component(mask: np.ndarray, row: int, col: int, connectivity: int) -> np.ndarray:
    steps = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    if connectivity == 8:
        steps += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    out = np.zeros_like(mask)
    if not mask[row, col]:
        return out
    out[row, col] = True
    todo = deque([(row, col)])
    while todo:
        r, c = todo.popleft()
        for dr, dc in steps:
            rr, cc = r + dr, c + dc
            if 0 <= rr < mask.shape[0] and 0 <= cc < mask.shape[1] and mask[rr, cc] and not out[rr, cc]:
                out[rr, cc] = True
                todo.append((rr, cc))
    return out


def test_polygon_selects_pixels_whose_centres_are_inside() -> None:
    shape = (20, 20)
    region = raster.polygon_region(shape, [(2.2, 3.2), (9.8, 3.2), (9.8, 7.8), (2.2, 7.8)])
    expected = np.zeros(shape, dtype=bool)
    expected[3:8, 2:10] = True
    np.testing.assert_array_equal(region.to_full(shape), expected)


def test_polygon_triangle_area_and_clipping() -> None:
    shape = (100, 100)
    full = raster.polygon_region(shape, [(10, 10), (90, 10), (10, 90)]).to_full(shape)
    assert abs(full.sum() - 80 * 80 / 2) < 80 * 1.5  # edge pixels may go either way
    x, y = centres(shape)
    assert not full[(x + y > 101)].any()
    clipped = raster.polygon_region(shape, [(-50, -50), (50, -50), (50, 50), (-50, 50)])
    assert clipped.bounds == (0, 51, 0, 51) and clipped.mask[:50, :50].all()
    assert raster.polygon_region(shape, [(1, 1), (5, 5)]).is_empty


@pytest.mark.parametrize("connectivity", [4, 8])
@pytest.mark.parametrize("seed", range(8))
def test_component_matches_breadth_first_search(connectivity: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    mask = rng.random((31, 47)) < 0.55
    rows, cols = np.nonzero(mask)
    for pick in rng.choice(rows.size, 5, replace=False):
        row, col = int(rows[pick]), int(cols[pick])
        region = raster.component_at(mask, col + 0.3, row + 0.7, connectivity)
        expected = reference_component(mask, row, col, connectivity)
        np.testing.assert_array_equal(region.to_full(mask.shape), expected)
        # cropped to the component's own bounding box
        assert region.mask[0].any() and region.mask[-1].any()
        assert region.mask[:, 0].any() and region.mask[:, -1].any()


def test_component_diagonal_touch_depends_on_connectivity() -> None:
    mask = np.zeros((6, 6), dtype=bool)
    mask[1:3, 1:3] = True
    mask[3:5, 3:5] = True
    assert raster.component_at(mask, 1.5, 1.5, 4).mask.sum() == 4
    assert raster.component_at(mask, 1.5, 1.5, 8).mask.sum() == 8
    assert raster.component_at(mask, 0.5, 0.5).is_empty
    assert raster.component_at(mask, -3, 2).is_empty
    with pytest.raises(ValueError, match="connectivity"):
        raster.component_at(mask, 1, 1, 6)


def test_flood_fill_respects_tolerance_in_every_channel() -> None:
    rng = np.random.default_rng(3)
    image = rng.integers(0, 256, (40, 50, 3), dtype=np.uint8)
    row, col = 20, 25
    for tolerance in (30, 90, 160):
        similar = (np.abs(image.astype(int) - image[row, col].astype(int)) <= tolerance).all(axis=2)
        region = raster.flood_fill(image, col + 0.5, row + 0.5, tolerance)
        np.testing.assert_array_equal(region.to_full(image.shape[:2]), reference_component(similar, row, col, 4))


def test_flood_fill_on_grey_image_and_window() -> None:
    image = np.zeros((60, 60), dtype=np.uint8)
    image[:, 30:] = 200
    image[10, 5] = 8
    region = raster.flood_fill(image, 2, 2, tolerance=10)
    assert region.bounds == (0, 60, 0, 30) and region.mask.all()
    windowed = raster.flood_fill(image, 2.5, 2.5, tolerance=10, max_radius=5)
    assert windowed.bounds == (0, 8, 0, 8)
    assert not raster.flood_fill(image, 2, 2, tolerance=7).to_full(image.shape)[10, 5]
    assert raster.flood_fill(image, 70, 2, tolerance=10).is_empty


def test_region_helpers() -> None:
    mask = np.zeros((5, 6), dtype=bool)
    mask[1:3, 2:4] = True
    region = Region(mask, 10, 20)
    cropped = region.cropped()
    assert (cropped.y0, cropped.x0, cropped.mask.shape) == (11, 22, (2, 2))
    full = region.to_full((13, 24))  # partly outside: clipped
    assert full.sum() == 2 * 2 and full[11:13, 22:24].all()
    assert Region.empty().cropped().is_empty


@pytest.mark.parametrize("shape", [(7, 13), (16, 8), (1, 3), (0, 5), (33, 41)])
@pytest.mark.parametrize("dtype", [bool, np.uint8])
def test_nonzero_pixels_and_runs_match_numpy(shape: tuple[int, int], dtype: type) -> None:
    """The word-at-a-time search finds what np.flatnonzero finds, at any width (not a multiple of 8 included)
    and on a cropped view; runs never join across rows."""
    rng = np.random.default_rng(shape[0] * 100 + shape[1])
    mask = (rng.random(shape) < 0.3) * rng.integers(1, 32, shape)
    mask = mask.astype(dtype)
    for view in (mask, mask[1:, 2:]):
        assert np.array_equal(raster.nonzero_pixels(view), np.flatnonzero(view))
        rows, starts, ends = raster.horizontal_runs(view)
        rebuilt = np.zeros(view.shape, dtype=bool)
        for row, start, end in zip(rows, starts, ends):
            assert not rebuilt[row, start:end].any() and (start == 0 or not view[row, start - 1])
            rebuilt[row, start:end] = True
        assert np.array_equal(rebuilt, view != 0)


def test_union_regions_selects_what_any_selects_on_the_box_round_them_all() -> None:
    shape = (20, 30)
    polygon_region, union_regions = raster.polygon_region, raster.union_regions
    a, b = polygon_region(shape, [(2, 2), (8, 2), (8, 6)]), polygon_region(shape, [(20, 10), (28, 10), (28, 18)])
    union = union_regions([a, Region.empty(), b])
    assert np.array_equal(union.to_full(shape), a.to_full(shape) | b.to_full(shape))
    assert union_regions([a]) is a and union_regions([]).is_empty
