"""One photo's candidates and classifier input, as training and inference both make them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from inference.lesion_candidates.dark_dots import MAX_CANDIDATES, Candidates, find_dark_dots
from inference.lesion_candidates.green_pyramid import GreenPyramid, green_pyramid
from inference.lesion_candidates.patches import candidate_patches, patch_centres
from inference.preprocess import FieldOfView


@dataclass
class PhotoCandidates:
    pyramid: GreenPyramid
    candidates: Candidates
    patches: np.ndarray  # float32 (N, 2, PATCH_SIZE, PATCH_SIZE)
    rows: np.ndarray  # patch-level centre of each candidate
    columns: np.ndarray

    def original_points(self) -> tuple[np.ndarray, np.ndarray]:
        """(ys, xs) of the candidates in original pixels."""
        return self.pyramid.to_original(self.rows.astype(np.float64), self.columns.astype(np.float64))


def photo_candidates(image_rgb: np.ndarray, fov: FieldOfView, max_count: int = MAX_CANDIDATES) -> PhotoCandidates:
    pyramid = green_pyramid(image_rgb, fov)
    candidates = find_dark_dots(pyramid.detect, pyramid.field, max_count)
    rows, columns = patch_centres(candidates)
    return PhotoCandidates(pyramid, candidates, candidate_patches(pyramid, candidates), rows, columns)
