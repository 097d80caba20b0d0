"""Ship a lesion model trained on pixel masks, with the per-class source rule applied on validation photos.

``python -m inference.training.ship_pixels TRAINED_DIR SHIPPED_DIR --data IDRID_SEG --splits SPLITS_DIR``:
scores the trained model alone and the classical detector through the pipeline on the validation split (never
trained on), gives each lesion class to whichever draws it with the higher Dice there (the classical detector keeps a
class the model does not beat: card ``classical_classes``), records both sides' figures in the card, and writes the
model with float16 weights (half the download; inference loads them into float32).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from inference.evaluation import evaluate
from inference.loading import read_state_dict
from inference.model_card import WEIGHTS_FILE, load_card, save_model_folder

COMPARED_FIGURES = ("aupr", "dice", "iou", "precision", "recall", "lesion_recall")


def choose_classical_classes(model: dict[str, dict[str, Any]], classical: dict[str, dict[str, Any]],
                             lesion_classes: list[str]) -> list[str]:
    """Lesion classes the classical detector keeps: those where the model's validation Dice does not beat the
    detector's (a class the detector cannot draw counts as Dice 0, so the model needs some Dice to take it)."""
    def dice(figures: dict[str, dict[str, Any]], name: str) -> float:
        return float((figures.get(name) or {}).get("dice") or 0.0)

    return [name for name in lesion_classes if dice(model, name) <= dice(classical, name)]


def ship(trained: Path, shipped: Path, data: Path, splits: Path, device: str = "cpu") -> dict[str, Any]:
    card = load_card(trained)
    card.classical_classes = []
    with tempfile.TemporaryDirectory() as scratch:
        alone = Path(scratch) / "alone"
        save_model_folder(alone, read_state_dict(trained / WEIGHTS_FILE), card)
        model_eval = evaluate("seg", alone, data, Path(scratch) / "model", "val", device, splits_dir=splits)
        classical_eval = evaluate("seg", "classical", data, Path(scratch) / "classical", "val", device,
                                  splits_dir=splits)
    lesion_names = [name for name in card.classes[1:] if name != "OD"]
    card.classical_classes = choose_classical_classes(model_eval["per_class"], classical_eval["per_class"],
                                                      lesion_names)
    figures = {side: {name: {key: values.get(key) for key in COMPARED_FIGURES}
                      for name, values in result["per_class"].items()}
               for side, result in (("model", model_eval), ("classical", classical_eval))}
    card.metrics = {**card.metrics, "validation_per_class": figures,
                    "validation_disc_error_median_radii": model_eval.get("disc_error_median_radii"),
                    "validation_grade_agreement": model_eval.get("grade_agreement"),
                    "source_rule": "per lesion class, the model draws when its validation Dice beats the classical "
                                   f"detector's; classical keeps {card.classical_classes or 'none'}"}
    state = {key: value.half() if value.is_floating_point() else value
             for key, value in read_state_dict(trained / WEIGHTS_FILE).items()}
    save_model_folder(shipped, state, card)
    return card.metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference.training.ship_pixels", description=__doc__)
    parser.add_argument("trained", type=Path)
    parser.add_argument("shipped", type=Path)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--splits", type=Path, required=True)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args(argv)
    metrics = ship(args.trained, args.shipped, args.data, args.splits, args.device)
    print(json.dumps({k: v for k, v in metrics.items() if k.startswith(("validation", "source"))}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
