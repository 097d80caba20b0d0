"""Training the candidate models' classifiers (the patch classifier here, the region classifier in region_trainer):
balanced batches (as many lesions as not), the eight flips and quarter turns, binary cross-entropy, AdamW with a
cosine schedule; one CPU thread suffices."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, TypeVar

import numpy as np
import torch
from torch import nn

from inference.lesion_candidates.network import PatchClassifier
from inference.training import candidate_messages as said
from inference.training import messages as msg

Model = TypeVar("Model", bound=nn.Module)


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


def train_classifier(new_model: Callable[[], Model], patches: np.ndarray, labels: np.ndarray,
                     logits: Callable[[Model, torch.Tensor, np.ndarray], torch.Tensor], settings: TrainingSettings,
                     log: Callable[[str], None], weights: np.ndarray | None = None) -> Model:
    """``new_model()`` (made after seeding) trained on float32 ``patches`` (N, C, S, S) with bool ``labels``; needs
    both kinds. ``logits(model, turned, chosen)``: its logits for the turned patches of the ``chosen`` indices (the
    caller adds what else its model reads of them). ``weights`` (per patch): draw each kind in proportion to them,
    else uniformly."""
    positive, negative = np.flatnonzero(labels), np.flatnonzero(~labels)
    if not len(positive) or not len(negative):
        raise ValueError(msg.NEEDS_BOTH_KINDS)
    torch.manual_seed(settings.seed)
    random = np.random.default_rng(settings.seed)
    model = new_model()
    optimiser = torch.optim.AdamW(model.parameters(), lr=settings.lr, weight_decay=settings.weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: 0.5 * (1 + math.cos(math.pi * step / settings.steps)))
    positive_p, negative_p = (None, None) if weights is None else (
        weights[positive] / weights[positive].sum(), weights[negative] / weights[negative].sum())
    data = torch.from_numpy(patches)
    half = settings.batch_size // 2
    target = torch.cat([torch.ones(half), torch.zeros(half)])
    model.train()
    running = 0.0
    for step in range(settings.steps):
        chosen = np.concatenate([random.choice(positive, half, p=positive_p),
                                 random.choice(negative, half, p=negative_p)])
        turned = dihedral(data[chosen], int(random.integers(8)))
        loss = nn.functional.binary_cross_entropy_with_logits(logits(model, turned, chosen), target)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = 0.98 * running + 0.02 * loss.item() if step else loss.item()
        if (step + 1) % 500 == 0:
            log(said.STEP.format(step=step + 1, steps=settings.steps, loss=f"{running:.4f}"))
    return model.eval()


def train_patch_classifier(patches: np.ndarray, labels: np.ndarray, settings: TrainingSettings | None = None,
                           log: Callable[[str], None] = print) -> PatchClassifier:
    """A classifier trained on float32 ``patches`` (N, C, S, S) with bool ``labels`` (it reads C channels: the
    shipped 2, or more a recipe tries); needs both kinds."""
    return train_classifier(lambda: PatchClassifier(inputs=patches.shape[1]), patches, labels,
                            lambda model, turned, _: model(turned), settings or TrainingSettings(), log)
