"""Image classifier training (DR grade, referable DR, OCT class): prepared images in the on-disk cache, rare labels
oversampled, augmentation in DataLoader workers (inference.training.loader), cross-entropy/focal with an optional
ordinal term for grades."""
from __future__ import annotations

from typing import Any, Sequence

import torch
from torch import nn

from annotations.progress import TaskState
from annotations.wording import join_items
from inference.dataset import Sample, grade_label
from inference.evaluation import evaluate_classifier
from inference.loading import LoadedModel
from inference.model_card import ModelCard
from inference.preprocess import normalise
from inference.training import messages as msg
from inference.training.augment import AugmentOptions
from inference.training.config import TrainConfig, ignored_fields
from inference.training.distributed import Ranks
from inference.training.loader import ClassificationImages
from inference.training.losses import classification_loss
from inference.training.prepared_cache import PreparedCache
from inference.training.prepared_items import ClassificationPreparation, prepare_items
from inference.training.sampling import inverse_frequency_weights

ORDINAL_FACTOR = 1.0
EVALUATION_WORD = {"dr-grade": "grade", "referable": "referable", "oct": "oct", "lesions-present": "present"}


class ClassificationTrainer:
    def __init__(self, config: TrainConfig, card: ModelCard, train: Sequence[Sample], val: Sequence[Sample],
                 state: TaskState, cache: PreparedCache, workers: int, ranks: Ranks = Ranks()) -> None:
        self.config, self.card = config, card
        train_samples, labels = _labelled(train, card)
        if not train_samples:
            raise ValueError(msg.NO_CLASS_LABELS.format(data=config.data, task=card.task,
                                                        classes=join_items(card.classes)))
        preparation = ClassificationPreparation(card)
        items = prepare_items(preparation, train_samples, cache, state, workers, ranks, 0.0, 0.8)
        val_samples, self.val_labels = _labelled(val, card)
        self.val_items = prepare_items(preparation, val_samples, cache, state, workers, ranks, 0.8, 1.0)
        self.weights = inverse_frequency_weights(labels, config.balance_power)
        options = AugmentOptions(scale_range=(0.95, 1.05)) if config.augment else AugmentOptions.none()
        options = options.for_preprocessing(card.preprocessing)
        if card.task == "oct":  # a B-scan has an up: no vertical flips, small tilts only
            options.vertical_flip = False
            options.rotate_degrees = min(options.rotate_degrees, 10.0)
        self.dataset = ClassificationImages(items, labels, card, options, config.seed)
        self.focal_gamma = config.focal_gamma if config.loss == "focal" else 0.0
        self.ordinal_factor = ORDINAL_FACTOR if config.ordinal and "ordinal" not in ignored_fields(card.task) else 0.0

    @property
    def train_size(self) -> int:
        return len(self.dataset)

    def loss(self, logits: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, dict[str, float]]:
        return classification_loss(logits, targets, self.focal_gamma, self.ordinal_factor)

    @torch.no_grad()
    def validation(self, model: nn.Module, device: torch.device) -> dict[str, float]:
        if not len(self.val_items):
            return {}
        logits = torch.cat([model(normalise(self.val_items.arrays(index)["image"], self.card).to(device))
                            for index in range(len(self.val_items))]).float()
        targets = torch.tensor(self.val_labels, dtype=torch.int64, device=logits.device)
        return {"val_loss": float(self.loss(logits, targets)[0]),
                "val_accuracy": float((logits.argmax(1) == targets).float().mean())}

    def held_out_metrics(self, model: LoadedModel, samples: Sequence[Sample], state: TaskState) -> dict[str, Any]:
        return evaluate_classifier(model, samples, EVALUATION_WORD[self.card.task], state, msg.SCORING_HELD_OUT)[0]


def _labelled(samples: Sequence[Sample], card: ModelCard) -> tuple[list[Sample], list[int]]:
    pairs = [(s, label) for s in samples if (label := grade_label(s, card.task, card.classes)) is not None]
    return [s for s, _ in pairs], [label for _, label in pairs]
