"""`retina-review train candidates --classes HE`: haemorrhages from dark-region candidates and a region classifier.

The threshold is chosen without the validation photos: the training photos are split into REGION_FOLDS folds
(round robin over their sorted names), each scored by a classifier trained on the others, and the threshold is the
best pooled Dice of those out-of-fold scores. The shipped classifier is then trained on every training photo and
compared on the validation photos with what the shipped models draw for HE now (``ship_pixels.classes_won``).
``cross_validate`` scores every photo of a data set by a classifier that never saw it, the same way.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import torch

from annotations.classes import LesionClass
from annotations.image_io import load_image
from annotations.wording import join_items
from inference.dataset import Sample, load_index
from inference.evaluation import PixelTally
from inference.lesion_candidates.dark_regions import DarkRegions, find_dark_regions
from inference.lesion_candidates.region_network import RegionClassifier, classify_regions
from inference.lesion_candidates.region_painting import CandidateRegions
from inference.pixel_eval import LesionTally
from inference.preprocess import find_fov
from inference.targets import read_mask_bits
from inference.training import candidate_messages as said
from inference.training.region_trainer import (RegionTrainingSettings, region_labels,
                                               train_region_classifier)
from inference.training.tool_end import run_tool

REGION_FOLDS = 3
THRESHOLDS = np.round(np.arange(0.02, 0.99, 0.02), 2)


@dataclass
class RegionPhoto:
    name: str
    regions: DarkRegions
    overlap: np.ndarray  # float32 per region: its true pixels (working px)
    truth_working: float  # the photo's true pixels in working px
    truth: np.ndarray  # bool, original size


def region_photo(sample: Sample, cls: LesionClass) -> RegionPhoto:
    image = load_image(sample.image)
    truth = (read_mask_bits(sample, image.shape[:2]) & cls.bit) != 0
    regions = find_dark_regions(image, find_fov(image))
    x0, y0, x1, y1 = regions.work.box
    truth_working = float(cv2.resize(truth[y0:y1, x0:x1].astype(np.float32), regions.labels.shape[::-1],
                                     interpolation=cv2.INTER_AREA).sum())
    return RegionPhoto(sample.name, regions, regions.truth_overlap(truth), truth_working, truth)


def round_robin_folds(names: list[str], count: int = REGION_FOLDS) -> list[list[str]]:
    ordered = sorted(names)
    return [ordered[start::count] for start in range(count)]


def train_on(photos: list[RegionPhoto], settings: RegionTrainingSettings,
             log: Callable[[str], None] = print) -> RegionClassifier:
    def joined(part: Callable[[RegionPhoto], np.ndarray]) -> np.ndarray:
        return np.concatenate([part(photo) for photo in photos])

    areas = joined(lambda p: p.regions.areas)
    return train_region_classifier(joined(lambda p: p.regions.patches), joined(lambda p: p.regions.features),
                                   region_labels(joined(lambda p: p.overlap), areas), areas, settings, log)


def score(model: RegionClassifier, photo: RegionPhoto) -> np.ndarray:
    return classify_regions(model, photo.regions.patches, photo.regions.features)


def out_of_fold(photos: dict[str, RegionPhoto], folds: list[list[str]], settings: RegionTrainingSettings,
                log: Callable[[str], None] = print) -> dict[str, np.ndarray]:
    """Scores of each photo of ``folds`` by a classifier trained on every other photo of ``photos``."""
    scores = {}
    for fold in folds:
        log(said.FOLD.format(names=join_items(fold)))
        model = train_on([photo for name, photo in photos.items() if name not in fold], settings, log)
        scores.update({name: score(model, photos[name]) for name in fold})
    return scores


def best_threshold(photos: list[RegionPhoto], scores: dict[str, np.ndarray]) -> float:
    """The threshold of THRESHOLDS with the best Dice pooled over ``photos`` (at working size)."""
    true_positive, drawn = np.zeros(len(THRESHOLDS)), np.zeros(len(THRESHOLDS))
    for photo in photos:
        chosen = scores[photo.name][None, :] >= THRESHOLDS[:, None]
        true_positive += chosen @ photo.overlap.astype(np.float64)
        drawn += chosen @ photo.regions.areas.astype(np.float64)
    dice = 2 * true_positive / np.maximum(drawn + sum(photo.truth_working for photo in photos), 1e-9)
    return float(THRESHOLDS[int(np.argmax(dice))])


def candidate_recall(photos: list[RegionPhoto]) -> dict[str, float | int]:
    """Share of the true lesions (8-connected, original size) and of their pixels that candidate regions reach."""
    hit = lesions = covered = pixels = 0
    for photo in photos:
        every = CandidateRegions("", photo.regions, np.ones(len(photo.regions), np.float32), 0.5)
        reached = every.mask(photo.truth.shape)
        count, labels = cv2.connectedComponents(photo.truth.view(np.uint8), connectivity=8)
        hit += int(np.count_nonzero(np.unique(labels[reached & photo.truth])))
        lesions += count - 1
        covered += int(np.count_nonzero(reached & photo.truth))
        pixels += int(np.count_nonzero(photo.truth))
    return {"lesions": lesions, "hit": hit, "recall": hit / lesions if lesions else 0.0,
            "pixel_recall": covered / pixels if pixels else 0.0,
            "candidates_per_photo": float(np.mean([len(photo.regions) for photo in photos]))}


def pixel_figures(photos: list[RegionPhoto], scores: dict[str, np.ndarray], thresholds: dict[str, float],
                  name: str) -> dict[str, float | None]:
    """`evaluate seg`'s figures (AUPR, Dice, precision, recall, lesion recall) pooled over ``photos``."""
    pixels, lesions = PixelTally(), LesionTally()
    for photo in photos:
        found = CandidateRegions(name, photo.regions, scores[photo.name], thresholds[photo.name])
        probability = found.probability(photo.truth.shape)
        predicted = probability >= found.threshold
        pixels.add(name, probability, predicted, photo.truth)
        lesions.add(name, predicted, photo.truth)
    figures = pixels.metrics()["per_class"][name]
    return {key: figures[key] for key in ("aupr", "dice", "precision", "recall")} | {
        "lesion_recall": lesions.recall(name)}


def cross_validate(photos: dict[str, RegionPhoto], folds: list[list[str]], settings: RegionTrainingSettings,
                   name: str, log: Callable[[str], None] = print) -> dict[str, object]:
    """Each fold scored by a classifier trained on the other photos, at the threshold with the best Dice of the
    other folds' out-of-fold scores: per fold and pooled figures."""
    scores = out_of_fold(photos, folds, settings, log)
    thresholds = {}
    for fold in folds:
        others = [photo for key, photo in photos.items() if key not in fold]
        thresholds.update(dict.fromkeys(fold, best_threshold(others, scores)))
    rows = [{"photos": fold, "threshold": thresholds[fold[0]],
             **pixel_figures([photos[key] for key in fold], scores, thresholds, name)} for fold in folds]
    return {"folds": rows, "pooled": pixel_figures(list(photos.values()), scores, thresholds, name)}


def main(argv: list[str] | None = None) -> int:
    """``python -m inference.training.region_run --data DIR --splits DIR``: cross-validation of HE regions over
    every photo of the train and val splits (val as one fold, the training photos in REGION_FOLDS), beside the
    classical detector's figures on the same photos; prints JSON."""
    parser = argparse.ArgumentParser(prog="python -m inference.training.region_run", description=main.__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--splits", type=Path, default=None)
    parser.add_argument("--steps", type=int, default=RegionTrainingSettings().steps)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    index = load_index(args.data, splits_dir=args.splits)
    train, val = index.split("train"), index.split("val")
    photos = {sample.name: region_photo(sample, LesionClass.HE) for sample in train + val}
    folds = [[sample.name for sample in val], *round_robin_folds([sample.name for sample in train])]
    result = cross_validate(photos, folds, RegionTrainingSettings(steps=args.steps, seed=args.seed), "HE",
                            lambda line: print(line, flush=True))
    result["candidate_recall"] = candidate_recall(list(photos.values()))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(run_tool(main))
