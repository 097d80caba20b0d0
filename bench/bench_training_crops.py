"""Training crops one DataLoader process makes per second for the shipped lesion model's run (its card's input
size, crop and preprocessing) from ../shared/data/idrid-seg: the data supply a run can have per worker, which on a
many-core GPU machine, not the GPU, bounds the steps a run takes. Skipped when the photos are absent."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from annotations.progress import NullState
from bench.shared_data import SHARED_DATA, shared_photos
from inference.dataset import load_index
from inference.model_card import load_card
from inference.registry import BUNDLED_MODELS
from inference.training.card import initial_card
from inference.training.config import TrainConfig
from inference.training.prepared_cache import PreparedCache
from inference.training.seg_trainer import SegmentationTrainer

SPLITS = Path(__file__).resolve().parents[1] / "resources" / "splits" / "idrid-seg"
CROPS = 400


def main() -> None:
    if not shared_photos("idrid-seg/images"):
        return
    shipped = load_card(BUNDLED_MODELS / "idrid-lesions").training["hyper_parameters"]
    with tempfile.TemporaryDirectory() as scratch:
        config = TrainConfig(task="seg", data=SHARED_DATA / "idrid-seg", out=Path(scratch) / "model",
                             size=shipped["size"], crop=shipped["crop"], ben_graham=shipped["ben_graham"],
                             splits=SPLITS, device="cpu", workers=0)
        index = load_index(config.data, splits_dir=config.splits)
        trainer = SegmentationTrainer(config, initial_card(config, index.split("train")), index.split("train"),
                                      index.split("val"), NullState(), PreparedCache(Path(scratch) / "cache"), 0)
        plan = np.random.default_rng(0).choice(trainer.train_size, CROPS, p=trainer.weights / trainer.weights.sum())
        started = time.perf_counter()
        for position, item in enumerate(plan):
            trainer.dataset[(0, position, int(item))]
        rate = CROPS / (time.perf_counter() - started)
    print(f"   {config.crop}-px crops of {config.size}-px images ({len(index.split('train'))} photos): "
          f"{rate:.1f} crops/s in one process")
