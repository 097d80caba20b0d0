"""Training the region classifier: batches of half haemorrhage regions, half not, drawn with weights that grow with
a region's area (its pixels are what Dice counts: sqrt(area) gave the best cross-validated Dice among 0, 0.5, 1),
each patch read with its region's measurements (dark_regions.FEATURE_NAMES); else the patch classifier's loop
(candidate_trainer.train_classifier)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from inference.lesion_candidates.region_network import RegionClassifier
from inference.training.candidate_trainer import TrainingSettings, train_classifier

AREA_POWER = 0.5
POSITIVE_OVERLAP = 0.5  # a region is a haemorrhage when half its pixels lie on the specialists' mask


@dataclass
class RegionTrainingSettings(TrainingSettings):
    steps: int = 1500


def region_labels(overlap: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """bool per region: at least POSITIVE_OVERLAP of it on the mask (``overlap``: its true pixels)."""
    return overlap >= POSITIVE_OVERLAP * areas


def train_region_classifier(patches: np.ndarray, features: np.ndarray, labels: np.ndarray, areas: np.ndarray,
                            settings: RegionTrainingSettings | None = None,
                            log: Callable[[str], None] = print) -> RegionClassifier:
    """A classifier trained on float32 region ``patches`` with their ``features`` (measurements, scaled by their
    mean and spread here) and bool ``labels``, each kind drawn by ``areas`` ** AREA_POWER; needs both kinds."""
    measured = torch.from_numpy(features)

    def new_model() -> RegionClassifier:
        model = RegionClassifier()
        model.feature_mean.copy_(torch.from_numpy(features.mean(axis=0)))
        model.feature_scale.copy_(torch.from_numpy(features.std(axis=0) + 1e-6))
        return model

    return train_classifier(new_model, patches, labels, lambda model, turned, chosen: model(turned, measured[chosen]),
                            settings or RegionTrainingSettings(), log, areas.astype(np.float64) ** AREA_POWER)
