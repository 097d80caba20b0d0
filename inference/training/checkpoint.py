"""Resumable training: after every epoch the model, optimiser and torch random state go to ``MODEL_DIR/.checkpoint/``
(the data's random choices derive from the seed and the epoch: inference.training.loader).

- ``weights-HASH.safetensors``: model tensors (no pickle);
- ``optimizer-HASH.pt``: the optimiser state dict and torch RNG states, plain tensors and numbers only, read back with
  ``torch.load(weights_only=True)``;
- ``state.json``: epoch, step, history, the training seconds so far (across earlier resumes; checkpoints written
  before it was kept lack it and count as 0), what the run was (to refuse a mismatched resume), the names of the
  other two files and their sha256.

A save writes the two files under new names (HASH: the start of their content's sha256, so a file of that name
already there holds the same bytes), then state.json naming them, atomically, then removes the previous
checkpoint's files and those a stopped save left: stopped at any point (kill -9, power loss, SIGTERM), the folder
holds one complete checkpoint, the previous or the new one. (The files had fixed names, replaced one by one: a stop
before state.json left the previous state with checksums that no longer matched, and the resume was refused. A
checkpoint of that layout, its state naming no files, still resumes.)
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection

import torch
from safetensors.torch import load as safetensors_load, save as safetensors_bytes

from annotations.atomic import atomic_write_bytes, atomic_write_text, is_temp_file_of
from annotations.wording import join_items
from inference.training import messages as msg

HYPER = "hyper_parameters"  # the identity's dict of TrainConfig.hyper_parameters()

PROCESSES_LAUNCH = "torchrun --nproc_per_node={count} -m app.cli train"  # how a run of several processes starts

CHECKPOINT_DIR = ".checkpoint"
STATE_FILE = "state.json"
# by kind, the names the files had before state.json named them (an earlier release's checkpoint)
FIXED_NAMES = {"weights": "weights.safetensors", "optimizer": "optimizer.pt"}
_HASH_NAME = re.compile(r"(weights-[0-9a-f]{16}\.safetensors|optimizer-[0-9a-f]{16}\.pt)")


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
    for path in (folder, *_own_files(folder)):
        if path.is_symlink():
            raise CheckpointError(msg.CHECKPOINT_IS_LINK.format(path=path, target=os.path.realpath(path)))


def save_checkpoint(model_dir: Path, checkpoint: Checkpoint) -> None:
    refuse_linked_checkpoint(model_dir)
    folder = checkpoint_dir(model_dir)
    buffer = io.BytesIO()
    torch.save({"optimizer": checkpoint.optimizer_state, "torch_rng": checkpoint.torch_rng,
                "cuda_rng": checkpoint.cuda_rng}, buffer)
    contents = {"weights": safetensors_bytes({k: v.detach().cpu().contiguous()
                                              for k, v in checkpoint.model_state.items()}),
                "optimizer": buffer.getvalue()}
    names, sha256 = {}, {}
    for kind, data in contents.items():
        digest = _sha(data)
        names[kind] = f"{kind}-{digest[:16]}{Path(FIXED_NAMES[kind]).suffix}"
        sha256[names[kind]] = digest
        atomic_write_bytes(folder / names[kind], data)
    state = {"epoch": checkpoint.epoch, "step": checkpoint.step, "history": checkpoint.history,
             "seconds": checkpoint.seconds, "identity": checkpoint.identity, "files": names, "sha256": sha256}
    atomic_write_text(folder / STATE_FILE, json.dumps(state, indent=1))  # from here on the new checkpoint is the one
    _remove_files(folder, keep={STATE_FILE, *names.values()})


def has_checkpoint(model_dir: Path) -> bool:
    """Whether an epoch of a run into ``model_dir`` completed (its checkpoint's state is written last)."""
    return (checkpoint_dir(model_dir) / STATE_FILE).is_file()


def checkpoint_stamp(model_dir: Path) -> tuple[int, int] | None:
    """Which checkpoint ``model_dir`` holds (None: none): each save writes state.json anew, as a new file, so the
    stamp an earlier run's checkpoint had before a run differs from it once the run has finished an epoch."""
    try:
        stat = (checkpoint_dir(model_dir) / STATE_FILE).stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def load_checkpoint(model_dir: Path, identity: dict[str, Any], hyper_defaults: dict[str, Any] | None = None,
                    ignored: Collection[str] = ()) -> Checkpoint | None:
    """The last complete checkpoint, None when there is none; CheckpointError when it belongs to another run or
    is damaged (the message says to train without --resume or into a new folder). ``hyper_defaults``: the value
    of a hyper-parameter that a checkpoint written before the option existed lacks; ``ignored``: hyper-parameters
    this run's task ignores, which an older release's checkpoint may still hold."""
    if not has_checkpoint(model_dir):
        return None
    folder = checkpoint_dir(model_dir)
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        names = state.get("files", FIXED_NAMES)
        # only a name in the folder: a state naming a path elsewhere reads nothing outside it
        contents = {kind: (folder / Path(names[kind]).name).read_bytes() for kind in FIXED_NAMES}
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise CheckpointError(msg.CHECKPOINT_UNREADABLE.format(folder=folder, error=exc)) from exc
    if state.get("sha256") != {names[kind]: _sha(data) for kind, data in contents.items()}:
        raise CheckpointError(msg.CHECKPOINT_MISMATCH.format(folder=folder))
    differences = _differences(identity, state["identity"], hyper_defaults or {}, ignored)
    if "world_size" in differences:  # the first to mend: with as many processes the steps may agree too
        trained = state["identity"].get("world_size", 1)
        refusal = msg.CHECKPOINT_ONE_PROCESS if trained == 1 else msg.CHECKPOINT_PROCESSES
        raise CheckpointError(refusal.format(folder=folder, trained=trained, count=identity["world_size"],
                                             launch=PROCESSES_LAUNCH.format(count=trained)))
    if differences:
        raise CheckpointError(msg.CHECKPOINT_OTHER_RUN.format(folder=folder, fields=join_items(differences)))
    tensors = torch.load(io.BytesIO(contents["optimizer"]), map_location="cpu", weights_only=True)
    return Checkpoint(state["epoch"], state["step"], state["history"], safetensors_load(contents["weights"]),
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
    (folder / STATE_FILE).unlink(missing_ok=True)  # first: never half a checkpoint
    _remove_files(folder, keep=set())
    try:
        folder.rmdir()
    except OSError:
        pass


def _own_files(folder: Path) -> list[Path]:
    """The files in ``folder`` that a checkpoint's save writes (a link among them: the link, never its target)."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    return [entry for entry in folder.iterdir() if _is_own(entry.name)]


def _is_own(name: str) -> bool:
    """Whether a save writes ``name``: the state, a file of either layout, or a stopped write's temp file of one."""
    target = name[1:].rsplit(".", 2)[0]  # a temp file's ".TARGET.RANDOM.tmp"
    if is_temp_file_of(name, target):
        name = target
    return name == STATE_FILE or name in FIXED_NAMES.values() or _HASH_NAME.fullmatch(name) is not None


def _remove_files(folder: Path, keep: set[str]) -> None:
    """Remove the checkpoint's files in ``folder`` but ``keep``: an earlier save's, a stopped save's orphans."""
    for path in _own_files(folder):
        if path.name not in keep:
            try:
                path.unlink()
            except OSError:  # left for the next save (or the run's end) to remove: the checkpoint is complete
                pass


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
