"""How a training run launched by torchrun (or stopped by a scheduler) speaks and ends, without launching it: a
refusal every rank meets is said by rank 0 alone, one rank meets alone by that rank; a SIGTERM stops the command as
Ctrl+C does ("stopped: … --resume", 143); a checkpoint resumed by another number of processes says how many wrote it
and how to launch them; the card's command records torchrun's launch. (torchrun itself: test_training_distributed.)"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.distributed as dist

from app.cli import build_parser
from app.commands.train import command_line, launch_words
from inference.training import distributed
from inference.training.checkpoint import Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from inference.training.distributed import Ranks, own_refusal

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> dist.HashStore:
    """The process group's store, as torchrun's processes share it (here one process plays each rank in turn)."""
    shared = dist.HashStore()
    monkeypatch.setattr(dist, "is_initialized", lambda: True)
    monkeypatch.setattr(dist.distributed_c10d, "_get_default_store", lambda: shared)
    monkeypatch.setattr(distributed, "REFUSAL_WAIT_S", 0.2)
    return shared


def _refused(ranks: Ranks, text: str) -> bool:
    """Whether ``ranks`` says a refusal ``text`` it met while the group was joined."""
    refusal = ValueError(text)
    ranks.say_refusal_once(refusal)
    return own_refusal(refusal, ranks)


def test_a_refusal_every_rank_meets_is_said_by_rank_0_alone(store: dist.HashStore) -> None:
    assert _refused(Ranks(0, 2, 0), "DATA: no training image has masks or VOC boxes")
    assert not _refused(Ranks(1, 2, 1), "DATA: no training image has masks or VOC boxes")


def test_a_refusal_one_rank_meets_alone_is_said_by_it(store: dist.HashStore) -> None:
    assert _refused(Ranks(1, 2, 1), "cache/ab/abc: this prepared image left the cache")  # rank 0 said nothing
    assert _refused(Ranks(0, 2, 0), "OUT/.checkpoint: the disk is full")
    assert _refused(Ranks(1, 2, 1), "cache/ab/abc: this prepared image left the cache")  # rank 0 said otherwise


def test_a_refusal_before_the_ranks_joined_is_said_by_rank_0_alone() -> None:
    refusal = ValueError("epochs and batch size must be at least 1")  # the options: the same on every rank
    assert own_refusal(refusal, Ranks()) and own_refusal(refusal, Ranks(0, 2, 0))
    assert not own_refusal(refusal, Ranks(1, 2, 1))


def _recorded(ranks: Ranks) -> str:
    return command_line(build_parser().parse_args(["train", "seg", "--data", "d", "--out", "o"]), launch_words(ranks))


def test_the_card_records_torchruns_launch_so_that_the_command_reproduces_the_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _recorded(Ranks()).startswith("retina-review train seg --data d --out o ")
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "2")
    assert _recorded(Ranks(1, 2, 1)).startswith(
        "torchrun --standalone --nproc_per_node=2 -m app.cli train seg --data d --out o ")
    assert _recorded(Ranks(0, 4, 0)).startswith("torchrun --nnodes=2 --nproc_per_node=2 -m app.cli train seg ")


def _resumed(folder: Path, trained: int, count: int) -> str:
    save_checkpoint(folder, Checkpoint(1, 2, [], {"w": torch.zeros(1)}, {}, torch.get_rng_state(), [],
                                       {"task": "lesion-segmentation", "world_size": trained, "steps_per_epoch": 3}))
    with pytest.raises(CheckpointError) as refused:
        load_checkpoint(folder, {"task": "lesion-segmentation", "world_size": count, "steps_per_epoch": 6})
    return str(refused.value)


def test_a_checkpoint_resumed_by_another_number_of_processes_says_how_to_launch_them(tmp_path: Path) -> None:
    assert _resumed(tmp_path / "two", 2, 1) == (
        f"{tmp_path / 'two' / '.checkpoint'}: the checkpoint was written by a run of 2 processes, and this run has 1; "
        "resume it in as many, as it was launched: torchrun --nproc_per_node=2 -m app.cli train with the run's "
        "options and --resume")
    assert _resumed(tmp_path / "one", 1, 2) == (
        f"{tmp_path / 'one' / '.checkpoint'}: the checkpoint was written by a run of one process, and this run has 2; "
        "resume it in one process, as it was launched: retina-review train with the run's options and --resume, "
        "without torchrun")


STOPPED_RUN = """
import os, signal, sys
from inference.training import run
from inference.training.checkpoint import checkpoint_dir
from app.cli import main

def train(config, state, **_):  # an epoch's checkpoint written, then a scheduler's SIGTERM
    checkpoint_dir(config.out).mkdir(parents=True)
    (checkpoint_dir(config.out) / "state.json").write_text("{}")
    os.kill(os.getpid(), signal.SIGTERM)
    raise AssertionError("still training after SIGTERM")

run.train = train
sys.exit(main(["train", "grade", "--data", sys.argv[1], "--out", sys.argv[2]]))
"""


def test_a_sigterm_stops_the_command_as_ctrl_c_does(tmp_path: Path) -> None:
    out = tmp_path / "model"
    stopped = subprocess.run([sys.executable, "-c", STOPPED_RUN, str(tmp_path), str(out)], cwd=ROOT, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"},
                             capture_output=True, text=True)
    assert stopped.returncode == 128 + signal.SIGTERM, stopped.stderr[-2000:]
    assert (f"stopped: {out} keeps the checkpoint of the last epoch finished; the same command with --resume "
            "continues from it") in stopped.stderr
