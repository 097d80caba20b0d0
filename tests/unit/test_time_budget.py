"""`train --minutes`: a probe run times the steps, the run gets the whole epochs the rest of the budget holds, and
its card records them as --epochs."""
from __future__ import annotations

import dataclasses
import signal
from pathlib import Path
from typing import Callable

import pytest

from annotations.errors import FileProblem
from app.cli import main
from inference.loading import load_model_folder
from inference.model_card import default_card
from inference.training import time_budget
from inference.training.config import TrainConfig, TrainResult
from inference.training.time_budget import PROBE_EPOCHS, PROBE_STEPS_PER_EPOCH, RunCosts, sized_to_budget
from tests.unit.test_evaluation import TINY_SEG_ARGS
from tests.unit.test_training_fixtures import tiny_seg_options, write_mask_set


def probe_result() -> TrainResult:
    return TrainResult(Path("probe"), default_card("lesion-segmentation"), [], {}, PROBE_EPOCHS * PROBE_STEPS_PER_EPOCH,
                       0.0, 0.0)


def step_ends(warm_up: float, per_step: float, first_epoch_end: float, per_epoch: float) -> list[float]:
    """The times a probe's steps end: its first step after ``warm_up``, the first epoch's end slower than later ones."""
    ends, now = [], warm_up - per_step
    for epoch in range(PROBE_EPOCHS):
        if epoch:
            now += first_epoch_end if epoch == 1 else per_epoch
        for _ in range(PROBE_STEPS_PER_EPOCH):
            now += per_step
            ends.append(now)
    return ends


def test_a_step_and_an_epochs_end_are_timed_past_the_warm_up_which_counts_once() -> None:
    # on the lent H200 the first batch waited ~8 s for 15 loader workers; a step took 0.066 s, an epoch's end 0.5 s
    ends = step_ends(warm_up=8.0, per_step=0.066, first_epoch_end=4.0, per_epoch=0.5)
    costs = RunCosts.measured(ends, wall_seconds=ends[-1] + 6.0)  # after the last step: its epoch's end, the figures
    assert costs.per_step == pytest.approx(0.066) and costs.per_epoch == pytest.approx(0.5)
    assert costs.fixed == pytest.approx(ends[-1] + 6.0 - 3 * 0.5 - 60 * 0.066)
    assert costs.fixed == pytest.approx((8.0 - 0.066) + (4.0 - 0.5) + (6.0 - 0.5))  # the warm-up and extras
    assert costs.epochs_within(costs.fixed + 30 * (0.5 + 250 * 0.066) + 16.0, steps_per_epoch=250) == 30
    assert costs.epochs_within(costs.fixed - 1.0, steps_per_epoch=250) < 1


def test_one_slow_step_does_not_move_the_step_time() -> None:
    ends = step_ends(warm_up=1.0, per_step=0.2, first_epoch_end=2.0, per_epoch=2.0)
    ends[-5:] = [end + 3.0 for end in ends[-5:]]  # a pause of 3 s before the fifth-last step (another program)
    assert RunCosts.measured(ends, wall_seconds=ends[-1] + 1.0).per_step == pytest.approx(0.2)


@pytest.fixture
def config(tmp_path: Path) -> TrainConfig:
    write_mask_set(tmp_path / "data")
    return TrainConfig(task="seg", data=tmp_path / "data", out=tmp_path / "model", steps_per_epoch=5, device="cpu",
                       cache_dir=tmp_path / "cache", **tiny_seg_options())


class ProbeClock:
    """time_budget's clock, moved on by a fake probe's steps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def probe(self, ends: list[float], after: float = 0.0) -> Callable[..., TrainResult]:
        """A stand-in for train whose steps end at ``ends`` (seconds from its start), its run ending ``after`` later."""
        def run(config: TrainConfig, state: object, on_step: Callable[..., None]) -> TrainResult:
            start = self.now
            for step, end in enumerate(ends, 1):
                self.now = start + end
                on_step(step, 1.0, {})
            self.now += after
            return probe_result()
        return run


@pytest.fixture
def clock(monkeypatch) -> ProbeClock:
    clock = ProbeClock()
    monkeypatch.setattr(time_budget, "monotonic", clock)
    return clock


def test_the_budget_sets_the_epochs_after_a_probe_that_leaves_nothing_behind(config: TrainConfig, clock, monkeypatch
                                                                            ) -> None:
    probes: list[TrainConfig] = []
    timed = clock.probe(step_ends(warm_up=5.0, per_step=0.02, first_epoch_end=2.0, per_epoch=1.0), after=1.0)

    def probe(run: TrainConfig, state: object, on_step: Callable[..., None]) -> TrainResult:
        probes.append(run)
        assert run.out.is_dir() and run.out != config.out
        return timed(run, state, on_step)
    monkeypatch.setattr(time_budget, "train", probe)
    sized = sized_to_budget(config, seconds=60.0)
    (run,) = probes
    assert (run.epochs, run.steps_per_epoch, run.overwrite) == (3, PROBE_STEPS_PER_EPOCH, True)
    assert not run.out.exists()
    # the probe: 5 s to its first step, 60 steps of 0.02 s, epoch ends of 2 and 1 s, 1 s after: 10.18 s, of which
    # 5.98 s fixed; an epoch of 5 steps costs 1.1 s, and the 60 - 10.18 - 5.98 s left hold 39 of them
    assert sized.epochs == 39 and sized.steps_per_epoch == 5 and not config.out.exists()
    assert dataclasses.replace(sized, epochs=config.epochs) == config


def test_a_budget_that_holds_no_epoch_or_a_run_it_cannot_size_is_refused(config: TrainConfig, clock,
                                                                        monkeypatch) -> None:
    # steps of 1 s and epoch ends of 10 s: an epoch of 5 steps takes 15 s, and the probe alone 90 s
    monkeypatch.setattr(time_budget, "train", clock.probe(step_ends(1.0, 1.0, 10.0, 10.0), after=10.0))
    with pytest.raises(ValueError, match=r"^0\.1 minutes hold no epoch: the probe took 90 s and an epoch takes "
                                         r"about 15 s; give more minutes or fewer --steps-per-epoch$"):
        sized_to_budget(config, seconds=6.0)
    for unsized in (dataclasses.replace(config, steps_per_epoch=None), dataclasses.replace(config, resume=True)):
        with pytest.raises(ValueError, match="--minutes sizes a new run of one process"):
            sized_to_budget(unsized, seconds=600.0)
    config.out.mkdir()
    (config.out / "model.json").write_text("{}")
    with pytest.raises(FileProblem, match="model.json"):  # refused before the probe, not after it
        sized_to_budget(config, seconds=600.0)


def test_the_card_of_a_timed_run_records_the_epochs_it_chose(tmp_path: Path, clock, monkeypatch, capsys) -> None:
    data = write_mask_set(tmp_path / "data")
    # a probe of 2.85 s whose steps take 0.02 s and epoch ends 0.55 s: the other 3.15 s of 0.1 minutes hold 5 epochs
    # of 2 steps (the minutes count from the probe's start, after the imports)
    monkeypatch.setattr(time_budget, "train", clock.probe(step_ends(0.02, 0.02, 0.55, 0.55), after=0.55))
    code = main(["train", "seg", "--data", str(data), "--out", str(tmp_path / "model"), "--steps-per-epoch", "2",
                 "--minutes", "0.1", "--cache-dir", str(tmp_path / "cache"), *TINY_SEG_ARGS])
    assert code == 0
    epochs = int(capsys.readouterr().out.split("0.1 minutes hold ")[1].split(" epoch")[0])
    assert epochs == 5
    card = load_model_folder(tmp_path / "model").card
    assert card.training["epochs"] == epochs
    assert f"--epochs {epochs}" in card.training["command"] and "--minutes" not in card.training["command"]


def test_a_candidates_run_is_not_sized_by_minutes(tmp_path: Path, capsys) -> None:
    assert main(["train", "candidates", "--data", str(tmp_path), "--out", str(tmp_path / "m"), "--minutes", "5"]) == 2
    assert "error: --minutes: options of a network's run" in capsys.readouterr().err


def test_a_timed_run_stopped_says_to_resume_it_by_its_epochs(tmp_path: Path, clock, monkeypatch, capsys) -> None:
    # --resume refuses --minutes (which sizes a new run): "the same command with --resume" was refused
    from inference.training import run
    from inference.training.checkpoint import checkpoint_dir

    def stopped(config: TrainConfig, state: object, **_: object) -> TrainResult:  # an epoch's checkpoint, then Ctrl+C
        checkpoint_dir(config.out).mkdir(parents=True)
        (checkpoint_dir(config.out) / "state.json").write_text("{}")
        raise KeyboardInterrupt
    data = write_mask_set(tmp_path / "data")
    monkeypatch.setattr(time_budget, "train", clock.probe(step_ends(0.02, 0.02, 0.55, 0.55), after=0.55))
    monkeypatch.setattr(run, "train", stopped)
    out = tmp_path / "model"
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--steps-per-epoch", "2", "--minutes", "0.1",
                 "--cache-dir", str(tmp_path / "cache"), *TINY_SEG_ARGS]) == 128 + signal.SIGINT
    assert (f"stopped: {out} keeps the checkpoint of the last epoch finished; the same command with --epochs 5 "
            "--resume in place of --minutes 0.1 continues from it") in capsys.readouterr().err


@pytest.mark.parametrize("stopped_in", ["sizing", "first epoch"])
def test_a_run_stopped_before_its_first_epoch_names_no_resume_of_an_earlier_runs_checkpoint(
        tmp_path: Path, clock, monkeypatch, capsys, stopped_in: str) -> None:
    # --overwrite replaces an earlier run's checkpoint at this run's first epoch: stopped before, "--epochs 40
    # --resume" (the unsized epochs) continued that other run
    from inference.training import run
    from inference.training.checkpoint import checkpoint_dir

    def stop(*_: object, **__: object) -> TrainResult:
        raise KeyboardInterrupt
    data, out = write_mask_set(tmp_path / "data"), tmp_path / "model"
    checkpoint_dir(out).mkdir(parents=True)
    (checkpoint_dir(out) / "state.json").write_text("{}")  # the earlier run's
    monkeypatch.setattr(time_budget, "train", stop if stopped_in == "sizing"
                        else clock.probe(step_ends(0.02, 0.02, 0.55, 0.55), after=0.55))
    monkeypatch.setattr(run, "train", stop)
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--steps-per-epoch", "2", "--minutes", "0.1",
                 "--overwrite", "--cache-dir", str(tmp_path / "cache"), *TINY_SEG_ARGS]) == 128 + signal.SIGINT
    err = capsys.readouterr().err
    assert "--resume" not in err
    assert (f"stopped before this run finished an epoch: the checkpoint in {out} is an earlier run's, not this "
            "one's; the same command starts this run again") in err
