"""A lesion class found by a candidates model: dark-dot candidates, each scored by the patch classifier, painted
back onto the photo (``inference.lesion_candidates.painting``); the mask is the candidates at or above the card's
threshold."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from torch import nn

from inference.lesion_candidates.network import classify
from inference.lesion_candidates.painting import dot_regions, paint
from inference.lesion_candidates.photo import PhotoCandidates, photo_candidates
from inference.model_card import ModelCard
from inference.preprocess import FieldOfView


@dataclass
class CandidateLesions:
    class_name: str
    photo: PhotoCandidates
    scores: np.ndarray  # float32 classifier probability per candidate
    threshold: float

    def probability(self, shape: tuple[int, int]) -> np.ndarray:
        """float32 map of ``shape`` (the image's): each candidate's probability on its dot's pixels, else 0."""
        return self._painted(shape, np.ones(len(self.scores), bool), self.scores, np.float32)

    def mask(self, shape: tuple[int, int]) -> np.ndarray:
        """bool map of ``shape``: the dots of the candidates that reach the threshold (what the probability map
        reaches the threshold on)."""
        chosen = self.scores >= self.threshold
        return self._painted(shape, chosen, np.ones(int(chosen.sum()), np.uint8), np.uint8).view(bool)

    def _painted(self, shape: tuple[int, int], chosen: np.ndarray, values: np.ndarray, dtype: type) -> np.ndarray:
        rows, columns = self.photo.rows[chosen], self.photo.columns[chosen]
        regions = dot_regions(self.photo.pyramid, rows, columns)
        return paint(shape, self.photo.pyramid, rows, columns, regions, values, np.zeros(shape, dtype))


def find_candidate_lesions(module: nn.Module, card: ModelCard, image_rgb: np.ndarray, fov: FieldOfView
                           ) -> CandidateLesions:
    """The one class of ``card`` (a lesion-candidates model's) found on ``image_rgb`` by its network ``module``."""
    photo = photo_candidates(image_rgb, fov)
    scores = classify(module, photo.patches, next(module.parameters()).device)
    name = card.classes[0]
    return CandidateLesions(name, photo, scores, card.threshold(name))
