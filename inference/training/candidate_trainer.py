"""Training the candidate patch classifier: balanced batches of candidate patches (as many lesions as not), the
eight flips and quarter turns, binary cross-entropy, Adam with a cosine schedule; one CPU thread suffices."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from torch import nn

from inference.lesion_candidates.network import PatchClassifier
from inference.training import messages as msg


@dataclass
class TrainingSettings:
    steps: int = 3000
    batch_size: int = 128  # half lesions, half not
    lr: float = 2e-3
    weight_decay: float = 1e-4
    seed: int = 0


def dihedral(batch: torch.Tensor, choice: int) -> torch.Tensor:
    """One of the eight flips and quarter turns of a patch batch (N, C, H, W)."""
    if choice & 4:
        batch = batch.flip(3)
    return torch.rot90(batch, choice & 3, dims=(2, 3))


def train_patch_classifier(patches: np.ndarray, labels: np.ndarray, settings: TrainingSettings | None = None,
                           log: Callable[[str], None] = print) -> PatchClassifier:
    """A classifier trained on float32 ``patches`` (N, 2, S, S) with bool ``labels``; needs both kinds."""
    settings = settings or TrainingSettings()
    positive, negative = np.flatnonzero(labels), np.flatnonzero(~labels)
    if not len(positive) or not len(negative):
        raise ValueError(msg.NEEDS_BOTH_KINDS)
    torch.manual_seed(settings.seed)
    random = np.random.default_rng(settings.seed)
    model = PatchClassifier()
    optimiser = torch.optim.AdamW(model.parameters(), lr=settings.lr, weight_decay=settings.weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: 0.5 * (1 + math.cos(math.pi * step / settings.steps)))
    loss_function = nn.BCEWithLogitsLoss()
    data = torch.from_numpy(patches)
    half = settings.batch_size // 2
    target = torch.cat([torch.ones(half), torch.zeros(half)])
    model.train()
    running = 0.0
    for step in range(settings.steps):
        chosen = np.concatenate([random.choice(positive, half), random.choice(negative, half)])
        batch = dihedral(data[chosen], int(random.integers(8)))
        loss = loss_function(model(batch), target)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = 0.98 * running + 0.02 * loss.item() if step else loss.item()
        if (step + 1) % 500 == 0:
            log(f"step {step + 1}/{settings.steps}: loss {running:.4f}")
    return model.eval()


