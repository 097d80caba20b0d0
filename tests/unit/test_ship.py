"""Shipping a gate: its thresholds are chosen on non-held-out images by the written rule (RECALL_KEPT)."""
from __future__ import annotations

from pathlib import Path

import pytest

from inference.training.ship import GATE_CANDIDATES, RECALL_KEPT, tune_box_thresholds
from tests.unit.test_box_eval import make_dataset
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card


def gate_folder(root: Path) -> Path:
    card = tiny_segmentation_card(activation="sigmoid", classes=["HE", "EX"])
    card.mask_mode = "gate-classical"
    return saved_model(root, card)


def test_gate_thresholds_keep_the_share_of_classical_recall(tmp_path: Path) -> None:
    make_dataset(tmp_path / "data")
    chosen = tune_box_thresholds(gate_folder(tmp_path / "models"), tmp_path / "data", "EX=EX,HE=HE,OD=OD",
                                 ["case_0001", "case_0002"])
    assert set(chosen) == {"HE", "EX"}
    for figures in chosen.values():
        assert figures["threshold"] in GATE_CANDIDATES
        assert figures["recall"] >= RECALL_KEPT * 1.0  # the classical detector hits every box of this set


def test_tuning_refuses_held_out_images(tmp_path: Path) -> None:
    make_dataset(tmp_path / "data")
    with pytest.raises(ValueError, match="held-out"):
        tune_box_thresholds(gate_folder(tmp_path / "models"), tmp_path / "data", "EX=EX,HE=HE,OD=OD", ["case_0005"])
