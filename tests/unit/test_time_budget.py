"""`train --minutes`: a probe run times the steps, the run gets the whole epochs the rest of the budget holds, and
its card records them as --epochs."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotations.errors import FileProblem
from app.cli import main
from inference.loading import load_model_folder
from inference.model_card import default_card
from inference.training import time_budget
from inference.training.config import TrainConfig, TrainResult
from inference.training.time_budget import PROBE_STEPS, RunCosts, sized_to_budget
from tests.unit.test_evaluation import TINY_SEG_ARGS
from tests.unit.test_training_fixtures import tiny_seg_options, write_mask_set


def probe_result(seconds: float, images_per_second: float, steps: int = PROBE_STEPS) -> TrainResult:
    return TrainResult(Path("probe"), default_card("lesion-segmentation"), [], {}, steps, seconds,
                       images_per_second)


def test_costs_come_apart_from_the_probes_wall_time_its_loop_and_its_steps() -> None:
    # 50 steps of 4 images at 20 images/s: 10 s of steps in a 12 s loop (validation, checkpoint) of a 30 s probe
    costs = RunCosts.measured(probe_result(seconds=12.0, images_per_second=20.0), wall_seconds=30.0, batch_size=4)
    assert costs == RunCosts(fixed=18.0, per_epoch=2.0, per_step=0.2)
    assert costs.epochs_within(18.0 + 3 * (2.0 + 100 * 0.2) + 21.0, steps_per_epoch=100) == 3
    assert costs.epochs_within(17.0, steps_per_epoch=100) < 1


@pytest.fixture
def config(tmp_path: Path) -> TrainConfig:
    write_mask_set(tmp_path / "data")
    return TrainConfig(task="seg", data=tmp_path / "data", out=tmp_path / "model", steps_per_epoch=5, device="cpu",
                       cache_dir=tmp_path / "cache", **tiny_seg_options())


def test_the_budget_sets_the_epochs_after_a_probe_that_leaves_nothing_behind(config: TrainConfig, monkeypatch) -> None:
    probes: list[TrainConfig] = []

    def probe(run: TrainConfig, state: object) -> TrainResult:
        probes.append(run)
        assert run.out.is_dir() and run.out != config.out
        return probe_result(seconds=2.0, images_per_second=200.0)  # one step: 4 images / 200 = 0.02 s
    monkeypatch.setattr(time_budget, "train", probe)
    sized = sized_to_budget(config, seconds=60.0)
    (run,) = probes
    assert (run.epochs, run.steps_per_epoch, run.overwrite) == (1, PROBE_STEPS, True) and not run.out.exists()
    # the probe's own loop took 2 s of which its steps 1 s: an epoch of 5 steps costs 1 + 0.1 s
    assert 40 <= sized.epochs <= 54 and sized.steps_per_epoch == 5 and not config.out.exists()
    assert dataclasses.replace(sized, epochs=config.epochs) == config


def test_a_budget_that_holds_no_epoch_or_a_run_it_cannot_size_is_refused(config: TrainConfig, monkeypatch) -> None:
    # 50 steps of 4 images at 4 images/s in a 60 s loop: an epoch of 5 steps takes 10 + 5 x 1 s
    monkeypatch.setattr(time_budget, "train", lambda run, state: probe_result(seconds=60.0, images_per_second=4.0))
    with pytest.raises(ValueError, match=r"^0\.1 minutes hold no epoch: the probe took \d+ s and an epoch takes "
                                         r"about 15 s; give more minutes or fewer --steps-per-epoch$"):
        sized_to_budget(config, seconds=6.0)
    for unsized in (dataclasses.replace(config, steps_per_epoch=None), dataclasses.replace(config, resume=True)):
        with pytest.raises(ValueError, match="--minutes sizes a new run of one process"):
            sized_to_budget(unsized, seconds=600.0)
    config.out.mkdir()
    (config.out / "model.json").write_text("{}")
    with pytest.raises(FileProblem, match="model.json"):  # refused before the probe, not after it
        sized_to_budget(config, seconds=600.0)


def test_the_card_of_a_timed_run_records_the_epochs_it_chose(tmp_path: Path, monkeypatch, capsys) -> None:
    data = write_mask_set(tmp_path / "data")
    # a probe whose epoch end takes 1 s and whose steps 0.02 s each: 0.1 minutes hold 5 epochs of 2 steps
    monkeypatch.setattr(time_budget, "train", lambda run, state: probe_result(seconds=2.0, images_per_second=200.0))
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
    assert "--minutes sizes the epochs of a network's run" in capsys.readouterr().err
