"""A lesion class found by a candidates model: dark-dot candidates (MA), each scored by the patch classifier, painted
back onto the photo (``inference.lesion_candidates.painting``), or dark regions (HE) scored by the region classifier
and painted whole (``region_painting``); the mask is the candidates at or above the card's threshold."""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

import numpy as np
from torch import nn

from annotations.progress import TaskState, check_cancelled
from inference.layer_cancel import cancel_between_layers
from inference.lesion_candidates.dark_regions import find_dark_regions
from inference.lesion_candidates.network import classify
from inference.lesion_candidates.painting import REGION_HALF, dot_regions, paint
from inference.lesion_candidates.photo import PhotoCandidates, photo_candidates
from inference.lesion_candidates.region_network import classify_regions
from inference.lesion_candidates.region_painting import CandidateRegions
from inference.model_card import REGION_ENCODER, ModelCard
from inference.preprocess import FieldOfView
from inference.stored_maps import BoxedMap


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

    def boxed(self, shape: tuple[int, int]) -> BoxedMap:
        """The probability map at the patch level (a 12 MP photo's half resolution) with a margin that cuts no
        dot, for a case to keep: stored by the maximum, as ``probability`` would be, without a full-size map."""
        pyramid, margin = self.photo.pyramid, REGION_HALF
        height, width = pyramid.patch.shape
        values = np.zeros((height + 2 * margin, width + 2 * margin), np.float32)
        rows, columns = self.photo.rows, self.photo.columns
        regions = dot_regions(pyramid, rows, columns)
        paint(values.shape, rows + margin, columns + margin, regions, self.scores, values)
        x0, y0 = pyramid.box[0] - margin * pyramid.factor, pyramid.box[1] - margin * pyramid.factor
        box = (x0, y0, x0 + values.shape[1] * pyramid.factor, y0 + values.shape[0] * pyramid.factor)
        return BoxedMap(values, box, (shape[1], shape[0]), peaks=True)

    def _painted(self, shape: tuple[int, int], chosen: np.ndarray, values: np.ndarray, dtype: type) -> np.ndarray:
        rows, columns = self.photo.rows[chosen], self.photo.columns[chosen]
        pyramid = self.photo.pyramid
        regions = dot_regions(pyramid, rows, columns)
        return paint(shape, rows, columns, regions, values, np.zeros(shape, dtype), pyramid.factor, pyramid.box[:2])


def find_candidate_lesions(module: nn.Module, card: ModelCard, image_rgb: np.ndarray, fov: FieldOfView,
                           state: TaskState | None = None) -> CandidateLesions | CandidateRegions:
    """The one class of ``card`` (a lesion-candidates model's) found on ``image_rgb`` by its network ``module``:
    dark regions for a region classifier (HE), dark dots otherwise (MA). Raises Cancelled once ``state`` is
    cancelled, between the finding and the scoring and inside the scoring (0.1-0.2 s each on a 12 MP photo)."""
    name = card.classes[0]
    if card.encoder == REGION_ENCODER:
        regions = find_dark_regions(image_rgb, fov)
        with _scoring(module, state):
            scores = classify_regions(module, regions.patches, regions.features)
        return CandidateRegions(name, regions, scores, card.threshold(name))
    photo = photo_candidates(image_rgb, fov)
    with _scoring(module, state):
        scores = classify(module, photo.patches, next(module.parameters()).device)
    return CandidateLesions(name, photo, scores, card.threshold(name))


def _scoring(module: nn.Module, state: TaskState | None) -> AbstractContextManager[None]:
    """Where the candidates' scoring starts: stopped there when cancelled, and between the network's layers."""
    if state is not None:
        check_cancelled(state)
    return cancel_between_layers(module, state)
