"""The training DataLoader: prepared images come from the on-disk cache (reused by a second run, redone when a source
changes), and batches depend on the seed and epoch only, not on the number of worker processes."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import torch

from annotations.progress import CallbackState
from inference.dataset import load_index
from inference.training.augment import AugmentOptions
from inference.training.card import initial_card
from inference.training.config import TrainConfig
from inference.training import loader
from inference.training.loader import EpochLoader, SegmentationCrops
from inference.training.prepared_cache import PreparedCache
from inference.training.prepared_items import SegmentationPreparation, prepare_items
from inference.training.sampling import class_balanced_weights
from tests.unit.test_training_fixtures import tiny_seg_options, write_mask_set


def prepared(tmp_path: Path, cache: PreparedCache, workers: int = 0):
    config = TrainConfig(task="seg", data=tmp_path / "data", out=tmp_path / "m", **tiny_seg_options())
    index = load_index(config.data)
    card = initial_card(config, index.split("train"))
    messages: list[str] = []
    items = prepare_items(SegmentationPreparation(card, "weak", card.input_size), index.split("train"), cache,
                          CallbackState(lambda fraction, message: messages.append(message)), workers)
    return card, items, messages[-1]


def batches(card, items, workers: int, seed: int = 0, epochs: int = 2) -> list[list[torch.Tensor]]:
    dataset = SegmentationCrops(items, card, (32, 32), AugmentOptions(), seed)
    weights = class_balanced_weights([set(f["present"]) for f in items.facts])
    loader = EpochLoader(dataset, weights, batch_size=3, steps=2, seed=seed, workers=workers)
    return [[inputs, *targets] for epoch in range(epochs) for inputs, targets in loader.epoch(epoch)]


def same(first: list[list[torch.Tensor]], second: list[list[torch.Tensor]]) -> bool:
    return all(torch.equal(a, b) for x, y in zip(first, second, strict=True) for a, b in zip(x, y, strict=True))


def test_batches_depend_on_seed_and_epoch_not_on_workers(tmp_path: Path) -> None:
    write_mask_set(tmp_path / "data")
    card, items, _ = prepared(tmp_path, PreparedCache(tmp_path / "cache"))
    in_process = batches(card, items, workers=0)
    assert len(in_process) == 4 and in_process[0][0].shape == (3, 3, 32, 32)
    assert same(in_process, batches(card, items, workers=2))  # the same batches, made in two worker processes
    assert same(in_process, batches(card, items, workers=0))  # and again: deterministic across runs
    assert not torch.equal(in_process[0][0], in_process[2][0])  # epochs differ
    assert not torch.equal(in_process[0][0], batches(card, items, workers=0, seed=1)[0][0])  # seeds differ


def test_a_worker_finds_class_pixels_itself_and_keeps_a_bounded_number(tmp_path: Path, monkeypatch) -> None:
    write_mask_set(tmp_path / "data")
    card, items, _ = prepared(tmp_path, PreparedCache(tmp_path / "cache"))
    monkeypatch.setattr(loader, "CLASS_PIXELS_KEPT", 2)
    dataset = SegmentationCrops(items, card, (32, 32), AugmentOptions(), 0)
    for position, index in enumerate([0, 1, 2, 3, 0]):
        dataset[(0, position, index)]
    assert len(dataset._pixels) == 2 and 0 in dataset._pixels and 3 in dataset._pixels
    assert len(pickle.loads(pickle.dumps(dataset))._pixels) == 0  # what a worker process receives


def test_a_second_run_reads_the_cache_and_a_changed_source_is_prepared_again(tmp_path: Path) -> None:
    data = write_mask_set(tmp_path / "data")
    cache = PreparedCache(tmp_path / "cache")
    card, first, message = prepared(tmp_path, cache, workers=1)  # prepared in a worker process
    assert message == "4 images prepared (0 from the cache)"
    _, again, message = prepared(tmp_path, cache)
    assert message == "4 images prepared (4 from the cache)" and again.keys == first.keys
    assert np.array_equal(again.arrays(0)["labels"], first.arrays(0)["labels"])
    assert again.arrays(0)["image"].shape == (64, 64, 3)

    image = data / "images" / "case00.png"
    os.utime(image, ns=(image.stat().st_atime_ns, image.stat().st_mtime_ns + 10**9))  # edited since
    _, changed, message = prepared(tmp_path, cache)
    assert message == "4 images prepared (3 from the cache)" and changed.keys[0] != first.keys[0]

    card.preprocessing.ben_graham = True  # another preparation setting: every image again
    index = load_index(data)
    messages: list[str] = []
    prepare_items(SegmentationPreparation(card, "weak", card.input_size), index.split("train"), cache,
                  CallbackState(lambda fraction, text: messages.append(text)), 0)
    assert messages[-1] == "4 images prepared (0 from the cache)"
