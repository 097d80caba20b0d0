"""Painting candidate scores back onto the photo: each candidate's pixels are the dark dot around it, the window
pixels darker than the surround by at least DEPTH_FRACTION of the dot's depth, grown by DOT_GROWTH pixels; they take
the candidate's probability (the highest where dots overlap)."""
from __future__ import annotations

import numpy as np

from inference.lesion_candidates.green_pyramid import GreenPyramid
from inference.lesion_candidates.patches import windows_around

WINDOW_HALF = 7  # px of the patch level: a dot is measured in a 15x15 window (30 px of a 4288 px photo)
SURROUND_PERCENTILE = 75
DEPTH_FRACTION = 0.35  # a dot pixel is darker than surround - DEPTH_FRACTION x (surround - darkest)
# The specialists outline a microaneurysm beyond its dark core: the dot grown by one pixel (4-neighbours) covers 85 %
# of their MA pixels against 69 % (docs/models.md, "MA dot painting", issue 20 session 25)
DOT_GROWTH = 1
REGION_HALF = WINDOW_HALF + DOT_GROWTH  # a painted region lies within a 17x17 window


def dot_regions(pyramid: GreenPyramid, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """bool (N, 2 REGION_HALF + 1, same): each candidate's painted region around (rows, columns) of the patch level,
    the dot measured in its window grown by DOT_GROWTH."""
    side = 2 * WINDOW_HALF + 1
    if not len(rows):
        return np.zeros((0, 2 * REGION_HALF + 1, 2 * REGION_HALF + 1), bool)
    windows = windows_around(pyramid.patch, rows, columns, side).astype(np.float32)
    centre = windows[:, WINDOW_HALF - 1:WINDOW_HALF + 2, WINDOW_HALF - 1:WINDOW_HALF + 2]
    darkest = centre.reshape(len(windows), -1).min(axis=1)
    surround = np.percentile(windows.reshape(len(windows), -1), SURROUND_PERCENTILE, axis=1)
    dots = windows <= (surround - DEPTH_FRACTION * (surround - darkest))[:, None, None]
    dots[:, WINDOW_HALF, WINDOW_HALF] = True  # a candidate always paints its own pixel
    return grown(np.pad(dots, ((0, 0), (DOT_GROWTH, DOT_GROWTH), (DOT_GROWTH, DOT_GROWTH))), DOT_GROWTH)


def grown(regions: np.ndarray, steps: int) -> np.ndarray:
    """bool (N, h, w) ``regions`` each dilated ``steps`` times by its 4-neighbours (the windows leave room)."""
    for _ in range(steps):
        out = regions.copy()
        out[:, 1:] |= regions[:, :-1]
        out[:, :-1] |= regions[:, 1:]
        out[:, :, 1:] |= regions[:, :, :-1]
        out[:, :, :-1] |= regions[:, :, 1:]
        regions = out
    return regions


def paint(shape: tuple[int, int], rows: np.ndarray, columns: np.ndarray, regions: np.ndarray, values: np.ndarray,
          out: np.ndarray, factor: int = 1, origin: tuple[int, int] = (0, 0)) -> np.ndarray:
    """``out`` (float32 or uint8 of ``shape``, values >= 0) with each region painted with its value (the maximum where
    regions overlap). Patch-level pixel (row, column) is painted on the ``factor`` x ``factor`` pixels of ``out``
    from ``origin`` (x, y) + factor x (column, row): ``out`` is the original image (the pyramid's factor and crop) or
    the patch level itself (factor 1). Regions are kept whole: a region cut by the edge of ``out`` paints its
    inside part. The regions are painted at the patch level first and enlarged once: a photo has ~1000 candidates,
    and enlarging and painting each in turn cost ~0.14 s of a 12 MP analysis."""
    owner, ys, xs = np.nonzero(regions)
    if not len(owner):
        return out
    painted_rows, painted_columns = rows[owner] + (ys - REGION_HALF), columns[owner] + (xs - REGION_HALF)
    row0, column0 = int(painted_rows.min()), int(painted_columns.min())
    canvas = np.zeros((int(painted_rows.max()) - row0 + 1, int(painted_columns.max()) - column0 + 1), out.dtype)
    np.maximum.at(canvas, (painted_rows - row0, painted_columns - column0), values[owner].astype(out.dtype))
    top, left = origin[1] + row0 * factor, origin[0] + column0 * factor
    t, l = max(top, 0), max(left, 0)
    b, r = min(top + canvas.shape[0] * factor, shape[0]), min(left + canvas.shape[1] * factor, shape[1])
    if b <= t or r <= l:
        return out
    # only the canvas rows and columns that reach out's part are enlarged
    first_row, first_column = (t - top) // factor, (l - left) // factor
    last_row, last_column = (b - top - 1) // factor + 1, (r - left - 1) // factor + 1
    part = canvas[first_row:last_row, first_column:last_column]
    big = part.repeat(factor, 0).repeat(factor, 1) if factor > 1 else part
    y, x = t - top - first_row * factor, l - left - first_column * factor
    target = out[t:b, l:r]
    np.maximum(target, big[y:y + b - t, x:x + r - l], out=target)
    return out
