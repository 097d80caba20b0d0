"""Training the region classifier: batches of half haemorrhage regions, half not, drawn with weights that grow with
a region's area (its pixels are what Dice counts: sqrt(area) gave the best cross-validated Dice among 0, 0.5, 1),
the eight flips and quarter turns of the patches, binary cross-entropy, AdamW with a cosine schedule."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from torch import nn

from inference.lesion_candidates.region_network import RegionClassifier
from inference.training import messages as msg
from inference.training.candidate_trainer import dihedral

AREA_POWER = 0.5
POSITIVE_OVERLAP = 0.5  # a region is a haemorrhage when half its pixels lie on the specialists' mask


@dataclass
class RegionTrainingSettings:
    steps: int = 1500
    batch_size: int = 128
    lr: float = 2e-3
    weight_decay: float = 1e-4
    seed: int = 0


def region_labels(overlap: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """bool per region: at least POSITIVE_OVERLAP of it on the mask (``overlap``: its true pixels)."""
    return overlap >= POSITIVE_OVERLAP * areas


def train_region_classifier(patches: np.ndarray, features: np.ndarray, labels: np.ndarray, areas: np.ndarray,
                            settings: RegionTrainingSettings | None = None,
                            log: Callable[[str], None] = print) -> RegionClassifier:
    settings = settings or RegionTrainingSettings()
    positive, negative = np.flatnonzero(labels), np.flatnonzero(~labels)
    if not len(positive) or not len(negative):
        raise ValueError(msg.NEEDS_BOTH_KINDS)
    torch.manual_seed(settings.seed)
    random = np.random.default_rng(settings.seed)
    model = RegionClassifier()
    model.feature_mean.copy_(torch.from_numpy(features.mean(axis=0)))
    model.feature_scale.copy_(torch.from_numpy(features.std(axis=0) + 1e-6))
    optimiser = torch.optim.AdamW(model.parameters(), lr=settings.lr, weight_decay=settings.weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: 0.5 * (1 + math.cos(math.pi * step / settings.steps)))
    weights = areas.astype(np.float64) ** AREA_POWER
    positive_p, negative_p = weights[positive] / weights[positive].sum(), weights[negative] / weights[negative].sum()
    data, measured = torch.from_numpy(patches), torch.from_numpy(features)
    half = settings.batch_size // 2
    target = torch.cat([torch.ones(half), torch.zeros(half)])
    model.train()
    running = 0.0
    for step in range(settings.steps):
        chosen = np.concatenate([random.choice(positive, half, p=positive_p),
                                 random.choice(negative, half, p=negative_p)])
        batch = dihedral(data[chosen], int(random.integers(8)))
        loss = nn.functional.binary_cross_entropy_with_logits(model(batch, measured[chosen]), target)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = 0.98 * running + 0.02 * loss.item() if step else loss.item()
        if (step + 1) % 500 == 0:
            log(f"step {step + 1}/{settings.steps}: loss {running:.4f}")
    return model.eval()
