"""Hostile model cards (issue 13): a card is checked completely when loaded; an invalid model is refused with a
message naming the field, and the models beside it keep working."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from inference.loading import load_model_folder
from inference.model_card import CARD_FILE, ModelError, load_card
from inference.registry import ModelRegistry
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card, tiny_segmentation_card


def _edit_card(folder: Path, **changes: Any) -> None:
    card = json.loads((folder / CARD_FILE).read_text())
    card.update(changes)
    (folder / CARD_FILE).write_text(json.dumps(card))  # json writes NaN and Infinity as bare words, as Python reads


@pytest.mark.parametrize("changes, field", [
    ({"thresholds": {"referable": math.nan}}, "thresholds.referable"),
    ({"thresholds": {"referable": -0.5}}, "thresholds.referable"),
    ({"thresholds": {"nonsense": 0.5}}, "thresholds.nonsense"),
    ({"temperature": math.nan}, "temperature"),
    ({"temperature": math.inf}, "temperature"),
    ({"temperature": 0}, "temperature"),
    ({"normalisation": {"mean": [0.5, 0.5, 0.5], "std": [math.nan, 0.2, 0.2]}}, "normalisation"),
    ({"normalisation": {"mean": [math.inf, 0.5, 0.5], "std": [0.2, 0.2, 0.2]}}, "normalisation"),
    ({"input_size": [32768, 32768]}, "input_size"),
    ({"input_size": [16, 64]}, "input_size"),
    ({"classes": ["non-referable", "maybe", "referable"]}, "classes"),
])
def test_unusable_numbers_and_class_lists_are_refused_naming_the_field(tmp_path: Path, changes: dict,
                                                                      field: str) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card("referable"))
    _edit_card(folder, **changes)
    with pytest.raises(ModelError) as raised:
        load_model_folder(folder)
    assert field in raised.value.reason


@pytest.mark.parametrize("task, classes", [
    ("dr-grade", ["0", "1", "2", "3", "4", "5"]),
    ("dr-grade", ["0", "1", "2"]),
    ("lesions-present", ["present"]),
    ("oct", ["CNV", "DME", "GEOGRAPHIC", "NORMAL"]),
    ("oct", ["CNV", "CNV"]),
])
def test_class_list_that_does_not_fit_the_task_is_refused_before_analysis(tmp_path: Path, task: str,
                                                                          classes: list[str]) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card(task))
    _edit_card(folder, classes=classes)
    with pytest.raises(ModelError, match="classes"):
        load_card(folder)


def test_segmentation_class_names_must_be_lesion_classes(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_segmentation_card())
    _edit_card(folder, classes=["background", "vessel", "HE", "EX", "SE"])
    with pytest.raises(ModelError, match="classes"):
        load_card(folder)


@pytest.mark.parametrize("changes, field", [
    ({"normalisation": 5}, "normalisation"),
    ({"thresholds": [0.5, 0.5]}, "thresholds"),
    ({"thresholds": {"referable": "high"}}, "thresholds"),
    ({"name": 7}, "name"),
    ({"classes": "non-referable,referable"}, "classes"),
    ({"classes": [1, 2]}, "classes"),
    ({"input_size": 512}, "input_size"),
    ({"input_size": ["512", "512"]}, "input_size"),
    ({"input_size": [512.5, 512]}, "input_size"),
    ({"temperature": "1"}, "temperature"),
    ({"temperature": True}, "temperature"),
    ({"preprocessing": {"crop_fov": "no"}}, "preprocessing"),
    ({"preprocessing": ["crop_fov"]}, "preprocessing"),
    ({"decoder_channels": "128,64"}, "decoder_channels"),
    ({"training": "IDRiD"}, "training"),
    ({"classical_classes": "HE"}, "classical_classes"),
])
def test_a_card_with_wrong_types_is_refused_and_the_other_models_still_load(tmp_path: Path, changes: dict,
                                                                            field: str) -> None:
    broken = saved_model(tmp_path, tiny_classifier_card("referable"))
    _edit_card(broken, **changes)
    saved_model(tmp_path, tiny_classifier_card("dr-grade"))
    registry = ModelRegistry([tmp_path])
    entries = {entry.path.name: entry for entry in registry.entries()}  # never raises for one bad card
    assert entries[broken.name].card is None and field in entries[broken.name].error
    models = registry.load_set()
    assert models.get("dr-grade") is not None and models.get("referable") is None
    with pytest.raises(ModelError, match=field):
        registry.load_model(broken)


def test_a_valid_card_still_loads(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card("referable"))
    _edit_card(folder, thresholds={"referable": 0.3}, temperature=1.5)
    assert load_model_folder(folder).card.threshold("referable") == 0.3
