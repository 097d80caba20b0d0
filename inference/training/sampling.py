"""Class-balanced sampling: which images a batch draws, and where a segmentation crop is centred.

Lesion data is lopsided twice over: few images hold soft exudates, and within an image lesions cover well under
1 % of pixels. Images are drawn with weights that favour rare classes (or rare grades), and most crops are
centred on a pixel of a randomly chosen class present in the image, so small lesions are seen every batch.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np

from inference.targets import IGNORE

LESION_CENTRED_FRACTION = 0.7  # of crops centred on a lesion (or boxed) pixel; the rest anywhere
HARD_NEGATIVE_FRACTION = 0.2  # of crops centred on a rejected AI candidate, in images that have some


def inverse_frequency_weights(labels: Sequence[int], power: float = 0.5) -> np.ndarray:
    """Per-item sampling weights ∝ count(label)^-power (0: uniform, 1: every label equally often); sum to 1."""
    counts = Counter(labels)
    weights = np.array([counts[label] ** -power for label in labels], np.float64)
    return weights / weights.sum()


def class_balanced_weights(present: Sequence[set[int]], power: float = 0.5) -> np.ndarray:
    """Per-image weights for segmentation: an image counts as its rarest present class (background-only images
    as class 0), then inverse frequency as above."""
    counts = Counter(cls for classes in present for cls in (classes or {0}))
    rarest = [min(classes or {0}, key=lambda c: (counts[c], c)) for classes in present]
    return inverse_frequency_weights(rarest, power)


def mixed_weights(present: Sequence[set[int]], weak: Sequence[bool], power: float = 0.5,
                  weak_share: float | None = None) -> np.ndarray:
    """class_balanced_weights, or with ``weak_share`` set and both kinds present: box photos (``weak``: labelled by
    boxes alone, targets.labelled_by_boxes_alone) take that share of the draws and painted ones, those with boxes too
    among them, the rest, each balanced within its kind (hundreds of box photos would otherwise drown a dozen painted
    ones, and their everywhere-allowed classes would skew the balance)."""
    weak = np.asarray(weak, bool)
    if weak_share is None or weak.all() or not weak.any():
        return class_balanced_weights(present, power)
    weights = np.zeros(len(present))
    for kind, share in ((weak, weak_share), (~weak, 1.0 - weak_share)):
        members = np.flatnonzero(kind)
        weights[members] = share * class_balanced_weights([present[i] for i in members], power)
    return weights


def draw(weights: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` item indices drawn with replacement by weight."""
    return rng.choice(len(weights), size=count, replace=True, p=weights)


def present_classes(labels: np.ndarray, allowed: np.ndarray) -> set[int]:
    """Classes (channel indices > 0) labelled or allowed somewhere in an image."""
    found = {int(v) for v in np.unique(labels) if 0 < v < IGNORE}
    bits = int(np.bitwise_or.reduce(allowed, axis=None)) if allowed.size else 0
    found.update(k for k in range(1, 8) if bits & (1 << k))
    return found


class ClassPixels:
    """Where each class is labelled or allowed in one prepared image (flat indices in row-major order, as
    ``np.nonzero`` lists them), found on a crop's first use of the class: later crops centred on it read them
    instead of scanning the whole image again (a 1536 px image's scan and its classes' ``np.unique`` were two
    thirds of a crop's time)."""

    def __init__(self, labels: np.ndarray, allowed: np.ndarray, classes: Sequence[int]) -> None:
        self.labels, self.allowed = labels, allowed
        self.classes = sorted(classes)  # present_classes(labels, allowed), known from the image's preparation
        self._found: dict[int, np.ndarray] = {}

    @property
    def shape(self) -> tuple[int, int]:
        return self.labels.shape

    def of(self, cls: int) -> np.ndarray:
        found = self._found.get(cls)
        if found is None:
            found = np.flatnonzero((self.labels == cls) | ((self.allowed & (1 << cls)) != 0)).astype(np.int32)
            self._found[cls] = found
        return found


def crop_origin(pixels: ClassPixels, crop: tuple[int, int], rng: np.random.Generator,
                centred_fraction: float = LESION_CENTRED_FRACTION,
                hard_negatives: Sequence[tuple[float, float]] = ()) -> tuple[int, int]:
    """Top-left (y, x) of a crop of size ``crop`` (h, w): mostly centred on a pixel of a random present class,
    sometimes on a candidate a reader rejected (the model's own false positives, the most useful negatives)."""
    height, width = pixels.shape
    crop_h, crop_w = crop
    classes = pixels.classes
    draw_kind = rng.random()
    if hard_negatives and draw_kind < HARD_NEGATIVE_FRACTION:
        centre_y, centre_x = hard_negatives[int(rng.integers(len(hard_negatives)))]
        y, x = int(round(centre_y)) - crop_h // 2, int(round(centre_x)) - crop_w // 2
    elif classes and draw_kind < centred_fraction:
        cls = classes[int(rng.integers(len(classes)))]
        found = pixels.of(cls)
        pick_y, pick_x = divmod(int(found[int(rng.integers(found.size))]), width)
        y = pick_y - crop_h // 2 + int(rng.integers(-crop_h // 4, crop_h // 4 + 1))
        x = pick_x - crop_w // 2 + int(rng.integers(-crop_w // 4, crop_w // 4 + 1))
    else:
        y = int(rng.integers(0, max(height - crop_h, 0) + 1))
        x = int(rng.integers(0, max(width - crop_w, 0) + 1))
    return (int(np.clip(y, 0, max(height - crop_h, 0))), int(np.clip(x, 0, max(width - crop_w, 0))))
