"""Turn a trained model folder into a shipped one, with the figures a user needs to judge it.

``python -m inference.training.ship TRAINED_DIR SHIPPED_DIR --data VOC_DIR [--baseline BOX_EVAL_JSON]``:
float16 weights (half the download; inference loads them into float32), then ``evaluate boxes`` on the fixed
held-out split (inference.dataset.HELD_OUT_RULE) of the shipped weights themselves, written into the card beside
the classical detector's figures on the same images, with a plain statement of which metrics beat the baseline.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.torch import load_file

from annotations.formats.label_map import parse_label_map
from annotations.formats.voc import read_voc
from annotations.image_io import load_image
from inference.box_eval import evaluate_boxes, scaled_box, score_image
from inference.box_pairs import held_out_ids, list_pairs
from inference.candidate_gate import gate_candidates
from inference.classical import detect_lesions
from inference.dataset import is_held_out
from inference.loading import load_model_folder
from inference.model_card import WEIGHTS_FILE, ModelCard, load_card, save_model_folder
from inference.preprocess import find_fov
from inference.segmentation import segment
from inference.training import messages as msg
from inference.training.tool_end import run_tool

CODRAS_LABEL_MAP = "hard_exudates=EX,haemorrhage=HE,optic_disc=OD"
# box_eval figures (higher is better) each task produces itself; the rest of a pipeline run is the classical one's
COMPARED: dict[str, tuple[str, ...]] = {
    "lesion-segmentation": ("classes.EX.recall", "classes.EX.precision", "classes.HE.recall", "classes.HE.precision",
                            "lesions_present.roc_auc"),
    "lesions-present": ("lesions_present.roc_auc",),
    "optic-disc": ("optic_disc.hit_rate",),
}


THRESHOLD_CANDIDATES = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99)
# the precision targets: pick the threshold with the best recall that keeps validation precision above them
PRECISION_FLOOR = {"EX": 0.6, "HE": 0.5}
# a gate on the classical candidates: mean region probabilities (0 keeps every candidate); rare classes' regions
# are faint, hence the fine low end
GATE_CANDIDATES = (0.0, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15,
                   0.2, 0.25, 0.3, 0.4, 0.5)
# ... is there to drop false candidates, not lesions: the most precise gate that keeps this share of the
# classical detector's validation recall (a screening aid must not trade found lesions for tidiness)
RECALL_KEPT = 0.9


def tune_box_thresholds(model_dir: Path, data: Path, label_map: str, ids: list[str]) -> dict[str, dict[str, float]]:
    """Per lesion class of a segmentation model, the threshold chosen on ``ids`` (which must lie outside the
    held-out split) from box recall and precision as ``evaluate boxes`` counts them. Pixel models: the best recall
    among thresholds whose precision reaches PRECISION_FLOOR (else the best F1). Gates (``mask_mode:
    gate-classical``): the best precision among gates that keep RECALL_KEPT of the ungated recall."""
    if any(is_held_out(name) for name in ids):
        raise ValueError(msg.TUNING_SAW_HELD_OUT)
    model = load_model_folder(model_dir)
    gated = model.card.mask_mode == "gate-classical"
    grid = GATE_CANDIDATES if gated else THRESHOLD_CANDIDATES
    classes = parse_label_map(label_map)
    totals: dict[str, np.ndarray] = {}  # class -> (candidates, [boxes, hit, components, in box])
    for _, image_path, voc_path in list_pairs(data, ids=ids):
        image = load_image(image_path)
        fov = find_fov(image)
        annotation = read_voc(voc_path, classes)
        boxes = [scaled_box(b, image.shape[1] / annotation.width, image.shape[0] / annotation.height)
                 for b in annotation.boxes]
        result = segment(model, image, fov)
        found = detect_lesions(image, fov).mask_bits if gated else None
        for name, cls in result.classes.items():
            probability = result.probability(name)
            rows = []
            for threshold in grid:
                bits = (gate_candidates(found, {cls: probability}, {cls: threshold}) if gated else
                        np.where(probability >= threshold, np.uint8(cls.bit), np.uint8(0)))
                c = score_image(boxes, bits, [cls])[cls.name]
                rows.append([c["boxes"], c["boxes_hit"], c["components"], c["components_in_box"]])
            totals[name] = totals.get(name, 0) + np.array(rows, np.float64)
    chosen = {}
    for name, table in totals.items():
        recall = table[:, 1] / np.maximum(table[:, 0], 1)
        precision = table[:, 3] / np.maximum(table[:, 2], 1)
        if gated:  # grid[0] = 0 keeps every candidate: the classical recall
            best = int(np.argmax(np.where(recall >= RECALL_KEPT * recall[0], precision, -1.0)))
        else:
            f1 = 2 * recall * precision / np.maximum(recall + precision, 1e-9)
            floor = precision >= PRECISION_FLOOR.get(name, 1.0)
            best = int(np.argmax(np.where(floor, recall, -1.0))) if floor.any() else int(np.argmax(f1))
        chosen[name] = {"threshold": grid[best], "recall": round(float(recall[best]), 4),
                        "precision": round(float(precision[best]), 4)}
    return chosen


def box_summary(result: dict[str, Any]) -> dict[str, Any]:
    """The box_eval result without its per-image rows and rules (the card keeps the figures)."""
    return {key: value for key, value in result.items() if key not in ("per_image", "rules", "data")}


def comparison(model: dict[str, Any], baseline: dict[str, Any], task: str) -> dict[str, str]:
    """Per metric the task's model produces: 'model 0.812 vs classical 0.862 (worse)'."""
    def pick(summary: dict[str, Any], path: str) -> float | None:
        value: Any = summary
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    lines = {}
    for path in COMPARED.get(task, ()):
        mine, theirs = pick(model, path), pick(baseline, path)
        if mine is None or theirs is None:
            continue
        verdict = "better" if mine > theirs else "equal" if mine == theirs else "worse"
        lines[path] = f"model {mine:.3f} vs classical {theirs:.3f} ({verdict})"
    return lines


def ship(trained: Path, shipped: Path, data: Path, baseline: dict[str, Any] | None = None,
         label_map: str = CODRAS_LABEL_MAP, limits: str = "", training_data: str = "",
         tune_ids: list[str] | None = None, gate_classical: bool = False) -> ModelCard:
    card = load_card(trained)
    if gate_classical:  # a model of lesion regions (trained on filled boxes) judges the classical candidates
        card.mask_mode = "gate-classical"
    state = load_file(str(Path(trained) / WEIGHTS_FILE))
    half = {key: value.half() if value.is_floating_point() else value for key, value in state.items()}
    card.training["shipped_weights"] = "float16 (inference casts to float32)"
    if limits:
        card.limits = limits
    if training_data:  # the training folder is often a scratch split folder; say what it held
        card.training["data"] = training_data
    save_model_folder(shipped, half, card)
    if tune_ids and card.task == "lesion-segmentation":
        tuned = tune_box_thresholds(shipped, data, label_map, tune_ids)
        card.thresholds = {name: values["threshold"] for name, values in tuned.items()}
        rule = (f"the most precise gate keeping {RECALL_KEPT:.0%} of the classical detector's box recall"
                if card.mask_mode == "gate-classical" else
                f"best box recall at precision >= {PRECISION_FLOOR} (else best F1)")
        card.training["thresholds"] = (f"{rule} on {len(tune_ids)} validation images (not held out): "
                                       + json.dumps(tuned))
        save_model_folder(shipped, half, card)
    classes = parse_label_map(label_map)
    ids = held_out_ids(data)
    with tempfile.TemporaryDirectory() as scratch:
        result = box_summary(evaluate_boxes(str(shipped), data, classes, Path(scratch) / "model", ids=ids,
                                            device="cpu"))
        if baseline is None:  # a folder of its own: an output folder replaces no file unasked
            baseline = box_summary(evaluate_boxes("classical", data, classes, Path(scratch) / "classical", ids=ids))
    card.metrics["evaluate_boxes"] = result
    card.metrics["evaluate_boxes_classical"] = baseline
    card.metrics["versus_classical"] = comparison(result, baseline, card.task)
    save_model_folder(shipped, half, card)
    return card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference.training.ship", description=__doc__.split("\n\n")[0])
    parser.add_argument("trained", type=Path)
    parser.add_argument("shipped", type=Path)
    parser.add_argument("--data", type=Path, required=True, help="VOC folder (voc/ + images/), e.g. codras-idrid")
    parser.add_argument("--label-map", default=CODRAS_LABEL_MAP)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="box_eval.json of `evaluate boxes --model classical` on the same held-out images")
    parser.add_argument("--limits", default="", help="the card's limits text")
    parser.add_argument("--tune-ids", type=Path, default=None,
                        help="segmentation: file of image names (not held out) to pick thresholds by box F1 on")
    parser.add_argument("--training-data", default="", help="what the training folder held, for the card")
    parser.add_argument("--gate-classical", action="store_true",
                        help="segmentation trained on filled boxes: ship it as a gate on the classical detector's "
                             "candidates (card mask_mode gate-classical) instead of as a pixel mask")
    args = parser.parse_args(argv)
    baseline = box_summary(json.loads(args.baseline.read_text(encoding="utf-8"))) if args.baseline else None
    card = ship(args.trained, args.shipped, args.data, baseline, args.label_map, args.limits, args.training_data,
                tune_ids=args.tune_ids.read_text(encoding="utf-8").split() if args.tune_ids else None,
                gate_classical=args.gate_classical)
    print(json.dumps({"model": card.name, "versus_classical": card.metrics["versus_classical"]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(run_tool(main))
