"""Training in a child process: progress and per-step losses come back, cancel stops it and leaves a checkpoint a
resumed run continues from, and an error or a crash in the child comes back as an error with the child's message.
Each test starts a Python process that imports torch (a few seconds each)."""
from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from annotations.progress import CallbackState, Cancelled
from inference.training import train_process
from inference.training.checkpoint import checkpoint_dir
from inference.training.config import TrainConfig
from inference.training.run import train
from inference.training.train_process import TrainingProcessError, train_in_subprocess
from tests.unit.test_training_fixtures import tiny_cls_options, write_grade_set


STEPS_PER_EPOCH = 100


def grade_config(tmp_path: Path, **changes) -> TrainConfig:
    options = dict(task="grade", data=write_grade_set(tmp_path / "data"), out=tmp_path / "work" / "model",
                   epochs=3, steps_per_epoch=2, workers=0, **tiny_cls_options())
    options.update(changes)
    return TrainConfig(**options)


@pytest.fixture
def one_thread(monkeypatch):
    """Torch on one thread here and in the child: on a loaded 2-core machine OpenMP's waiting threads slowed this
    test's 300 tiny steps past its timeout (twice in eight runs at load average 5-9)."""
    from inference.device import torch_threads

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    with torch_threads(1):
        yield


@pytest.mark.slow
def test_cancel_stops_the_child_and_leaves_a_checkpoint_to_resume_from(tmp_path: Path, one_thread) -> None:
    config = grade_config(tmp_path, steps_per_epoch=STEPS_PER_EPOCH)
    state, losses, progress = CallbackState(lambda f, m: progress.append(m)), [], []

    def on_step(step: int, loss: float, parts: dict[str, float]) -> None:
        losses.append((step, loss))
        if step == STEPS_PER_EPOCH + 1:  # in the second epoch: the first one's checkpoint is on disk; the
            state.cancel()             # child cannot finish the other 2 epochs before the cancel reaches it

    with pytest.raises(Cancelled):
        train_in_subprocess(config, state, on_step)
    assert [step for step, _ in losses][:3] == [1, 2, 3] and losses[0][1] > 0
    assert len(losses) < 3 * STEPS_PER_EPOCH
    assert any(m.startswith("epoch 1/3") for m in progress)
    saved = json.loads((checkpoint_dir(config.out) / "state.json").read_text())
    assert saved["epoch"] >= 1
    assert not list((tmp_path / "work").glob(".train-*")), "the child's scratch folder is removed"
    config.resume = True
    resumed = train(config)  # the stopped child's checkpoint is complete: the run continues from it
    assert resumed.resumed_from_epoch == saved["epoch"] and resumed.steps == 3 * STEPS_PER_EPOCH


@pytest.mark.slow
def test_finish_ends_the_childs_training_after_its_step_and_saves_the_model_so_far(tmp_path: Path,
                                                                                  one_thread) -> None:
    config = grade_config(tmp_path, steps_per_epoch=STEPS_PER_EPOCH)
    finish, steps = threading.Event(), []

    def on_step(step: int, loss: float, parts: dict[str, float]) -> None:
        steps.append(step)
        if step == STEPS_PER_EPOCH + 5:  # in the second epoch of three
            finish.set()

    card = train_in_subprocess(config, CallbackState(), on_step, finish)
    assert (config.out / "model.safetensors").is_file() and not checkpoint_dir(config.out).exists()
    assert STEPS_PER_EPOCH + 5 <= card.training["steps"] == len(steps) < 2 * STEPS_PER_EPOCH
    assert card.training["epochs"] == 2 == len(card.training["history"])  # the cut epoch validated as any other
    assert card.training["finished_early"] == {"step": len(steps), "of_steps": 3 * STEPS_PER_EPOCH, "epoch": 2,
                                               "of_epochs": 3}
    assert not list((tmp_path / "work").glob(".train-*")), "the child's scratch folder, its flag file, is removed"


@pytest.mark.slow
def test_an_error_in_the_child_comes_back_with_its_message(tmp_path: Path) -> None:
    config = grade_config(tmp_path, data=tmp_path / "missing")
    with pytest.raises(TrainingProcessError, match="missing: not a folder"):
        train_in_subprocess(config, CallbackState())


def test_a_crashed_child_is_reported_with_the_end_of_its_stderr(tmp_path: Path, monkeypatch) -> None:
    crash = "import os, sys; sys.stderr.write('native fault in a kernel\\n'); sys.stderr.flush(); os.abort()"
    monkeypatch.setattr(train_process, "child_command", lambda config_file: [sys.executable, "-c", crash])
    with pytest.raises(TrainingProcessError, match=r"stopped \(signal 6\) without finishing: native fault"):
        train_in_subprocess(grade_config(tmp_path), CallbackState())
