"""Per-class probability maps kept with a case's AI result: 8-bit scale, reduced storage, saving and reloading
(explicit save, crash recovery, old workspaces without them), and which heat maps a case can show."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.ai_store import store_ai_result
from annotations.document import AIResult
from annotations.probability_maps import (GRAD_CAM, STORED_MAX_SIDE, Unavailable, heat_map, probability_levels,
                                          reduce_for_storage, shown_heat_source, storage_step,
                                          unavailable_reason)
from annotations.workspace import Workspace
from app.cli import main
from inference.loading import ModelSet
from inference.pipeline import PipelineOptions, analyze
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import loaded, synthetic_fundus, tiny_segmentation_card

CLASSES = ["background", "MA", "HE", "EX", "SE", "OD"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    Image.fromarray(np.full((30, 40, 3), 120, np.uint8)).save(tmp_path / "eye.png")
    return tmp_path


def result_with_maps() -> AIResult:
    rng = np.random.default_rng(4)
    maps = {"EX": rng.integers(0, 256, (15, 20), dtype=np.uint8), "MA": rng.integers(0, 256, (15, 20), np.uint8)}
    return AIResult(dr_grade=2, mask=np.ones((30, 40), np.uint8), probabilities=maps,
                    probability_thresholds={"EX": 0.35, "MA": 0.5})


def test_levels_are_255_times_the_probability_rounded() -> None:
    probability = np.array([[0.0, 0.2, 0.5], [0.999, 1.0, 1.7]], np.float32)
    assert probability_levels(probability).tolist() == [[0, 51, 128], [255, 255, 255]]
    assert probability_levels(probability).dtype == np.uint8


def test_a_12_megapixel_map_is_stored_at_about_the_lesion_model_resolution_keeping_one_pixel_peaks() -> None:
    assert storage_step(4288, 2848) == 3
    levels = np.zeros((2848, 4288), np.uint8)
    levels[1001, 2002] = 200  # a microaneurysm one pixel across
    levels[2847, 4287] = 7  # the last row and column are kept too
    stored = reduce_for_storage(levels)
    assert stored.shape == (950, 1430) and max(stored.shape) <= STORED_MAX_SIDE
    assert stored[1001 // 3, 2002 // 3] == 200 and stored[-1, -1] == 7
    assert np.count_nonzero(stored) == 2
    small = np.arange(12, dtype=np.uint8).reshape(3, 4)
    assert np.array_equal(reduce_for_storage(small), small)


def test_probabilities_and_thresholds_round_trip_through_a_saved_case(folder: Path) -> None:
    result = result_with_maps()
    with Workspace.open(folder) as ws:
        case_id = ws.cases()[0].case_id
        store_ai_result(ws, case_id, result)
        stored = json.loads((ws.sidecar / "cases" / case_id / "case.json").read_text())
    assert "probabilities" not in stored["ai"], "the maps live in the AI arrays file, not in the JSON"
    with Workspace.open(folder) as reopened:
        loaded = reopened.load_case(case_id).ai
    assert set(loaded.probabilities) == {"EX", "MA"}
    for name, levels in result.probabilities.items():
        assert loaded.probabilities[name].dtype == np.uint8
        assert np.array_equal(loaded.probabilities[name], levels)
    assert loaded.probability_thresholds == {"EX": 0.35, "MA": 0.5}
    assert np.array_equal(loaded.mask, result.mask)


def test_probabilities_survive_a_crash_through_the_autosave(folder: Path) -> None:
    ws = Workspace.open(folder)
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.ai = result_with_maps()
    ws.autosave(doc)  # never saved: only the snapshot holds it
    (ws.sidecar / "lock").write_text(json.dumps({"pid": 2**22 + 12345, "hostname": socket.gethostname(),
                                                 "started": "earlier"}))  # the owner died
    with Workspace.open(folder) as reopened:
        recovered = reopened.load_case(doc.case_id).ai
    assert np.array_equal(recovered.probabilities["EX"], doc.ai.probabilities["EX"])


def test_a_case_saved_before_probabilities_were_kept_still_opens_without_them(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        case_id = ws.cases()[0].case_id
        store_ai_result(ws, case_id, AIResult(dr_grade=1, cam=np.full((30, 40), 0.25, np.float32)))
        case_file = ws.sidecar / "cases" / case_id / "case.json"
    data = json.loads(case_file.read_text())
    for key in ("probabilities", "probability_thresholds"):  # what an older program wrote
        data["ai"].pop(key, None)
    case_file.write_text(json.dumps(data))
    with Workspace.open(folder) as reopened:
        ai = reopened.load_case(case_id).ai
    assert ai.dr_grade == 1 and ai.probabilities == {} and ai.probability_thresholds == {}
    assert unavailable_reason(ai, "EX") is Unavailable.NOT_KEPT and unavailable_reason(ai, GRAD_CAM) is None


def test_the_heat_map_of_a_class_is_its_probability_and_unavailable_sources_say_why() -> None:
    result = result_with_maps()
    assert heat_map(result, "EX") == pytest.approx(result.probabilities["EX"] / 255.0)
    assert heat_map(result, "SE") is None and heat_map(None, "EX") is None
    assert unavailable_reason(result, "EX") is None
    assert unavailable_reason(result, "SE") is Unavailable.NOT_DRAWN
    assert unavailable_reason(result, GRAD_CAM) is Unavailable.NO_CAM
    assert unavailable_reason(result, "EX", oct_scan=True) is Unavailable.OCT
    assert unavailable_reason(None, GRAD_CAM) is Unavailable.NOT_ANALYSED


@pytest.mark.parametrize("learned", [False, True], ids=["classical", "learned"])
def test_an_analysis_storing_probabilities_keeps_each_drawn_class_reduced_as_the_full_size_map(learned: bool
                                                                                            ) -> None:
    image = synthetic_fundus(1800, 1200)
    card = tiny_segmentation_card(classes=CLASSES)
    card.thresholds = {"EX": 0.3, "OD": 0.7}
    models = ModelSet.from_models([loaded(card, seed=3)]) if learned else None
    options = PipelineOptions(keep_probabilities=True, store_probabilities=True)
    (outcome,) = analyze([image], models, device="cpu", options=options)
    result = outcome.result
    # the classical detector draws MA, HE, EX and the disc; it has no soft exudate map, so SE cannot be shown
    assert set(result.probabilities) == set(outcome.probabilities) == (set(CLASSES[1:]) if learned else
                                                                        {"MA", "HE", "EX", "OD"})
    assert learned or unavailable_reason(result, "SE") is Unavailable.NOT_DRAWN
    for name, levels in result.probabilities.items():
        assert levels.dtype == np.uint8 and levels.shape == (600, 900)  # a whole factor 2 below 1536 px
        # made from the source's own map, the stored map is the full-size one reduced, up to interpolation (which
        # moves the edges of small sharp spots and of the field of view by a pixel)
        full = outcome.probabilities[name].reshape(600, 2, 900, 2).mean(axis=(1, 3))
        error = np.abs(levels - full)
        assert error.mean() < 0.5 and np.mean(error > 8) < 0.005, name
        # the classical detector cuts at 0.5; a model at its card's threshold (0.5 where the card names none)
        assert result.probability_thresholds[name] == (card.threshold(name) if learned else 0.5)
    (plain,) = analyze([image], models, device="cpu")
    assert plain.result.probabilities == {} and plain.result.probability_thresholds == {}


def test_the_shown_heat_map_is_the_wanted_one_else_grad_cam_else_none() -> None:
    result = result_with_maps()
    assert shown_heat_source(result, "EX") == "EX"
    assert shown_heat_source(result, "SE") is None  # no Grad-CAM to fall back on
    result.cam = np.zeros((30, 40), np.float32)
    assert shown_heat_source(result, "SE") == GRAD_CAM
    assert shown_heat_source(result, "EX", oct_scan=True) == GRAD_CAM
    assert shown_heat_source(None, GRAD_CAM) is None


def test_analyze_into_a_workspace_keeps_the_maps_with_each_case_as_the_window_does(
        tmp_path: Path, no_installed_models: None) -> None:  # noqa: F811
    photos = tmp_path / "photos"
    photos.mkdir()
    Image.fromarray(synthetic_fundus(300, 200)).save(photos / "eye.png")
    assert main(["analyze", str(photos), "--workspace", str(photos), "--device", "cpu"]) == 0
    with Workspace.open(photos) as workspace:
        ai = workspace.load_case(workspace.cases()[0].case_id).ai
    assert {"MA", "HE", "EX"} <= set(ai.probabilities) and ai.probabilities["EX"].shape == (200, 300)
    assert ai.probability_thresholds["EX"] == 0.5
