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
    """``out`` (float32 or uint8 of ``shape``) with each region painted with its value (the maximum where regions
    overlap). Patch-level pixel (row, column) is painted on the ``factor`` x ``factor`` pixels of ``out`` from
    ``origin`` (x, y) + factor x (column, row): ``out`` is the original image (the pyramid's factor and crop) or
    the patch level itself (factor 1). Regions are kept whole: a region cut by the edge of ``out`` paints its
    inside part."""
    block = np.ones((factor, factor), bool)
    for row, column, region, value in zip(rows, columns, regions, values):
        big = np.kron(region, block) if factor > 1 else region
        top = origin[1] + (int(row) - REGION_HALF) * factor
        left = origin[0] + (int(column) - REGION_HALF) * factor
        t, l = max(top, 0), max(left, 0)
        b, r = min(top + big.shape[0], shape[0]), min(left + big.shape[1], shape[1])
        if b <= t or r <= l:
            continue
        piece = big[t - top:b - top, l - left:r - left]
        target = out[t:b, l:r]
        target[piece] = np.maximum(target[piece], value)
    return out
