"""The one place that turns the reader's settings into the models and thresholds an analysis runs with.

The window, ``retina-review analyze``, ``retina-review report`` and the retrain dialog's "current model" all call
``assemble_models``, so they cannot disagree about which model ran or with which thresholds.
"""
from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from pathlib import Path

import torch

from annotations.classes import LesionClass
from inference.analysis_settings import AnalysisSettings
from inference.device import resolve_device
from inference.file_stamps import file_stamps
from inference.lesion_sources import LesionSource, lesion_sources
from inference.loading import LoadedModel, ModelSet, load_model_folder
from inference.model_card import CANDIDATE_TASK, CARD_FILE, TASKS, WEIGHTS_FILE, ModelCard, ModelError, load_card
from inference.registry import ModelRegistry

log = logging.getLogger(__name__)

CLASSICAL_ONLY = "classical"  # an evaluation's --model: no learned model (the classical detector, the ICDR rules)
SHIPPED_DEFAULTS = "defaults"  # an evaluation's --model: every bundled model together, as a fresh install runs them
LESION_TASKS = ("lesion-segmentation", CANDIDATE_TASK)  # the models whose classes the reader's lesion thresholds cut

# The automatic choice's card per (task, the task's installed folders with their files' size and time): finding it
# loads models, too slow to repeat each time the settings dialog asks (on open and on every model choice)
_automatic_cards: dict[tuple, ModelCard | None] = {}

@dataclass
class AnalysisModels:
    models: ModelSet
    device: torch.device


def assemble_models(settings: AnalysisSettings, registry: ModelRegistry | None = None) -> AnalysisModels:
    """The models for ``settings`` on its device, with the reader's threshold overrides applied.

    Raises ModelError for a chosen model that cannot be loaded and DeviceError for an unusable device.
    """
    registry = registry or ModelRegistry()
    device = resolve_device(settings.device)
    if settings.explicit:
        models = registry.load_set(settings.explicit, device, settings.checkpoint_architecture)
        for model in models.all():
            _apply_thresholds(model, settings.thresholds)
    else:
        chosen = {task: model_for_task(task, settings, registry, device) for task in TASKS}
        models = ModelSet({task: model for task, model in chosen.items() if model is not None})
    return AnalysisModels(models, device)


def model_for_task(card_task: str, settings: AnalysisSettings, registry: ModelRegistry | None = None,
                   device: torch.device | str = "cpu") -> LoadedModel | None:
    """The settings' model for the task, else the first installed one that loads (``_first_that_loads``), with the
    reader's thresholds; None when none is installed."""
    registry = registry or ModelRegistry()
    chosen = settings.models.get(card_task, "")
    model = registry.load_model(chosen, device) if chosen else _first_that_loads(card_task, registry, device)
    return _apply_thresholds(model, settings.thresholds) if model is not None else None


def _first_that_loads(card_task: str, registry: ModelRegistry, device: torch.device | str,
                      for_inference: bool = True) -> LoadedModel | None:
    """The first installed model of the task, in search order, that loads: a damaged folder (unreadable card,
    missing or broken weights, weights that do not fit the card) is skipped with a log line. ``for_inference`` as in
    load_model_folder: it changes no choice, every refusal comes before the folding."""
    for entry in registry.entries():
        if entry.card is None or entry.card.task != card_task:
            continue
        try:
            return load_model_folder(entry.path, device, for_inference)
        except ModelError as exc:
            log.warning("skipping model: %s", exc)
    return None


def chosen_card(card_task: str, settings: AnalysisSettings, registry: ModelRegistry | None = None
                ) -> ModelCard | None:
    """The card of the model ``model_for_task`` loads for the task, as it has it before the reader's thresholds (for
    the settings dialog): a chosen model's card is read without its weights, the automatic one is found by loading,
    by the same rule, so one whose weights are broken is passed over here too. None when none is installed or the
    chosen one's card cannot be read."""
    registry = registry or ModelRegistry()
    chosen = settings.models.get(card_task, "")
    if chosen:
        try:
            return load_card(registry.find(chosen))
        except ModelError:
            return None
    key = (card_task, tuple(tuple(file_stamps([entry.path / CARD_FILE, entry.path / WEIGHTS_FILE]))
                            for entry in registry.entries() if entry.card is not None and entry.card.task == card_task))
    if key not in _automatic_cards:
        model = _first_that_loads(card_task, registry, "cpu", for_inference=False)  # unfolded: quicker to build
        _automatic_cards[key] = model.card if model is not None else None
    return copy.deepcopy(_automatic_cards[key])


def planned_lesion_sources(settings: AnalysisSettings, registry: ModelRegistry | None = None
                           ) -> tuple[dict[LesionClass, LesionSource], dict[LesionClass, LesionSource]]:
    """Per lesion class what draws it with the settings' models (inference.lesion_sources, from their cards): on
    photos too small for the candidates model, and on photos large enough for it (the same without one)."""
    segmentation = chosen_card("lesion-segmentation", settings, registry)
    candidates = chosen_card(CANDIDATE_TASK, settings, registry)
    return lesion_sources(segmentation), lesion_sources(segmentation, candidates)


def _apply_thresholds(model: LoadedModel, thresholds: dict[str, float]) -> LoadedModel:
    """Thresholds the reader set override a lesion model's own (a segmentation or a candidates model's), class by
    class: the reader's MA threshold cuts MA whichever model draws it."""
    if model.card.task in LESION_TASKS:
        for name, threshold in thresholds.items():
            if name in model.card.classes and threshold >= 0:
                model.card.thresholds[name] = float(threshold)
    return model


def evaluation_models(model: str, device: torch.device | str = "cpu") -> ModelSet:
    """The models an evaluation names: CLASSICAL_ONLY (none), SHIPPED_DEFAULTS (the bundled set) or one model folder
    or name alone. Evaluations score named models, not the reader's settings."""
    if model == CLASSICAL_ONLY:
        return ModelSet()
    if model == SHIPPED_DEFAULTS:
        return ModelRegistry.bundled().load_set((), device)
    return ModelSet.from_models([ModelRegistry().load_model(model, device)])
