"""A model fine-tuned from an installed lesion model (``train --init-from``, the window's retraining) keeps that
model's per-class source decisions: the classes it leaves to the classical detector and its speck sizes, and the
card says they were inherited and why a class was kept classical, generation after generation, until ship_pixels
chooses them on the fine-tuned model itself."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from annotations.classes import LesionClass
from inference.lesion_sources import LesionSource, lesion_sources
from inference.model_card import ModelCard, load_card, save_model_folder
from inference.models import build_model
from inference.training.config import TrainConfig
from inference.training.init_from import load_initial_weights, network_of
from inference.training.run import train
from inference.training.ship_pixels import ship
from tests.unit.test_inference_fixtures import loaded, saved_model, tiny_segmentation_card
from tests.unit.test_pixel_eval import one_validation_photo
from tests.unit.test_training_fixtures import tiny_seg_options, write_mask_set

KEPT = {"classes": ["MA"], "because": "the model's MA flooded small photos with false regions"}


def shipped_card(name: str = "base") -> ModelCard:
    """A 64 px lesion card as ship_pixels leaves it: MA kept classical by choice, HE and SE specks dropped."""
    return replace(tiny_segmentation_card(name), classical_classes=["MA"], min_component_pixels={"HE": 8, "SE": 2},
                   metrics={"split": "test", "kept_classical": KEPT})


def fine_tuned(base: Path, data: Path, out: Path) -> ModelCard:
    """The card ``train seg --init-from base`` writes."""
    train(TrainConfig(task="seg", data=data, out=out, epochs=1, steps_per_epoch=1, augment=False, init_from=base,
                      **tiny_seg_options()))
    return load_card(out)


def test_fine_tuned_lesion_models_keep_the_base_models_sources_and_why_generation_after_generation(
        tmp_path: Path) -> None:
    data = write_mask_set(tmp_path / "data")
    first = fine_tuned(saved_model(tmp_path, shipped_card()), data, tmp_path / "first")
    assert first.classical_classes == ["MA"] and first.min_component_pixels == {"HE": 8, "SE": 2}
    record = first.training["init_from"]
    assert record["inherited"] == ["classical_classes", "min_component_pixels"] and record["kept_classical"] == KEPT
    sources = lesion_sources(first)  # what the analysis and the retrain comparison's New column draw with
    assert sources[LesionClass.MA] == LesionSource(None)  # the classical detector, no threshold of the model's
    assert sources[LesionClass.HE].model == first.name
    # retrained again: the reason is no longer in its base's metrics (measured on the shipped one), only inherited
    assert "kept_classical" not in first.metrics
    second = fine_tuned(tmp_path / "first", data, tmp_path / "second")
    assert second.classical_classes == ["MA"] and second.training["init_from"]["kept_classical"] == KEPT


def test_speck_sizes_keep_their_share_of_the_photo_at_another_input_size(tmp_path: Path) -> None:
    base = saved_model(tmp_path, shipped_card())  # 64 px input
    specks = {size: network_of(tiny_segmentation_card("new"), base, None, size=size).min_component_pixels
              for size in (128, 48, 32)}
    assert specks[128] == {"HE": 32, "SE": 8}
    # 4.5 and 1.125 px: dropping regions of area < 4.5 drops those < 5
    assert specks[48] == {"HE": 5, "SE": 2}
    assert specks[32] == {"HE": 2}  # SE 0.5 px drops nothing


def test_the_record_names_what_the_new_card_holds_not_what_the_base_had(tmp_path: Path) -> None:
    base = saved_model(tmp_path, replace(shipped_card(), min_component_pixels={"SE": 2}))
    card = network_of(tiny_segmentation_card("new"), base, None, size=32)  # SE 0.5 px: no speck size left
    record = load_initial_weights(build_model(card), base, card)
    assert card.min_component_pixels == {} and record["inherited"] == ["classical_classes"]


def test_shipping_a_fine_tuned_model_drops_the_inherited_record(tmp_path: Path) -> None:
    """ship_pixels chooses the sources on the model itself: the card no longer says they are the base's."""
    data, splits = one_validation_photo(tmp_path)
    card = replace(tiny_segmentation_card(classes=["background", "MA", "HE", "EX", "SE", "OD"]),
                   classical_classes=["MA"], min_component_pixels={"HE": 8},
                   training={"init_from": {"model": "base", "version": "1", "inherited": ["classical_classes"],
                                           "kept_classical": KEPT}})
    save_model_folder(tmp_path / "trained", loaded(card).module.state_dict(), card)
    ship(tmp_path / "trained", tmp_path / "shipped", data, splits)
    assert load_card(tmp_path / "shipped").training["init_from"] == {"model": "base", "version": "1"}


def test_classes_the_validation_split_cannot_tune_keep_the_base_models_thresholds(tmp_path: Path) -> None:
    """The fine-tuned card had thresholds {} (0.5 for every class) where the base had tuned ones, and said nothing."""
    base = saved_model(tmp_path, replace(shipped_card(), thresholds={"MA": 0.15, "HE": 0.9, "EX": 0.3, "SE": 0.85}))
    card = fine_tuned(base, write_mask_set(tmp_path / "data"), tmp_path / "tuned")  # HE and EX painted, not MA, SE
    assert card.thresholds["MA"] == 0.15 and card.thresholds["SE"] == 0.85 and {"HE", "EX"} <= set(card.thresholds)
    assert card.training["thresholds"] == ("best Dice on the validation split for HE, EX; the --init-from model's for "
                                           "MA, SE")
    assert lesion_sources(card)[LesionClass.SE].threshold == 0.85  # what an analysis cuts the map at


def test_a_gate_models_thresholds_are_not_taken_for_pixel_thresholds(tmp_path: Path) -> None:
    """A gate model's thresholds cut candidates' mean probabilities (0.002 for HE): inherited by a pixel model, HE
    was drawn wherever its probability reached 0.002 (review)."""
    gate = replace(tiny_segmentation_card("gate"), mask_mode="gate-classical", thresholds={"HE": 0.002, "EX": 0.4})
    card = network_of(replace(tiny_segmentation_card("new"), thresholds={}), saved_model(tmp_path, gate), None)
    assert card.mask_mode == "pixels" and card.thresholds == {}
