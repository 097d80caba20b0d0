"""`evaluate boxes`: score any lesion detector (the classical one or a model folder) against a Pascal VOC folder.

The scoring rules are in RULES (also written into the result); HELD_OUT_RULE fixes the split used for reported
figures: tune on the rest, never on these.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import cv2
import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import Box
from annotations.findings import Findings
from annotations.formats.voc import read_voc
from annotations.image_io import load_image
from annotations.output_folder import OutputFolder
from annotations.progress import NullState, TaskState, check_cancelled
from inference.analysis_models import evaluation_models
from inference.box_pairs import list_pairs
from inference.classical import detect_lesions
from inference.dataset import HELD_OUT_RULE, is_held_out
from inference.metrics import roc_auc
from inference.pipeline import analyze_image
from inference.pipeline_models import CLASSICAL_ONLY

PRECISION_INSIDE_FRACTION = 0.5
MERGED_INTO = {LesionClass.MA: LesionClass.HE}
RESULT_FILE = "box_eval.json"
JOB = "evaluate boxes"  # the manifest's kind of run: not evaluate's, whose evaluation.json may lie beside
RULES = (
    "recall: the share of ground-truth boxes that a predicted component of their class overlaps (one pixel "
    "suffices: boxes in sets such as CODRAS are loose and often enclose a cluster)",
    "precision: the share of predicted components with at least half their pixels inside boxes of their class",
    "predicted MA counts as HE when the label map has HE but no MA (CODRAS 'haemorrhage' boxes cover both)",
    "lesions present: an image with any lesion box; scored by the detector's lesion score (classical: the mean "
    "over the image of the highest lesion probability; a model folder: its lesions-present probability when it "
    "has that head, else the share of lesion pixels in its mask); ROC AUC with ties counting half (the Mann-Whitney "
    "statistic)",
    "optic disc hit: the predicted disc centre lies inside the ground-truth optic-disc box",
)


@dataclass
class Prediction:
    mask_bits: np.ndarray  # uint8, image size
    lesion_score: float
    od_center: tuple[float, float] | None


Predictor = Callable[[np.ndarray], Prediction]


def score_image(boxes: list[Box], mask_bits: np.ndarray, classes: list[LesionClass]) -> dict[str, dict[str, int]]:
    """Per class: boxes, boxes_hit, components, components_in_box for one image (boxes in mask coordinates)."""
    height, width = mask_bits.shape
    counts: dict[str, dict[str, int]] = {}
    for cls in classes:
        predicted = (mask_bits & _predicted_bits(cls, classes)) != 0
        class_boxes = [b for b in boxes if b.label == cls]
        union = np.zeros((height, width), np.uint8)
        hits = 0
        integral = cv2.integral(predicted.view(np.uint8))
        for box in class_boxes:
            x0, y0, x1, y1 = _clip(box, width, height)
            union[y0:y1, x0:x1] = 1
            hits += int(integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0] > 0)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(predicted.view(np.uint8), connectivity=8)
        inside = np.bincount(labels.ravel(), weights=union.ravel(), minlength=count)[1:]
        fraction = inside / np.maximum(stats[1:, cv2.CC_STAT_AREA], 1)
        counts[cls.name] = {"boxes": len(class_boxes), "boxes_hit": hits, "components": count - 1,
                            "components_in_box": int((fraction >= PRECISION_INSIDE_FRACTION).sum())}
    return counts


def _predicted_bits(cls: LesionClass, classes: list[LesionClass]) -> int:
    bits = cls.bit
    for source, target in MERGED_INTO.items():
        if target == cls and source not in classes:
            bits |= source.bit
    return bits


def _clip(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    """Exclusive-end pixel rectangle of an inclusive VOC box, at least one pixel."""
    x0, y0 = min(max(box.xmin, 0), width - 1), min(max(box.ymin, 0), height - 1)
    return x0, y0, max(x0 + 1, min(box.xmax + 1, width)), max(y0 + 1, min(box.ymax + 1, height))


def scaled_box(box: Box, sx: float, sy: float) -> Box:
    if sx == 1 and sy == 1:
        return box
    return Box(box.label, round(box.xmin * sx), round(box.ymin * sy), round(box.xmax * sx), round(box.ymax * sy))


def classical_predictor() -> Predictor:
    def predict(image: np.ndarray) -> Prediction:
        found = detect_lesions(image)
        lesion_maps = [found.probabilities[c] for c in LESION_CLASSES if c in found.probabilities]
        score = float(np.maximum.reduce(lesion_maps).mean()) if lesion_maps else 0.0
        return Prediction(found.mask_bits, score, found.od_center)

    return predict


def model_predictor(model: str, device: str = "auto") -> Predictor:
    """A model folder or name, or "defaults": the pipeline as a fresh install runs it (every bundled model)."""
    models = evaluation_models(model)

    def predict(image: np.ndarray) -> Prediction:
        result = analyze_image(image, models, NullState(), device)
        bits = result.mask if result.mask is not None else np.zeros(image.shape[:2], np.uint8)
        findings = result.findings or Findings()
        probability = findings.lesions_present_probability
        lesion_bits = 0
        for cls in LESION_CLASSES:
            lesion_bits |= cls.bit
        score = float(probability) if probability is not None else float(np.count_nonzero(bits & lesion_bits)
                                                                           / bits.size)
        disc = findings.optic_disc.center if findings.optic_disc else None  # whichever finder the pipeline used
        ys, xs = np.nonzero(bits & LesionClass.OD.bit)
        centre = (float(disc[0]), float(disc[1])) if disc else None
        if centre is None and xs.size:
            centre = (float(xs.mean()), float(ys.mean()))
        return Prediction(bits, score, centre)

    return predict


def evaluate_boxes(model: str, data_dir: Path, label_map: dict[str, LesionClass], out_dir: Path | OutputFolder,
                   state: TaskState | None = None, *, ids: list[str] | None = None,
                   device: str = "auto") -> dict[str, Any]:
    """Score ``model`` ("classical", "defaults" or a model folder/name) on every VOC file in ``data_dir``
    (or only ``ids``); writes ``out_dir/box_eval.json`` and returns the same dict. ``out_dir``: an OutputFolder the
    caller claimed and checked (the command line, before any image is read), or a new folder."""
    state = state or NullState()
    pairs = list_pairs(Path(data_dir), ids)
    classes = sorted({c for c in label_map.values() if c in LESION_CLASSES}) or list(LESION_CLASSES)  # no map: ours
    predict = classical_predictor() if model == CLASSICAL_ONLY else model_predictor(model, device)
    totals = {c.name: {"boxes": 0, "boxes_hit": 0, "components": 0, "components_in_box": 0} for c in classes}
    per_image: list[dict[str, Any]] = []
    skipped: dict[str, int] = {}  # label no class is named for -> files holding it
    started = time.perf_counter()
    for index, (stem, image_path, voc_path) in enumerate(pairs):
        check_cancelled(state)
        state.progress(index / len(pairs), f"evaluating {stem}")
        annotation = read_voc(voc_path, label_map)
        for label in annotation.unknown_labels:
            skipped[label] = skipped.get(label, 0) + 1
        image = load_image(image_path)
        height, width = image.shape[:2]
        boxes = [scaled_box(b, width / annotation.width, height / annotation.height) for b in annotation.boxes]
        prediction = predict(image)
        counts = score_image(boxes, prediction.mask_bits, classes)
        for name, values in counts.items():
            for key, value in values.items():
                totals[name][key] += value
        disc_boxes = [b for b in boxes if b.label == LesionClass.OD]
        od_hit = None
        if disc_boxes:
            centre = prediction.od_center
            od_hit = centre is not None and any(b.xmin <= centre[0] <= b.xmax and b.ymin <= centre[1] <= b.ymax
                                                for b in disc_boxes)
        per_image.append({"id": stem, "lesions": any(b.label in LESION_CLASSES for b in boxes),
                          "lesion_score": round(prediction.lesion_score, 6), "od_hit": od_hit, "classes": counts})
    state.progress(1.0, "done")
    result = _summary(model, Path(data_dir), pairs, totals, per_image, time.perf_counter() - started)
    result["skipped_labels"] = dict(sorted(skipped.items()))
    out = out_dir if isinstance(out_dir, OutputFolder) else OutputFolder(out_dir, job=JOB)
    out.write_text(RESULT_FILE, json.dumps(result, indent=2))
    return result


def _summary(model: str, data_dir: Path, pairs: list[tuple[str, Path, Path]], totals: dict[str, dict[str, int]],
             per_image: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    stems = [p[0] for p in pairs]
    held = sum(is_held_out(s) for s in stems)
    split = ("held-out: " + HELD_OUT_RULE if held == len(stems) else
             "outside the held-out split (tuning part)" if held == 0 else
             f"all given: {held} held-out and {len(stems) - held} tuning images")
    classes = {}
    for name, t in totals.items():
        classes[name] = dict(t, recall=_ratio(t["boxes_hit"], t["boxes"]),
                             precision=_ratio(t["components_in_box"], t["components"]))
    labels = np.array([p["lesions"] for p in per_image], bool)
    scores = np.array([p["lesion_score"] for p in per_image], np.float64)
    od = [p["od_hit"] for p in per_image if p["od_hit"] is not None]
    auc = roc_auc(scores, labels)
    return {
        "model": model, "data": str(data_dir), "images": len(per_image), "split": split,
        "classes": classes,
        "lesions_present": {"positives": int(labels.sum()), "negatives": int((~labels).sum()),
                            "roc_auc": None if np.isnan(auc) else round(auc, 4)},
        "optic_disc": {"images": len(od), "hits": int(sum(od)), "hit_rate": _ratio(int(sum(od)), len(od))},
        "seconds_per_image": round(seconds / max(len(per_image), 1), 3),
        "rules": list(RULES),
        "per_image": per_image,
    }


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None
