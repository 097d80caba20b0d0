"""Bright lesions (hard exudates) by background estimation in the green channel: compact spots clearly brighter
than the median-filtered surround, away from the optic disc (the brightest normal structure)."""
from __future__ import annotations

import cv2
import numpy as np

from inference.classical.components import keep_components, soft_map
from inference.classical.optic_disc import OpticDisc
from inference.classical.working import WorkingCopy

SEED_LEVEL = 0.30  # relative brightness above background that starts an exudate
GROW_LEVEL = 0.18  # ... and that it grows over
MIN_AREA = 10  # px
MAX_ELONGATION = 6.0  # exudates come in streaks, but not as long as the light reflex along a vessel
DISC_EXCLUSION = 1.4  # disc radii around the disc centre where brightness is normal anatomy


def bright_lesions(work: WorkingCopy, contrast: np.ndarray, disc: OpticDisc | None) -> np.ndarray:
    """Probability-like map (float32 0..1, working size) of hard exudates."""
    allowed = work.field.view(np.uint8).copy()
    if disc is not None:
        cv2.circle(allowed, (round(disc.x), round(disc.y)), round(DISC_EXCLUSION * disc.radius), 0, -1)
    allowed = allowed.view(bool)
    kept = keep_components((contrast >= GROW_LEVEL) & allowed, contrast >= SEED_LEVEL, MIN_AREA, MAX_ELONGATION)
    strength = np.clip((contrast - GROW_LEVEL) / (2 * SEED_LEVEL - GROW_LEVEL), 0, 1) * allowed
    return soft_map(strength, kept)
