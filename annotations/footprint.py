"""The brush's footprint: which pixels a brush of a given size paints, as napari's labels layer paints them.

The size is the painted diameter in image pixels. A brush sits on whole pixels, never between them: an odd size
on the pixel under the pointer (size 1 paints that one pixel, 3 the 3x3 square, 5 a 5 across disc of 21), an even
size on the pixel corner nearest to the pointer (2 paints the 2x2 square round it, 4 a 4 across disc of 12). A
pixel is in the footprint when its centre lies within size / 2 of where the brush sits; with whole-pixel centres
no pixel lies exactly on the rim, so no size grows a lone pixel at its top, bottom and sides. Odd sizes are
napari's discs exactly (its ``radius = floor(size / 2) + 0.5`` round the nearest pixel); napari paints an even
size as the next odd one, which would make size 2 paint 3 pixels across.

A stroke from one pointer position to the next stamps the footprint at every pixel (corner) on the straight
digital line between where the two sit, so a fast stroke leaves no gap and a size 1 stroke is one pixel wide.
Coordinates as in raster.py: pixel (row, col) covers [col, col + 1) x [row, row + 1).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from annotations.raster import Point, Region, clip_bounds, nearest_pixel

MIN_SIZE, MAX_SIZE = 1, 800


def brush_anchor(x: float, y: float, size: int) -> tuple[int, int]:
    """Where a brush of ``size`` sits with the pointer at (x, y): the (col, row) of the pixel under it for an odd
    size, of the pixel corner nearest to it for an even one (the footprint's offsets count from there)."""
    if size % 2:
        return math.floor(x), math.floor(y)
    return nearest_pixel(x), nearest_pixel(y)


@lru_cache(maxsize=32)
def footprint_rows(size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row offset, first column offset, last column offset) of each row of the footprint, from its anchor, in
    whole pixels (the last column inclusive). Worked out in doubled units, where every pixel centre's offset from
    the anchor is a whole number of the parity of ``size - 1`` and the rim is at ``size``: exact integer sums."""
    size = checked_size(size)
    even = 1 - size % 2  # an even size's pixel centres are half a pixel off its anchor
    doubled = np.arange(-(size - 1), size, 2)  # the centres' doubled offsets along one axis
    reach = np.array([math.isqrt(size * size - int(d) * int(d)) for d in doubled])
    reach -= (reach - (size - 1)) % 2  # the farthest doubled offset of the right parity within the rim
    rows = (doubled - even) // 2
    return rows, (-reach - even) // 2, (reach - even) // 2


def checked_size(size: int) -> int:
    """``size`` as a whole number of pixels; a ValueError for one that is not a size."""
    if size != int(size) or not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"a brush size is a whole number of pixels from {MIN_SIZE} to {MAX_SIZE}, not {size!r}")
    return int(size)


def footprint_outline(size: int) -> list[tuple[int, int]]:
    """The footprint's outline as polygon corners (x, y) from its anchor: down its right side, up its left."""
    rows, first, last = footprint_rows(size)
    right = [point for row, col in zip(rows.tolist(), (last + 1).tolist()) for point in ((col, row), (col, row + 1))]
    left = [point for row, col in zip(rows.tolist(), first.tolist()) for point in ((col, row), (col, row + 1))]
    return right + left[::-1]


def stroke_region(shape: tuple[int, int], start: Point, end: Point, size: int) -> Region:
    """The pixels a brush of ``size`` paints going straight from pointer position ``start`` to ``end`` (a dab
    where they are the same): the footprint stamped at every anchor on the digital line between theirs.

    Consecutive anchors differ by at most one pixel each way, so each image row's painted pixels are one run
    from the leftmost to the rightmost the stamps reach there; the cost follows the stamps times the
    footprint's rows, not its area."""
    rows, first, last = footprint_rows(size)
    (ax, ay), (bx, by) = brush_anchor(*start, size), brush_anchor(*end, size)
    steps = max(abs(bx - ax), abs(by - ay))
    along = np.arange(steps + 1)
    # rounded to the nearest whole pixel, halves up, in integers: the line never drifts off its ends
    xs = ax + (2 * along * (bx - ax) + steps) // (2 * steps) if steps else np.array([ax])
    ys = ay + (2 * along * (by - ay) + steps) // (2 * steps) if steps else np.array([ay])
    top, left = int(ys.min() + rows[0]), int(xs.min() + first.min())
    bounds = clip_bounds((top, int(ys.max() + rows[-1]) + 1, left, int(xs.max() + last.max()) + 1), shape)
    y0, y1, x0, x1 = bounds
    if y0 >= y1 or x0 >= x1:
        return Region.empty()
    stamp_rows = (ys[:, None] + rows[None, :]).ravel() - top
    lowest = np.full(int(ys.max() + rows[-1]) + 1 - top, np.iinfo(np.int64).max)
    highest = np.full_like(lowest, np.iinfo(np.int64).min)
    np.minimum.at(lowest, stamp_rows, (xs[:, None] + first[None, :]).ravel())
    np.maximum.at(highest, stamp_rows, (xs[:, None] + last[None, :]).ravel())
    lowest, highest = lowest[y0 - top:y1 - top, None], highest[y0 - top:y1 - top, None]
    columns = np.arange(x0, x1)[None, :]
    return Region((columns >= lowest) & (columns <= highest), y0, x0)
