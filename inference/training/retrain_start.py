"""What "Retrain from reviewed cases" starts from, read from the model cards without torch (the window asks before a
run): the learned model in use, fine-tuned (MONAI Label-style) unless the options ask for another network, and so
the input size the dialog offers and the crops a large one trains on."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from inference.analysis_settings import AnalysisSettings
from inference.model_card import SEGMENTATION_TASKS, default_card, load_card
from inference.model_plan import chosen_card
from inference.registry import ModelRegistry
from inference.training.config import TASKS


def fine_tunes(training: Mapping[str, Any]) -> bool:
    """Whether a run with these further TrainConfig fields fine-tunes the model in use (when there is one): a named
    encoder is another network, trained from its pretrained start."""
    return "encoder" not in training


def offered_input_size(task: str, settings: AnalysisSettings, training: Mapping[str, Any],
                       registry: ModelRegistry | None = None) -> int:
    """The input side the dialog offers for ``task``: the model in use's when the run fine-tunes it, so it goes on
    seeing photos as finely as it learned to (the shipped lesion model 1536 px, the task's default 640 px); else
    the task's default."""
    card = chosen_card(TASKS[task], settings, registry) if fine_tunes(training) else None
    return card.input_size[0] if card is not None else default_side(task)


def training_crop(task: str, size: int | None, start: Path | None) -> int | None:
    """The crop side a segmentation retrain at an input larger than the task's default trains on (``size``: the
    run's, else the side of ``start``, the model fine-tuned, else the default): the default's side, so a step costs
    what one of the default did while the model keeps its resolution. Whole 1536-px images took 28 s a step and 9 GB
    at batch 4 on 2 CPU cores, 640-px ones 2.6 s and 2.5 GB. None: the trainer's own, the input side (whole images;
    a tiled run's, twice as large, cut to it: so tiled needs no crop here)."""
    if TASKS[task] not in SEGMENTATION_TASKS:
        return None
    default = default_side(task)
    side = size or (load_card(start).input_size[0] if start is not None else default)
    return default if side > default else None


def default_side(task: str) -> int:
    """The input side of a model trained for ``task`` (a command-line word) from no model of its own."""
    return default_card(TASKS[task]).input_size[0]
