"""Loading weights without ever unpickling arbitrary objects.

Model folders hold safetensors (plain tensors, no code). Plain PyTorch state-dict checkpoints, as published DR
segmentation projects saved them, are read with ``torch.load(weights_only=True)``, which refuses any pickle that
would construct something other than tensors and containers; the architecture comes from the user.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file
from torch import nn

from annotations.wording import join_clauses
from inference import messages as msg
from inference.batch_norm_folding import fold_batch_norms
from inference.device import is_memory_shortage
from inference.model_card import (BACKGROUND, SEGMENTATION_TASKS, WEIGHTS_FILE, ModelCard, ModelError,
                                  checked_cards, file_sha256)
from inference.models import build_model
from inference.upsampling_folding import fold_decoder_upsampling

LESION_NAMES = ["MA", "HE", "EX", "SE"]
CHECKPOINT_SUFFIXES = (".pth", ".pt", ".ckpt", ".bin")
CHECKPOINT_TASK = "lesion-segmentation"  # a plain checkpoint's: it has no card to say another


@dataclass
class LoadedModel:
    module: nn.Module
    card: ModelCard
    path: Path
    members: dict[str, "LoadedModel"] = field(default_factory=dict)  # sub-folder -> network (card class_members)

    @property
    def device(self) -> torch.device:
        return next(self.module.parameters()).device

    def to(self, device: torch.device | str) -> "LoadedModel":
        """Move to ``device`` in channels_last layout, which oneDNN and cuDNN convolutions run fastest."""
        self.module.to(device=device, memory_format=torch.channels_last)
        for member in self.members.values():
            member.to(device)
        return self


@dataclass
class ModelSet:
    """At most one model per task; what a pipeline run uses."""

    models: dict[str, LoadedModel] = field(default_factory=dict)  # task -> model

    @classmethod
    def from_models(cls, models: Sequence[LoadedModel]) -> "ModelSet":
        chosen: dict[str, LoadedModel] = {}
        for model in models:
            if model.card.task in chosen:
                raise ModelError(model.path, msg.SECOND_MODEL.format(task=repr(model.card.task),
                                                                     path=chosen[model.card.task].path),
                                 msg.ONE_PER_TASK)
            chosen[model.card.task] = model
        return cls(chosen)

    def get(self, task: str) -> LoadedModel | None:
        """The model for ``task``; a model of another task put in this slot (a settings mistake) is refused here,
        where every use passes, rather than run as if it did this task."""
        model = self.models.get(task)
        if model is not None and model.card.task != task:
            raise ModelError(model.path, msg.WRONG_TASK.format(actual=repr(model.card.task), task=repr(task)),
                             msg.CHOOSE_IN_SETTINGS.format(task=task))
        return model

    def all(self) -> list[LoadedModel]:
        return list(self.models.values())

    @property
    def is_empty(self) -> bool:
        return not self.models

    def to(self, device: torch.device | str) -> "ModelSet":
        for model in self.models.values():
            model.to(device)
        return self


def load_model_folder(folder: str | os.PathLike, device: torch.device | str = "cpu", for_inference: bool = False
                      ) -> LoadedModel:
    """Card, checksum, tensors, shapes: each checked, each refusal naming the file and the fix; the folder's members
    (card ``class_members``) loaded with it. ``for_inference``: batch norms folded into the convolutions and U-Net
    decoders' upsampling into the layer after it (faster; the module's state dict then no longer matches the file's,
    so fine-tuning loads without it)."""
    folder = Path(folder)
    card, member_cards = checked_cards(folder)
    members = {name: LoadedModel(_folder_module(folder / name, member, for_inference), member, folder / name)
               for name, member in member_cards.items()}
    return LoadedModel(_folder_module(folder, card, for_inference), card, folder, members).to(device)


def _folder_module(folder: Path, card: ModelCard, for_inference: bool) -> nn.Module:
    weights = folder / WEIGHTS_FILE
    try:
        state = load_file(str(weights), device="cpu")
    except (SafetensorError, OSError, ValueError) as exc:
        raise ModelError(weights, msg.CANNOT_READ_WEIGHTS.format(error=exc), msg.COPY_AGAIN) from exc
    return _module_with_weights(card, state, weights, for_inference)


def load_checkpoint(path: str | os.PathLike, architecture: str, device: torch.device | str = "cpu",
                    classes: Sequence[str] | None = None, input_size: tuple[int, int] = (512, 512),
                    activation: str | None = None, for_inference: bool = False) -> LoadedModel:
    """A plain smp state-dict checkpoint; ``architecture`` is ``"unet:resnet34"`` style (architecture:encoder);
    ``for_inference`` as in load_model_folder."""
    path = Path(path)
    state = read_state_dict(path)
    arch, encoder = parse_architecture(architecture, path)
    out_channels = _segmentation_out_channels(state, path)
    names, default_activation = _checkpoint_classes(out_channels, classes, path)
    card = ModelCard(name=path.stem, task=CHECKPOINT_TASK, architecture=arch, encoder=encoder,
                     classes=names, activation=activation or default_activation, input_size=tuple(input_size),
                     sha256=file_sha256(path), limits="plain checkpoint: no card, training data unknown",
                     training={"source": str(path)})
    card.validate(path)
    return LoadedModel(_module_with_weights(card, state, path, for_inference), card, path).to(device)


def read_state_dict(path: Path) -> dict[str, torch.Tensor]:
    """Tensors only, via weights_only unpickling; unwraps ``{"state_dict": ...}`` and DataParallel's ``module.``."""
    if not path.is_file():
        raise ModelError(path, msg.CHECKPOINT_NOT_FOUND, msg.CHECK_PATH)
    try:
        data: Any = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise ModelError(path, msg.PICKLED, msg.EXPORT_STATE_DICT) from exc
    except (RuntimeError, EOFError, OSError, ValueError) as exc:
        if is_memory_shortage(exc):  # torch's CPU allocator failing: the machine's, not a damaged file
            raise
        raise ModelError(path, msg.UNREADABLE_CHECKPOINT.format(error=exc), msg.CHECK_COMPLETE) from exc
    for key in ("state_dict", "model_state_dict", "model", "net"):
        if isinstance(data, Mapping) and isinstance(data.get(key), Mapping):
            data = data[key]
            break
    if not isinstance(data, Mapping) or not data:
        raise ModelError(path, msg.NO_STATE_DICT, msg.SAVE_STATE_DICT)
    state = {}
    for key, value in data.items():
        if not isinstance(value, torch.Tensor):
            raise ModelError(path, msg.NOT_A_TENSOR.format(key=repr(key)), msg.SAVE_STATE_DICT_ONLY)
        state[key.removeprefix("module.")] = value
    return state


def parse_architecture(spec: str, source: str | os.PathLike) -> tuple[str, str]:
    arch, sep, encoder = spec.partition(":")
    arch = arch.strip().lower().replace("++", "plusplus").replace("_", "").replace("-", "")
    if not sep or not encoder or arch not in ("unet", "unetplusplus", "manet"):
        raise ModelError(source, msg.ARCH_NOT_UNDERSTOOD.format(spec=repr(spec)), msg.GIVE_ARCH)
    return arch, encoder.strip()


def _segmentation_out_channels(state: Mapping[str, torch.Tensor], path: Path) -> int:
    heads = [value for key, value in state.items() if key.startswith("segmentation_head.") and key.endswith("weight")]
    if not heads:
        raise ModelError(path, msg.NO_SEGMENTATION_HEAD, msg.ONLY_SMP)
    return int(heads[0].shape[0])


def _checkpoint_classes(channels: int, classes: Sequence[str] | None, path: Path) -> tuple[list[str], str]:
    if classes:
        names = list(classes)
        if len(names) != channels:
            raise ModelError(path, msg.CLASS_COUNT.format(count=len(names), channels=channels),
                             msg.ONE_NAME_PER_CHANNEL)
        return names, "softmax" if names[0] == BACKGROUND else "sigmoid"
    if channels == len(LESION_NAMES) + 1:
        return [BACKGROUND, *LESION_NAMES], "softmax"
    if channels == len(LESION_NAMES):
        return list(LESION_NAMES), "sigmoid"
    raise ModelError(path, msg.CANNOT_GUESS_CLASSES.format(channels=channels), msg.GIVE_CLASS_NAMES)


def _module_with_weights(card: ModelCard, state: Mapping[str, torch.Tensor], source: Path, for_inference: bool
                         ) -> nn.Module:
    model = build_model(card)
    expected = model.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    wrong = [f"{key} {tuple(state[key].shape)} vs {tuple(value.shape)}" for key, value in expected.items()
             if key in state and state[key].shape != value.shape]
    if missing or unexpected or wrong:
        details = []
        if wrong:
            details.append(msg.WRONG_SHAPES.format(count=len(wrong), first=wrong[0]))
        if missing:
            details.append(msg.MISSING_TENSORS.format(count=len(missing), first=missing[0]))
        if unexpected:
            details.append(msg.UNEXPECTED_TENSORS.format(count=len(unexpected), first=unexpected[0]))
        segmentation, classifier = msg.NETWORK_KINDS
        kind = segmentation if card.task in SEGMENTATION_TASKS else classifier
        raise ModelError(source, msg.WEIGHTS_DO_NOT_FIT.format(
            architecture=card.architecture, kind=kind, encoder=card.encoder, classes=card.output_channels,
            details=join_clauses(details)), msg.CHECK_ARCHITECTURE)
    model.load_state_dict(state, strict=True)
    return fold_decoder_upsampling(fold_batch_norms(model.eval())) if for_inference else model.eval()
