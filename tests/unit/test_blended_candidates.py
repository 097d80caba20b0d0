"""A candidates model that blends with a lesion model (card ``blend_with``; `train candidates --classes HE
--blend-with`): the mean of the two probability maps is what its threshold cuts, it draws only beside the lesion
model it names drawing the class from its pixels, and a result made without it where it cannot draw stays current."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from annotations.classes import LesionClass
from annotations.probability_maps import probability_levels, reduce_for_storage
from annotations.progress import NullState
from app.cli import main
from inference.analysis_models import refuse_idle_candidates
from inference.analysis_settings import AnalysisSettings
from inference.lesion_candidates.dark_regions import PATCH_SIDE, find_dark_regions
from inference.lesion_candidates.region_network import RegionClassifier
from inference.lesion_candidates.region_painting import CandidateRegions
from inference.lesion_sources import LesionSource, lesion_sources
from inference.loading import ModelSet, load_model_folder
from inference.model_card import (CARD_FILE, REGION_CANDIDATE_TASK, REGION_ENCODER, ModelCard, ModelError, load_card,
                                  save_model_folder)
from inference.model_plan import made_by_planned_models, planned_models
from inference.pipeline import CLASSICAL_DETECTOR, PipelineOptions, analyze
from inference.preprocess import find_fov
from inference.registry import ModelRegistry
from inference.segmentation import segment
from tests.unit.test_dark_regions import fundus_with_blots
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card
from tests.unit.test_training_fixtures import write_mask_set, write_voc_set

HE = LesionClass.HE
BLEND = ModelCard(name="he-blend", task=REGION_CANDIDATE_TASK, architecture="patch-classifier", encoder=REGION_ENCODER,
                  classes=["HE"], input_size=(PATCH_SIDE, PATCH_SIDE), activation="sigmoid", thresholds={"HE": 0.4},
                  blend_with="tiny-seg")
LARGE_SIDE = 1400  # a field the candidates models run on (inference.lesion_candidates.scale)


def large_fundus_with_blots() -> tuple[np.ndarray, np.ndarray]:
    """``fundus_with_blots`` (photo, blot mask) scaled up to a field the candidates models run on."""
    small, truth = fundus_with_blots()
    image = cv2.resize(small, (LARGE_SIDE, LARGE_SIDE), interpolation=cv2.INTER_LINEAR)
    return image, cv2.resize(truth.astype(np.uint8), (LARGE_SIDE, LARGE_SIDE), interpolation=cv2.INTER_NEAREST) > 0


def saved_blend(folder: Path, blend_with: str = "tiny-seg", threshold: float = 0.4) -> Path:
    """The blending HE model whose every region gets probability one half."""
    model = RegionClassifier()
    with torch.no_grad():
        model.head[-1].weight.zero_()
        model.head[-1].bias.zero_()
    card = replace(BLEND, blend_with=blend_with, thresholds={"HE": threshold})
    return save_model_folder(folder / "he-blend", model.state_dict(), card)


def test_it_draws_only_beside_the_lesion_model_it_names_drawing_the_class_from_pixels() -> None:
    partner = tiny_segmentation_card("tiny-seg")
    assert lesion_sources(partner, [BLEND])[HE] == LesionSource("he-blend", None, 0.4, partner="tiny-seg")
    assert lesion_sources(tiny_segmentation_card("other"), [BLEND])[HE].model == "other"
    assert lesion_sources(replace(partner, classical_classes=["HE"]), [BLEND])[HE] == LesionSource(None)
    assert lesion_sources(None, [BLEND])[HE] == LesionSource(None)
    assert lesion_sources(None, [replace(BLEND, blend_with="")])[HE] == LesionSource("he-blend", None, 0.4), \
        "a plain one always draws, with no partner"
    tuned = replace(BLEND, blend_sha256="AB12")
    assert lesion_sources(replace(partner, sha256="ab12"), [tuned])[HE].model == "he-blend"
    assert lesion_sources(replace(partner, sha256="cd34"), [tuned])[HE].model == "tiny-seg", "another version: alone"


def test_it_does_not_blend_with_a_member_drawing_its_class() -> None:
    partner = tiny_segmentation_card("tiny-seg")
    composite = replace(partner, class_members={"HE": "member"}, member_sha256={"member": "ab12"})
    assert lesion_sources(composite, [BLEND])[HE] == LesionSource("tiny-seg", None, partner.threshold("HE")), \
        "the member's map is not the one the blend's threshold was chosen with"
    others = replace(composite, class_members={"EX": "member"})
    assert lesion_sources(others, [BLEND])[HE].model == "he-blend", "a member drawing another class changes nothing"


def test_the_card_keeps_it_and_only_a_candidates_model_may_blend(tmp_path: Path) -> None:
    folder = saved_blend(tmp_path)
    assert load_card(folder).blend_with == "tiny-seg"
    card = json.loads((folder / CARD_FILE).read_text())
    (folder / CARD_FILE).write_text(json.dumps(dict(card, blend_with="", blend_sha256="ab12")))
    with pytest.raises(ModelError, match="blend_sha256 without blend_with"):  # not silently a plain model
        load_card(folder)
    with pytest.raises(ModelError, match="blend_with"):
        replace(tiny_segmentation_card(), blend_with="tiny-seg").validate()
    with pytest.raises(ModelError, match="dark regions"):
        replace(BLEND, encoder="tiny-cnn").validate()  # a dark-dot network in the regions' slot
    with pytest.raises(ModelError, match="dark regions"):
        replace(BLEND, task="lesion-candidates", blend_with="").validate()  # a region network in the dots' slot


def test_the_analysis_plans_it_only_with_its_partner_and_a_result_without_it_then_stays_current(tmp_path: Path
                                                                                               ) -> None:
    saved_model(tmp_path, tiny_segmentation_card("tiny-seg"))
    saved_blend(tmp_path)
    assert REGION_CANDIDATE_TASK in planned_models(AnalysisSettings(), ModelRegistry([tmp_path]))
    saved_blend(tmp_path, blend_with="elsewhere")
    planned = planned_models(AnalysisSettings(), ModelRegistry([tmp_path]))
    assert set(planned) == {"lesion-segmentation"}, "no partner: it does not run, so no result is stale for it"
    both = dict(planned, **{task: {"name": task, "version": "1", "sha256": "cc", "task": task}
                            for task in ("lesion-candidates", REGION_CANDIDATE_TASK)})
    made = [planned["lesion-segmentation"]]
    assert made_by_planned_models(made, both, False, lambda: 800.0), "a small photo runs neither candidates model"
    assert not made_by_planned_models(made, both, False, lambda: 1700.0)


def test_evaluating_it_without_its_partner_is_refused_naming_both(tmp_path: Path, capsys: pytest.CaptureFixture
                                                                   ) -> None:
    """`evaluate boxes|seg --model` the blending model alone would score another source's HE under its name."""
    blend = saved_blend(tmp_path)
    data = {"boxes": write_voc_set(tmp_path / "voc", count=1), "seg": write_mask_set(tmp_path / "masks", count=3)}
    for task, folder in data.items():
        assert main(["evaluate", task, "--model", str(blend), "--data", str(folder), "--out", str(tmp_path / task),
                     "--device", "cpu"]) == 2
        said = capsys.readouterr().err
        assert "he-blend draws HE only averaged with tiny-seg" in said and "--model defaults" in said, said
    partner = load_model_folder(saved_model(tmp_path, tiny_segmentation_card("tiny-seg")), for_inference=True)
    refuse_idle_candidates(ModelSet.from_models([partner, load_model_folder(blend, for_inference=True)]))  # draws


def test_the_pipeline_cuts_the_mean_of_both_maps_at_its_threshold_and_keeps_that_map(tmp_path: Path) -> None:
    image, _ = large_fundus_with_blots()
    partner = load_model_folder(saved_model(tmp_path, tiny_segmentation_card("tiny-seg")), for_inference=True)
    fov = find_fov(image)
    regions = find_dark_regions(image, fov)
    candidates = CandidateRegions("HE", regions, np.full(len(regions), 0.5, np.float32), 0.5)
    alone = segment(partner, image, fov)
    blended = (candidates.probability(image.shape[:2]) + alone.probability("HE")) / 2
    threshold = float(np.median(blended[candidates.mask(image.shape[:2])]))  # half the regions' pixels pass
    blend = load_model_folder(saved_blend(tmp_path, threshold=threshold), for_inference=True)
    options = PipelineOptions(keep_probabilities=True, store_probabilities=True)
    outcome = analyze([image], ModelSet.from_models([partner, blend]), NullState(), "cpu", options)[0]
    result = outcome.result
    assert result.findings.lesion_sources["HE"] == "he-blend averaged with tiny-seg"  # both named to the reader
    assert any({"name": "he-blend", "task": REGION_CANDIDATE_TASK}.items() <= model.items() for model in result.models)
    he = (result.mask & HE.bit) != 0
    assert np.array_equal(he, blended >= threshold)
    assert 0 < he.sum() < candidates.mask(image.shape[:2]).sum(), "the partner's map decides which regions pass"
    assert np.array_equal(outcome.probabilities["HE"], probability_levels(blended))
    stored = (candidates.boxed(image.shape[:2]).stored_levels().astype(int) + alone.boxed("HE").stored_levels()) / 2
    assert np.abs(result.probabilities["HE"].astype(int) - stored).max() <= 0.5
    reduced = reduce_for_storage(probability_levels(blended)).astype(int)  # what storing the full map would keep
    assert reduced.shape == stored.shape and np.abs(reduced - stored).mean() < 2, "the kept map is the mask's map"
    assert result.mask_thresholds["HE"] == pytest.approx(threshold)

    without = analyze([image], ModelSet.from_models([blend]), NullState(), "cpu", options)[0].result
    assert without.findings.lesion_sources["HE"] == CLASSICAL_DETECTOR["name"], "no partner: it does not draw"
    assert all(model["task"] != REGION_CANDIDATE_TASK for model in without.models)


def test_training_it_again_measures_it_against_the_other_shipped_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """`train candidates` writes a model that beats what ships for its class; the shipped model it would replace
    (same name) is left out, as it was when it shipped, so its documented command reproduces it."""
    from inference.training import candidate_run

    seen: dict[str, set[str]] = {}
    monkeypatch.setattr(candidate_run, "models_predictor",
                        lambda models, device: seen.setdefault("names", {m.card.name for m in models.models.values()}))
    monkeypatch.setattr(candidate_run, "score_segmentation",
                        lambda predict, samples: ({"per_class": {"HE": {"dice": 0.4}}}, {}))
    assert candidate_run._incumbent_figures([], "HE", "he-candidates") == {"dice": 0.4}
    assert "he-candidates" not in seen["names"] and {"idrid-lesions", "ma-candidates"} <= seen["names"]
