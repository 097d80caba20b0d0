"""The Grad-CAM kept with a case's AI result: 8-bit and reduced (format version 2), stretched where it is drawn;
results saved with a float32 full-size cam (version 1) still open and show the same."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.ai_store import store_ai_result
from annotations.document import AIResult
from annotations.probability_maps import compact_cam
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.codec import FORMAT_VERSION, arrays_to_npz
from inference.loading import ModelSet
from inference.outputs import heat_overlay
from inference.pipeline import analyze
from tests.unit.test_inference_fixtures import loaded, synthetic_fundus, tiny_classifier_card

WIDTH, HEIGHT = 4288, 2848  # a 12 MP fundus camera


def smooth_cam(width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """A Grad-CAM-like map: a broad bump, float32 0..1, full size."""
    y, x = np.ogrid[:height, :width]
    bump = np.exp(-(((x - 0.6 * width) / (0.2 * width)) ** 2 + ((y - 0.4 * height) / (0.2 * height)) ** 2))
    return bump.astype(np.float32)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    Image.fromarray(np.full((HEIGHT, WIDTH, 3), 90, np.uint8)).save(tmp_path / "eye.jpg")
    return tmp_path


def test_a_12_megapixel_cam_is_kept_8_bit_under_1536_px_and_stretches_back_to_the_full_map() -> None:
    full = smooth_cam()
    cam = compact_cam(full)
    assert cam.dtype == np.float32 and cam.shape == (950, 1430)  # a whole factor 3 below 1536 px
    assert np.abs(cam * 255 - np.round(cam * 255)).max() < 1e-3  # 8-bit levels
    stretched = np.asarray(Image.fromarray(cam, mode="F").resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR))
    assert np.abs(stretched - full).max() < 0.02  # the bump is smooth: a third of the pixels lose nothing visible
    assert np.array_equal(compact_cam(cam), cam)  # compact is compact: saving and reading it again changes nothing


def test_a_saved_case_stores_the_cam_as_levels_and_reads_back_the_same_map(folder: Path) -> None:
    result = AIResult(dr_grade=2, mask=np.zeros((HEIGHT, WIDTH), np.uint8), cam=compact_cam(smooth_cam()))
    with Workspace.open(folder) as ws:
        case_id = ws.cases()[0].case_id
        store_ai_result(ws, case_id, result)
        case_dir = ws.sidecar / "cases" / case_id
        data = json.loads((case_dir / "case.json").read_text())
        stored = np.load(case_dir / data["files"]["ai"])
        assert data["version"] == 2  # the version that stores the CAM so; a later one only for what needs it
        assert stored["cam"].dtype == np.uint8 and stored["cam"].shape == (950, 1430)
        assert (case_dir / data["files"]["ai"]).stat().st_size < 200_000  # a float32 full-size cam: ~20 MB
    with Workspace.open(folder) as reopened:
        cam = reopened.load_case(case_id).ai.cam
    assert cam.dtype == np.float32 and np.array_equal(cam, result.cam)


def test_a_version_1_case_with_a_float32_full_size_cam_opens_with_that_cam(folder: Path) -> None:
    full = smooth_cam()
    with Workspace.open(folder) as ws:
        case_id = ws.cases()[0].case_id
        store_ai_result(ws, case_id, AIResult(dr_grade=1, cam=compact_cam(full)))
        case_dir = ws.sidecar / "cases" / case_id
    data = json.loads((case_dir / "case.json").read_text())
    data["version"] = 1  # what the previous program wrote: the cam as float32 at the image's size
    (case_dir / "case.json").write_text(json.dumps(data))
    (case_dir / data["files"]["ai"]).write_bytes(arrays_to_npz(cam=full))
    with Workspace.open(folder) as reopened:
        cam = reopened.load_case(case_id).ai.cam
    assert cam.dtype == np.float32 and np.array_equal(cam, full)


def test_a_case_from_a_newer_format_is_refused_with_update_advice(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        case_id = ws.cases()[0].case_id
        store_ai_result(ws, case_id, AIResult(dr_grade=1))
        case_file = ws.sidecar / "cases" / case_id / "case.json"
    data = json.loads(case_file.read_text())
    data["version"] = FORMAT_VERSION + 1
    case_file.write_text(json.dumps(data))
    with Workspace.open(folder) as reopened, pytest.raises(WorkspaceError, match="update RetinaReview"):
        reopened.load_case(case_id)


def test_the_analysis_keeps_the_grad_cam_compact() -> None:
    image = synthetic_fundus(2000, 1300)
    grader = loaded(tiny_classifier_card("dr-grade"))
    (outcome,) = analyze([image], ModelSet.from_models([grader]), device="cpu")
    cam = outcome.result.cam
    assert cam.dtype == np.float32 and cam.shape == (650, 1000)  # a whole factor 2 below 1536 px
    assert np.array_equal(compact_cam(cam), cam)


def test_the_cam_picture_of_analyze_outputs_stretches_a_compact_cam_over_the_photo() -> None:
    photo = np.zeros((300, 400, 3), np.uint8)
    cam = np.zeros((100, 134), np.float32)
    cam[:, 67:] = 1.0  # hot right half
    picture = heat_overlay(photo, cam)
    assert picture.shape == photo.shape
    assert picture[:, :180].max() == 0 and picture[:, 220:].max(axis=2).min() > 0
