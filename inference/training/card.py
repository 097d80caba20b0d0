"""The model card of a training run: the network it builds before training, and what it records afterwards
(data, split, licence, hyper-parameters, seed, metrics on the held-out split; sha256 is filled on save)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.wording import join_items
from inference.dataset import SPLITS_FOLDER, DatasetIndex, Sample, licence_lines
from inference.evaluation import held_out
from inference.model_card import BACKGROUND, ModelCard, default_card
from inference.training import messages as msg
from inference.training.config import TrainConfig
from inference.training.init_from import network_of, untuned_thresholds

TUNED = "best Dice on the validation split"  # training.thresholds: how the trainer chose them (tune_thresholds)


def initial_card(config: TrainConfig, train_samples: list[Sample]) -> ModelCard:
    """The task's shipped configuration with the run's choices; a segmentation card lists only the lesion classes
    the training data labels (a box set without microaneurysms must not claim to find them)."""
    card = default_card(config.card_task, config.name or config.out.name)
    changes: dict[str, Any] = {}
    if config.encoder:
        changes["encoder"] = config.encoder
    if config.size:
        changes["input_size"] = (config.size, config.size)
    if config.ben_graham or config.clahe:  # no task's default card has either
        changes["preprocessing"] = replace(card.preprocessing, ben_graham=config.ben_graham, clahe=config.clahe)
    if config.is_segmentation:
        changes["architecture"] = config.arch
        if config.card_task == "lesion-segmentation":  # the disc model keeps its one class, OD
            changes["classes"] = [BACKGROUND, *segmentation_classes(train_samples)]
        if config.decoder_channels:
            changes["decoder_channels"] = list(config.decoder_channels)
    card = replace(card, **changes)
    if config.init_from is not None:  # the installed model's network, whatever the defaults say
        card = network_of(card, config.init_from, config.encoder, config.clahe, config.ben_graham, config.size)
    card.validate(config.out)
    return card


def segmentation_classes(samples: list[Sample]) -> list[str]:
    """Lesion classes with a mask file or a box in ``samples``, in the canonical order MA, HE, EX, SE, then OD when
    some sample has a pixel mask of the disc (a disc learned from boxes overstates its size: a separate model)."""
    found = set()
    for sample in samples:
        found.update(sample.mask_files)
        found.update(box.label for box in sample.boxes or [])
    names = [cls.name for cls in LESION_CLASSES if cls in found]
    if not names:
        raise ValueError(msg.NO_LESION_LABELS)
    if any(LesionClass.OD in sample.mask_files for sample in samples):
        names.append(LesionClass.OD.name)
    return names


def finish_card(card: ModelCard, config: TrainConfig, index: DatasetIndex, metrics: dict[str, Any],
                history: list[dict[str, Any]], seconds: float, steps: int, device: str,
                tuned: Mapping[str, float], learned_from: int) -> ModelCard:
    """``card`` with what the run did; ``tuned``: the thresholds the validation split chose (the others on the card
    are its base's); ``learned_from``: the train split's images the run learned from (those with the task's labels:
    a photo graded and not annotated is no lesion model's)."""
    licence = [config.licence] if config.licence else licence_lines(index.root)
    split_name = metrics.get("split", "test")
    _, scored_on = held_out(index, split_name)  # "all" (no val or test split): every sample, not an empty list
    card.training = {
        "data": config.data_origin or str(index.root.resolve()),
        "licence": licence or ["unknown: pass --licence when training"],
        "split": {"source": _split_source(config, index), "sizes": {k: len(v) for k, v in index.splits.items()},
                  "learned_from": learned_from,
                  "held_out": split_name, "held_out_names": sorted(sample.name for sample in scored_on)},
        "hyper_parameters": _hyper_parameters(config, card),
        "seed": config.seed,
        "thresholds": _threshold_choice(card, tuned),
        "command": config.command,
        "epochs": len(history),
        "steps": steps,
        "seconds": round(seconds, 1),
        "device": device,
        "history": history,
        "notes": index.notes,
    }
    card.metrics = metrics
    card.limits = card.limits or data_limits(config)
    return card


def _hyper_parameters(config: TrainConfig, card: ModelCard) -> dict[str, Any]:
    """The run's hyper-parameters, its preprocessing flags as the card does them: a fine-tuned model keeps its base's
    preprocessing (init_from.network_of), which the options left out said nothing of; the card said
    `preprocessing.ben_graham: true` beside `hyper_parameters.ben_graham: false`."""
    hyper = config.hyper_parameters()
    for flag in ("clahe", "ben_graham"):  # the options (TrainConfig) that turn a preprocessing step on
        if flag in hyper:
            hyper[flag] = getattr(card.preprocessing, flag)
    return hyper


def _split_source(config: TrainConfig, index: DatasetIndex) -> str:
    """Where the split came from; a scratch copy's split lists (``data_origin``: retraining's export, removed once
    the person chose) by their place in the export of the folder it came from, not by a path gone with it."""
    folder = index.split_dir
    if not config.data_origin or folder is None or not folder.is_relative_to(index.root):
        return index.split_source
    return f"{SPLITS_FOLDER} {folder.relative_to(index.root).as_posix()} of the export of {config.data_origin}"


def _threshold_choice(card: ModelCard, tuned: Mapping[str, float]) -> str:
    """How the card's thresholds were chosen, as training.thresholds records it: naming the classes of each way
    where a fine-tuned model tuned some and kept its base's for the others (training.init_from names that model)."""
    kept = untuned_thresholds(card, tuned)
    if not kept:
        return TUNED if card.thresholds else "default 0.5"
    inherited = f"the --init-from model's for {join_items(kept)}"
    chosen = [name for name in card.classes if name in tuned]
    return f"{TUNED} for {join_items(chosen)}; {inherited}" if tuned else inherited


def data_limits(config: TrainConfig) -> str:
    """A new model's limits, as its card says them (the About dialog shows them): the data it learned from."""
    text = (f"Trained on {config.data_name or config.data.name} only; check the metrics' split and the data "
            "licence before clinical use.")
    if config.is_segmentation and config.box_mode == "weak":
        text += " Images labelled by boxes taught where lesions are not" + (
            ", and that each box holds its class." if config.box_factor > 0 else ".")
    return text
