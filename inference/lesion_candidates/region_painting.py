"""Painting region scores back onto the photo: a region covers the original pixels where its working-size outline,
enlarged bilinearly, reaches one half (as the classical detector's masks are enlarged); each takes its region's
probability. The mask is where that map reaches the threshold, so a positive region is painted whole."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inference.lesion_candidates.dark_regions import DarkRegions
from inference.stored_maps import BoxedMap


@dataclass
class CandidateRegions:
    class_name: str
    regions: DarkRegions
    scores: np.ndarray  # float32 classifier probability per region
    threshold: float

    def probability(self, shape: tuple[int, int]) -> np.ndarray:
        """float32 map of ``shape`` (the image's): each region's probability on its pixels, else 0."""
        regions = self.regions
        covered = self._enlarged(shape, regions.working_map(np.ones(len(regions), np.float32)),
                                 cv2.INTER_LINEAR) >= 0.5
        # nearest enlargement of the scores, spread by one working px so the bilinear outline never reads a 0
        spread = cv2.dilate(regions.working_map(self.scores), np.ones((3, 3), np.uint8))
        return self._enlarged(shape, spread, cv2.INTER_NEAREST) * covered

    def mask(self, shape: tuple[int, int]) -> np.ndarray:
        """bool map of ``shape``: the regions that reach the threshold."""
        return self.probability(shape) >= self.threshold

    def boxed(self, shape: tuple[int, int]) -> BoxedMap:
        """The probability map at working size over its crop, for a case to keep (no full-size map)."""
        return BoxedMap(self.regions.working_map(self.scores), self.regions.work.box, (shape[1], shape[0]))

    def _enlarged(self, shape: tuple[int, int], working: np.ndarray, interpolation: int) -> np.ndarray:
        x0, y0, x1, y1 = self.regions.work.box
        out = np.zeros(shape, np.float32)
        out[y0:y1, x0:x1] = cv2.resize(working, (x1 - x0, y1 - y0), interpolation=interpolation)
        return out
