"""Fine-tuning from an installed model (``train --init-from MODEL_DIR``, MONAI Label-style): the new run keeps that
model's network (architecture, encoder, decoder, classes, preprocessing, averaged views) and starts from its
weights."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from torch import nn

from inference.loading import load_model_folder
from inference.model_card import ModelCard, load_card
from inference.training import messages as msg


def network_of(card: ModelCard, folder: Path, encoder: str | None, clahe: bool = False,
               ben_graham: bool = False) -> ModelCard:
    """``card`` with the network of the model in ``folder``; ValueError when it is another task's model, or the
    run asks for another encoder or for preprocessing (``clahe``, ``ben_graham``) that model does not do: its own
    preprocessing is kept, so the card would record what neither training nor inference does."""
    base = load_card(folder)
    if base.task != card.task:
        raise ValueError(msg.INIT_FROM_TASK.format(folder=folder, task=base.task, wanted=card.task))
    if encoder and encoder != base.encoder:
        raise ValueError(msg.INIT_FROM_ENCODER.format(folder=folder, encoder=base.encoder, wanted=encoder))
    for option, asked, done in (("--clahe", clahe, base.preprocessing.clahe),
                                ("--ben-graham", ben_graham, base.preprocessing.ben_graham)):
        if asked and not done:
            raise ValueError(msg.INIT_FROM_PREPROCESSING.format(folder=folder, option=option))
    return replace(card, architecture=base.architecture, encoder=base.encoder, decoder_channels=base.decoder_channels,
                   classes=list(base.classes), input_size=base.input_size, preprocessing=base.preprocessing,
                   normalisation=base.normalisation, averaged_views=list(base.averaged_views))


def load_initial_weights(model: nn.Module, folder: Path) -> dict[str, Any]:
    """Copy the weights of the model in ``folder`` into ``model`` (checked like any model load: card, sha256,
    tensors only); ValueError naming the first tensor that does not fit. What the card records about it."""
    source = load_model_folder(folder)
    state = source.module.state_dict()
    own = model.state_dict()
    wrong = sorted((set(own) ^ set(state)) | {k for k in set(own) & set(state) if own[k].shape != state[k].shape})
    if wrong:
        raise ValueError(msg.INIT_FROM_WEIGHTS.format(folder=folder, count=len(wrong), first=wrong[0]))
    model.load_state_dict({key: value.to(own[key].dtype) for key, value in state.items()})
    return {"folder": str(Path(folder).resolve()), "model": source.card.name, "version": source.card.version,
            "sha256": source.card.sha256}
