"""Preparing training images once into the PreparedCache, in DataLoader worker processes, and reading them back.

A preparation (segmentation or classification) names an item's cache key and makes its arrays and facts; it is a
small picklable object, so workers (and, under torchrun, every rank on its share) prepare missing items in
parallel. Training then holds only keys and facts in memory; arrays are read from the cache when a batch or a
validation pass needs them.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any, Sequence

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from annotations.progress import TaskState, check_cancelled
from annotations.classes import LesionClass
from annotations.errors import FileProblem
from inference.dataset import DataError, Sample
from inference.file_stamps import file_stamps
from inference.model_card import ModelCard
from inference.targets import SegmentationItem, classification_image, segmentation_item
from inference.training import messages as msg
from inference.training.distributed import Ranks
from inference.training.prepared_cache import PreparedCache, cache_key
from inference.training.sampling import present_classes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SegmentationPreparation:
    card: ModelCard
    box_mode: str
    size: tuple[int, int]  # (h, w) of the prepared image (the card's, or tiled inference's)
    box_classes: frozenset[LesionClass] | None = None  # what the data set's boxes can name (targets.segmentation_item)
    arrays = ("image", "labels", "allowed")

    def key(self, sample: Sample) -> str:
        masks = sorted(sample.mask_files.items(), key=lambda item: item[0].bit)
        return cache_key({
            "kind": "segmentation", "image": file_stamps([sample.image]),
            "masks": [[cls.name, *stamp] for (cls, _), stamp in zip(masks, file_stamps(p for _, p in masks))],
            "boxes": None if sample.boxes is None else [_box(b) for b in sample.boxes],
            "hard_negatives": [_box(b) for b in sample.hard_negatives],
            "size": list(self.size), "classes": self.card.classes, "box_mode": self.box_mode,
            "box_classes": None if self.box_classes is None else sorted(c.name for c in self.box_classes),
            "preprocessing": asdict(self.card.preprocessing)})

    def prepare(self, sample: Sample) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        item = segmentation_item(sample, self.card, self.box_mode, self.size, self.box_classes)
        facts = {"present": sorted(present_classes(item.labels, item.allowed)),
                 "hard_negatives": [[float(y), float(x)] for y, x in item.hard_negatives]}
        return {"image": item.image, "labels": item.labels, "allowed": item.allowed}, facts


@dataclass(frozen=True)
class ClassificationPreparation:
    card: ModelCard
    arrays = ("image",)

    def key(self, sample: Sample) -> str:
        return cache_key({"kind": "classification", "image": file_stamps([sample.image]),
                          "size": list(self.card.input_size), "preprocessing": asdict(self.card.preprocessing)})

    def prepare(self, sample: Sample) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        image = classification_image(sample, self.card)
        return {"image": image}, {"shape": list(image.shape)}


Preparation = SegmentationPreparation | ClassificationPreparation


@dataclass
class PreparedItems:
    """The keys and facts of prepared samples, in sample order; arrays stay in the cache."""
    cache: PreparedCache
    preparation: Preparation
    keys: list[str]
    facts: list[dict[str, Any]]

    def __len__(self) -> int:
        return len(self.keys)

    def arrays(self, index: int) -> dict[str, np.ndarray]:
        return self.cache.arrays(self.keys[index], self.preparation.arrays)


class CachedSegmentationItems(Sequence[SegmentationItem]):
    """Validation items read from the cache one at a time (writable copies: torch wants them)."""

    def __init__(self, items: PreparedItems) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> SegmentationItem:  # type: ignore[override]
        arrays = self.items.arrays(index)
        centres = [tuple(c) for c in self.items.facts[index]["hard_negatives"]]
        return SegmentationItem(np.array(arrays["image"]), np.array(arrays["labels"]), np.array(arrays["allowed"]),
                                centres)


def prepare_items(preparation: Preparation, samples: Sequence[Sample], cache: PreparedCache, state: TaskState,
                  workers: int, ranks: Ranks = Ranks(), start: float = 0.0, end: float = 1.0) -> PreparedItems:
    """Every sample prepared into the cache (items already there are reused); each rank prepares its share of the
    missing ones, ``workers`` processes at a time, and all ranks meet before reading the others' items."""
    keys = [preparation.key(sample) for sample in samples]
    ranks.barrier()  # every rank must see the same cache to agree on the shares of what is missing
    facts = [cache.meta(key) for key in keys]
    missing = [index for index, found in enumerate(facts) if found is None]
    mine = missing[ranks.rank::ranks.world_size]
    jobs = _PrepareJobs(preparation, cache, [samples[i] for i in mine], [keys[i] for i in mine])
    loader = DataLoader(jobs, batch_size=None, num_workers=min(workers, len(mine)), collate_fn=_as_is,
                        worker_init_fn=quiet_worker, generator=torch.Generator())  # not the global generator
    for number, (position, found) in enumerate(loader):
        check_cancelled(state)
        facts[mine[position]] = found
        state.progress(start + (end - start) * (number + 1) / max(len(mine), 1),
                       f"preparing {samples[mine[position]].name}")
    ranks.barrier()
    for index in missing:
        facts[index] = facts[index] or cache.meta(keys[index])
        if facts[index] is None:
            raise DataError(msg.PREPARED_MISSING.format(path=samples[index].image, cache=cache.root))
    if ranks.is_main:
        _keep_within_limit(cache, keys)
    state.progress(end, prepared_words(len(samples), len(samples) - len(missing)))
    return PreparedItems(cache, preparation, keys, facts)  # type: ignore[arg-type]


def prepared_words(count: int, cached: int) -> str:
    """What preparing says once done: "1 image prepared", "4 images prepared", with how many came from the cache."""
    return (msg.PREPARED_ONE if count == 1 else msg.PREPARED_MANY).format(count=count, cached=cached)


def _keep_within_limit(cache: PreparedCache, keys: list[str]) -> None:
    """The run's images count as used now (they stay), then the least recently used others make room."""
    cache.mark_used(keys)
    eviction = cache.evict()
    if eviction.removed or eviction.kept > cache.limit_bytes:
        log.info("prepared-image cache %s: %d item(s) used least recently removed (%.2f GiB); %.2f GiB kept, "
                 "limit %.2f GiB (images used in the last hour stay)", cache.root, eviction.removed,
                 eviction.freed / 2**30, eviction.kept / 2**30, cache.limit_bytes / 2**30)


class ItemProblem(DataError):
    """A training item's photo or mask that cannot be used, raised in a loader worker. torch rebuilds the error in
    the training process from its traceback's text alone (a FileProblem, needing a path and a reason, came back as a
    RuntimeError: the run ended as a crash, status 70), so this keeps the last line's message: the file and what is
    wrong with it."""

    def __init__(self, message: str) -> None:
        said = f"{type(self).__name__}: "
        super().__init__(message.rsplit(said, 1)[-1].strip() if said in message else message)


class _PrepareJobs(Dataset):
    def __init__(self, preparation: Preparation, cache: PreparedCache, samples: list[Sample], keys: list[str]):
        self.preparation, self.cache, self.samples, self.keys = preparation, cache, samples, keys

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, position: int) -> tuple[int, dict[str, Any]]:
        try:
            arrays, facts = self.preparation.prepare(self.samples[position])
        except (FileProblem, DataError) as exc:  # a damaged photo or mask: the person's to mend, also from a worker
            raise ItemProblem(str(exc)) from exc
        self.cache.store(self.keys[position], arrays, facts)
        return position, facts


def quiet_worker(worker_id: int) -> None:
    """One torch thread per DataLoader worker: the workers are the parallelism. (OpenCV's pool is left alone:
    cv2.setNumThreads in a forked child can wait forever on the parent's pool.)"""
    torch.set_num_threads(1)


def _as_is(item: Any) -> Any:
    return item


def _box(box: Any) -> list[Any]:
    return [box.label.name, box.xmin, box.ymin, box.xmax, box.ymax]
