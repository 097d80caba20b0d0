"""What "Retrain from reviewed cases" starts from, read from the model cards without torch (the window asks before a
run): the learned model in use, fine-tuned (MONAI Label-style) unless the options ask for another network, and so
the input size the dialog offers."""
from __future__ import annotations

from typing import Any, Mapping

from inference.analysis_settings import AnalysisSettings
from inference.model_card import default_card
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
    return (card or default_card(TASKS[task])).input_size[0]
