"""Lesion segmentation training data and loss: prepared images in the on-disk cache, class-balanced crops and
augmentation in DataLoader workers (inference.training.loader), cross-entropy/focal + weighted Dice or Lovász-softmax
with partial labels for VOC boxes."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import torch
from torch import nn

from annotations.formats.label_map import parse_label_map
from annotations.progress import TaskState
from annotations.wording import join_items
from inference.dataset import Sample
from inference.evaluation import evaluate_segmentation
from inference.loading import LoadedModel
from inference.metrics import dice_from_counts
from inference.model_card import ModelCard
from inference.preprocess import normalise
from inference.segmentation import predict_probabilities
from inference.targets import (IGNORE, SegmentationItem, box_channels, draws_lesions, has_segmentation_labels,
                               labelled_by_boxes_alone, tiled_input_size)
from inference.training import messages as msg
from inference.training.augment import AugmentOptions
from inference.training.config import TrainConfig
from inference.training.distributed import Ranks
from inference.training.loader import SegmentationCrops
from inference.training.losses import dice_weights_for, segmentation_loss
from inference.training.prepared_cache import PreparedCache
from inference.training.prepared_items import CachedSegmentationItems, SegmentationPreparation, prepare_items
from inference.training.sampling import mixed_weights

THRESHOLD_CANDIDATES = np.round(np.arange(0.1, 0.91, 0.05), 2)


class SegmentationTrainer:
    def __init__(self, config: TrainConfig, card: ModelCard, train: Sequence[Sample], val: Sequence[Sample],
                 state: TaskState, cache: PreparedCache, workers: int, ranks: Ranks = Ranks()) -> None:
        self.config, self.card = config, card
        self.kept_channels = kept_channels(card, config.keep_classes)  # refused before minutes of preparation
        lesions = draws_lesions(card)
        labelled = [s for s in train if has_segmentation_labels(s, lesions)]
        if not labelled:
            raise ValueError(msg.NO_SEGMENTATION_LABELS.format(data=config.data))
        size = tiled_input_size(card) if config.tiled else card.input_size
        box_classes = frozenset(parse_label_map(config.label_map).values()) if config.label_map else None
        self.box_channels = box_channels(card, box_classes)
        preparation = SegmentationPreparation(card, config.box_mode, tuple(size), box_classes)
        items = prepare_items(preparation, labelled, cache, state, workers, ranks, 0.0, 0.8)
        self.val_items = CachedSegmentationItems(prepare_items(
            preparation, [s for s in val if has_segmentation_labels(s, lesions)], cache, state, workers, ranks, 0.8,
            1.0))
        # --weak-share splits the draws between box photos and painted ones, a photo with masks and boxes too
        # among the painted (its boxes make some of its pixels uncertain, yet its masks label it)
        self.weights = mixed_weights([set(facts["present"]) for facts in items.facts],
                                     [labelled_by_boxes_alone(sample) for sample in labelled], config.balance_power,
                                     config.weak_share)
        side = config.crop or card.input_size[0]
        crop_size = (min(side, size[0]), min(side, size[1]))
        options = (AugmentOptions() if config.augment else AugmentOptions.none()).for_preprocessing(card.preprocessing)
        self.dataset = SegmentationCrops(items, card, crop_size, options, config.seed)
        self.dice_weights = dice_weights_for(card.classes, config.dice_weights)
        self.focal_gamma = config.focal_gamma if config.loss == "focal" else 0.0

    @property
    def train_size(self) -> int:
        return len(self.dataset)

    def loss(self, logits: torch.Tensor, targets: tuple[torch.Tensor, torch.Tensor]
             ) -> tuple[torch.Tensor, dict[str, float]]:
        labels, allowed = targets
        return segmentation_loss(logits, labels, allowed, self.dice_weights, self.focal_gamma,
                                 self.config.dice_factor, self.config.box_factor, self.box_channels,
                                 self.config.region_loss)

    @torch.no_grad()
    def validation(self, model: nn.Module, device: torch.device) -> dict[str, float]:
        """Loss on whole prepared validation images (no crop, no augmentation)."""
        if not self.val_items:
            return {}
        losses = []
        for item in self.val_items:
            logits = model(normalise(item.image, self.card).to(device))
            targets = (torch.from_numpy(item.labels.astype(np.int64))[None].to(device),
                       torch.from_numpy(item.allowed)[None].to(device))
            losses.append(float(self.loss(logits, targets)[0]))
        return {"val_loss": float(np.mean(losses))}

    @torch.no_grad()
    def tune_thresholds(self, model: nn.Module, device: torch.device) -> dict[str, float]:
        """Per lesion class, the probability threshold with the best Dice on the validation images whose labels
        say where the class is and is not (pooled pixels, model-input resolution): not those that leave it unknown
        somewhere (inside its boxes, where it is boxed with none of it painted); classes without validation pixels
        keep the default."""
        counts: dict[int, np.ndarray] = {}  # channel -> (candidates, [tp, fp, fn])
        for item in self.val_items:
            known = [channel for channel in range(1, len(self.card.classes)) if not _unknown_somewhere(item, channel)]
            if not known:
                continue
            probs = predict_probabilities(model, normalise(item.image, self.card).to(device), self.card)
            probs = probs[0].float().cpu().numpy()
            for channel in known:
                truth = item.labels == channel
                predicted = probs[channel][None] >= THRESHOLD_CANDIDATES[:, None, None]
                tp = (predicted & truth).sum(axis=(1, 2))
                found = np.stack([tp, predicted.sum(axis=(1, 2)) - tp, truth.sum() - tp], axis=1)
                counts[channel] = counts.get(channel, 0) + found
        thresholds = {}
        for channel, table in counts.items():
            if table[0, 0] + table[0, 2] == 0:  # no painted pixel of this class in validation
                continue
            dice = [dice_from_counts(*row) for row in table]
            thresholds[self.card.classes[channel]] = float(THRESHOLD_CANDIDATES[int(np.argmax(dice))])
        return thresholds

    def held_out_metrics(self, model: LoadedModel, samples: Sequence[Sample], state: TaskState) -> dict[str, Any]:
        return evaluate_segmentation(model, samples, state, self.config.tiled, msg.SCORING_HELD_OUT)[0]


def kept_channels(card: ModelCard, classes: Sequence[str]) -> list[int]:
    """The output channels of ``classes`` (--keep-classes); ValueError naming one that is no lesion class of
    ``card``."""
    for name in classes:
        if name not in card.lesion_classes:
            raise ValueError(msg.KEEP_UNKNOWN_CLASS.format(name=name, choices=join_items(card.lesion_classes)))
    return [card.classes.index(name) for name in classes]


def _unknown_somewhere(item: SegmentationItem, channel: int) -> bool:
    """Whether ``item`` leaves ``channel`` to the loss somewhere: a pixel that may or may not be of it."""
    return bool((item.allowed[item.labels == IGNORE] >> channel & 1).any())
