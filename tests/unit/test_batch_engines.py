"""`analyze --engine local|ray`: the Ray engine (on a local Ray started here, 2 CPUs) gives the local engine's
results, reports a broken photo and keeps the others, and stores results in a workspace through one writer; a worker
that stops (tests.ray_faults) fails no photo but the one it stopped on, twice; a busy cluster is said to be waited
for; the local engine's pipelining changes no result and stops cleanly. The Ray tests are marked slow and stay in CI:
about 90 s together on a busy 2-core machine (starting Ray and its actors, and starting them again, is most of it)."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Iterator

import numpy as np
import pytest
from PIL import Image

from annotations.formats.masks import read_indexed_png
from annotations.progress import CallbackState, Cancelled
from annotations.workspace import Workspace
from app.cli import main
from inference.analysis_settings import AnalysisSettings
from inference.batch import ray_engine, ray_shard
from inference.batch.local_engine import run_local
from inference.batch.photo import BatchRecipe, PhotoTask
from inference.loading import ModelSet
from inference.output_kinds import DEFAULT_OUTPUTS
from inference.pipeline import PipelineOptions, analyze
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import saved_model, synthetic_fundus, tiny_segmentation_card

RUN_SPECIFIC = ("timings_s", "created_at")  # differ between any two runs, whatever the engine


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    # address="local": a Ray of the test's own, even where a cluster (`ray start`) runs on the machine
    ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    yield ray
    ray.shutdown()


@contextlib.contextmanager
def listening() -> Iterator[str]:
    """The address of a port something listens on, as a Ray head's does (the connection is never answered)."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield f"127.0.0.1:{server.getsockname()[1]}"


def photo_folder(folder: Path, broken: bool = True) -> list[Path]:
    folder.mkdir()
    paths = []
    for index, (width, height) in enumerate([(160, 120), (131, 97), (150, 110)]):
        paths.append(folder / f"eye{index}.png")
        Image.fromarray(synthetic_fundus(width, height, seed=index)).save(paths[-1])
    if broken:
        (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 cut off after the header")
    return paths


def crashing_photo(folder: Path) -> str:
    """A photo that stops the worker analysing it (tests.ray_faults.CrashingAnalyst), named to come third of
    photo_folder's photos."""
    from tests.ray_faults import CRASHING

    path = folder / f"eye1{CRASHING}.png"
    Image.fromarray(synthetic_fundus(90, 70, seed=7)).save(path)
    return str(path)


def photo_tasks(folder: Path) -> list[PhotoTask]:
    """A task for each file of ``folder``, by name."""
    return [PhotoTask(str(path), path.stem, f"'{path.name}'") for path in sorted(folder.iterdir())]


def keep_then_cancel(state: CallbackState, reports: list) -> Callable[[object], None]:
    """A hand-over that keeps each report and then cancels the run, as Ctrl+C would."""
    def take(report: object) -> None:
        reports.append(report)
        state.cancel()
    return take


def comparable(path: Path) -> dict:
    report = json.loads(path.read_text())
    for key in RUN_SPECIFIC:
        report.pop(key)
    return report


@pytest.mark.slow
def test_ray_engine_gives_the_local_engines_files_and_reports_the_broken_photo(
        tmp_path: Path, no_installed_models: None, local_ray, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    photos = photo_folder(tmp_path / "photos")
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    common = [str(tmp_path / "photos"), "--model", str(model), "--device", "cpu", "--outputs", "json,mask,overlay"]
    assert main(["analyze", *common, "--out", str(tmp_path / "local")]) == 1
    local_err = capsys.readouterr().err
    assert main(["analyze", *common, "--out", str(tmp_path / "ray"), "--engine", "ray", "--ray-workers", "2"]) == 1
    captured = capsys.readouterr()
    assert "2 worker(s)" in captured.err and "3 of 4 images analysed" in captured.out
    broken = str(tmp_path / "photos" / "broken.jpg")
    assert f"error: {broken}: the file cannot be decoded" in captured.err  # the same message as locally
    assert [line for line in captured.err.splitlines() if line.startswith("error:")] == \
           [line for line in local_err.splitlines() if line.startswith("error:")]
    for photo in photos:
        assert (comparable(tmp_path / "ray" / f"{photo.stem}.json")
                == comparable(tmp_path / "local" / f"{photo.stem}.json"))
        for name in (f"{photo.stem}_mask.png", f"{photo.stem}_overlay.jpg"):
            assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    assert (sorted(p.name for p in (tmp_path / "ray").iterdir())
            == sorted(p.name for p in (tmp_path / "local").iterdir()))


@pytest.mark.slow
def test_ray_engine_stores_the_results_as_the_cases_ai_results(
        tmp_path: Path, no_installed_models: None, local_ray) -> None:  # noqa: F811
    photos = photo_folder(tmp_path / "photos", broken=False)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    Workspace.open(tmp_path / "photos").close()  # the folder as the window leaves it
    assert main(["analyze", str(tmp_path / "photos"), "--model", str(model), "--device", "cpu", "--engine", "ray",
                 "--workspace", str(tmp_path / "photos"), "--out", str(tmp_path / "out")]) == 0
    with Workspace.open(tmp_path / "photos") as workspace:
        cases = {case.image_path: case for case in workspace.cases()}
        for photo in photos:
            case = cases[photo.name]
            assert case.ai_grade is not None
            doc = workspace.load_case(case.case_id)
            report = json.loads((tmp_path / "out" / f"{photo.stem}.json").read_text())
            assert doc.ai.dr_grade == report["dr_grade"] and doc.ai.models == report["models"]
            np.testing.assert_array_equal(doc.ai.mask, read_indexed_png(tmp_path / "out" / f"{photo.stem}_mask.png"))


@pytest.mark.slow
def test_ray_engine_analyses_each_b_scan_of_a_volume_as_the_local_engine_does(
        tmp_path: Path, no_installed_models: None, local_ray, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from pydicom import uid

    from tests.dicom_files import write_dicom

    folder = tmp_path / "scans"
    folder.mkdir()
    bscans = np.stack([np.random.default_rng(seed).integers(0, 40 + 60 * seed, (40, 60), np.uint8)
                       for seed in range(3)])  # each B-scan unlike the others
    write_dicom(folder / "vol.dcm", bscans, uid.OphthalmicTomographyImageStorage, frames=True)
    Workspace.open(folder).close()
    common = ["analyze", str(folder / "vol.dcm"), "--workspace", str(folder), "--device", "cpu", "--outputs", "json"]
    assert main([*common, "--out", str(tmp_path / "local")]) == 0
    reads = []
    monkeypatch.setattr(ray_shard, "read_regular_bytes", lambda path, limit: reads.append(path) or
                        Path(path).read_bytes())
    assert main([*common, "--out", str(tmp_path / "ray"), "--engine", "ray", "--ray-workers", "1"]) == 0
    assert reads == [str(folder / "vol.dcm")]  # the volume is read and sent once for its three B-scans
    names = sorted(path.name for path in (tmp_path / "local").glob("*.json"))
    assert names == [f"vol_b00{number}.json" for number in (1, 2, 3)]
    assert sorted(path.name for path in (tmp_path / "ray").glob("*.json")) == names
    for name in names:
        assert comparable(tmp_path / "ray" / name) == comparable(tmp_path / "local" / name), name
    assert comparable(tmp_path / "local" / names[0]) != comparable(tmp_path / "local" / names[2])


def test_workspace_refuses_photos_that_are_not_its_cases_before_analysing(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    photos = photo_folder(tmp_path / "photos", broken=False)
    (tmp_path / "other").mkdir()
    assert main(["analyze", str(photos[0]), "--workspace", str(tmp_path / "other"), "--device", "cpu"]) == 2
    assert "not among the cases" in capsys.readouterr().err


def test_local_engine_gives_the_serial_pipelines_results(tmp_path: Path) -> None:
    photos = photo_folder(tmp_path / "photos")
    tasks = photo_tasks(tmp_path / "photos")
    recipe = BatchRecipe(AnalysisSettings(), PipelineOptions(modality=None), DEFAULT_OUTPUTS, keep_results=True)
    reports = []
    run_local(tasks, recipe, ModelSet(), "cpu", reports.append)
    serial = analyze([task.source for task in tasks], ModelSet(), None, "cpu", PipelineOptions(modality=None))
    assert [report.source for report in reports] == [task.source for task in tasks]  # in order
    for report, outcome in zip(reports, serial):
        assert (report.error is None) == (outcome.error is None), report.source
        if outcome.error is None:
            assert report.result.findings == outcome.result.findings
            np.testing.assert_array_equal(report.result.mask, outcome.result.mask)
            assert [name for name, _ in report.files] == [f"{Path(report.source).stem}_mask.png",
                                                          f"{Path(report.source).stem}.json"]
    assert len(photos) == 3 and sum(report.error is not None for report in reports) == 1


def test_local_engine_hands_over_what_was_analysed_when_cancelled(tmp_path: Path) -> None:
    photo_folder(tmp_path / "photos", broken=False)
    tasks = photo_tasks(tmp_path / "photos")
    recipe = BatchRecipe(AnalysisSettings(), PipelineOptions(), DEFAULT_OUTPUTS)
    state, reports = CallbackState(), []
    with pytest.raises(Cancelled):  # Ctrl+C while the second photo is analysed
        run_local(tasks, recipe, ModelSet(), "cpu", keep_then_cancel(state, reports), state)
    assert 1 <= len(reports) < len(tasks) and reports[0].error is None


def test_local_engine_progress_names_each_task_by_its_name_not_its_path(tmp_path: Path) -> None:
    photos = photo_folder(tmp_path / "photos", broken=False)
    tasks = [PhotoTask(str(photos[0]), "eye0", "'left/eye0.png'"), PhotoTask(str(photos[1]), "eye1", "'eye1.png'")]
    said: list[str] = []
    run_local(tasks, BatchRecipe(AnalysisSettings(), PipelineOptions(), ()), ModelSet(), "cpu", lambda _: None,
              CallbackState(lambda _, message: said.append(message)))
    assert {"1/2 'left/eye0.png'", "2/2 'eye1.png'"} <= {message.split(":")[0] for message in said}
    assert not [message for message in said if str(tmp_path) in message]


@pytest.mark.slow
def test_ray_engine_stops_on_cancel_and_keeps_what_was_handed_over(tmp_path: Path, local_ray) -> None:
    from inference.batch.ray_engine import run_ray

    photo_folder(tmp_path / "photos", broken=False)
    tasks = photo_tasks(tmp_path / "photos") * 3
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    recipe = BatchRecipe(AnalysisSettings(device="cpu", explicit=(str(model),)), PipelineOptions(), DEFAULT_OUTPUTS)
    said: list[str] = []
    state, reports = CallbackState(lambda _, message: said.append(message)), []
    with pytest.raises(Cancelled):  # Ctrl+C after the first photo came back
        run_ray(tasks, recipe, keep_then_cancel(state, reports), state, workers=1)
    assert 1 <= len(reports) < len(tasks) and reports[0].error is None
    # counted and named as the local engine counts and names it (PhotoTask.name)
    assert said[0] == f"1/{len(tasks)} '{Path(reports[0].source).name}': done"
    assert local_ray.is_initialized()  # a Ray the caller started stays up for the caller


@pytest.mark.slow
def test_a_worker_that_stops_fails_only_the_photo_it_stopped_on(
        tmp_path: Path, local_ray, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed (a crash, the kernel's OOM killer) failed every photo sent to it while Ray started it again,
    and, once Ray gave up on it, every photo after: 14 of 24 failed where one worker was killed once. Only the photo
    it stops on, twice, fails now; its other photos go to the workers working."""
    from inference.batch.ray_engine import run_ray
    from tests.ray_faults import CrashingAnalyst

    folder = tmp_path / "photos"
    photo_folder(folder, broken=False)
    crashing = crashing_photo(folder)
    tasks = photo_tasks(folder)  # eye0, eye1, the crashing photo, eye2
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    recipe = BatchRecipe(AnalysisSettings(device="cpu", explicit=(str(model),)), PipelineOptions(), DEFAULT_OUTPUTS)
    monkeypatch.setattr(ray_engine, "PhotoAnalyst", CrashingAnalyst)
    reports, said, lines = [], [], []
    run_ray(tasks, recipe, reports.append, CallbackState(lambda _, message: said.append(message)), workers=1,
            log=lines.append)
    failed = {report.source: report.error for report in reports if report.error}
    assert failed == {crashing: f"{crashing}: the Ray workers analysing it stopped twice (both: Ray gives no cause (a "
                                "crash, memory running out, or its machine lost)): it may be what stops them"}
    assert sorted(report.source for report in reports) == sorted(task.source for task in tasks)  # each once
    assert f"3/4 '{Path(crashing).name}': failed" in said and said[-2] == "4/4 'eye2.png': done"
    stopped = "a Ray worker stopped (a crash, memory running out, or its machine lost): its photos go to the other " \
              "workers while Ray starts it again"
    assert lines.count(stopped) == 2 and lines.count("a Ray worker started again; 1 of 1 working") == 2


@pytest.mark.slow
def test_a_batch_whose_workers_all_stopped_stops_leaving_the_rest_for_resume(
        tmp_path: Path, local_ray, monkeypatch: pytest.MonkeyPatch) -> None:
    from inference.batch import ray_workers
    from inference.batch.ray_engine import run_ray
    from inference.batch.ray_shard import WorkersLost
    from tests.ray_faults import CrashingAnalyst

    folder = tmp_path / "photos"
    photos = photo_folder(folder, broken=False)
    crashing_photo(folder)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    recipe = BatchRecipe(AnalysisSettings(device="cpu", explicit=(str(model),)), PipelineOptions(), DEFAULT_OUTPUTS)
    monkeypatch.setattr(ray_engine, "PhotoAnalyst", CrashingAnalyst)
    monkeypatch.setattr(ray_workers, "WORKER_RESTARTS", 0)  # Ray starts none again
    reports = []
    with pytest.raises(WorkersLost, match="^no Ray worker is left: each stopped and could not be started again"):
        run_ray(photo_tasks(folder), recipe, reports.append, workers=1)
    # the photos before it: the worker's photo and those not reached are not failed one by one
    assert [(report.source, report.error) for report in reports] == [(str(photo), None) for photo in photos[:2]]


@pytest.mark.slow
def test_a_worker_whose_models_cannot_load_again_stops_the_batch_for_resume(
        tmp_path: Path, local_ray, monkeypatch: pytest.MonkeyPatch) -> None:
    """Models that fail to load where Ray starts a worker again (its crash left the GPU's memory taken) stopped the
    run as an error of Ray's, with no summary, where the photos before were written."""
    from inference.batch.ray_engine import run_ray
    from inference.batch.ray_shard import WorkersLost
    from tests.ray_faults import UnrestartableAnalyst

    folder = tmp_path / "photos"
    photos = photo_folder(folder, broken=False)
    crashing_photo(folder)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    recipe = BatchRecipe(AnalysisSettings(device="cpu", explicit=(str(model),)), PipelineOptions(), DEFAULT_OUTPUTS)
    monkeypatch.setattr(ray_engine, "PhotoAnalyst", UnrestartableAnalyst)
    reports = []
    with pytest.raises(WorkersLost, match="^no Ray worker is left"):
        run_ray(photo_tasks(folder), recipe, reports.append, workers=1)
    assert [report.source for report in reports] == [str(photo) for photo in photos[:2]]


@pytest.mark.slow
def test_a_busy_cluster_is_said_to_be_waited_for(tmp_path: Path, local_ray) -> None:
    """A second run while a first held the cluster's CPUs said nothing, waiting for them (five minutes for every
    worker, then on for one)."""
    from inference.batch.ray_engine import run_ray
    from tests.ray_faults import CpuHolder

    holder = local_ray.remote(CpuHolder).options(num_cpus=2).remote()
    local_ray.get(holder.ready.remote())
    deadline = time.monotonic() + 30
    while local_ray.available_resources().get("CPU", 0) and time.monotonic() < deadline:  # Ray's view catches up
        time.sleep(0.1)
    photo_folder(tmp_path / "photos", broken=False)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    recipe = BatchRecipe(AnalysisSettings(device="cpu", explicit=(str(model),)), PipelineOptions(), DEFAULT_OUTPUTS)
    lines, reports = [], []

    def log(line: str) -> None:
        lines.append(line)
        local_ray.kill(holder)  # the first run ends

    run_ray(photo_tasks(tmp_path / "photos"), recipe, reports.append, workers=1, log=log)
    assert lines == ["waiting for room on the Ray cluster: 1 of the workers asked for (1 worker(s) of 2 CPU(s)) "
                     "cannot be placed yet, as 0 CPU(s) and 0 GPU(s) are free (other work holds the rest); the run "
                     "starts once one is placed",
                     "Ray cluster: 2 CPU(s), 0 GPU(s); 1 worker(s) of 2 CPU(s) on cpu"]
    assert len(reports) == 3 and not any(report.error for report in reports)


@pytest.mark.slow
def test_ray_engine_asks_the_clusters_gpus_for_cuda_not_this_machines(
        tmp_path: Path, no_installed_models: None, local_ray, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """`--device cuda` was refused by the machine that runs `analyze` (it had no GPU), where the workers' machines
    have them; the cluster's GPUs decide now (this test's cluster has none)."""
    photos = photo_folder(tmp_path / "photos", broken=False)
    assert main(["analyze", str(photos[0]), "--out", str(tmp_path / "out"), "--engine", "ray", "--device",
                 "cuda"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: the Ray cluster could not run the batch (device cuda was asked for, but the Ray cluster has no GPUs "
        "(use --device auto or cpu))")
    assert main(["analyze", str(photos[0]), "--out", str(tmp_path / "out"), "--engine", "ray", "--device",
                 "gpu"]) == 2  # a name no machine knows is refused here, before Ray is asked
    assert capsys.readouterr().err.splitlines()[-1].startswith("error: unknown device 'gpu'; use one of")


KILLED_MID_PHOTO = """
import os, signal, sys, types
sys.modules["ray"] = types.SimpleNamespace(get_gpu_ids=lambda: [])  # as Ray's actor sees it: no GPU given
from inference.analysis_settings import AnalysisSettings
from inference.batch import ray_engine
from inference.batch.photo import BatchRecipe, PhotoTask
from inference.output_kinds import DEFAULT_OUTPUTS
from inference.pipeline import PipelineOptions

def killed(*_, **__):  # as ray.kill ends a worker when the run stops, or the kernel's OOM killer does
    os.kill(os.getpid(), signal.SIGKILL)

ray_engine.analyze_loaded = killed
analyst = ray_engine.PhotoAnalyst(BatchRecipe(AnalysisSettings(device="cpu"), PipelineOptions(), DEFAULT_OUTPUTS))
photo = sys.argv[1]
with open(photo, "rb") as file:
    analyst.analyze(PhotoTask(photo, "eye0", "eye0.png"), file.read(), photo, None)
"""


@pytest.mark.slow
def test_a_photo_copied_to_a_worker_killed_mid_photo_is_removed_when_a_worker_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_installed_models: None) -> None:  # noqa: F811
    """Each Ctrl+C, SIGTERM, crash or lost cluster left the copy of the photo each worker was analysing (a patient's
    photo) in the worker machine's temporary folder, for good: a night's stops piled them up in /tmp."""
    import subprocess

    photo = photo_folder(tmp_path / "photos", broken=False)[0]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
           "OMP_NUM_THREADS": "1"}
    worker = subprocess.run([sys.executable, "-c", KILLED_MID_PHOTO, str(photo)], env=env, capture_output=True,
                            text=True, timeout=120)
    assert worker.returncode == -signal.SIGKILL, worker.stderr
    assert [path.name for path in temporary.rglob("*.png")] == ["eye0.png"]  # the killed worker's copy
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setattr(ray_engine, "import_ray", lambda: SimpleNamespace(get_gpu_ids=lambda: []))
    ray_engine.PhotoAnalyst(BatchRecipe(AnalysisSettings(device="cpu"), PipelineOptions(), DEFAULT_OUTPUTS))
    assert list(temporary.rglob("*.png")) == [] and not list(temporary.glob("retina-review-*"))


def test_ray_engine_refused_by_a_cluster_says_how_to_give_it_the_clusters_token(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from inference.batch.ray_engine import run_ray

    def refused(**_) -> None:
        raise ConnectionError(f"Failed to connect to Ray cluster at {address}")

    monkeypatch.setitem(sys.modules, "ray", SimpleNamespace(is_initialized=lambda: False, init=refused))
    monkeypatch.delenv("RAY_AUTH_MODE", raising=False)
    recipe = BatchRecipe(AnalysisSettings(), PipelineOptions(), DEFAULT_OUTPUTS)
    with listening() as address:  # a head that answers, and refuses this machine
        with pytest.raises(ConnectionError, match=f"{address}; .*set RAY_AUTH_MODE=token on this machine, always, "
                                                  "and give it the head's token: RAY_AUTH_TOKEN"):
            run_ray([], recipe, print, address=address)
        monkeypatch.setenv("RAY_AUTH_MODE", "token")  # given already: the token itself is wrong, Ray's message stands
        with pytest.raises(ConnectionError, match=f"{address}$"):
            run_ray([], recipe, print, address=address)


def test_a_cluster_started_here_that_stopped_unsaid_is_refused_at_once_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A head started on this machine (`ray start --head`) that was killed, not stopped with `ray stop`, leaves its
    address in Ray's file, which a run given no address joins: `analyze --engine ray` then waited 10 minutes and more
    under Ray's warnings ("Failed to connect to GCS at address …") before it failed."""
    ray = pytest.importorskip("ray")
    from inference.batch.ray_engine import run_ray

    def joined(**_) -> None:
        raise AssertionError("ray.init was asked to join a cluster nothing answers for")

    monkeypatch.setenv("RAY_TMPDIR", str(tmp_path))  # Ray's folder, of this test: ray_current_cluster in it
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    monkeypatch.setattr(ray, "init", joined)
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    with listening() as address:
        pass  # a port nothing listens on any more
    (tmp_path / "ray").mkdir()
    (tmp_path / "ray" / "ray_current_cluster").write_text(address)
    recipe = BatchRecipe(AnalysisSettings(), PipelineOptions(), DEFAULT_OUTPUTS)
    started = time.monotonic()
    with pytest.raises(ConnectionError, match=(
            f"^cannot reach the Ray cluster started on this machine at {address} \\(Connection refused; its address "
            f"is kept in {tmp_path / 'ray' / 'ray_current_cluster'}\\): it has stopped without `ray stop`")):
        run_ray([], recipe, print)
    assert time.monotonic() - started < 5


def test_joining_ray_keeps_the_callers_sigterm_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    """ray.init sets a SIGTERM handler that exits on the spot: `analyze --engine ray` stopped by a scheduler then
    died without its summary ("*** SIGTERM received", exit 1) instead of stopping as on Ctrl+C."""
    from inference.batch.ray_engine import run_ray

    def init(**_) -> None:  # as Ray's own init does
        signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(number))

    def callers(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    def lost() -> dict:  # stops the run right after joining
        raise ConnectionError("lost")

    no_cluster_here = SimpleNamespace(utils=SimpleNamespace(read_ray_address=lambda: None))
    monkeypatch.setitem(sys.modules, "ray", SimpleNamespace(is_initialized=lambda: False, init=init,
                                                            cluster_resources=lost, shutdown=lambda: None,
                                                            _private=no_cluster_here))
    previous = signal.signal(signal.SIGTERM, callers)
    try:
        with pytest.raises(ConnectionError, match="lost"):
            run_ray([], BatchRecipe(AnalysisSettings(), PipelineOptions(), DEFAULT_OUTPUTS), print)
        assert signal.getsignal(signal.SIGTERM) is callers
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_ray_engine_without_ray_says_how_to_install_it_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    photos = photo_folder(tmp_path / "photos", broken=False)
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    assert main(["analyze", str(photos[0]), "--out", str(tmp_path / "out"), "--engine", "ray"]) == 2
    assert "pip install 'retina-review[cluster]'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
