"""`evaluate seg` against pixel masks, the way the field measures lesion segmentation, for one model or for what the
program shows (``classical``: the training-free detector; ``defaults``: every shipped model through the pipeline).

Per class, pooled over the images: area under the precision-recall curve (IDRiD 2018), Dice, IoU, pixel precision
and recall at the threshold that draws the mask, and lesion-level recall (share of true connected components that
any predicted pixel touches). Per image: the optic disc's centre error in true disc radii, and the ICDR grade the
findings rules give from the predicted lesions next to the grade the same rules give from the true masks.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

import cv2
import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.progress import NullState
from inference import metrics as m
from inference.analysis_models import evaluation_models
from inference.findings import lesion_findings
from inference.loading import ModelSet
from inference.pipeline import PipelineOptions, analyze
from inference.pipeline_models import CLASSICAL_ONLY, PIPELINE_MODELS, SHIPPED_DEFAULTS



@dataclass
class PixelPrediction:
    """What a detector says about one image, at the image's size."""

    scores: dict[str, np.ndarray]  # class name -> float32 [0, 1] map the mask is thresholded from
    predicted: dict[str, np.ndarray]  # class name -> bool mask shown
    disc_centre: tuple[float, float] | None  # (x, y), None when the detector places no disc
    thresholds: dict[str, float | None] = field(default_factory=dict)  # None: the pipeline's own rule


Predictor = Callable[[np.ndarray], PixelPrediction]


class PhotoNotAnalysed(ValueError):
    """The pipeline could not analyse a photo (its outcome's error); the evaluation that fed it the photo names it
    (``evaluation.score_segmentations``): the predictor sees only pixels."""

    def naming(self, photo: str | os.PathLike) -> PhotoNotAnalysed:
        """This error, its kind kept, saying which photo it was about."""
        return type(self)(f"{photo}: {self}")


class ShortOfMemory(PhotoNotAnalysed):
    """The pipeline ran short of the machine's memory on a photo (pipeline.AnalysisOutcome.memory_shortage): not the
    photo's fault, and a caller can tell it from one (the retrain comparison does)."""


def pipeline_predictor(model: str, device: str = "auto", tiled: bool = False) -> Predictor:
    """``classical`` (no learned model), ``defaults`` (every bundled model) or one model alone, run through the
    pipeline exactly as ``analyze`` runs it: the masks and probability maps it shows."""
    return models_predictor(evaluation_models(model), device, tiled)


def models_predictor(models: ModelSet, device: str = "auto", tiled: bool = False) -> Predictor:
    """``models`` run through the pipeline as ``analyze`` runs them."""
    options = PipelineOptions(tiled=tiled, keep_probabilities=True)

    def predict(image: np.ndarray) -> PixelPrediction:
        outcome = analyze([image], models, NullState(), device, options)[0]
        if outcome.memory_shortage is not None:
            raise ShortOfMemory(outcome.error) from outcome.memory_shortage
        if outcome.result is None:
            raise PhotoNotAnalysed(outcome.error or "analysis failed")
        bits = outcome.result.mask
        scores = {name: levels.astype(np.float32) / 255.0 for name, levels in outcome.probabilities.items()}
        predicted = {name: (bits & LesionClass[name].bit) != 0 for name in scores}
        findings = outcome.result.findings
        disc = findings.optic_disc.center if findings is not None and findings.optic_disc is not None else None
        return PixelPrediction(scores, predicted, (float(disc[0]), float(disc[1])) if disc else None,
                               {name: None for name in scores})

    return predict


@dataclass
class LesionTally:
    """Lesion-level recall per class: true connected components (8-connected, image resolution) touched by a
    predicted pixel, over all true components."""

    found: dict[str, list[int]] = field(default_factory=dict)  # name -> [hit, total]

    def add(self, name: str, predicted: np.ndarray, truth: np.ndarray) -> None:
        count, labels = cv2.connectedComponents(truth.astype(np.uint8), connectivity=8)
        hit = np.unique(labels[predicted & truth])
        row = self.found.setdefault(name, [0, 0])
        row[0] += int(np.count_nonzero(hit))  # label 0 (background) never lies under truth
        row[1] += count - 1

    def recall(self, name: str) -> float | None:
        hit, total = self.found.get(name, (0, 0))
        return hit / total if total else None


@dataclass
class ImageDice:
    """Per class, each image's Dice and truth pixels. Pooled figures can be one photo's: IDRiD_17 holds 61 % of the
    haemorrhage pixels of idrid-seg, so `evaluate seg` also gives the mean of the images' Dice and the largest share
    one image holds."""

    rows: dict[str, dict[str, tuple[float, int]]] = field(default_factory=dict)  # class -> image -> (Dice, truth)

    def add(self, name: str, image: str, tp: int, fp: int, fn: int) -> None:
        """One image's class from its pixel counts (PixelTally.add's)."""
        self.rows.setdefault(name, {})[image] = (m.dice_from_counts(tp, fp, fn), tp + fn)

    def of_image(self, image: str) -> dict[str, float]:
        """Dice per class on ``image``, for the classes it has truth pixels of."""
        return {name: rows[image][0] for name, rows in self.rows.items() if rows.get(image, (0, 0))[1]}

    def figures(self, name: str) -> dict[str, Any]:
        """image_mean_dice over the images with truth of the class; the image holding most of its truth pixels."""
        present = {image: row for image, row in self.rows.get(name, {}).items() if row[1]}
        if not present:
            return {"image_mean_dice": None, "largest_image": None, "largest_image_share": None}
        largest = max(present, key=lambda image: present[image][1])
        return {"image_mean_dice": float(np.mean([dice for dice, _ in present.values()])),
                "largest_image": largest,
                "largest_image_share": present[largest][1] / sum(pixels for _, pixels in present.values())}


def disc_error(truth_bits: np.ndarray, centre: tuple[float, float] | None) -> float | None:
    """Distance from the true disc's centre to ``centre`` in true disc radii (radius of the disc's area);
    None without a true disc; infinity when the detector places none."""
    ys, xs = np.nonzero(truth_bits & LesionClass.OD.bit)
    if xs.size == 0:
        return None
    if centre is None:
        return float("inf")
    radius = float(np.sqrt(xs.size / np.pi))
    return float(np.hypot(centre[0] - xs.mean(), centre[1] - ys.mean()) / radius)


def icdr_grade_of(bits: np.ndarray, disc_centre: tuple[float, float] | None) -> int:
    """The ICDR grade the findings rules give for a lesion mask (quadrants around its disc)."""
    return int(lesion_findings(bits, disc_centre, None, None).icdr_grade)


def true_disc_centre(bits: np.ndarray) -> tuple[float, float] | None:
    ys, xs = np.nonzero(bits & LesionClass.OD.bit)
    return (float(xs.mean()), float(ys.mean())) if xs.size else None


def predicted_bits(prediction: PixelPrediction) -> np.ndarray:
    shape = next(iter(prediction.predicted.values())).shape if prediction.predicted else (1, 1)
    bits = np.zeros(shape, np.uint8)
    for name, mask in prediction.predicted.items():
        if name in LesionClass.__members__ and LesionClass[name] in LESION_CLASSES:
            bits[mask] |= LesionClass[name].bit
    return bits


def image_figures(name: str, prediction: PixelPrediction, truth_bits: np.ndarray) -> dict[str, Any]:
    """Per-image disc error and the two grades (predicted lesions, true masks, the same rules)."""
    return {"image": name, "disc_error_radii": disc_error(truth_bits, prediction.disc_centre),
            "grade_predicted": icdr_grade_of(predicted_bits(prediction), prediction.disc_centre),
            "grade_from_masks": icdr_grade_of(truth_bits, true_disc_centre(truth_bits))}


def summary_figures(images: list[dict[str, Any]]) -> dict[str, Any]:
    """Disc error (median, share within one radius) and grade agreement (exact, quadratic weighted kappa)."""
    errors = [row["disc_error_radii"] for row in images if row["disc_error_radii"] is not None]
    predicted = np.array([row["grade_predicted"] for row in images], np.int64)
    truth = np.array([row["grade_from_masks"] for row in images], np.int64)
    figures: dict[str, Any] = {}
    if errors:
        figures["disc_error_median_radii"] = float(np.median(errors))
        figures["disc_within_one_radius"] = float(np.mean([e <= 1.0 for e in errors]))
    if len(images):
        figures["grade_agreement"] = float(np.mean(predicted == truth))
        figures["grade_kappa"] = m.quadratic_weighted_kappa(truth, predicted, 5)
        figures["grade_confusion"] = m.confusion_matrix(truth, predicted, 5).tolist()
    return figures
