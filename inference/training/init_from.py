"""Fine-tuning from an installed model (``train --init-from MODEL_DIR``, MONAI Label-style): the new run keeps that
model's network (architecture, encoder, decoder, classes, preprocessing, averaged views), starts from its weights, and
keeps its per-class source decisions (``INHERITED``), so using the new model changes no class's source unasked, and
its thresholds where the new run's validation split cannot tune them (``untuned_thresholds``).

Its member networks (``class_members``: another network's map drawing a class) are not carried over: each was chosen
and its levels mapped for that model's network on its validation photos, not for the fine-tuned one; the fine-tuned
model draws every class itself, and its card (``members_dropped``) and the retrain's notes say which were dropped."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from torch import nn

from annotations.wording import join_items
from inference.loading import load_model_folder
from inference.model_card import ModelCard, load_card
from inference.training import messages as msg

# A lesion card's per-class decisions, made when it shipped (ship_pixels: on validation photos, or by choice for a
# reason measured elsewhere, metrics.kept_classical): the classes the classical detector draws and the speck sizes.
# The fine-tuned card keeps them (training.init_from says so) until ship_pixels chooses again on the new model.
INHERITED = ("classical_classes", "min_component_pixels")


def network_of(card: ModelCard, folder: Path, encoder: str | None, clahe: bool = False,
               ben_graham: bool = False, size: int | None = None) -> ModelCard:
    """``card`` with the network, the source decisions (INHERITED) and the thresholds (until the run tunes its own)
    of the model in ``folder``, at input side ``size`` (None: that model's); ValueError when it is another task's
    model, or the run asks for another encoder or for preprocessing (``clahe``, ``ben_graham``) that model does not
    do: its own preprocessing is kept, so the card would record what neither training nor inference does."""
    base = load_card(folder)
    if base.task != card.task:
        raise ValueError(msg.INIT_FROM_TASK.format(folder=folder, task=base.task, wanted=card.task))
    if encoder and encoder != base.encoder:
        raise ValueError(msg.INIT_FROM_ENCODER.format(folder=folder, encoder=base.encoder, wanted=encoder))
    for option, asked, done in (("--clahe", clahe, base.preprocessing.clahe),
                                ("--ben-graham", ben_graham, base.preprocessing.ben_graham)):
        if asked and not done:
            raise ValueError(msg.INIT_FROM_PREPROCESSING.format(folder=folder, option=option))
    input_size = (size, size) if size else base.input_size
    return replace(card, architecture=base.architecture, encoder=base.encoder, decoder_channels=base.decoder_channels,
                   classes=list(base.classes), input_size=input_size, preprocessing=base.preprocessing,
                   normalisation=base.normalisation, averaged_views=list(base.averaged_views),
                   # a gate model's thresholds apply to candidate means, not to pixels: the new model's start at 0.5
                   thresholds=dict(base.thresholds) if base.mask_mode == card.mask_mode else {},
                   classical_classes=list(base.classical_classes),
                   min_component_pixels=_scaled_specks(base, input_size))


def _scaled_specks(base: ModelCard, input_size: tuple[int, int]) -> dict[str, int]:
    """The base card's speck sizes (model pixels) at ``input_size``: regions of the same share of the photo (the
    window may retrain at another size). Rounded up: segmentation drops a region of area < size, and for a whole
    area "< 4.5" is "< 5"; a size of 1 or less drops nothing."""
    new_area, old_area = input_size[0] * input_size[1], base.input_size[0] * base.input_size[1]
    return {name: scaled for name, pixels in base.min_component_pixels.items()
            if (scaled := -(-pixels * new_area // old_area)) > 1}


def load_initial_weights(model: nn.Module, folder: Path, card: ModelCard) -> dict[str, Any]:
    """Copy the weights of the model in ``folder`` into ``model`` (checked like any model load: card, sha256,
    tensors only); ValueError naming the first tensor that does not fit. What ``card`` (the new one, network_of's)
    records about it: the model, which of its source decisions the new card holds (``inherited``), why a class
    was kept classical by choice (``kept_classical``: the base's, measured or inherited itself) and the member
    networks the new model does without (``members_dropped``: class -> member folder)."""
    source = load_model_folder(folder)
    state = source.module.state_dict()
    own = model.state_dict()
    wrong = sorted((set(own) ^ set(state)) | {k for k in set(own) & set(state) if own[k].shape != state[k].shape})
    if wrong:
        raise ValueError(msg.INIT_FROM_WEIGHTS.format(folder=folder, count=len(wrong), first=wrong[0]))
    model.load_state_dict({key: value.to(own[key].dtype) for key, value in state.items()})
    base = source.card
    record = {"folder": str(Path(folder).resolve()), "model": base.name, "version": base.version,
              "sha256": base.sha256}
    if inherited := [name for name in INHERITED if getattr(card, name)]:  # a speck size may scale down to nothing
        record["inherited"] = inherited
    if kept := base.metrics.get("kept_classical") or (base.training.get("init_from") or {}).get("kept_classical"):
        record["kept_classical"] = kept
    if base.class_members:
        record["members_dropped"] = dict(base.class_members)
    return record


def untuned_thresholds(card: ModelCard, tuned: Mapping[str, float]) -> list[str]:
    """The classes whose threshold on ``card`` is still its base model's (network_of copied them): those the run's
    validation split did not tune (``tuned``), in the card's class order. None on a card trained from scratch."""
    return [name for name in card.classes if name in card.thresholds and name not in tuned]


def dropped_members_note(card: ModelCard) -> str:
    """What the fine-tuned model's card says of its base's member networks it does without ("" when none)."""
    record = card.training.get("init_from") or {}
    dropped = record.get("members_dropped") or {}
    if not dropped:
        return ""
    return msg.MEMBERS_DROPPED.format(model=record["model"], classes=join_items(dropped),
                                      members=join_items(sorted(set(dropped.values()))))


def without_inherited(record: dict[str, Any]) -> dict[str, Any]:
    """A training.init_from record once ship_pixels chose the sources on the fine-tuned model itself."""
    return {key: value for key, value in record.items() if key not in ("inherited", "kept_classical")}
