"""Patches around candidates for the classifier: two channels of PATCH_SIZE px, the patch level and the coarser
detect level (twice the context), each divided by its own mean brightness so that photos of any exposure look
alike."""
from __future__ import annotations

import numpy as np

from inference.lesion_candidates.dark_dots import Candidates
from inference.lesion_candidates.green_pyramid import GreenPyramid

PATCH_SIZE = 24
CONTRAST_GAIN = 4.0  # relative darkness of a faint MA (~0.1) -> about unit input
BRIGHTNESS_FLOOR = 10.0


def windows_around(image: np.ndarray, ys: np.ndarray, xs: np.ndarray, size: int) -> np.ndarray:
    """(N, size, size) windows of ``image`` centred on (ys, xs), the image edge repeated outward."""
    half = size // 2
    offsets = np.arange(size) - half
    rows = np.clip(ys[:, None] + offsets, 0, image.shape[0] - 1)
    columns = np.clip(xs[:, None] + offsets, 0, image.shape[1] - 1)
    return image[rows[:, :, None], columns[:, None, :]]


def normalised(windows: np.ndarray) -> np.ndarray:
    """float32 classifier input from (N, size, size) green windows: each divided by its own mean brightness."""
    values = windows.astype(np.float32)
    level = np.maximum(values.reshape(len(values), -1).mean(axis=1), BRIGHTNESS_FLOOR)[:, None, None]
    return (values / level - 1.0) * CONTRAST_GAIN


def patch_centres(candidates: Candidates) -> tuple[np.ndarray, np.ndarray]:
    """Patch-level pixel of each detect-level candidate (the pyramid halves by 2: pixel i covers 2i and 2i+1)."""
    return candidates.ys * 2 + 1, candidates.xs * 2 + 1


def candidate_patches(pyramid: GreenPyramid, candidates: Candidates) -> np.ndarray:
    """float32 (N, 2, PATCH_SIZE, PATCH_SIZE) classifier input."""
    rows, columns = patch_centres(candidates)
    fine = normalised(windows_around(pyramid.patch, rows, columns, PATCH_SIZE))
    coarse = normalised(windows_around(pyramid.detect, candidates.ys, candidates.xs, PATCH_SIZE))
    return np.stack([fine, coarse], axis=1)
