"""Candidate labels from a specialist's lesion mask: a candidate is positive when it lies on a lesion or within
TOLERANCE original pixels of one (a dot's darkest point need not be on the outline a person drew)."""
from __future__ import annotations

import cv2
import numpy as np

TOLERANCE = 3  # original px


def _lookup(array: np.ndarray, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
    rows = np.clip(np.round(ys).astype(int), 0, array.shape[0] - 1)
    columns = np.clip(np.round(xs).astype(int), 0, array.shape[1] - 1)
    return array[rows, columns]


def candidate_labels(lesion: np.ndarray, ys: np.ndarray, xs: np.ndarray, tolerance: int = TOLERANCE) -> np.ndarray:
    """bool per candidate at original coordinates (``ys``, ``xs``): on or near a pixel of ``lesion`` (bool mask)."""
    near = cv2.dilate(lesion.view(np.uint8), np.ones((2 * tolerance + 1,) * 2, np.uint8))
    return _lookup(near, ys, xs) > 0


def component_recall(lesion: np.ndarray, ys: np.ndarray, xs: np.ndarray, tolerance: int = TOLERANCE
                     ) -> tuple[int, int]:
    """(lesions hit by some candidate, lesions): connected components (8-connected) of ``lesion``."""
    count, labels = cv2.connectedComponents(lesion.view(np.uint8), connectivity=8)
    grown = cv2.dilate(labels.astype(np.float32), np.ones((2 * tolerance + 1,) * 2, np.uint8)).astype(np.int32)
    labels = np.where(labels > 0, labels, grown)  # where grown regions meet, the larger label wins: fine for counts
    hit = np.unique(_lookup(labels, ys, xs))
    return int((hit > 0).sum()), count - 1
