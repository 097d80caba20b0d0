"""A training checkpoint's save stopped at any point (kill -9, power loss, SIGTERM mid-save) leaves one complete
checkpoint, the previous or the new one: the weights had fixed names, replaced before state.json was, and a stop
between left the previous state's checksums unmatched, so --resume was refused and the run's progress lost. A
checkpoint of that layout (its state naming no files) still resumes; a stopped save's orphans go at the next save."""
from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest
import torch
from safetensors.torch import save as safetensors_bytes

from inference.training.checkpoint import (Checkpoint, CheckpointError, checkpoint_dir, load_checkpoint,
                                           refuse_linked_checkpoint, remove_checkpoint, save_checkpoint)

IDENTITY = {"task": "dr-grade", "hyper_parameters": {"lr": 0.001}}


def made(epoch: int) -> Checkpoint:
    """A checkpoint whose tensors and numbers say its epoch."""
    return Checkpoint(epoch, 10 * epoch, [{"epoch": epoch}], {"w": torch.full((3,), float(epoch))},
                      {"state": {}, "param_groups": [{"lr": 0.001 * epoch, "params": [0]}]}, torch.get_rng_state(),
                      [], IDENTITY, float(epoch))


def loaded_epoch(model_dir: Path) -> int:
    checkpoint = load_checkpoint(model_dir, IDENTITY)
    assert checkpoint is not None
    epoch = checkpoint.epoch
    assert torch.equal(checkpoint.model_state["w"], torch.full((3,), float(epoch)))
    assert checkpoint.optimizer_state["param_groups"][0]["lr"] == pytest.approx(0.001 * epoch)
    assert checkpoint.step == 10 * epoch and checkpoint.seconds == epoch
    return epoch


def save_fixed_names(model_dir: Path, checkpoint: Checkpoint) -> None:
    """What the release before saved: weights.safetensors, optimizer.pt, a state.json naming no files."""
    folder = checkpoint_dir(model_dir)
    folder.mkdir(parents=True)
    weights = safetensors_bytes(checkpoint.model_state)
    buffer = io.BytesIO()
    torch.save({"optimizer": checkpoint.optimizer_state, "torch_rng": checkpoint.torch_rng,
                "cuda_rng": checkpoint.cuda_rng}, buffer)
    (folder / "weights.safetensors").write_bytes(weights)
    (folder / "optimizer.pt").write_bytes(buffer.getvalue())
    (folder / "state.json").write_text(json.dumps({
        "epoch": checkpoint.epoch, "step": checkpoint.step, "history": checkpoint.history,
        "seconds": checkpoint.seconds, "identity": checkpoint.identity,
        "sha256": {"weights.safetensors": hashlib.sha256(weights).hexdigest(),
                   "optimizer.pt": hashlib.sha256(buffer.getvalue()).hexdigest()}}))


class Stopped(BaseException):
    """The process killed: nothing after it runs (a temp file a write had begun stays)."""


def stopping_after(monkeypatch: pytest.MonkeyPatch, writes: int) -> Callable[[], int]:
    """Make every rename and removal after the first ``writes`` ones stop the process; the count done so far."""
    done = [0]
    originals = {name: getattr(os, name) for name in ("replace", "unlink")}

    def counted(name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if done[0] >= writes:
                raise Stopped
            done[0] += 1
            return originals[name](*args, **kwargs)
        return call

    for name in originals:
        monkeypatch.setattr(os, name, counted(name))
    return lambda: done[0]


def folder_names(model_dir: Path) -> list[str]:
    return sorted(path.name for path in checkpoint_dir(model_dir).iterdir())


@pytest.mark.parametrize("previous_layout", [save_checkpoint, save_fixed_names])
def test_a_save_stopped_at_any_point_leaves_the_previous_or_the_new_checkpoint(
        tmp_path: Path, previous_layout: Callable[[Path, Checkpoint], None]) -> None:
    previous_layout(tmp_path / "counted", made(1))
    with pytest.MonkeyPatch.context() as patch:
        count = stopping_after(patch, 10 ** 6)
        save_checkpoint(tmp_path / "counted", made(2))
        writes = count()  # two files and the state renamed into place, the previous two files removed
    assert writes == 5
    seen = set()
    for k in range(writes + 1):
        model_dir = tmp_path / f"stop{k}"
        previous_layout(model_dir, made(1))
        assert loaded_epoch(model_dir) == 1
        with pytest.MonkeyPatch.context() as patch:
            stopping_after(patch, k)
            try:
                save_checkpoint(model_dir, made(2))
            except Stopped:
                pass
        seen.add(loaded_epoch(model_dir))  # never a refusal
        save_checkpoint(model_dir, made(3))  # the run resumed, its next epoch saved: no orphan stays
        assert loaded_epoch(model_dir) == 3
        state = json.loads((checkpoint_dir(model_dir) / "state.json").read_text())
        assert folder_names(model_dir) == sorted(["state.json", *state["files"].values()]), k
    assert seen == {1, 2}


def test_a_stopped_writes_temp_files_and_an_earlier_saves_files_go_at_the_next_save(tmp_path: Path) -> None:
    save_checkpoint(tmp_path, made(1))
    folder = checkpoint_dir(tmp_path)
    first = folder_names(tmp_path)
    left = [".weights-0123456789abcdef.safetensors.k2j_x9a1.tmp", ".state.json.abcd1234.tmp",
            "optimizer-fedcba9876543210.pt", ".optimizer.pt.zz99yy88.tmp"]
    for name in left:
        (folder / name).write_bytes(b"half")
    (folder / "notes.txt").write_text("not the checkpoint's")  # not a name a save writes: left
    save_checkpoint(tmp_path, made(2))
    assert loaded_epoch(tmp_path) == 2
    second = folder_names(tmp_path)
    assert not set(first) - {"state.json"} & set(second)
    assert len(second) == 4 and "notes.txt" in second
    save_checkpoint(tmp_path, made(2))  # the same tensors: the same names, kept
    assert loaded_epoch(tmp_path) == 2 and folder_names(tmp_path) == second
    remove_checkpoint(tmp_path)
    assert folder_names(tmp_path) == ["notes.txt"]


def test_a_link_planted_under_a_checkpoint_files_name_is_refused_and_removed_as_a_link(tmp_path: Path) -> None:
    model_dir, victim = tmp_path / "model", tmp_path / "victim.bin"
    victim.write_text("a person's file")
    save_checkpoint(model_dir, made(1))
    state = json.loads((checkpoint_dir(model_dir) / "state.json").read_text())
    weights = checkpoint_dir(model_dir) / state["files"]["weights"]
    weights.unlink()
    weights.symlink_to(victim)
    with pytest.raises(CheckpointError, match="a link"):
        refuse_linked_checkpoint(model_dir)
    with pytest.raises(CheckpointError, match="a link"):
        save_checkpoint(model_dir, made(2))
    remove_checkpoint(model_dir)
    assert victim.read_text() == "a person's file" and not checkpoint_dir(model_dir).exists()


def test_a_state_naming_a_file_outside_the_folder_reads_nothing_there(tmp_path: Path) -> None:
    save_checkpoint(tmp_path / "model", made(1))
    state_file = checkpoint_dir(tmp_path / "model") / "state.json"
    state = json.loads(state_file.read_text())
    outside = tmp_path / "elsewhere.safetensors"
    outside.write_bytes((state_file.parent / state["files"]["weights"]).read_bytes())
    state["files"]["weights"] = "../../elsewhere.safetensors"
    state_file.write_text(json.dumps(state))
    with pytest.raises(CheckpointError, match="cannot read the checkpoint"):
        load_checkpoint(tmp_path / "model", IDENTITY)
