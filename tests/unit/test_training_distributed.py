"""torchrun with two CPU processes (gloo) trains one tiny segmentation model with DistributedDataParallel through
`python -m app.cli train`: rank 0 alone writes the model folder, which loads and segments, and its card records the
torchrun launch. About 30-40 s on two shared cores (two interpreters import torch), hence slow; so are a refusal said
once and a SIGTERM said as "stopped … --resume", both ending with the program's status through `python -m
app.torchrun` (torchrun itself exits 1 with its ChildFailedError report). Batch norms are synchronised across
processes on CUDA only (checked without a GPU: the choice and the conversion need none)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from inference.loading import load_model_folder
from inference.segmentation import segment
from inference.training.checkpoint import checkpoint_dir
from inference.training.distributed import Ranks, synchronise_batch_norm
from tests.unit.test_inference_fixtures import TINY_SEG_ENCODER
from tests.unit.test_training_fixtures import lesion_image, write_mask_set

ROOT = Path(__file__).resolve().parents[2]


def test_batch_norms_are_synchronised_only_across_several_cuda_processes() -> None:
    two = Ranks(rank=1, world_size=2, local_rank=1)
    assert two.sync_batch_norm(torch.device("cuda", 1))
    assert not two.sync_batch_norm(torch.device("cpu"))  # SyncBatchNorm has no CPU (gloo) implementation
    assert not Ranks().sync_batch_norm(torch.device("cuda"))


def test_synchronised_batch_norm_keeps_the_parameters_and_the_saved_keys() -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU())
    parameters, keys = list(model.parameters()), list(model.state_dict())
    synced, note = synchronise_batch_norm(model, Ranks(0, 2, 0), torch.device("cuda", 0))
    assert isinstance(synced[1], nn.SyncBatchNorm) and note.startswith("synchronised across the 2 processes")
    assert all(new is old for new, old in zip(synced.parameters(), parameters, strict=True))  # the optimiser's
    assert list(synced.state_dict()) == keys  # checkpoints and the saved model load into plain batch norm

    plain, note = synchronise_batch_norm(nn.Sequential(nn.BatchNorm2d(4)), Ranks(0, 2, 0), torch.device("cpu"))
    assert type(plain[0]) is nn.BatchNorm2d and "SyncBatchNorm needs CUDA" in note
    alone, note = synchronise_batch_norm(nn.Sequential(nn.BatchNorm2d(4)), Ranks(), torch.device("cuda"))
    assert type(alone[0]) is nn.BatchNorm2d and note == "plain (one process)"


def test_a_refusal_before_the_ranks_join_leaves_rank_0_the_time_to_say_it(tmp_path: Path, monkeypatch) -> None:
    """Every rank refuses a model in the way at once and rank 0 alone says it; another rank ending first had torchrun
    stop rank 0 before it said it (CI saw torchrun's report with no reason): another rank waits first, rank 0 not."""
    from inference.training import launch, run
    from inference.training.config import TrainConfig

    out = tmp_path / "model"
    out.mkdir()
    (out / "model.json").write_text("{}")
    waits: list[float] = []
    monkeypatch.setattr(launch.time, "sleep", waits.append)
    for rank, waited in ((1, [launch.EARLY_REFUSAL_GRACE_S]), (0, [])):
        waits.clear()
        monkeypatch.setenv("WORLD_SIZE", "2")
        monkeypatch.setenv("RANK", str(rank))
        with pytest.raises(Exception, match="already exists"):
            run.train(TrainConfig(task="seg", data=tmp_path / "data", out=out))
        assert waits == waited


def _training(data: Path, out: Path, *options: str, launcher: str = "torch.distributed.run", processes: int = 2
              ) -> list[str]:
    """The command of a tiny segmentation run in ``processes`` CPU processes launched by ``launcher`` (1: alone)."""
    launch = ["-m", launcher, "--standalone", f"--nproc_per_node={processes}"] if processes > 1 else []
    return [sys.executable, *launch, "-m", "app.cli", "train", "seg", "--data", str(data), "--out", str(out),
            "--encoder", TINY_SEG_ENCODER, "--size", "64", "--crop", "32", "--batch-size", "2", "--epochs", "2",
            "--steps-per-epoch", "2", "--device", "cpu", "--workers", "0", *options]


def _started(command: list[str], folder: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _ended(launcher: subprocess.Popen) -> tuple[str, str]:
    try:
        return launcher.communicate(timeout=170)
    finally:  # a hung rank must not outlive the test
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)


@pytest.mark.slow
def test_torchrun_with_two_cpu_processes_trains_one_model(tmp_path: Path) -> None:
    data = write_mask_set(tmp_path / "data")
    out = tmp_path / "model"
    launcher = _started(_training(data, out), tmp_path)
    stdout, stderr = _ended(launcher)
    assert launcher.returncode == 0, stderr[-3000:]
    assert stdout.count("model: ") == 1, stdout  # rank 0 alone reports
    assert "Grad strides do not match" not in stderr

    model = load_model_folder(out)
    assert model.card.training["processes"] == 2 and model.card.training["steps"] == 4
    # rerun as recorded, the command trains the same run: with two processes, each taking 2 images of a step's 4
    assert model.card.training["command"].startswith(
        f"torchrun --standalone --nproc_per_node=2 -m app.cli train seg --data {data} --out {out} ")
    assert "SyncBatchNorm needs CUDA" in model.card.training["batch_norm"]  # the CPU processes say why not
    assert [entry["epoch"] for entry in model.card.training["history"]] == [1, 2]
    assert not checkpoint_dir(out).exists()
    image, _ = lesion_image(7)
    assert segment(model, image).mask_bits().shape == image.shape[:2]
    assert np.isfinite(model.card.training["history"][-1]["train_loss"])


@pytest.mark.slow
def test_a_refusal_under_torchrun_is_said_once_and_ends_with_the_programs_status(tmp_path: Path) -> None:
    data = write_mask_set(tmp_path / "data")
    out = tmp_path / "model"
    out.mkdir()
    (out / "model.json").write_text("{}")  # a model in the way: every rank refuses before it trains
    for launcher_module, status in [("app.torchrun", 2), ("torch.distributed.run", 1)]:  # torchrun's own: 1
        launcher = _started(_training(data, out, launcher=launcher_module), tmp_path)
        _, stderr = _ended(launcher)
        assert launcher.returncode == status, stderr[-3000:]
        assert stderr.count("error: ") == 1 and f"{out / 'model.json'}: already exists" in stderr, stderr[-3000:]
        assert ("Traceback" in stderr) == (status == 1)  # torchrun's ChildFailedError report
        if launcher_module == "app.torchrun":  # the rank's line alone: torchrun's "failed (exitcode: 2) local_rank:
            # 0 (pid: …) of binary: …" followed it, as the status says
            assert stderr.splitlines() == [line for line in stderr.splitlines() if line.startswith("error: ")], stderr


@pytest.mark.slow
def test_a_sigterm_to_torchrun_says_how_to_resume_once_and_a_resume_in_one_process_says_how_many(
        tmp_path: Path) -> None:
    data = write_mask_set(tmp_path / "data")
    out = tmp_path / "model"
    launcher = _started(_training(data, out, "--epochs", "500", launcher="app.torchrun"), tmp_path)
    try:
        for _ in range(1200):  # the first epoch's checkpoint, then a scheduler's SIGTERM
            if checkpoint_dir(out).joinpath("state.json").exists() or launcher.poll() is not None:
                break
            time.sleep(0.1)
        launcher.send_signal(signal.SIGTERM)
    finally:
        _, stderr = _ended(launcher)
    assert launcher.returncode == 128 + signal.SIGTERM, stderr[-3000:]
    assert stderr.count(f"stopped: {out} keeps the checkpoint of the last epoch finished; the same command with "
                        "--resume continues from it") == 1, stderr[-3000:]
    assert "Traceback" not in stderr

    alone = _started(_training(data, out, "--epochs", "500", "--resume", processes=1), tmp_path)
    _, stderr = _ended(alone)
    assert alone.returncode == 2 and (f"{checkpoint_dir(out)}: the checkpoint was written by a run of 2 processes, "
                                      "and this run has 1; resume it in as many, as it was launched: torchrun "
                                      "--nproc_per_node=2") in stderr, stderr[-3000:]


def _rank_process(launcher: subprocess.Popen, rank: int) -> int:
    """The pid of the process torchrun started as ``rank`` (its environment's RANK)."""
    for child in Path(f"/proc/{launcher.pid}/task/{launcher.pid}/children").read_text().split():
        if f"\0RANK={rank}\0" in "\0" + Path(f"/proc/{child}/environ").read_text(errors="replace"):
            return int(child)
    raise AssertionError(f"no process of rank {rank}")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the ranks' processes in /proc")
def test_a_rank_killed_mid_run_is_said_as_a_stop_with_how_to_resume_not_as_a_bug(tmp_path: Path) -> None:
    """Rank 1 ended by the kernel's OOM killer: rank 0 met the lost connection in its next collective and ended as a
    bug (its traceback twice, "please report it"), before torchrun stopped it, and never said that the checkpoint
    stays for --resume."""
    data = write_mask_set(tmp_path / "data")
    out = tmp_path / "model"
    launcher = _started(_training(data, out, "--epochs", "500", launcher="app.torchrun"), tmp_path)
    try:
        for _ in range(1200):  # the first epoch's checkpoint, then the OOM killer
            if checkpoint_dir(out).joinpath("state.json").exists() or launcher.poll() is not None:
                break
            time.sleep(0.1)
        os.kill(_rank_process(launcher, 1), signal.SIGKILL)
    finally:
        _, stderr = _ended(launcher)
    assert launcher.returncode == 128 + signal.SIGKILL, stderr[-3000:]  # the killed rank's, as a signal's status
    assert stderr.count(f"stopped: {out} keeps the checkpoint of the last epoch finished; the same command with "
                        "--resume continues from it") == 1, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]


@pytest.mark.slow
def test_several_processes_get_one_thread_each_without_torchruns_banner(tmp_path: Path) -> None:
    """torchrun, setting OMP_NUM_THREADS=1 itself, prints a 4-line banner the user can do nothing with; the launcher
    sets it instead, so each process still has one thread, and a value the user set is kept."""
    script = tmp_path / "threads.py"  # each process writes the value it got to a file of its rank's
    script.write_text("import os, pathlib\npathlib.Path(os.environ['RANK']).write_text("
                      "os.environ.get('OMP_NUM_THREADS', 'unset'))\n")
    unset = {name: value for name, value in os.environ.items() if name != "OMP_NUM_THREADS"}
    for environment, threads in [(unset, "1"), ({**unset, "OMP_NUM_THREADS": "3"}, "3")]:
        launch = subprocess.run([sys.executable, "-m", "app.torchrun", "--standalone", "--nproc_per_node=2",
                                 str(script)], cwd=tmp_path, env={**environment, "PYTHONPATH": str(ROOT)},
                                capture_output=True, text=True, timeout=170)
        assert launch.returncode == 0, launch.stderr[-3000:]
        assert [(tmp_path / rank).read_text() for rank in "01"] == [threads, threads]
        assert "OMP_NUM_THREADS" not in launch.stderr, launch.stderr
