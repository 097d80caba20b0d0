"""Keeping the connected components that look like lesions: hysteresis (a strong seed, grown over weaker
pixels), a minimum size, not too elongated (vessel pieces are), and not lying mostly on a veto map (vessels)."""
from __future__ import annotations

import cv2
import numpy as np


def keep_components(candidates: np.ndarray, seeds: np.ndarray, min_area: int, max_elongation: float,
                    veto: np.ndarray | None = None, max_veto_fraction: float = 1.0) -> np.ndarray:
    """Bool mask of the components of ``candidates`` that pass every test."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(candidates.astype(np.uint8), connectivity=8)
    if count < 2:
        return np.zeros(candidates.shape, bool)
    ys, xs = np.nonzero(labels)
    which = labels[ys, xs]
    area = np.maximum(stats[:, cv2.CC_STAT_AREA].astype(np.float64), 1.0)
    keep = (np.bincount(which, seeds[ys, xs], minlength=count) > 0) & (area >= min_area)
    keep &= elongation(which, xs, ys, count, area) <= max_elongation
    if veto is not None:
        keep &= np.bincount(which, veto[ys, xs], minlength=count) / area <= max_veto_fraction
    keep[0] = False
    return keep[labels]


def elongation(which: np.ndarray, xs: np.ndarray, ys: np.ndarray, count: int, area: np.ndarray) -> np.ndarray:
    """sqrt(major / minor eigenvalue) of each component's pixel covariance: 1 for a disc, large for a line."""
    def mean(values: np.ndarray) -> np.ndarray:
        return np.bincount(which, values.astype(np.float64), minlength=count) / area

    mx, my = mean(xs), mean(ys)
    vxx = mean(xs.astype(np.float64) ** 2) - mx**2 + 1 / 12  # + pixel extent, so one pixel is not degenerate
    vyy = mean(ys.astype(np.float64) ** 2) - my**2 + 1 / 12
    vxy = mean(xs.astype(np.float64) * ys) - mx * my
    half_trace, root = (vxx + vyy) / 2, np.sqrt(np.maximum(((vxx - vyy) / 2) ** 2 + vxy**2, 0))
    return np.sqrt((half_trace + root) / np.maximum(half_trace - root, 1e-6))


def soft_map(strength: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """Probability-like map whose 0.5 level is exactly the kept components: 0.5..1 inside, below 0.45 outside."""
    return np.where(kept, 0.5 + 0.5 * strength, 0.45 * strength).astype(np.float32)
