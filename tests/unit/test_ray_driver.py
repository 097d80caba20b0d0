"""`analyze --engine ray` drives Ray from a process of its own (inference.batch.ray_driver), as Ray ends its driver on
the spot where it loses the cluster: the command says so, with its summary and --resume, and stops as it should on
Ctrl+C or SIGTERM; an address nothing answers at, or a worker count that starts none, is refused at once. The drivers
here are tests.ray_faults' (no Ray started), but for the address refused, which a real driver process refuses."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from annotations.workspace import Workspace
from app.cli import main
from inference.batch import ray_driver
from inference.batch.ray_engine import CONNECT_BOUNDS, bound_connect_time
from tests.signalled_cli import run_stopped_at
from tests.unit.test_batch_engines import photo_folder
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_ray_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ray installed and not started in this process (the drivers here need none): the command drives it apart."""
    monkeypatch.setitem(sys.modules, "ray", SimpleNamespace(is_initialized=lambda: False))


def test_a_driver_ray_ended_is_said_to_have_lost_the_cluster_with_the_summary(
        tmp_path: Path, no_installed_models: None, no_ray_here: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """`ray stop` on the head mid-run: Ray ended the command itself, exit 1, with no word, no summary, and the
    workspace's lock left."""
    from tests.ray_faults import report_then_vanish

    photos = photo_folder(tmp_path / "photos", broken=False)
    Workspace.open(tmp_path / "photos").close()
    monkeypatch.setattr(ray_driver, "drive", report_then_vanish)
    assert main(["analyze", str(tmp_path / "photos"), "--out", str(tmp_path / "out"), "--workspace",
                 str(tmp_path / "photos"), "--engine", "ray"]) == 2
    lost, summary = capsys.readouterr().err.splitlines()[-2:]
    assert lost == ("error: the connection to the Ray cluster was lost (Ray ended the process that drove the run, "
                    "status 1): the cluster stopped, or this machine left it")
    assert summary.startswith("stopped: 1 of 3 images analysed")
    assert "2 not reached: run the same command with --resume" in summary
    assert (tmp_path / "out" / f"{photos[0].stem}.json").exists()
    assert not (tmp_path / "photos" / ".retinareview" / "lock").exists()


def test_the_photo_copy_of_a_worker_ended_mid_photo_here_is_removed_as_the_run_ends(
        tmp_path: Path, no_installed_models: None, no_ray_here: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """A run stopped (Ctrl+C, SIGTERM, its cluster lost) ends its workers mid-photo: the copy of the patient's photo
    each was analysing stayed in this machine's temporary folder until a worker of a later run started here."""
    import tempfile

    from tests.ray_faults import copy_then_vanish

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # the driver's process, and the workers it would start
    monkeypatch.setattr(tempfile, "tempdir", None)  # this one's: taken from TMPDIR again
    photo_folder(tmp_path / "photos", broken=False)
    monkeypatch.setattr(ray_driver, "drive", copy_then_vanish)
    assert main(["analyze", str(tmp_path / "photos"), "--out", str(tmp_path / "out"), "--engine", "ray"]) == 2
    copied, = [line.split(" to ", 1)[1] for line in capsys.readouterr().err.splitlines() if line.startswith("copied")]
    assert Path(copied).parent == temporary and not Path(copied).exists()
    assert list(temporary.iterdir()) == []


def test_rays_own_report_of_a_dead_worker_is_not_said(
        tmp_path: Path, no_installed_models: None, no_ray_here: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capfd: pytest.CaptureFixture[str]) -> None:
    """A worker killed mid-run (the OOM killer): Ray's driver printed its own colour-coded report of it, 900
    characters, on stdout, which holds the summary alone (`SUMMARY=$(retina-review analyze …)`), then on stderr beside
    the command's own line saying it; it is not said."""
    from tests.ray_faults import RAY_WORKER_DIED, drive_saying_on_stdout

    photo_folder(tmp_path / "photos", broken=False)
    monkeypatch.setattr(ray_driver, "drive", drive_saying_on_stdout)
    assert main(["analyze", str(tmp_path / "photos"), "--out", str(tmp_path / "out"), "--engine", "ray"]) == 0
    said = capfd.readouterr()
    summary, = said.out.splitlines()
    assert summary.startswith("3 of 3 images analysed") and RAY_WORKER_DIED not in said.err


def test_a_workspace_whose_disk_fills_up_stops_a_ray_run_for_resume(
        tmp_path: Path, no_installed_models: None, no_ray_here: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """The workspace's disk full at the second photo: every photo the workers finished was handed over only for its
    case's save to fail, one error each, and the run ended 1; it stops now, the driver too, and a photo the driver
    hands over as it stops is not reached (left for --resume), not one more failure."""
    import errno

    from annotations.workspace.sidecar import CaseFiles
    from tests.ray_faults import report_two_then_wait

    photos = photo_folder(tmp_path / "photos", broken=False)
    Workspace.open(tmp_path / "photos").close()
    save = CaseFiles.save

    def fills_up(self: CaseFiles, doc, *args: object, **kwargs: object):  # noqa: ANN001, ANN202
        if doc.image_path != photos[0].name:
            raise OSError(errno.ENOSPC, "No space left on device")
        return save(self, doc, *args, **kwargs)

    monkeypatch.setattr(CaseFiles, "save", fills_up)
    monkeypatch.setattr(ray_driver, "drive", report_two_then_wait)
    assert main(["analyze", str(tmp_path / "photos"), "--workspace", str(tmp_path / "photos"), "--engine",
                 "ray"]) == 2
    err = capsys.readouterr().err
    assert err.count("the disk is full") == 2  # the photo that failed, and why the run stopped
    assert "stopped: 1 of 3 images analysed" in err and "1 failed" in err and "1 not reached" in err
    assert not (tmp_path / "photos" / ".retinareview" / "lock").exists()


def test_a_workspace_taken_over_stops_a_ray_run_for_resume_naming_who_holds_it(
        tmp_path: Path, no_installed_models: None, no_ray_here: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """Another RetinaReview took the folder over after the first photo: as where its disk fills up (above)."""
    import json

    from annotations.workspace.sidecar import CaseFiles
    from tests.ray_faults import report_two_then_wait

    folder = tmp_path / "photos"
    photo_folder(folder, broken=False)
    Workspace.open(folder).close()
    save = CaseFiles.save
    lock = folder / ".retinareview" / "lock"
    other = {"pid": 4242, "hostname": "workstation-b", "started": "2026-12-07T02:00:00+00:00", "renewed_every": 60}

    def then_taken_over(self: CaseFiles, doc, *args: object, **kwargs: object):  # noqa: ANN001, ANN202
        saved = save(self, doc, *args, **kwargs)
        lock.write_text(json.dumps(other))  # workstation-b's lock now
        return saved

    monkeypatch.setattr(CaseFiles, "save", then_taken_over)
    monkeypatch.setattr(ray_driver, "drive", report_two_then_wait)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--engine", "ray"]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and "taken over (below)" in errors[0] and "(process 4242 on workstation-b" in errors[1]
    assert err.count("4242") == 1  # named once, as why the run stopped
    assert json.loads(lock.read_text()) == other  # left to the program that holds it


@pytest.mark.slow
def test_sigterm_stops_a_ray_run_with_its_signals_status(tmp_path: Path) -> None:
    """SIGTERM from a scheduler: 130 where 143 is documented, as Ray's blocking wait turned the signal into a plain
    KeyboardInterrupt. The driver is stopped, and the photo it finished meanwhile is kept."""
    photos = photo_folder(tmp_path / "photos", broken=False)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    setup = ("import types\n"
             "from inference.batch import ray_driver\n"
             "from tests.ray_faults import report_then_wait\n"
             "ray_driver.drive = report_then_wait\n"
             "sys.modules['ray'] = types.SimpleNamespace(is_initialized=lambda: False)\n")
    run = run_stopped_at(["analyze", tmp_path / "photos", "--out", tmp_path / "out", "--model", model, "--device",
                          "cpu", "--engine", "ray"], message="^1/", signal_name="SIGTERM", setup=setup,
                         env={"OMP_NUM_THREADS": "1"})
    assert run.returncode == 143, run.stderr  # 128 + SIGTERM, as a process the signal ended: schedulers read it
    assert "stopped: 2 of 3 images analysed" in run.stderr
    assert sorted(path.name for path in (tmp_path / "out").glob("*.json")) == [f"{photo.stem}.json"
                                                                              for photo in photos[:2]]


@pytest.mark.slow
def test_a_ray_run_whose_worker_dies_says_only_the_commands_own_lines(tmp_path: Path) -> None:
    """A Ray started for the run, whose worker dies on a photo, twice: stderr held Ray's warning that token
    authentication is enabled (with how to opt out) and its 900-character colour-coded report of each dead worker,
    beside the command's own lines saying so."""
    from tests.unit.test_batch_engines import crashing_photo

    folder = tmp_path / "photos"
    photo_folder(folder, broken=False)
    crashing = crashing_photo(folder)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    arguments = ["analyze", str(folder), "--out", str(tmp_path / "out"), "--model", str(model), "--device", "cpu",
                 "--engine", "ray", "--ray-workers", "1"]
    setup = ("import sys\n"  # no script for the driver's process to run again: its drive patched here alone
             "from inference.batch import ray_driver\n"
             "from tests.ray_faults import drive_crashing_workers\n"
             "ray_driver.drive = drive_crashing_workers\n"
             "from app.cli import main\n"
             f"sys.exit(main({arguments!r}))\n")
    run = subprocess.run([sys.executable, "-c", setup], cwd=ROOT, capture_output=True, text=True, timeout=240,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})
    assert run.returncode == 1, run.stderr
    said = [line for line in run.stderr.replace("\r", "\n").splitlines() if line and not line.startswith("analyze [")]
    stopped = ("a Ray worker stopped (a crash, memory running out, or its machine lost): its photos go to the other "
               "workers while Ray starts it again")
    assert said[0] == "loading the models…" and said[1].startswith("models: ") and said[2].startswith("Ray cluster: ")
    assert said[3:] == [*[stopped, "a Ray worker started again; 1 of 1 working"] * 2,
                        f"error: {crashing}: the Ray workers analysing it stopped twice (both: Ray gives no cause (a "
                        "crash, memory running out, or its machine lost)): it may be what stops them"], run.stderr


@pytest.mark.slow
def test_an_address_nothing_answers_at_is_refused_at_once_naming_it(tmp_path: Path) -> None:
    """A wrong --ray-address (nothing listening, or a name no DNS knows) waited for more than ten minutes, saying
    only Ray's warnings every 30 s."""
    photo_folder(tmp_path / "photos", broken=False)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{unused.getsockname()[1]}"  # bound, not listening: the connection is refused
        command = [sys.executable, "-m", "app.cli", "analyze", str(tmp_path / "photos"), "--out",
                   str(tmp_path / "out"), "--model", str(model), "--device", "cpu", "--engine", "ray",
                   "--ray-address", address]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines()[-1] == (
        f"error: the Ray cluster could not run the batch (cannot reach a Ray cluster at {address} (Connection "
        "refused): is its head started (`ray start --head`), and its port open to this machine?)")


def test_joining_a_cluster_by_its_address_bounds_rays_wait_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the address answers but not as Ray, Ray tries 20 times 30 s; a Ray started here keeps its own waits."""
    for name in CONNECT_BOUNDS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    bound_connect_time(None)
    assert not any(name in os.environ for name in CONNECT_BOUNDS)
    monkeypatch.setenv("RAY_py_gcs_connect_timeout_s", "60")  # the person's own
    bound_connect_time("10.0.0.5:6379")
    assert os.environ["RAY_NUM_REDIS_GET_RETRIES"] == "2" and os.environ["RAY_py_gcs_connect_timeout_s"] == "60"


@pytest.mark.parametrize("count", ["0", "-1", "two"])
def test_a_worker_count_that_starts_none_is_refused(
        tmp_path: Path, count: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--ray-workers -1 analysed nothing and exited 0; 0 meant the default, unsaid."""
    with pytest.raises(SystemExit) as stop:
        main(["analyze", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", "ray", "--ray-workers", count])
    assert stop.value.code == 2
    assert (f"argument --ray-workers: {count} is not a number of workers: give 1 or more (without --ray-workers, one "
            "per GPU of the cluster, else one per 2 CPUs)") in capsys.readouterr().err
