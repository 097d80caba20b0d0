"""A model fine-tuned from an installed lesion model (``train --init-from``, the window's retraining) keeps that
model's per-class source decisions: the classes it leaves to the classical detector and its speck sizes, and the
card says they were inherited; ship_pixels, choosing them anew, measures the model without them."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotations.classes import LesionClass
from inference.lesion_sources import LesionSource, lesion_sources
from inference.model_card import load_card, save_model_folder
from inference.training import ship_pixels
from inference.training.config import TrainConfig
from inference.training.init_from import network_of
from inference.training.run import train
from tests.unit.test_inference_fixtures import loaded, saved_model, tiny_segmentation_card
from tests.unit.test_pixel_eval import masked_sample
from tests.unit.test_training_fixtures import tiny_seg_options, write_mask_set

KEPT = {"classes": ["MA"], "because": "the model's MA flooded small photos with false regions"}


def shipped_card(name: str = "base"):
    """A lesion card as ship_pixels leaves it: MA kept classical by choice, HE and SE specks dropped."""
    return replace(tiny_segmentation_card(name), classical_classes=["MA"], min_component_pixels={"HE": 8, "SE": 2},
                   metrics={"split": "test", "kept_classical": KEPT})


def test_a_fine_tuned_lesion_model_keeps_the_base_models_sources_and_the_card_says_so(tmp_path: Path) -> None:
    base = saved_model(tmp_path, shipped_card())
    tuned = train(TrainConfig(task="seg", data=write_mask_set(tmp_path / "data"), out=tmp_path / "tuned", epochs=1,
                              steps_per_epoch=1, augment=False, init_from=base, **tiny_seg_options())).card
    card = load_card(tmp_path / "tuned")
    assert card.classical_classes == ["MA"] and card.min_component_pixels == {"HE": 8, "SE": 2}
    record = card.training["init_from"]
    assert record["inherited"] == ["classical_classes", "min_component_pixels"] and record["kept_classical"] == KEPT
    sources = lesion_sources(card)  # what the analysis and the retrain comparison's New column draw with
    assert sources[LesionClass.MA] == LesionSource(None)  # the classical detector, no threshold of the model's
    assert sources[LesionClass.HE].model == tuned.name


def test_speck_sizes_keep_their_share_of_the_photo_at_another_input_size(tmp_path: Path) -> None:
    base = saved_model(tmp_path, shipped_card())  # 64 px input
    assert network_of(tiny_segmentation_card("new"), base, None, size=128).min_component_pixels == {"HE": 32,
                                                                                                    "SE": 8}
    assert network_of(tiny_segmentation_card("new"), base, None, size=32).min_component_pixels == {"HE": 2}  # SE 0.5


def test_shipping_a_fine_tuned_model_measures_it_without_the_inherited_speck_sizes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, splits = tmp_path / "data", tmp_path / "splits"
    data.mkdir()
    splits.mkdir()
    masked_sample(data)
    for name, names in (("train", ""), ("val", "eye\n"), ("test", "")):
        (splits / f"{name}.txt").write_text(names)
    card = replace(tiny_segmentation_card(classes=["background", "MA", "HE", "EX", "SE", "OD"]),
                   classical_classes=["MA"], min_component_pixels={"EX": 10 ** 6})
    save_model_folder(tmp_path / "trained", loaded(card).module.state_dict(), card)
    seen = []
    evaluate = ship_pixels.evaluate
    monkeypatch.setattr(ship_pixels, "evaluate", lambda task, model, *args, **kwargs: (
        model == "classical" or seen.append(load_card(model).min_component_pixels),
        evaluate(task, model, *args, **kwargs))[1])
    ship_pixels.ship(tmp_path / "trained", tmp_path / "shipped", data, splits)
    assert seen == [{}]
