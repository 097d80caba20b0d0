"""A lesion-region model filters the classical detector's candidates: per component, by the mean probability."""
from __future__ import annotations

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.findings import gating_model as gate_named_in
from inference.candidate_gate import component_scores, gate_candidates
from inference.classical import detect_lesions
from inference.loading import ModelSet
from inference.model_card import ModelCard, ModelError
from inference.pipeline import CLASSICAL_DETECTOR, analyze_image
from tests.unit.test_classical import fundus_with_lesions
from tests.unit.test_inference_fixtures import loaded, tiny_segmentation_card

HE, MA, EX, OD = (LesionClass.HE, LesionClass.MA, LesionClass.EX, LesionClass.OD)


def square(bits: np.ndarray, x: int, y: int, bit: int, side: int = 3) -> None:
    bits[y:y + side, x:x + side] |= bit


def test_each_component_is_kept_or_dropped_by_its_mean_probability() -> None:
    candidates = np.zeros((40, 40), np.uint8)
    square(candidates, 2, 2, HE.bit)
    square(candidates, 20, 20, HE.bit)
    probability = np.zeros((40, 40), np.float32)
    probability[2:5, 2:5] = [[0.9, 0.9, 0.9], [0.9, 0.9, 0.9], [0.0, 0.0, 0.0]]  # mean 0.6
    probability[20:23, 20:23] = 0.3
    kept = gate_candidates(candidates, {HE: probability}, {HE: 0.5})
    assert np.all(kept[2:5, 2:5] == HE.bit), "a component is judged whole, even its low pixels"
    assert not np.any(kept[20:23, 20:23])


def test_ma_is_judged_by_he_and_unjudged_classes_pass() -> None:
    candidates = np.zeros((30, 30), np.uint8)
    square(candidates, 1, 1, MA.bit)
    square(candidates, 10, 10, MA.bit)
    square(candidates, 20, 20, OD.bit | EX.bit)
    he_region = np.zeros((30, 30), np.float32)
    he_region[:5, :5] = 1.0
    kept = gate_candidates(candidates, {HE: he_region}, {HE: 0.5})
    assert np.all(kept[1:4, 1:4] == MA.bit) and not np.any(kept[10:13, 10:13])
    assert np.array_equal(kept[20:23, 20:23], candidates[20:23, 20:23]), "EX and OD have no region: unchanged"


def test_component_scores_are_minus_one_outside_components() -> None:
    binary = np.zeros((10, 10), bool)
    binary[0:2, 0:2] = True
    probability = np.full((10, 10), 0.25, np.float32)
    scores = component_scores(binary, probability)
    assert np.allclose(scores[0:2, 0:2], 0.25) and np.all(scores[~binary] == -1)


def gating_model(thresholds: dict[str, float]) -> ModelSet:
    card = tiny_segmentation_card(activation="sigmoid", classes=["HE", "EX"])
    card.mask_mode, card.thresholds = "gate-classical", thresholds
    return ModelSet.from_models([loaded(card)])


def test_a_gate_that_keeps_everything_gives_the_classical_mask() -> None:
    image = fundus_with_lesions()
    classical = detect_lesions(image).mask_bits
    result = analyze_image(image, gating_model({"HE": 0.0, "EX": 0.0}), device="cpu")
    assert np.any(classical & (HE.bit | EX.bit))
    assert np.array_equal(result.mask & ~np.uint8(OD.bit), classical & ~np.uint8(OD.bit))
    assert CLASSICAL_DETECTOR in result.models and any(m["name"] == "tiny-seg" for m in result.models)
    sources = result.findings.lesion_sources
    assert {gate_named_in(sources[name]) for name in ("MA", "HE", "EX", "SE")} == {"tiny-seg"}
    assert sources["OD"] == CLASSICAL_DETECTOR["name"], "the gate judges lesions, not the disc the detector placed"


def test_a_gate_nothing_passes_removes_every_lesion_candidate() -> None:
    result = analyze_image(fundus_with_lesions(), gating_model({"HE": 1.01, "EX": 1.01}), device="cpu")
    assert not np.any(result.mask & (HE.bit | MA.bit | EX.bit))


@pytest.mark.parametrize("task, mode", [("lesion-segmentation", "maybe"), ("dr-grade", "gate-classical")])
def test_cards_refuse_unknown_or_misplaced_mask_modes(task: str, mode: str) -> None:
    with pytest.raises(ModelError, match="mask_mode"):
        ModelCard(name="x", task=task, architecture="unet" if task == "lesion-segmentation" else "classifier",
                  encoder="resnet18", classes=["background", "HE"], mask_mode=mode).validate()


def test_scores_at_the_threshold_are_exactly_what_the_gate_keeps() -> None:
    from inference.candidate_gate import gated_scores

    candidates = detect_lesions(fundus_with_lesions()).mask_bits
    rng = np.random.default_rng(0)
    probabilities = {HE: rng.random(candidates.shape), EX: rng.random(candidates.shape)}
    scores = gated_scores(candidates, probabilities)
    for threshold in (0.45, 0.5, 0.55):
        kept = gate_candidates(candidates, probabilities, {HE: threshold, EX: threshold})
        assert np.array_equal(scores[HE] >= threshold, (kept & (HE.bit | MA.bit)) != 0)
        assert np.array_equal(scores[EX] >= threshold, (kept & EX.bit) != 0)


@pytest.mark.parametrize("threshold", [0.0, 1.01])
def test_evaluating_a_gate_scores_the_gated_candidates_not_the_regions(threshold: float, tmp_path) -> None:
    from PIL import Image

    from inference.evaluation import evaluate_segmentation
    from inference.dataset import Sample

    image = fundus_with_lesions()
    Image.fromarray(image).save(tmp_path / "a.png")
    exudates = (detect_lesions(image).mask_bits & EX.bit) != 0
    Image.fromarray(exudates.astype(np.uint8) * 255).save(tmp_path / "a_EX.png")
    model = gating_model({"HE": threshold, "EX": threshold}).get("lesion-segmentation")
    sample = Sample("a", tmp_path / "a.png", mask_files={EX: tmp_path / "a_EX.png"})
    figures = evaluate_segmentation(model, [sample])[0]["per_class"]["EX"]
    assert figures["dice"] == (1.0 if threshold == 0.0 else 0.0), "truth = the classical EX candidates"
