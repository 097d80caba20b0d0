"""Image classifier training (DR grade, referable DR, OCT class): prepared images cached once, rare labels
oversampled, augmentation, cross-entropy/focal with an optional ordinal term for grades."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import torch
from torch import nn

from annotations.progress import TaskState, check_cancelled
from inference.dataset import Sample, grade_label
from inference.evaluation import evaluate_classifier
from inference.loading import LoadedModel
from inference.model_card import ModelCard
from inference.preprocess import normalise
from inference.targets import classification_image
from inference.training.augment import AugmentOptions, augment
from inference.training.config import TrainConfig
from inference.training.losses import classification_loss
from inference.training.sampling import draw, inverse_frequency_weights

ORDINAL_FACTOR = 1.0
EVALUATION_WORD = {"dr-grade": "grade", "referable": "referable", "oct": "oct", "lesions-present": "present"}


class ClassificationTrainer:
    def __init__(self, config: TrainConfig, card: ModelCard, train: Sequence[Sample], val: Sequence[Sample],
                 state: TaskState) -> None:
        self.config, self.card = config, card
        self.images, self.labels = _prepare(train, card, state, 0.0, 0.8)
        if not self.images:
            raise ValueError(f"{config.data}: no training image has a {card.task} label (grades CSV, or one "
                             f"sub-folder per class named {', '.join(card.classes)})")
        self.val_images, self.val_labels = _prepare(val, card, state, 0.8, 1.0)
        self.weights = inverse_frequency_weights(self.labels, config.balance_power)
        self.augment_options = AugmentOptions(scale_range=(0.95, 1.05)) if config.augment else AugmentOptions.none()
        if card.task == "oct":  # a B-scan has an up: no vertical flips, small tilts only
            self.augment_options.vertical_flip = False
            self.augment_options.rotate_degrees = min(self.augment_options.rotate_degrees, 10.0)
        self.focal_gamma = config.focal_gamma if config.loss == "focal" else 0.0
        self.ordinal_factor = ORDINAL_FACTOR if config.ordinal and card.task == "dr-grade" else 0.0

    @property
    def train_size(self) -> int:
        return len(self.images)

    def batch(self, rng: np.random.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        images, labels = [], []
        for index in draw(self.weights, self.config.batch_size, rng):
            image, _ = augment(self.images[int(index)], [], self.augment_options, rng)
            images.append(normalise(image, self.card))
            labels.append(self.labels[int(index)])
        return torch.cat(images), torch.tensor(labels, dtype=torch.int64)

    def loss(self, logits: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, dict[str, float]]:
        return classification_loss(logits, targets, self.focal_gamma, self.ordinal_factor)

    @torch.no_grad()
    def validation(self, model: nn.Module, device: torch.device) -> dict[str, float]:
        if not self.val_images:
            return {}
        logits = torch.cat([model(normalise(image, self.card).to(device)) for image in self.val_images]).float()
        targets = torch.tensor(self.val_labels, dtype=torch.int64, device=logits.device)
        return {"val_loss": float(self.loss(logits, targets)[0]),
                "val_accuracy": float((logits.argmax(1) == targets).float().mean())}

    def held_out_metrics(self, model: LoadedModel, samples: Sequence[Sample], state: TaskState) -> dict[str, Any]:
        return evaluate_classifier(model, samples, EVALUATION_WORD[self.card.task], state)[0]


def _prepare(samples: Sequence[Sample], card: ModelCard, state: TaskState, start: float, end: float
             ) -> tuple[list[np.ndarray], list[int]]:
    labelled = [(s, label) for s in samples if (label := grade_label(s, card.task, card.classes)) is not None]
    images, labels = [], []
    for number, (sample, label) in enumerate(labelled):
        check_cancelled(state)
        state.progress(start + (end - start) * number / max(len(labelled), 1), f"preparing {sample.name}")
        images.append(classification_image(sample, card))
        labels.append(label)
    return images, labels
