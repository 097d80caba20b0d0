"""The one place that turns the reader's settings into the models and thresholds an analysis runs with.

The window, ``retina-review analyze``, ``retina-review report`` and the retrain dialog's "current model" all call
``assemble_models``, so they cannot disagree about which model ran or with which thresholds.
"""
from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, replace
from typing import Sequence

import torch

from inference.analysis_settings import AnalysisSettings
from inference.device import resolve_device
from inference.lesion_sources import candidate_class, candidates_draw, drawing_card
from inference.loading import CHECKPOINT_TASK, LoadedModel, ModelSet, load_model_folder
from inference.model_card import CANDIDATE_TASKS, SEGMENTATION_TASKS, TASKS, ModelCard, ModelError, load_card
from inference.pipeline_models import CLASSICAL_ONLY, SHIPPED_DEFAULTS
from inference.registry import ModelRegistry

log = logging.getLogger(__name__)

LESION_TASKS = ("lesion-segmentation", *CANDIDATE_TASKS)  # the models whose classes the reader's lesion thresholds cut
DRAWING_TASKS = (*sorted(SEGMENTATION_TASKS), *CANDIDATE_TASKS)  # the models drawing the lesion mask and the disc


@dataclass
class AnalysisModels:
    models: ModelSet
    device: torch.device


def assemble_models(settings: AnalysisSettings, registry: ModelRegistry | None = None) -> AnalysisModels:
    """The models for ``settings`` on its device, with the reader's threshold overrides applied.

    Raises ModelError for a chosen model that cannot be loaded and DeviceError for an unusable device.
    """
    return with_reader_thresholds(load_models(settings, registry), settings)


def load_models(settings: AnalysisSettings, registry: ModelRegistry | None = None,
                tasks: Sequence[str] = TASKS) -> AnalysisModels:
    """The models of ``tasks`` for ``settings`` on its device with their cards' own thresholds: the weights, which
    the reader's thresholds do not change (the window keeps them across threshold changes: inference.model_cache)."""
    registry = registry or ModelRegistry()
    device = resolve_device(settings.device)
    if settings.explicit:
        named = [name for name in settings.explicit if _named_task(name, registry) in tasks]
        models = registry.load_set(named, device, settings.checkpoint_architecture)
    else:
        chosen = {task: _model_for_task(task, settings, registry, device) for task in tasks}
        models = ModelSet({task: model for task, model in chosen.items() if model is not None})
    return AnalysisModels(models, device)


def no_models(settings: AnalysisSettings) -> AnalysisModels:
    """None of the models, on the settings' device: for a scan whose analysis runs none (model_plan.loads_models)."""
    return AnalysisModels(ModelSet(), resolve_device(settings.device))


def lesion_models(settings: AnalysisSettings, registry: ModelRegistry | None = None) -> AnalysisModels:
    """``load_models`` for what draws the lesion mask and the disc only: a classifier (grade, referable, lesions
    present, OCT) that cannot load does not stop it, and the pipeline runs none of them nor their heat maps."""
    return load_models(settings, registry, DRAWING_TASKS)


def _named_task(name: str, registry: ModelRegistry) -> str:
    """The task of a model named with --model, from its card (a plain checkpoint has none: a lesion model), so a
    model of a task not asked for is never loaded: its weights may be broken."""
    path = registry.find(name)
    return load_card(path).task if path.is_dir() else CHECKPOINT_TASK


def with_reader_thresholds(loaded: AnalysisModels, settings: AnalysisSettings) -> AnalysisModels:
    """``loaded`` with the reader's thresholds: the same weights (modules shared, not copied) under copies of the
    cards, so the models kept for the next analysis keep their cards' own thresholds; the candidates models' cards as
    they draw beside the lesion model among them (``as_drawn``), before the reader's thresholds cut them."""
    models = {task: _apply_thresholds(model, settings) for task, model in as_drawn(loaded.models).models.items()}
    return AnalysisModels(ModelSet(models), loaded.device)


def as_drawn(models: ModelSet) -> ModelSet:
    """``models`` under copies of their cards (modules shared), each candidates model's as it draws beside the lesion
    model among them: one that cannot average with it draws alone where it can (inference.lesion_sources.
    drawing_card)."""
    lesion_model = models.models.get("lesion-segmentation")
    segmentation = lesion_model.card if lesion_model is not None else None

    def card(model: LoadedModel) -> ModelCard:
        copied = copy.deepcopy(model.card)
        return drawing_card(copied, segmentation) if copied.task in CANDIDATE_TASKS else copied

    return ModelSet({task: replace(model, card=card(model)) for task, model in models.models.items()})


def model_for_task(card_task: str, settings: AnalysisSettings, registry: ModelRegistry | None = None,
                   device: torch.device | str = "cpu") -> LoadedModel | None:
    """The settings' model for the task, else the first installed one that loads (``_first_that_loads``), with the
    reader's thresholds; None when none is installed."""
    model = _model_for_task(card_task, settings, registry or ModelRegistry(), device)
    return _apply_thresholds(model, settings) if model is not None else None


def _model_for_task(card_task: str, settings: AnalysisSettings, registry: ModelRegistry,
                    device: torch.device | str) -> LoadedModel | None:
    chosen = settings.models.get(card_task, "")
    return registry.load_model(chosen, device) if chosen else _first_that_loads(card_task, registry, device)


def _first_that_loads(card_task: str, registry: ModelRegistry, device: torch.device | str) -> LoadedModel | None:
    """The first installed model of the task, in search order, that loads: a damaged folder (unreadable card,
    missing or broken weights, weights that do not fit the card) is skipped with a log line. The settings dialog
    names it from the cards by the same rule (inference.model_plan.chosen_card)."""
    for entry in registry.entries():
        if entry.card is None or entry.card.task != card_task:
            continue
        try:
            return load_model_folder(entry.path, device, for_inference=True)
        except ModelError as exc:
            log.warning("skipping model: %s", exc)
    return None


def _apply_thresholds(model: LoadedModel, settings: AnalysisSettings) -> LoadedModel:
    """Thresholds the reader set override a lesion model's own (a segmentation or a candidates model's)."""
    if model.card.task in LESION_TASKS:
        settings.apply_reader_thresholds(model.card)
    return model


def evaluation_models(model: str, device: torch.device | str = "cpu") -> ModelSet:
    """The models an evaluation names: CLASSICAL_ONLY (none), SHIPPED_DEFAULTS (the bundled set) or one model folder
    or name alone. Evaluations score named models, not the reader's settings."""
    if model == CLASSICAL_ONLY:
        return ModelSet()
    if model == SHIPPED_DEFAULTS:
        models = ModelRegistry.bundled().load_set((), device)
    else:
        models = as_drawn(ModelSet.from_models([ModelRegistry().load_model(model, device)]))
    refuse_idle_candidates(models)
    return models


def refuse_idle_candidates(models: ModelSet) -> None:
    """Raise ValueError for a candidates model that would not draw among ``models`` (a blending one without its
    partner that cannot draw alone either: inference.lesion_sources.drawing_card, candidates_draw): its class's
    figures would silently be another source's."""
    lesion_model = models.models.get("lesion-segmentation")
    segmentation = lesion_model.card if lesion_model else None
    for task in CANDIDATE_TASKS:
        model = models.models.get(task)
        if model is not None and not candidates_draw(drawing_card(model.card, segmentation), segmentation):
            name, partner, cls = model.card.name, model.card.blend_with, candidate_class(model.card).name
            raise ValueError(f"{model.path}: {name} draws {cls} only averaged with {partner} (its card's blend_with); "
                             f"evaluated without {partner} it draws nothing, so the {cls} figures would not be its "
                             f"own: --model {SHIPPED_DEFAULTS} evaluates the shipped models together, as the program "
                             "runs them")
