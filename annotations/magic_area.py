"""Where the magic brush may paint a class: the AI's pixels of it at the threshold the reader chose.

An analysis keeps two things per lesion class: its mask, cut at the model's own threshold and exact at every
pixel of the photo, and the probability map it was cut from, kept reduced (annotations.probability_maps: a
12-megapixel photo's map has a pixel per 3x3 block of the photo). So the magic brush follows the mask exactly at
the model's own threshold (the reader's choice "AI's", or that number), and the kept map beyond it, a block at a
time: at a stricter threshold it keeps the mask's pixels whose block reaches it, at a looser one it adds the
blocks that reach it. Where no map was kept (a case analysed before maps were kept, a class no source drew, a map
of another size) it follows the mask whatever the threshold, and says so.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from annotations.classes import LesionClass
from annotations.document import AIResult
from annotations.probability_maps import storage_step

AI_OWN = 0.0  # the threshold setting that means the model's own: the AI's mask as the analysis cut it
SAME_THRESHOLD = 0.005  # thresholds this close are one: the box shows two decimals


@dataclass(frozen=True)
class MagicArea:
    """The magic brush's allowed pixels for one class: ``crop(y0, y1, x0, x1)`` gives them in that box. ``levels``
    (uint8 round(255 x p), one per ``step`` x ``step`` block) and ``at_least`` widen the mask (``looser``) or
    narrow it; without ``levels`` it is the mask. ``unmet``: the threshold asked for could not be followed."""

    mask: np.ndarray
    bit: int
    levels: np.ndarray | None = None
    step: int = 1
    at_least: int = 0
    looser: bool = False
    unmet: bool = False

    def crop(self, y0: int, y1: int, x0: int, x1: int) -> np.ndarray:
        found = (self.mask[y0:y1, x0:x1] & self.bit) != 0
        if self.levels is None:
            return found
        step = self.step
        blocks = self.levels[y0 // step:(y1 - 1) // step + 1, x0 // step:(x1 - 1) // step + 1] >= self.at_least
        reaching = np.repeat(np.repeat(blocks, step, axis=0), step, axis=1)
        reaching = reaching[y0 % step:y0 % step + (y1 - y0), x0 % step:x0 % step + (x1 - x0)]
        return found | reaching if self.looser else found & reaching


def magic_area(ai: AIResult | None, cls: LesionClass, threshold: float, shape: tuple[int, int]) -> MagicArea | None:
    """Where a magic brush may paint ``cls`` at ``threshold`` (AI_OWN: the mask) on a photo of ``shape``; None
    when the case has no AI mask of its size to follow."""
    if ai is None or ai.mask is None or ai.mask.shape != shape:
        return None
    own = ai.probability_thresholds.get(cls.name)
    if threshold <= AI_OWN or (own is not None and abs(threshold - own) < SAME_THRESHOLD):
        return MagicArea(ai.mask, cls.bit)
    levels, step = ai.probabilities.get(cls.name), _step(ai.probabilities.get(cls.name), shape)
    if levels is None or step is None or own is None:
        return MagicArea(ai.mask, cls.bit, unmet=True)
    return MagicArea(ai.mask, cls.bit, levels, step, math.ceil(255 * threshold - 1e-9), looser=threshold < own)


def _step(levels: np.ndarray | None, shape: tuple[int, int]) -> int | None:
    """How many photo pixels a side of the kept map's pixels covers; None for a map of no size the result keeps."""
    if levels is None:
        return None
    height, width = shape
    step = storage_step(width, height)
    for candidate in (step, 1):
        if levels.shape == (-(-height // candidate), -(-width // candidate)):
            return candidate
    return None
