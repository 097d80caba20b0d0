"""Resumable training: after every epoch the model, optimiser and torch random state go to ``MODEL_DIR/.checkpoint/``
(the data's random choices derive from the seed and the epoch: inference.training.loader).

- ``weights.safetensors``: model tensors (no pickle);
- ``optimizer.pt``: the optimiser state dict and torch RNG states, plain tensors and numbers only, read back with
  ``torch.load(weights_only=True)``;
- ``state.json``: epoch, step, history, the training seconds so far (across earlier resumes; checkpoints written
  before it was kept lack it and count as 0), what the run was (to refuse a mismatched resume) and the sha256 of
  the other two files. It is written last, so a crash mid-save leaves the previous
  complete checkpoint readable (its checksums no longer match the new files and the resume says so).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection

import torch
from safetensors.torch import load as safetensors_load, save as safetensors_bytes

from annotations.atomic import atomic_write_bytes, atomic_write_text
from annotations.wording import join_items
from inference.training import messages as msg

HYPER = "hyper_parameters"  # the identity's dict of TrainConfig.hyper_parameters()

PROCESSES_LAUNCH = "torchrun --nproc_per_node={count} -m app.cli train"  # how a run of several processes starts

CHECKPOINT_DIR = ".checkpoint"
CHECKPOINT_FILES = ("state.json", "weights.safetensors", "optimizer.pt")  # state first: never half a checkpoint


class CheckpointError(Exception):
    pass


@dataclass
class Checkpoint:
    epoch: int  # epochs completed
    step: int
    history: list[dict[str, Any]]
    model_state: dict[str, torch.Tensor]
    optimizer_state: dict[str, Any]
    torch_rng: torch.Tensor
    cuda_rng: list[torch.Tensor]
    identity: dict[str, Any]
    seconds: float = 0.0  # training time up to this checkpoint, over every stretch of the run


def checkpoint_dir(model_dir: Path) -> Path:
    return Path(model_dir) / CHECKPOINT_DIR


def refuse_linked_checkpoint(model_dir: Path) -> None:
    """CheckpointError when the run's checkpoint folder, or a file of it, is a link: saving wrote through it into
    another folder, and removing the checkpoint at the end deleted the files there."""
    folder = checkpoint_dir(model_dir)
    for path in (folder, *(folder / name for name in CHECKPOINT_FILES)):
        if path.is_symlink():
            raise CheckpointError(msg.CHECKPOINT_IS_LINK.format(path=path, target=os.path.realpath(path)))


def save_checkpoint(model_dir: Path, checkpoint: Checkpoint) -> None:
    refuse_linked_checkpoint(model_dir)
    folder = checkpoint_dir(model_dir)
    weights = safetensors_bytes({k: v.detach().cpu().contiguous() for k, v in checkpoint.model_state.items()})
    buffer = io.BytesIO()
    torch.save({"optimizer": checkpoint.optimizer_state, "torch_rng": checkpoint.torch_rng,
                "cuda_rng": checkpoint.cuda_rng}, buffer)
    extra = buffer.getvalue()
    atomic_write_bytes(folder / "weights.safetensors", weights)
    atomic_write_bytes(folder / "optimizer.pt", extra)
    state = {"epoch": checkpoint.epoch, "step": checkpoint.step, "history": checkpoint.history,
             "seconds": checkpoint.seconds, "identity": checkpoint.identity,
             "sha256": {"weights.safetensors": _sha(weights), "optimizer.pt": _sha(extra)}}
    atomic_write_text(folder / "state.json", json.dumps(state, indent=1))


def has_checkpoint(model_dir: Path) -> bool:
    """Whether an epoch of a run into ``model_dir`` completed (its checkpoint's state is written last)."""
    return (checkpoint_dir(model_dir) / "state.json").is_file()


def load_checkpoint(model_dir: Path, identity: dict[str, Any], hyper_defaults: dict[str, Any] | None = None,
                    ignored: Collection[str] = ()) -> Checkpoint | None:
    """The last complete checkpoint, None when there is none; CheckpointError when it belongs to another run or
    is damaged (the message says to train without --resume or into a new folder). ``hyper_defaults``: the value
    of a hyper-parameter that a checkpoint written before the option existed lacks; ``ignored``: hyper-parameters
    this run's task ignores, which an older release's checkpoint may still hold."""
    if not has_checkpoint(model_dir):
        return None
    folder = checkpoint_dir(model_dir)
    state_file = folder / "state.json"
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
        weights = (folder / "weights.safetensors").read_bytes()
        extra = (folder / "optimizer.pt").read_bytes()
    except (OSError, json.JSONDecodeError) as exc:
        raise CheckpointError(msg.CHECKPOINT_UNREADABLE.format(folder=folder, error=exc)) from exc
    if state.get("sha256") != {"weights.safetensors": _sha(weights), "optimizer.pt": _sha(extra)}:
        raise CheckpointError(msg.CHECKPOINT_MISMATCH.format(folder=folder))
    differences = _differences(identity, state["identity"], hyper_defaults or {}, ignored)
    if "world_size" in differences:  # the first to mend: with as many processes the steps may agree too
        trained = state["identity"].get("world_size", 1)
        refusal = msg.CHECKPOINT_ONE_PROCESS if trained == 1 else msg.CHECKPOINT_PROCESSES
        raise CheckpointError(refusal.format(folder=folder, trained=trained, count=identity["world_size"],
                                             launch=PROCESSES_LAUNCH.format(count=trained)))
    if differences:
        raise CheckpointError(msg.CHECKPOINT_OTHER_RUN.format(folder=folder, fields=join_items(differences)))
    tensors = torch.load(io.BytesIO(extra), map_location="cpu", weights_only=True)
    return Checkpoint(state["epoch"], state["step"], state["history"], safetensors_load(weights),
                      tensors["optimizer"], tensors["torch_rng"], tensors["cuda_rng"],
                      state["identity"], float(state.get("seconds", 0.0)))


def _differences(identity: dict[str, Any], stored: dict[str, Any], hyper_defaults: dict[str, Any],
                 ignored: Collection[str]) -> list[str]:
    """The identity fields that differ, a hyper-parameter named as ``hyper_parameters.NAME``; one that only the
    checkpoint holds differs too (a newer release's option: this run cannot reproduce it), unless ``ignored``."""
    names = sorted(k for k in set(identity) | set(stored) if k != HYPER and identity.get(k) != stored.get(k))
    ours = identity.get(HYPER, {})
    theirs = {**{k: v for k, v in hyper_defaults.items() if k in ours}, **stored.get(HYPER, {})}
    compared = (set(ours) | set(theirs)) - set(ignored)
    return names + sorted(f"{HYPER}.{k}" for k in compared if ours.get(k) != theirs.get(k))


def remove_checkpoint(model_dir: Path) -> None:
    folder = checkpoint_dir(model_dir)
    if folder.is_symlink():  # its files are another folder's: left (a file's own link is removed, not its target)
        return
    for name in CHECKPOINT_FILES:
        (folder / name).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
