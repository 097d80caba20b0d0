"""Per-class lesion probability maps kept with a case's AI result, and which heat maps a case can show.

A map is 8-bit, value = round(255 x probability), the probability the class's mask was thresholded from. It is
kept reduced to about the resolution the lesion models work at (the shipped lesion model sees the photo 1536 px
across; the classical detector 816 px): a 12-megapixel photo's map is 1430x950, a ninth of its pixels. Each
stored pixel is the maximum of the photo's pixels it covers, so a microaneurysm one or two pixels across keeps its
peak instead of being averaged away.

The Grad-CAM heat map is kept the same way (``compact_cam``): 8-bit, reduced to at most STORED_MAX_SIDE, and
stretched over the photo where it is drawn; a 12 MP photo's map went from about 20 MB (float32, full size) to
about 75 kB. Results saved before that keep their float32 full-size map and are shown as they were.
"""
from __future__ import annotations

import math
from enum import Enum
import numpy as np

from annotations.classes import ALL_CLASSES
from annotations.document import AIResult

STORED_MAX_SIDE = 1536
GRAD_CAM = "cam"  # the heat map source that is not a class: the grade model's Grad-CAM
HEAT_SOURCES: tuple[str, ...] = (GRAD_CAM, *(cls.name for cls in ALL_CLASSES))


class Unavailable(Enum):
    """Why a heat map source cannot be shown (language-neutral; the panel words it)."""

    NOT_ANALYSED = "not analysed"  # no AI result yet
    NO_CAM = "no cam"  # no model explained the grade
    OCT = "oct"  # a B-scan has no lesion classes
    NOT_KEPT = "not kept"  # analysed before probabilities were kept with the result
    NOT_DRAWN = "not drawn"  # the analysis kept other classes' maps, not this one's


def probability_levels(probability: np.ndarray) -> np.ndarray:
    """uint8 round(255 x p) of a float probability map (values outside 0..1 clipped)."""
    return np.clip(np.asarray(probability, np.float32) * 255.0 + 0.5, 0, 255).astype(np.uint8)


def storage_step(width: int, height: int, max_side: int = STORED_MAX_SIDE) -> int:
    """The whole factor a width x height map is reduced by so that neither side exceeds ``max_side``."""
    return max(1, math.ceil(max(width, height) / max_side))


def reduce_for_storage(levels: np.ndarray, max_side: int = STORED_MAX_SIDE) -> np.ndarray:
    """``levels`` (uint8, image size) reduced by storage_step, each pixel the maximum of the block it covers."""
    height, width = levels.shape
    step = storage_step(width, height, max_side)
    if step == 1:
        return np.ascontiguousarray(levels, dtype=np.uint8)
    rows, cols = -(-height // step), -(-width // step)
    padded = np.zeros((rows * step, cols * step), np.uint8)  # 0 (probability 0) never wins a maximum
    padded[:height, :width] = levels
    return padded.reshape(rows, step, cols, step).max(axis=(1, 3))


def compact_cam(cam: np.ndarray) -> np.ndarray:
    """A float 0..1 Grad-CAM as an AI result keeps it: reduced like a probability map and quantised to 1/255,
    so that saving it as 8-bit levels (cam_levels) and reading it back (levels_to_float) gives it back exactly."""
    return levels_to_float(cam_levels(cam))


def cam_levels(cam: np.ndarray) -> np.ndarray:
    """The uint8 levels a Grad-CAM is stored as, reduced by storage_step (a no-op for a compact cam)."""
    return reduce_for_storage(probability_levels(cam))


def levels_to_float(levels: np.ndarray) -> np.ndarray:
    """The float32 0..1 map of uint8 levels (the inverse of cam_levels on a compact cam)."""
    return levels.astype(np.float32) * np.float32(1 / 255)


def heat_map(ai: AIResult | None, source: str) -> np.ndarray | None:
    """The float32 0..1 heat map of ``source`` (GRAD_CAM or a class name) at its stored size, or None."""
    if ai is None:
        return None
    if source == GRAD_CAM:
        return ai.cam
    levels = ai.probabilities.get(source)
    return None if levels is None else levels_to_float(levels)


def unavailable_reason(ai: AIResult | None, source: str, oct_scan: bool = False) -> Unavailable | None:
    """Why ``source`` cannot be shown for this result, or None when it can."""
    if ai is None:
        return Unavailable.NOT_ANALYSED
    if source == GRAD_CAM:
        return None if ai.cam is not None else Unavailable.NO_CAM
    if oct_scan:
        return Unavailable.OCT
    if source in ai.probabilities:
        return None
    return Unavailable.NOT_DRAWN if ai.probabilities else Unavailable.NOT_KEPT


def shown_heat_source(ai: AIResult | None, wanted: str, oct_scan: bool = False) -> str | None:
    """What the heat map layer shows: the reader's choice where this result has it, else Grad-CAM where it has
    one (a case analysed before probabilities were kept), else nothing."""
    for source in (wanted, GRAD_CAM):
        if unavailable_reason(ai, source, oct_scan) is None:
            return source
    return None
