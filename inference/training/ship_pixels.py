"""Ship a lesion model trained on pixel masks, with the per-class source rule applied on validation photos.

``python -m inference.training.ship_pixels TRAINED_DIR SHIPPED_DIR --data IDRID_SEG --splits SPLITS_DIR``:
scores the trained model alone and the classical detector through the pipeline on the validation split (never
trained on), gives each lesion class to whichever draws it with the higher Dice there (the classical detector keeps a
class the model does not beat: card ``classical_classes``; ``--keep-classical MA --because TEXT`` keeps a class
classical for a reason measured elsewhere, recorded in the card), records both sides' figures in the card, drops specks
(regions below a size chosen per class on the same photos, ``choose_min_component``), and writes the model with
float16 weights (half the download; inference loads them into float32).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotations.classes import LesionClass
from annotations.image_io import load_image
from annotations.wording import join_items
from inference.card_schema import VIEW_FLIPS, view_problems
from inference.dataset import load_index
from inference.evaluation import PixelTally, evaluate, json_safe
from inference.loading import load_model_folder, read_state_dict
from inference.model_card import WEIGHTS_FILE, load_card, save_model_folder
from inference.pixel_eval import LesionTally
from inference.segmentation import segment
from inference.targets import read_mask_bits
from inference.training import messages as msg
from inference.training.init_from import without_inherited
from inference.training.tool_end import run_tool

COMPARED_FIGURES = ("aupr", "dice", "iou", "precision", "recall", "lesion_recall")
SPECK_SIZES = (0, 1, 2, 4, 8, 16, 32)  # model pixels
SPECK_DICE_LOSS, SPECK_LESION_RECALL_LOSS = 0.005, 0.02  # what dropping specks may cost on validation
# A source that wins on Dice by drawing mostly wrong pixels floods small photos with false lesions: he-se-v2's MA
# (validation precision 0.08) turned 459 HE(+MA) regions on CODRAS's held-out photos into 4820, precision 0.31 -> 0.04.
PRECISION_FLOOR = 0.1


def classes_won(challenger: dict[str, dict[str, Any]], incumbent: dict[str, dict[str, Any]],
                lesion_classes: list[str]) -> list[str]:
    """The one rule for which source draws a lesion class: the classes whose validation Dice (per-class figures of
    `evaluate seg`) the challenger beats while at least PRECISION_FLOOR of the pixels it draws are lesion; a class the
    incumbent cannot draw counts as Dice 0, so the challenger needs some Dice to take it."""
    def figure(figures: dict[str, dict[str, Any]], name: str, key: str) -> float:
        return float((figures.get(name) or {}).get(key) or 0.0)

    return [name for name in lesion_classes
            if figure(challenger, name, "dice") > figure(incumbent, name, "dice")
            and figure(challenger, name, "precision") >= PRECISION_FLOOR]


def choose_classical_classes(model: dict[str, dict[str, Any]], classical: dict[str, dict[str, Any]],
                             lesion_classes: list[str]) -> list[str]:
    """Lesion classes the classical detector keeps: those the model does not win (``classes_won``)."""
    won = classes_won(model, classical, lesion_classes)
    return [name for name in lesion_classes if name not in won]


def choose_min_component(figures: dict[int, tuple[float, float]]) -> int:
    """The largest speck size (model pixels; ``figures``: size -> (validation Dice, lesion recall)) whose Dice and
    lesion recall stay within SPECK_DICE_LOSS and SPECK_LESION_RECALL_LOSS of keeping every region."""
    dice0, recall0 = figures[0]
    return max(size for size, (dice, recall) in figures.items()
               if dice >= dice0 - SPECK_DICE_LOSS and recall >= recall0 - SPECK_LESION_RECALL_LOSS)


def speck_figures(model_dir: Path, data: Path, splits: Path, names: list[str]
                  ) -> dict[str, dict[int, tuple[float, float]]]:
    """Per class of ``names``, validation (Dice, lesion recall) of the model's mask with regions smaller than each
    of SPECK_SIZES dropped."""
    model = load_model_folder(model_dir)
    pixels = {size: PixelTally() for size in SPECK_SIZES}
    lesions = {size: LesionTally() for size in SPECK_SIZES}
    for sample in load_index(data, splits_dir=splits).split("val"):
        image = load_image(sample.image)
        result = segment(model, image)
        truth_bits = read_mask_bits(sample, image.shape[:2])
        for name in names:
            cls = LesionClass[name]
            truth, scores = (truth_bits & cls.bit) != 0, result.probability(name)
            for size in SPECK_SIZES:
                result.card = replace(model.card, min_component_pixels={name: size})
                predicted = (result.mask_bits([cls]) & cls.bit) != 0
                pixels[size].add(name, scores, predicted, truth)
                lesions[size].add(name, predicted, truth)
    dice = {size: tally.metrics()["per_class"] for size, tally in pixels.items()}
    # a class absent from the validation photos has no Dice (PixelTally): 0 at every size, so specks of it go
    return {name: {size: (dice[size][name]["dice"] or 0.0, lesions[size].recall(name) or 0.0) for size in SPECK_SIZES}
            for name in names}


def ship(trained: Path, shipped: Path, data: Path, splits: Path, device: str = "cpu",
         keep_classical: Sequence[str] = (), because: str = "", averaged_views: Sequence[str] = (),
         version: str | None = None) -> dict[str, Any]:
    """``keep_classical``: classes the classical detector keeps whatever the validation figures say, for the reason
    ``because`` (a measurement the validation photos cannot make, e.g. on photos of another size).
    ``averaged_views``: the shipped model averages its probabilities over these views of the input (card
    ``averaged_views``; default: the trained card's), so sources and specks are chosen on that output.
    ``version``: the shipped card's (default: the trained card's)."""
    if keep_classical and not because:
        raise ValueError(msg.KEEP_CLASSICAL_WHY.format(classes=join_items(keep_classical)))
    card = load_card(trained)
    if card.class_members:  # their folders would not come along, and the sources are chosen for one network
        raise ValueError(msg.SHIP_PIXELS_MEMBERS.format(folder=trained, members=join_items(card.member_folders)))
    lesion_names = card.lesion_classes
    if unknown := [name for name in keep_classical if name not in lesion_names]:
        # refused before minutes of evaluation
        raise ValueError(msg.KEEP_CLASSICAL_UNKNOWN.format(folder=trained, classes=join_items(unknown)))
    card.classical_classes = []
    card.averaged_views = list(averaged_views) or card.averaged_views
    card.version = version or card.version
    with tempfile.TemporaryDirectory() as scratch:
        alone = Path(scratch) / "alone"  # the model as it will ship, drawing every class
        save_model_folder(alone, read_state_dict(trained / WEIGHTS_FILE), card)
        model_eval = evaluate("seg", alone, data, Path(scratch) / "model", "val", device, splits_dir=splits)
        classical_eval = evaluate("seg", "classical", data, Path(scratch) / "classical", "val", device,
                                  splits_dir=splits)
        by_rule = choose_classical_classes(model_eval["per_class"], classical_eval["per_class"], lesion_names)
        drawn = [name for name in lesion_names if name not in by_rule and name not in keep_classical]
        specks = speck_figures(alone, data, splits, drawn)
    card.classical_classes = [name for name in lesion_names if name in by_rule or name in keep_classical]
    kept = [name for name in lesion_names if name in keep_classical and name not in by_rule]
    figures = {side: {name: {key: values.get(key) for key in COMPARED_FIGURES}
                      for name, values in result["per_class"].items()}
               for side, result in (("model", model_eval), ("classical", classical_eval))}
    card.min_component_pixels = {name: size for name in drawn if (size := choose_min_component(specks[name]))}
    # the held-out figures the trainer wrote, of the model as it ships (e.g. over its views), on the same split
    # (JSON-safe: a figure not defined there, e.g. the grade kappa of photos all of one grade, is null, not NaN)
    measured = json_safe({key: value for key, value in model_eval.items() if key in card.metrics})
    if "init_from" in card.training:  # the sources are this model's own now, no longer the base's
        card.training["init_from"] = without_inherited(card.training["init_from"])
    card.training = {**card.training, "shipped": {"by": "inference.training.ship_pixels", "version": card.version,
                                                  "averaged_views": card.averaged_views,
                                                  "keep_classical": list(keep_classical)}}
    card.metrics = {**card.metrics, **measured, "validation_per_class": figures,
                    "validation_speck_sizes": {name: {str(size): list(values) for size, values in rows.items()}
                                               for name, rows in specks.items()},
                    "validation_disc_error_median_radii": model_eval.get("disc_error_median_radii"),
                    "validation_grade_agreement": model_eval.get("grade_agreement"),
                    "source_rule": "per lesion class, the model draws when its validation Dice beats the classical "
                                   f"detector's at a precision of at least {PRECISION_FLOOR}; classical keeps "
                                   f"{by_rule or 'none'}"
                                   + (f"; kept classical by choice: {kept} ({because})" if kept else "")}
    if kept:
        card.metrics["kept_classical"] = {"classes": kept, "because": because}
    else:  # a model shipped before with a class kept by choice: that choice is not this shipping's
        card.metrics.pop("kept_classical", None)
    state = {key: value.half() if value.is_floating_point() else value
             for key, value in read_state_dict(trained / WEIGHTS_FILE).items()}
    save_model_folder(shipped, state, card)
    return card.metrics


def _views(text: str) -> list[str]:
    """``--averaged-views``: comma-separated views, refused (as a card would refuse them) before minutes of
    evaluation."""
    views = [view.strip() for view in text.split(",")]
    if problems := view_problems(views):
        raise argparse.ArgumentTypeError(problems[0])
    return views


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference.training.ship_pixels", description=__doc__)
    parser.add_argument("trained", type=Path)
    parser.add_argument("shipped", type=Path)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--splits", type=Path, required=True)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--keep-classical", action="append", default=[], metavar="CLASS",
                        help="a lesion class the classical detector keeps whatever the validation figures say")
    parser.add_argument("--because", default="", help="why (required with --keep-classical; stored in the card)")
    parser.add_argument("--averaged-views", type=_views, default=[], metavar="VIEWS",
                        help=f"average the probabilities over these views of the input, comma-separated among "
                             f"{', '.join(VIEW_FLIPS)} (one network pass each)")
    parser.add_argument("--version", help="the shipped card's version (default: the trained card's)")
    args = parser.parse_args(argv)
    if args.keep_classical and not args.because:
        parser.error("--keep-classical needs --because")
    metrics = ship(args.trained, args.shipped, args.data, args.splits, args.device, args.keep_classical, args.because,
                   args.averaged_views, args.version)
    print(json.dumps({k: v for k, v in metrics.items() if k.startswith(("validation", "source", "kept"))}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(run_tool(main))
