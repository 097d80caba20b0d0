"""Evaluate a model on a data set's held-out images through the inference path itself (``segment``/``classify``),
so the figures describe what the program shows, preprocessing and thresholds included.

- seg: per-lesion Dice, IoU (at the card threshold, pooled over all pixels of the split) and area under the
  pixel-level precision-recall curve (the IDRiD challenge metric). A class labelled only by VOC boxes (an image
  without masks, or a class boxed with none of it painted, as training reads it: inference.targets) gives
  box-level figures instead: the fraction of boxes holding a positive pixel, and the positive fraction of pixels
  outside every box of the class.
- grade: accuracy, quadratic weighted kappa, confusion matrix.
- referable: sensitivity, specificity (at 0.5), ROC AUC; a DR-grade model counts as P(grade >= 2).
- oct: accuracy, per-class and macro F1, confusion matrix.
``evaluate`` writes ``evaluation.json`` and PNG plots into the output folder.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from annotations.classes import (CLASS_COLOURS, DR_GRADE_NAMES, LESION_CLASSES, OCT_CLASSES, REFERABLE_MIN_GRADE,
                                 LesionClass)
from annotations.formats.dataset import boxed_only_classes
from annotations.formats.label_map import parse_label_map
from annotations.image_io import load_image
from annotations.output_folder import OutputFolder
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.wording import Translate, english, fill
from inference import evaluation_messages as msg
from inference import metrics as m
from inference.agreement_report import LevelName
from inference.analysis_models import refuse_idle_candidates
from inference.candidate_gate import gated_scores
from inference.classical import detect_lesions
from inference.classification import classify
from inference.dataset import DatasetIndex, Sample, grade_label, load_index
from inference.device import resolve_device
from inference.loading import LoadedModel, ModelSet
from inference.pixel_eval import (PIPELINE_MODELS, ImageDice, LesionTally, PhotoNotAnalysed, PixelPrediction,
                                  Predictor, image_figures, pipeline_predictor, summary_figures)
from inference.plots import confusion_png, curve_png
from inference.registry import ModelRegistry
from inference.segmentation import region_centre, segment
from inference.targets import box_mask, has_segmentation_labels, read_mask_bits

EVALUATING = "evaluating {image}"  # the progress text per held-out photo; training and the retrain comparison say more

EVALUATION_TASKS: dict[str, tuple[str, ...]] = {  # evaluate TASK -> model card tasks that can answer it
    "seg": ("lesion-segmentation",), "grade": ("dr-grade",), "referable": ("referable", "dr-grade"), "oct": ("oct",)}
CURVE_POINTS = 200  # points kept per curve for plots
PLAIN_CURVE = "#555555"  # a curve without a display colour of its own that shows on the plot
RESULT_FILE, PR_PLOT, ROC_PLOT, CONFUSION_PLOT = ("evaluation.json", "precision_recall.png", "roc.png",
                                                   "confusion_matrix.png")
OUTPUTS: dict[str, tuple[str, ...]] = {  # evaluate TASK -> the files it may write in --out (plot_pngs)
    "seg": (RESULT_FILE, PR_PLOT), "grade": (RESULT_FILE, CONFUSION_PLOT),
    "referable": (RESULT_FILE, ROC_PLOT, CONFUSION_PLOT), "oct": (RESULT_FILE, CONFUSION_PLOT)}
JOB = "evaluate"  # what the output folder's manifest records as the kind of run that wrote its files


def model_predictor(model: LoadedModel, tiled: bool = False) -> Predictor:
    """One network's own output: its probabilities thresholded at the card's thresholds. A gate model (card
    ``mask_mode: gate-classical``) is scored on what the program shows: the classical candidates, each with its
    component's mean region probability (inference/candidate_gate.py)."""
    def predict(image: np.ndarray) -> PixelPrediction:
        result = segment(model, image, tiled=tiled)
        if model.card.mask_mode == "gate-classical":
            gate = gated_scores(detect_lesions(image, result.prepared.fov).mask_bits, result.lesion_probabilities())
            scores = {name: gate[cls] for name, cls in result.classes.items()}
        else:
            scores = {name: result.probability(name) for name in result.classes}
        thresholds = {name: model.card.threshold(name) for name in scores}
        predicted = {name: scores[name] >= thresholds[name] for name in scores}
        disc = None
        if LesionClass.OD in result.classes.values():
            disc = region_centre(result.largest_region(LesionClass.OD), LesionClass.OD)
        return PixelPrediction(scores, predicted, disc[:2] if disc else None, thresholds)

    return predict


def evaluate_segmentation(model: LoadedModel, samples: Sequence[Sample], state: TaskState = NullState(),
                          tiled: bool = False, message: str = EVALUATING) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metrics, curves) of one network; ``tiled`` segments as ``analyze --tiled``. ``message``: the progress text
    per photo ({image}: its name)."""
    metrics, curves = score_segmentation(model_predictor(model, tiled), samples, state, message)
    metrics["tiled"] = tiled
    return metrics, curves


def score_segmentation(predict: Predictor, samples: Sequence[Sample], state: TaskState = NullState(),
                       message: str = EVALUATING) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metrics, curves). Samples without masks or boxes are skipped; ``message``: the progress text per photo."""
    return score_segmentations([predict], samples, state, [message])[0]


def score_segmentations(predictors: Sequence[Predictor], samples: Sequence[Sample], state: TaskState = NullState(),
                        messages: Sequence[str] = ()) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """``score_segmentation`` of each predictor, in one pass: each photo decoded and its masks read once.
    ``messages``: each predictor's progress text ({image}: the photo's name), EVALUATING for all by default."""
    if messages and len(messages) != len(predictors):  # a predictor dropped, or another's text shown, would go unseen
        raise ValueError(f"{len(messages)} progress texts for {len(predictors)} predictors")
    scores = [_SegmentationScore() for _ in predictors]
    said = list(messages) or [EVALUATING] * len(predictors)
    # a photo graded, not annotated, is no label of its lesions (lesions_unknown): training leaves it out, and its
    # lesions drawn would count as positives outside boxes
    usable = [s for s in samples if has_segmentation_labels(s)]
    for number, sample in enumerate(usable):
        image = load_image(sample.image)
        bits = read_mask_bits(sample, image.shape[:2]) if sample.has_masks else None
        for turn, (predict, score, message) in enumerate(zip(predictors, scores, said)):
            check_cancelled(state)
            state.progress((number + turn / len(predictors)) / len(usable), message.format(image=sample.name))
            try:
                prediction = predict(image)
            except PhotoNotAnalysed as exc:  # its kind kept: the retrain comparison tells memory shortage apart
                raise exc.naming(sample.image) from exc
            score.add(sample, prediction, bits)
    state.progress(1.0, "evaluated")
    return [score.result(len(usable)) for score in scores]


class _SegmentationScore:
    """One predictor's figures, added photo by photo."""

    def __init__(self) -> None:
        self.tally, self.lesions, self.image_dice = PixelTally(), LesionTally(), ImageDice()
        self.box_stats: dict[str, list[int]] = {}  # boxes, hit boxes, positive pixels outside boxes, pixels outside
        self.per_image: list[dict[str, Any]] = []
        self.thresholds: dict[str, float | None] = {}
        self.masked = self.boxed = 0

    def add(self, sample: Sample, prediction: PixelPrediction, bits: np.ndarray | None) -> None:
        """``bits``: the sample's masks, None when it has none. Each class is scored by what marks it, as training
        learns it (inference.targets): by its mask, or by its boxes where it is boxed with none of it painted or the
        sample has no mask."""
        self.thresholds.update(prediction.thresholds)
        boxed_only = boxed_only_classes(bits, sample.boxes or []) if bits is not None else None
        by_boxes = {name for name in prediction.scores if boxed_only is None or LesionClass[name] in boxed_only}
        self.masked += bits is not None and len(by_boxes) < len(prediction.scores)
        self.boxed += bool(by_boxes)
        if bits is not None and boxed_only.isdisjoint(LESION_CLASSES):  # a grade from masks needs every lesion
            self.per_image.append(image_figures(sample.name, prediction, bits))
        for name, probability in prediction.scores.items():
            cls = LesionClass[name]
            predicted = prediction.predicted[name]
            if name not in by_boxes:
                truth = (bits & cls.bit) != 0
                counts = self.tally.add(name, np.maximum(probability, 0.0), predicted, truth)
                self.lesions.add(name, predicted, truth)
                self.image_dice.add(name, sample.name, *counts)
            else:
                boxes = [b for b in sample.boxes or [] if b.label is cls]
                outside = ~box_mask(boxes, predicted.shape)
                hits = sum(bool(predicted[b.ymin:b.ymax + 1, b.xmin:b.xmax + 1].any()) for b in boxes)
                stats = self.box_stats.setdefault(name, [0, 0, 0, 0])
                for i, value in enumerate((len(boxes), hits, int((predicted & outside).sum()), int(outside.sum()))):
                    stats[i] += value

    def result(self, images: int) -> tuple[dict[str, Any], dict[str, Any]]:
        curves = {}
        for name, histogram in self.tally.histograms.items():
            if histogram.positives.sum():
                precision, recall, _ = histogram.curve()
                curves[name] = (_thin(recall), _thin(precision))
        metrics: dict[str, Any] = {"images": images, "masked_images": self.masked, "boxed_images": self.boxed}
        if self.tally.histograms:
            metrics.update(self.tally.metrics())
            for name, figures in metrics["per_class"].items():
                figures["threshold"] = self.thresholds.get(name)
                figures["lesion_recall"] = self.lesions.recall(name)
                figures.update(self.image_dice.figures(name))
        if self.per_image:
            for row in self.per_image:
                row["dice"] = self.image_dice.of_image(row["image"])
            metrics.update(summary_figures(self.per_image))
            metrics["per_image"] = self.per_image
        if self.box_stats:
            metrics["boxes"] = {name: {"boxes": s[0], "box_hit_rate": s[1] / s[0] if s[0] else float("nan"),
                                       "outside_positive_fraction": s[2] / s[3] if s[3] else 0.0}
                                for name, s in self.box_stats.items()}
        return metrics, curves


def evaluate_classifier(model: LoadedModel, samples: Sequence[Sample], task: str, state: TaskState = NullState(),
                        message: str = EVALUATING) -> tuple[dict[str, Any], dict[str, Any]]:
    """``task``: grade, referable or oct. Samples without a label for the task are skipped. ``message``: the
    progress text per photo ({image}: its name)."""
    card = model.card
    truth_task = {"grade": "dr-grade", "referable": "referable", "oct": "oct", "present": "lesions-present"}[task]
    truths, probabilities = [], []
    labelled = [(s, label) for s in samples if (label := grade_label(s, truth_task, card.classes)) is not None]
    for number, (sample, label) in enumerate(labelled):
        check_cancelled(state)
        state.progress(number / max(len(labelled), 1), message.format(image=sample.name))
        probabilities.append(classify(model, load_image(sample.image)).probabilities)
        truths.append(label)
    state.progress(1.0, "evaluated")
    truth = np.asarray(truths, np.int64)
    probs = np.asarray(probabilities, np.float64).reshape(len(truths), len(card.classes))
    metrics: dict[str, Any] = {"images": len(truths)}
    if task in ("referable", "present"):  # binary: the last class is the positive one
        score = probs[:, REFERABLE_MIN_GRADE:].sum(axis=1) if card.task == "dr-grade" else probs[:, -1]
        predicted = score >= 0.5
        sensitivity, specificity = m.sensitivity_specificity(truth.astype(bool), predicted)
        metrics.update(sensitivity=sensitivity, specificity=specificity, roc_auc=m.roc_auc(score, truth),
                       accuracy=m.accuracy(truth, predicted.astype(np.int64)),
                       confusion_matrix=m.confusion_matrix(truth, predicted, 2).tolist(),
                       labels=["non-referable", "referable"] if task == "referable" else card.classes)
        fpr, tpr, _ = m.roc_curve(score, truth)
        return metrics, {"roc": (_thin(fpr), _thin(tpr))}
    predicted = probs.argmax(axis=1) if len(truths) else np.zeros(0, np.int64)
    matrix = m.confusion_matrix(truth, predicted, len(card.classes))
    metrics.update(accuracy=m.accuracy(truth, predicted), confusion_matrix=matrix.tolist(), labels=card.classes)
    if task == "grade":
        metrics["quadratic_weighted_kappa"] = m.quadratic_weighted_kappa(truth, predicted, len(card.classes))
    else:
        metrics["per_class_f1"] = dict(zip(card.classes, _finite(m.per_class_f1(matrix))))
        metrics["macro_f1"] = m.macro_f1(matrix)
    return metrics, {}


def evaluate_model(model: LoadedModel, task: str, samples: Sequence[Sample], state: TaskState = NullState(),
                   tiled: bool | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """``tiled`` None: as the model was trained (its card's hyper-parameters)."""
    if model.card.task not in EVALUATION_TASKS[task]:
        raise ValueError(f"{model.path}: a {model.card.task} model cannot be evaluated as {task!r} "
                         f"(needs a {' or '.join(EVALUATION_TASKS[task])} model)")
    if task == "seg":
        if tiled is None:
            tiled = model.card.trained_tiled
        return evaluate_segmentation(model, samples, state, tiled)
    return evaluate_classifier(model, samples, task, state)


def held_out(index: DatasetIndex, split: str = "auto") -> tuple[str, list[Sample]]:
    """The samples of ``split``; ``auto`` takes test, else val, else all (named so in the result)."""
    if split == "all":
        return "all", [index.samples[name] for name in sorted(index.samples)]
    if split != "auto":
        if split not in index.splits:
            raise ValueError(f"unknown split {split!r}; use auto, train, val, test or all")
        return split, index.split(split)
    for name in ("test", "val"):
        if index.split(name):
            return name, index.split(name)
    return "all", [index.samples[name] for name in sorted(index.samples)]


def evaluate(task: str, model: str | os.PathLike, data_dir: str | os.PathLike,
             out_dir: str | os.PathLike | OutputFolder, split: str = "auto", device: str = "auto",
             label_map: str = "", state: TaskState = NullState(), tiled: bool | None = None,
             splits_dir: str | os.PathLike | None = None, translate: Translate = english,
             level_name: LevelName | None = None) -> dict[str, Any]:
    """Load the model, evaluate it on ``split`` of ``data_dir``, write evaluation.json and plots (in ``translate``'s
    words, a grade's and an OCT class's levels named by ``level_name``: plot_pngs); returns the JSON.
    seg also takes ``classical`` or ``defaults`` for MODEL: the pipeline as it runs without models or as shipped.
    ``splits_dir`` holds train.txt/val.txt/test.txt when the data folder has no splits/ of its own. ``out_dir``: an
    OutputFolder the caller claimed and checked (the command line, before any image is read), or a new folder."""
    if task not in EVALUATION_TASKS:
        raise ValueError(f"unknown evaluation task {task!r}; use one of {', '.join(EVALUATION_TASKS)} (or boxes)")
    if task == "seg" and str(model) in PIPELINE_MODELS:
        index = load_index(data_dir, parse_label_map(label_map) if label_map else None, None, 0, splits_dir=splits_dir)
        split_name, samples = held_out(index, split)
        metrics, curves = score_segmentation(pipeline_predictor(str(model), device, bool(tiled)), samples, state)
        identity = {"model": str(model), "model_name": str(model), "sha256": ""}
    else:
        loaded = ModelRegistry().load_model(model, resolve_device(device))
        if task == "seg":  # a blending candidates model alone: say so, naming its partner, before the task check
            refuse_idle_candidates(ModelSet.from_models([loaded]))
        seed = int(loaded.card.training.get("seed", 0))  # re-creates the training run's seeded split
        mapping = parse_label_map(label_map) if label_map else _card_label_map(loaded)
        folder_classes = loaded.card.classes if task in ("oct", "grade") else None  # class-per-folder layouts
        index = load_index(data_dir, mapping, folder_classes, seed, splits_dir=splits_dir)
        split_name, samples = held_out(index, split)
        metrics, curves = evaluate_model(loaded, task, samples, state, tiled)
        identity = {"model": str(loaded.path), "model_name": loaded.card.name, "sha256": loaded.card.sha256}
    result = {"task": task, **identity, "data": str(Path(data_dir)), "split": split_name,
              "split_source": index.split_source, **metrics}
    out = out_dir if isinstance(out_dir, OutputFolder) else OutputFolder(out_dir, job=JOB)
    plots = plot_pngs(task, result, curves, translate, level_name)
    result["plots"] = list(plots)
    for name, png in plots.items():
        out.write_bytes(name, png)
    out.write_text(RESULT_FILE, json.dumps(json_safe(result), indent=2) + "\n")
    return result


def _curve_colour(name: str) -> str:
    """A class's display colour on the plot's white ground; the disc's white (drawn over photos) would not show."""
    colour = CLASS_COLOURS[LesionClass[name]] if name in LesionClass.__members__ else PLAIN_CURVE
    return PLAIN_CURVE if colour.upper() == "#FFFFFF" else colour


def plot_pngs(task: str, result: dict[str, Any], curves: dict[str, Any], translate: Translate = english,
              level_name: LevelName | None = None) -> dict[str, bytes]:
    """The task's plots by file name (OUTPUTS), each where it has something to draw, in ``translate``'s words; a DR
    grade's and an OCT class's levels named by ``level_name`` (by scale key and index, as the agreement pictures
    name them), else as the card's classes."""
    def said(template: str, **values: object) -> str:
        return fill(translate(msg.CONTEXT, template), **values)

    plots = {}
    if task == "seg" and curves:
        series = {said(msg.AP_SERIES, name=name, ap=f"{result['per_class'][name]['aupr']:.3f}"): curve
                  for name, curve in curves.items()}
        colours = [_curve_colour(name) for name in curves]
        plots[PR_PLOT] = curve_png(series, said(msg.PR_TITLE), said(msg.RECALL), said(msg.PRECISION), colours=colours)
    if task == "referable" and "roc" in curves:
        plots[ROC_PLOT] = curve_png({said(msg.AUC_SERIES, auc=f"{result['roc_auc']:.3f}"): curves["roc"]},
                                    said(msg.ROC_TITLE), said(msg.FALSE_POSITIVE_RATE), said(msg.SENSITIVITY),
                                    diagonal=True)
    if "confusion_matrix" in result:
        labels = _shown_levels(task, result["labels"], translate, level_name)
        plots[CONFUSION_PLOT] = confusion_png(np.asarray(result["confusion_matrix"]), labels,
                                              said(msg.CONFUSION_TITLES[task]), said(msg.TRUTH), said(msg.PREDICTED))
    return plots


def _shown_levels(task: str, labels: Sequence[str], translate: Translate, level_name: LevelName | None) -> list[str]:
    """A confusion matrix's levels as drawn: a five-class grade's and the OCT classes by ``level_name``, the referable
    task's two translated; a card's other classes as written."""
    if task == "referable":
        return [translate(msg.CONTEXT, msg.REFERABLE_LEVELS[label]) if label in msg.REFERABLE_LEVELS else label
                for label in labels]
    if level_name is None:
        return list(labels)
    if task == "grade" and len(labels) == len(DR_GRADE_NAMES):
        return [level_name("grade", index) for index in range(len(labels))]
    if task == "oct" and set(labels) <= set(OCT_CLASSES):
        return [level_name("oct_class", OCT_CLASSES.index(label)) for label in labels]
    return list(labels)


def _card_label_map(model: LoadedModel) -> dict | None:
    text = model.card.training.get("hyper_parameters", {}).get("label_map", "")
    return parse_label_map(text) if text else None


class PixelTally:
    """Pixel counts and score histograms per class over many images, and the figures `evaluate seg` reports from
    them (Dice, IoU, AUPR per class and their means over the classes with truth pixels)."""

    def __init__(self, names: Sequence[str] = ()) -> None:
        self.histograms: dict[str, m.ScoreHistogram] = {name: m.ScoreHistogram() for name in names}
        self.counts: dict[str, np.ndarray] = {name: np.zeros(3, np.int64) for name in names}  # tp, fp, fn

    def add(self, name: str, scores: np.ndarray, predicted: np.ndarray, truth: np.ndarray) -> tuple[int, int, int]:
        """One image's class: scores in [0, 1], the predicted and true bool masks. Returns the image's (true
        positive, false positive, false negative) pixels."""
        self.histograms.setdefault(name, m.ScoreHistogram()).add(scores, truth)
        tp = int(np.count_nonzero(predicted & truth))
        found = (tp, int(np.count_nonzero(predicted)) - tp, int(np.count_nonzero(truth)) - tp)
        self.counts[name] = self.counts.get(name, np.zeros(3, np.int64)) + np.array(found)
        return found

    def metrics(self) -> dict[str, Any]:
        """{"per_class": {name: dice, iou, aupr, precision, recall, truth_pixels, predicted_pixels}, "mean_dice",
        "mean_iou", "mean_aupr"}; a class absent from the images has no Dice, IoU or AP (they would say 0 or 1 only
        as it is predicted or not) and stays out of the means."""
        per_class = {}
        for name, histogram in self.histograms.items():
            tp, fp, fn = (int(v) for v in self.counts[name])
            truth_pixels = int(histogram.positives.sum())
            present = bool(truth_pixels)
            per_class[name] = {"dice": m.dice_from_counts(tp, fp, fn) if present else None,
                               "iou": m.iou_from_counts(tp, fp, fn) if present else None,
                               "aupr": histogram.average_precision() if present else None,
                               "precision": tp / (tp + fp) if tp + fp else None,
                               "recall": tp / (tp + fn) if tp + fn else None,
                               "truth_pixels": truth_pixels, "predicted_pixels": tp + fp}
        scored = [v for v in per_class.values() if v["truth_pixels"]]
        means = {f"mean_{key}": float(np.mean([v[key] for v in scored])) if scored else None
                 for key in ("dice", "iou", "aupr")}
        return {"per_class": per_class, **means}


def _thin(values: np.ndarray) -> list[float]:
    values = np.asarray(values, np.float64)
    if values.size > CURVE_POINTS:
        values = values[np.linspace(0, values.size - 1, CURVE_POINTS).round().astype(int)]
    return [float(v) for v in values]


def _finite(values: np.ndarray) -> list[float | None]:
    return [float(v) if np.isfinite(v) else None for v in values]


def json_safe(value: Any) -> Any:
    """NaN (an undefined metric, e.g. ROC AUC with one class) becomes null; numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value
