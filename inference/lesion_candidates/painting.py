"""Painting candidate scores back onto the photo: each candidate's pixels are the dark dot around it, the window
pixels darker than the surround by at least DEPTH_FRACTION of the dot's depth; they take the candidate's
probability (the highest where dots overlap)."""
from __future__ import annotations

import numpy as np

from inference.lesion_candidates.green_pyramid import GreenPyramid
from inference.lesion_candidates.patches import windows_around

REGION_HALF = 7  # px of the patch level: a dot's region lies within a 15x15 window (30 px of a 4288 px photo)
SURROUND_PERCENTILE = 75
DEPTH_FRACTION = 0.35  # a dot pixel is darker than surround - DEPTH_FRACTION x (surround - darkest)


def dot_regions(pyramid: GreenPyramid, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """bool (N, 2h+1, 2h+1): each candidate's dot in its window around (rows, columns) of the patch level."""
    side = 2 * REGION_HALF + 1
    if not len(rows):
        return np.zeros((0, side, side), bool)
    windows = windows_around(pyramid.patch, rows, columns, side).astype(np.float32)
    centre = windows[:, REGION_HALF - 1:REGION_HALF + 2, REGION_HALF - 1:REGION_HALF + 2]
    darkest = centre.reshape(len(windows), -1).min(axis=1)
    surround = np.percentile(windows.reshape(len(windows), -1), SURROUND_PERCENTILE, axis=1)
    regions = windows <= (surround - DEPTH_FRACTION * (surround - darkest))[:, None, None]
    regions[:, REGION_HALF, REGION_HALF] = True  # a candidate always paints its own pixel
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
