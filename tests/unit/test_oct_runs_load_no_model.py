"""`analyze` over OCT scans alone and `report` on an OCT scan, with no OCT model installed (none ships), loaded every
photo model first (~14 s of CPU) for a quality check that runs none: they load none now (inference.model_plan.
loads_models, as F5 in the window), nor do `--engine ray`'s workers (each loaded them all, about 1 GB, before its
first scan). A folder holding a photo too loads them, once."""
from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from annotations.document import Modality
from annotations.frames import split_frame
from app.cli import main
from inference import analysis_models
from inference.batch import ray_driver, ray_engine
from tests.unit.test_inference_cli import no_installed_models, write_images  # noqa: F401 - fixture


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The settings each load of the models was asked for."""
    asked: list[object] = []
    real = analysis_models.assemble_models

    def assemble(settings: object, registry: object = None) -> object:
        asked.append(settings)
        return real(settings, registry)

    monkeypatch.setattr(analysis_models, "assemble_models", assemble)
    monkeypatch.setattr(ray_engine, "assemble_models", assemble)  # a Ray worker's (PhotoAnalyst)
    return asked


@pytest.fixture
def ray_worker_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--engine ray` with one worker (ray_engine.PhotoAnalyst) in this process, no Ray started: its models are
    those the batch's recipe has it load, as on a cluster."""
    def run_on_ray(tasks, recipe, on_report, *_, **__) -> None:  # noqa: ANN001 - ray_driver.run_on_ray's
        analyst = ray_engine.PhotoAnalyst(recipe)
        for task in tasks:
            file, number = split_frame(task.source)
            on_report(analyst.analyze(task, Path(file).read_bytes(), file, number))

    monkeypatch.setattr(ray_engine, "import_ray", lambda: SimpleNamespace(get_gpu_ids=lambda: []))
    monkeypatch.setattr(ray_driver, "run_on_ray", run_on_ray)


def _scans(folder: Path, count: int = 2) -> list[Path]:
    """Grey B-scans, wider than any photo: their pixels alone say OCT (no name on their path may say it: a test's
    folder is named after it)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"scan{index}.png" for index in range(count)]
    for index, path in enumerate(paths):
        rows = np.linspace(20, 200, 128)[:, None] + np.random.default_rng(index).normal(0, 9, (128, 320))
        Image.fromarray(np.clip(rows, 0, 255).astype(np.uint8)).convert("RGB").save(path)
    return paths


def _notes(out: Path, image: Path) -> list[str]:
    return json.loads((out / f"{image.stem}.json").read_text())["notes"]


def test_analyze_over_b_scans_alone_loads_no_model(tmp_path: Path, no_installed_models: None,
                                                  loads: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    scans = _scans(tmp_path / "scans")
    assert main(["analyze", str(scans[0].parent), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 0
    assert loads == []
    err = capsys.readouterr().err
    assert "no model is loaded" in err and "loading the models" not in err
    for scan in scans:
        assert _notes(tmp_path / "out", scan)[0].startswith("no OCT model is installed")  # analysed as OCT


def test_analyze_on_ray_over_b_scans_alone_loads_no_model_on_its_workers(
        tmp_path: Path, no_installed_models: None, loads: list[object], ray_worker_here: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    scans = _scans(tmp_path / "scans")
    assert main(["analyze", str(scans[0].parent), "--out", str(tmp_path / "out"), "--engine", "ray"]) == 0
    assert loads == []
    err = capsys.readouterr().err
    assert "no model is loaded" in err and "loading the models" not in err
    for scan in scans:
        assert _notes(tmp_path / "out", scan)[0].startswith("no OCT model is installed")  # analysed as OCT


def test_analyze_on_ray_with_a_photo_among_the_scans_loads_the_models_on_its_workers(
        tmp_path: Path, no_installed_models: None, loads: list[object], ray_worker_here: None) -> None:
    folder = tmp_path / "mixed"
    _scans(folder)
    write_images(tmp_path / "photos")[0].rename(folder / "z_photo.png")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--engine", "ray"]) == 0
    assert len(loads) == 2  # here, to refuse a bad model once, and by the worker


@pytest.mark.slow
def test_ray_workers_that_load_no_model_ask_the_cluster_for_no_gpu(tmp_path: Path) -> None:
    """A worker of a run over OCT scans alone asked Ray for a whole GPU, held from other work (on this Ray, whose
    GPU is one in name only, it was then given it and failed to run on CUDA)."""
    from inference.analysis_settings import AnalysisSettings
    from inference.batch.photo import BatchRecipe, PhotoTask
    from inference.output_kinds import DEFAULT_OUTPUTS
    from inference.pipeline import PipelineOptions

    ray = pytest.importorskip("ray")
    tasks = [PhotoTask(str(scan), scan.stem, scan.name) for scan in _scans(tmp_path / "scans")]
    recipe = BatchRecipe(AnalysisSettings(), PipelineOptions(modality=Modality.OCT), DEFAULT_OUTPUTS,
                         loads_models=False)
    lines, reports = [], []
    ray.init(address="local", num_cpus=2, num_gpus=1, include_dashboard=False, logging_level="ERROR",
             log_to_driver=False)
    try:
        ray_engine.run_ray(tasks, recipe, reports.append, workers=1, log=lines.append)
    finally:
        ray.shutdown()
    assert lines == ["Ray cluster: 2 CPU(s), 1 GPU(s); 1 worker(s) of 2 CPU(s) on cpu"]
    assert len(reports) == 2 and not any(report.error for report in reports)


def test_a_folder_with_a_photo_among_the_scans_loads_the_models_once(tmp_path: Path, no_installed_models: None,
                                                                    loads: list[object]) -> None:
    folder = tmp_path / "mixed"
    _scans(folder)
    photo = write_images(tmp_path / "photos")[0]
    photo = photo.rename(folder / "z_photo.png")  # listed after the scans
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 0
    assert len(loads) == 1
    assert _notes(tmp_path / "out", photo)[0].startswith("no learned model is installed")  # as a photo


def test_report_on_a_b_scan_loads_no_model(tmp_path: Path, no_installed_models: None, loads: list[object]) -> None:
    from app.report.sources import Analyzer, ReportSources
    from inference.analysis_settings import AnalysisSettings

    said_loading: list[bool] = []
    with ExitStack() as stack:
        analyzer = Analyzer(AnalysisSettings(device="cpu"), on_loading=lambda: said_loading.append(True))
        eye = ReportSources(stack, None, analyzer).load(str(_scans(tmp_path / "scans", 1)[0]))
    assert eye.doc.ai is not None and eye.doc.ai.modality == "oct" and eye.doc.ai.quality
    assert loads == [] and said_loading == []
