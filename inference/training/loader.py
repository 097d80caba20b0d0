"""Batches for training: a seeded plan per epoch, items read from the PreparedCache and augmented in DataLoader
worker processes.

Every random choice derives from the run's seed: the epoch's plan (which items, drawn with the class-balancing
weights) from (seed, epoch), each item's crop and augmentation from (seed, epoch, position in the plan). So batches
are the same whatever the number of workers, a run resumed at an epoch boundary continues exactly, and under
torchrun each rank takes every world_size-th position of one shared plan (one global batch = batch size x ranks).
"""
from __future__ import annotations

import os
from typing import Any, Iterator

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, Sampler

from annotations.bounded_cache import BoundedCache
from inference.model_card import ModelCard
from inference.preprocess import normalise
from inference.training.augment import AugmentOptions, augment, crop
from inference.training.distributed import Ranks
from inference.training.prepared_items import PreparedItems, quiet_worker
from inference.training.sampling import ClassPixels, crop_origin, draw

PlanEntry = tuple[int, int, int]  # (epoch, position in the epoch's plan, item index)
# Images whose class pixels a worker keeps (ClassPixels: a few MB each at 1536 px; hundreds of box photos would
# otherwise all stay in every worker)
CLASS_PIXELS_KEPT = 64


def default_workers(ranks: Ranks = Ranks()) -> int:
    """Worker processes per rank: the cores left after each rank's training process, at most 4 (1 on 2 cores)."""
    cores = os.cpu_count() or 1
    return max(0, min(4, cores // ranks.local_world_size - 1))


class EpochPlan(Sampler[PlanEntry]):
    def __init__(self, weights: np.ndarray, batch_size: int, steps: int, seed: int, ranks: Ranks = Ranks()) -> None:
        self.weights, self.batch_size, self.steps, self.seed, self.ranks = weights, batch_size, steps, seed, ranks
        self.epoch = 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self) -> int:
        return self.steps * self.batch_size

    def __iter__(self) -> Iterator[PlanEntry]:
        rng = np.random.default_rng([self.seed, self.epoch])
        plan = draw(self.weights, len(self) * self.ranks.world_size, rng)
        for position in range(self.ranks.rank, len(plan), self.ranks.world_size):
            yield self.epoch, position, int(plan[position])


class SegmentationCrops(Dataset):
    """A class-balanced crop of a prepared item, augmented: (image CHW, (labels, allowed))."""

    def __init__(self, items: PreparedItems, card: ModelCard, crop_size: tuple[int, int], options: AugmentOptions,
                 seed: int) -> None:
        self.items, self.card, self.crop_size, self.options, self.seed = items, card, crop_size, options, seed
        self._pixels: BoundedCache[int, ClassPixels] = BoundedCache(CLASS_PIXELS_KEPT)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_pixels": BoundedCache(CLASS_PIXELS_KEPT)}  # each worker finds its own

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, entry: PlanEntry) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        epoch, position, index = entry
        rng = np.random.default_rng([self.seed, epoch, position])
        arrays = self.items.arrays(index)
        centres = [tuple(c) for c in self.items.facts[index]["hard_negatives"]]
        y, x = crop_origin(self._class_pixels(index, arrays), self.crop_size, rng, hard_negatives=centres)
        image, label, allow = crop([arrays["image"], arrays["labels"], arrays["allowed"]], y, x, *self.crop_size)
        image, (label, allow) = augment(image, [label, allow], self.options, rng)
        return (normalise(image, self.card)[0], (torch.from_numpy(label.astype(np.int64)),
                                                 torch.from_numpy(np.ascontiguousarray(allow))))

    def _class_pixels(self, index: int, arrays: dict[str, np.ndarray]) -> ClassPixels:
        pixels = self._pixels.get(index)
        if pixels is None:
            pixels = ClassPixels(arrays["labels"], arrays["allowed"], self.items.facts[index]["present"])
            self._pixels.put(index, pixels)
        return pixels


class ClassificationImages(Dataset):
    """A prepared image, augmented, with its label: (image CHW, label)."""

    def __init__(self, items: PreparedItems, labels: list[int], card: ModelCard, options: AugmentOptions,
                 seed: int) -> None:
        self.items, self.labels, self.card, self.options, self.seed = items, labels, card, options, seed

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, entry: PlanEntry) -> tuple[torch.Tensor, int]:
        epoch, position, index = entry
        rng = np.random.default_rng([self.seed, epoch, position])
        image, _ = augment(np.array(self.items.arrays(index)["image"]), [], self.options, rng)
        return normalise(image, self.card)[0], self.labels[index]


class EpochLoader:
    """``epoch(e)``: the batches of epoch ``e`` (worker processes stay alive between epochs)."""

    def __init__(self, dataset: Dataset, weights: np.ndarray, batch_size: int, steps: int, seed: int,
                 workers: int, ranks: Ranks = Ranks()) -> None:
        self.plan = EpochPlan(weights, batch_size, steps, seed, ranks)
        self.loader = DataLoader(dataset, batch_size=batch_size, sampler=self.plan, num_workers=workers,
                                 persistent_workers=workers > 0, worker_init_fn=quiet_worker,
                                 prefetch_factor=4 if workers else None,
                                 generator=torch.Generator().manual_seed(seed))  # leaves torch's global one alone

    def epoch(self, epoch: int) -> Iterator[Any]:
        self.plan.set_epoch(epoch)
        return iter(self.loader)

