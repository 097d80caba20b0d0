"""Cross-validation of the MA dot classifier (`ma-candidates`) over the 17 idrid-seg photos (issue 20, session 27).

The folds are session 6's: the validation photos as one, the training photos round robin in REGION_FOLDS more
(``region_run.round_robin_folds``); each fold is scored by a classifier trained by the shipped recipe
(``train_patch_classifier``) on every other photo. Figures are `evaluate seg`'s (``evaluation.PixelTally``) for
the classifier's map alone (at the classifier's cut) and for what the program draws: its mean with the CLAHE
member's levelled MA map, as 8-bit levels, cut at the card's threshold (``candidate_blend``, as the pipeline does).
The cuts and levels are the shipped card's, chosen on the validation photos: for the other folds they were chosen
elsewhere (no cut is re-chosen per fold); ``best_dice`` is the best pooled Dice over all cuts, for comparison.

Each photo's candidates, labels, true MA mask and the member's levelled map (the slow part: the lesion model runs
once per photo) are cached in a folder outside the repository, so that recipes rerun in minutes. Caveat: the CLAHE
member was trained on the 13 training photos, so the averaged figures of the three training folds are optimistic;
only the validation fold's are out of sample for both maps.
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import torch

from annotations.classes import LesionClass
from annotations.image_io import load_image
from annotations.probability_maps import probability_levels
from inference.candidate_blend import blend_partner, blended, partner_probability
from inference.dataset import Sample, load_index
from inference.evaluation import PixelTally
from inference.lesion_candidates.dark_dots import Candidates
from inference.lesion_candidates.detector import CandidateLesions
from inference.lesion_candidates.green_pyramid import GreenPyramid
from inference.lesion_candidates.labels import candidate_labels
from inference.lesion_candidates.network import PatchClassifier, classify
from inference.lesion_candidates.patches import (PATCH_SIZE, candidate_patches, normalised, patch_centres,
                                                 windows_around)
from inference.lesion_candidates.photo import PhotoCandidates, photo_candidates
from inference.loading import LoadedModel
from inference.preprocess import FieldOfView, field_diameter, find_fov
from inference.registry import ModelRegistry
from inference.segmentation import segment
from inference.targets import read_mask_bits
from inference.training import messages as msg
from inference.training.candidate_trainer import TrainingSettings, train_patch_classifier
from inference.training.region_run import round_robin_folds
from inference.training.tool_end import run_tool

CLASS = LesionClass.MA
SHIPPED = "ma-candidates"
FIGURES = ("aupr", "dice", "precision", "recall")
PartnerMap = Callable[[np.ndarray, FieldOfView], np.ndarray]  # photo, field -> levelled partner map (full size)


@dataclass
class DotPhoto:
    """One photo's cached pieces: its candidates (patches remade from the pyramid), labels, truth, partner map."""

    name: str
    photo: PhotoCandidates
    labels: np.ndarray  # bool per candidate (inference.lesion_candidates.labels)
    truth: np.ndarray  # bool, original size: the specialists' MA
    partner: np.ndarray  # float16, original size: the blending member's MA map, levelled onto the classifier's cut


@dataclass
class Cuts:
    """The shipped card's: the classifier's own cut (its map alone; the partner's levels end there) and the mean's."""

    alone: float
    mean: float


def folds_of(val_names: list[str], train_names: list[str]) -> list[list[str]]:
    """Session 6's folds: the validation photos as one fold, the training photos round robin in three."""
    return [sorted(val_names), *round_robin_folds(train_names)]


def cache_photo(sample: Sample, folder: Path, partner_map: PartnerMap) -> Path:
    """``folder``/NAME.npz for ``sample``, made unless it exists (the partner map is what costs)."""
    path = folder / f"{sample.name}.npz"
    if path.exists():
        return path
    image = load_image(sample.image)
    fov = find_fov(image)
    photo = photo_candidates(image, fov)
    truth = (read_mask_bits(sample, image.shape[:2]) & CLASS.bit) != 0
    pyramid, candidates = photo.pyramid, photo.candidates
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npz")  # a killed run leaves no half-written cache entry
    np.savez(partial, patch=pyramid.patch, detect=pyramid.detect, field=pyramid.field, box=np.array(pyramid.box),
             factor=pyramid.factor, ys=candidates.ys, xs=candidates.xs, strength=candidates.strength,
             labels=candidate_labels(truth, *photo.original_points()), truth=np.packbits(truth),
             shape=np.array(truth.shape), partner=partner_map(image, fov).astype(np.float16))
    partial.replace(path)
    return path


def load_photo(path: Path) -> DotPhoto:
    with np.load(path) as data:
        pyramid = GreenPyramid(data["patch"], data["detect"], data["field"], tuple(int(v) for v in data["box"]),
                               int(data["factor"]))
        candidates = Candidates(data["ys"], data["xs"], data["strength"])
        shape = tuple(int(v) for v in data["shape"])
        truth = np.unpackbits(data["truth"], count=shape[0] * shape[1]).reshape(shape).view(bool)
        photo = PhotoCandidates(pyramid, candidates, candidate_patches(pyramid, candidates),
                                *patch_centres(candidates))
        return DotPhoto(path.stem, photo, data["labels"], truth, data["partner"])


def coarser_context(photo: PhotoCandidates) -> np.ndarray:
    """The recipe variant of session 27: the patches with a third channel, the level below the detect level (four
    times the patch level's context), normalised as the other two."""
    coarser = cv2.pyrDown(photo.pyramid.detect)
    ys, xs = photo.candidates.ys // 2, photo.candidates.xs // 2  # a detect pixel i lies in coarser pixel i // 2
    third = normalised(windows_around(coarser, ys, xs, PATCH_SIZE))
    return np.concatenate([photo.patches, third[:, None]], axis=1)


def train_fold(photos: list[DotPhoto], settings: TrainingSettings, log: Callable[[str], None]) -> PatchClassifier:
    """The shipped recipe on ``photos``."""
    return train_patch_classifier(np.concatenate([p.photo.patches for p in photos]),
                                  np.concatenate([p.labels for p in photos]), settings, log)


def out_of_fold(photos: dict[str, DotPhoto], folds: list[list[str]], settings: TrainingSettings,
                log: Callable[[str], None] = print) -> dict[str, np.ndarray]:
    """Each photo's candidate scores by a classifier trained on every photo outside its fold."""
    scores = {}
    for fold in folds:
        started = time.perf_counter()
        model = train_fold([photo for name, photo in photos.items() if name not in fold], settings, log)
        scores.update({name: classify(model, photos[name].photo.patches) for name in fold})
        log(f"fold {', '.join(fold)}: trained in {time.perf_counter() - started:.0f} s")
    return scores


class FoldScore:
    """`evaluate seg`'s pixel figures of the classifier's map alone and of its mean with the partner, photo by
    photo."""

    def __init__(self) -> None:
        self.alone, self.averaged = PixelTally(), PixelTally()

    def add(self, photo: DotPhoto, scores: np.ndarray, cuts: Cuts) -> None:
        name = CLASS.name
        found = CandidateLesions(name, photo.photo, scores, cuts.alone).probability(photo.truth.shape)
        self.alone.add(name, found, found >= cuts.alone, photo.truth)
        mean = blended(found, photo.partner.astype(np.float32))  # in place: ``found`` is done with
        # the pipeline cuts the float mean and keeps (so `evaluate seg` ranks) its 8-bit levels
        self.averaged.add(name, probability_levels(mean) / np.float32(255), mean >= cuts.mean, photo.truth)

    def figures(self) -> dict[str, dict[str, float | None]]:
        return {kind: _figures(tally) for kind, tally in (("alone", self.alone), ("averaged", self.averaged))}


def _figures(tally: PixelTally) -> dict[str, float | None]:
    per_class = tally.metrics()["per_class"][CLASS.name]
    precision, recall, _ = tally.histograms[CLASS.name].curve()
    best = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return {key: per_class[key] for key in FIGURES} | {"best_dice": float(best.max()) if best.size else None}


def scored(photos: dict[str, DotPhoto], folds: list[list[str]], scores: dict[str, np.ndarray], cuts: Cuts
           ) -> dict[str, object]:
    """Per fold and pooled over every photo; ``fold_mean``: the folds' mean AUPR (session 6's pooled figure)."""
    pooled, rows = FoldScore(), []
    for fold in folds:
        score = FoldScore()
        for name in fold:
            score.add(photos[name], scores[name], cuts)
            pooled.add(photos[name], scores[name], cuts)
        rows.append({"photos": fold, **score.figures()})
    fold_mean = {kind: float(np.mean([row[kind]["aupr"] for row in rows])) for kind in ("alone", "averaged")}
    return {"folds": rows, "pooled": pooled.figures(), "fold_mean_aupr": fold_mean}


def shipped_partner(registry: ModelRegistry) -> tuple[LoadedModel, Cuts, PartnerMap]:
    """The shipped classifier, its cuts, and its partner's levelled map made as the pipeline makes it."""
    shipped = registry.load_model(SHIPPED)
    card = shipped.card
    lesions = registry.load_model(card.blend_with)

    def partner_map(image: np.ndarray, fov: FieldOfView) -> np.ndarray:
        network = blend_partner(card, segment(lesions, image, fov))
        if network is None:
            raise ValueError(msg.MEMBER_NOT_ON_PHOTO.format(field=round(field_diameter(image, fov)),
                                                            member=f"{card.blend_with}/{card.blend_member}",
                                                            min_field=lesions.card.member_min_field))
        return partner_probability(card, network)

    return shipped, Cuts(alone=card.blend_levels[1], mean=card.threshold(CLASS.name)), partner_map


def main(argv: list[str] | None = None) -> int:
    """``python -m inference.training.dot_cross_validation --data DIR --splits DIR --cache DIR --seeds 0 1``:
    out-of-fold figures of the shipped recipe per seed (``--shipped``: the shipped classifier on the validation
    fold instead, to check against `evaluate seg --model defaults`); prints JSON."""
    parser = argparse.ArgumentParser(prog="python -m inference.training.dot_cross_validation",
                                     description=main.__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--splits", type=Path, default=None)
    parser.add_argument("--cache", type=Path, required=True, help="a folder outside the repository")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--steps", type=int, default=TrainingSettings().steps)
    parser.add_argument("--shipped", action="store_true")
    parser.add_argument("--coarser-context", action="store_true", help="the variant: a third, coarser channel")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)

    def log(line: str) -> None:
        print(line, flush=True)

    index = load_index(args.data, splits_dir=args.splits)
    train, val = index.split("train"), index.split("val")
    shipped, cuts, partner_map = shipped_partner(ModelRegistry.bundled())
    for sample in train + val:
        log(f"cached {cache_photo(sample, args.cache, partner_map)}")
    photos = {sample.name: load_photo(args.cache / f"{sample.name}.npz") for sample in train + val}
    folds = folds_of([s.name for s in val], [s.name for s in train])
    for photo in photos.values() if args.coarser_context else ():
        photo.photo.patches = coarser_context(photo.photo)
    if args.shipped:
        scores = {name: classify(shipped.module, photos[name].photo.patches) for name in folds[0]}
        print(json.dumps(scored(photos, folds[:1], scores, cuts), indent=1))
        return 0
    for seed in args.seeds:
        scores = out_of_fold(photos, folds, TrainingSettings(steps=args.steps, seed=seed), log)
        recipe = {"seed": seed, "steps": args.steps, "coarser_context": args.coarser_context}
        print(json.dumps({**recipe, **scored(photos, folds, scores, cuts)}, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(run_tool(main))
