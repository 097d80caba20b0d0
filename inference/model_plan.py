"""Which models an analysis with the reader's settings would run, read from the model folders without loading them
(no torch): what the settings dialog shows, and whether a stored result was made by the models installed now and
cut at the thresholds the reader sets now.

The automatic choice of a task is the first installed model whose card reads and whose weights match the card's
checksum: the checks the loader makes before reading tensors (inference.model_card.checked_card), so a model with
damaged weights is passed over here as the analysis passes over it.
"""
from __future__ import annotations

import copy
import logging
from typing import Any, Callable, Iterable, Mapping, Sequence

from annotations.classes import LesionClass
from annotations.document import Modality
from inference.analysis_settings import AnalysisSettings
from inference.file_stamps import file_stamps
from inference.lesion_candidates.scale import candidates_run_on
from inference.lesion_sources import LesionSource, candidate_class, candidates_draw, drawing_card, lesion_sources
from inference.model_card import CANDIDATE_TASKS, TASKS, ModelCard, ModelError, checked_card, load_card, model_files
from inference.registry import ModelRegistry

log = logging.getLogger(__name__)

THRESHOLD_TOLERANCE = 1e-6  # thresholds this close cut the same mask (a float written to JSON and read back)
OCT_TASKS = frozenset({"oct"})  # what an OCT scan's analysis runs; a fundus photo's runs the other tasks

# The automatic choice's card per (task, the stamps of the task's installed cards and weights): checking
# the weights' checksum reads every model file, too slow to repeat on each dialog open and each model choice.
_automatic_cards: dict[tuple, ModelCard | None] = {}


def chosen_card(card_task: str, settings: AnalysisSettings, registry: ModelRegistry | None = None
                ) -> ModelCard | None:
    """The card of the model the analysis loads for the task, before the reader's thresholds: a chosen model's card,
    else the automatic choice's. None when none is installed or the chosen one's card cannot be read."""
    registry = registry or ModelRegistry()
    chosen = settings.models.get(card_task, "")
    if chosen:
        try:
            return load_card(registry.find(chosen))
        except ModelError:
            return None
    entries = [entry for entry in registry.entries() if entry.card is not None and entry.card.task == card_task]
    key = (card_task, tuple(tuple(file_stamps(model_files(entry.path, entry.card))) for entry in entries))
    if key not in _automatic_cards:
        _automatic_cards[key] = _first_sound_card(entry.path for entry in entries)
    return copy.deepcopy(_automatic_cards[key])


def loads_models(modality: Modality, settings: AnalysisSettings, registry: ModelRegistry | None = None) -> bool:
    """Whether the analysis of a scan of ``modality`` loads the settings' models: a photo's does (the classical
    detector stands in for a lesion model not installed); an OCT scan's runs an OCT model alone, and without one (none
    ships) its quality check alone, which needs none (loading the photos' models for it took 15 s, for nothing)."""
    if modality is not Modality.OCT or settings.explicit or settings.models.get("oct"):
        return True  # a model named or chosen that does not load is said so by the load
    return chosen_card("oct", settings, registry) is not None


def any_loads_models(modalities: Iterable[Modality], settings: AnalysisSettings,
                     registry: ModelRegistry | None = None) -> bool:
    """Whether a run over scans of ``modalities`` loads the settings' models (loads_models): read only until a scan
    that needs them, and not at all where an OCT scan's analysis would load them too (an OCT model installed)."""
    return loads_models(Modality.OCT, settings, registry) or any(
        loads_models(modality, settings, registry) for modality in modalities)


def _first_sound_card(folders: Any) -> ModelCard | None:
    for folder in folders:
        try:
            return checked_card(folder)
        except ModelError as exc:
            log.warning("skipping model: %s", exc)
    return None


def planned_lesion_sources(settings: AnalysisSettings, registry: ModelRegistry | None = None
                           ) -> tuple[dict[LesionClass, LesionSource], dict[LesionClass, LesionSource]]:
    """Per lesion class what draws it with the settings' models (inference.lesion_sources, from their cards): on
    photos too small for the candidates models, and on photos large enough for them (the same without any)."""
    segmentation, candidates = _lesion_cards(settings, registry)
    return lesion_sources(segmentation), lesion_sources(segmentation, candidates)


def stopping_blends(settings: AnalysisSettings, registry: ModelRegistry | None = None) -> list[tuple[str, str, str]]:
    """(candidates model, class, lesion model) for each candidates model averaging a class with the lesion model the
    settings choose that would stop drawing beside any other lesion model, a retrained one too, until trained beside
    it; one that then draws alone (drawing_card) is left out."""
    segmentation, candidates = _lesion_cards(settings, registry)
    return [(card.name, candidate_class(card).name, card.blend_with) for card in candidates
            if card.blend_with and candidates_draw(card, segmentation)
            and not candidates_draw(drawing_card(card, None), None)]


def _lesion_cards(settings: AnalysisSettings, registry: ModelRegistry | None
                  ) -> tuple[ModelCard | None, list[ModelCard]]:
    """The cards of the lesion model and of the candidates models the settings choose (chosen_card), each of these as
    it draws beside that lesion model (drawing_card)."""
    segmentation = chosen_card("lesion-segmentation", settings, registry)
    candidates = [chosen_card(task, settings, registry) for task in CANDIDATE_TASKS]
    return segmentation, [drawing_card(card, segmentation) for card in candidates if card is not None]


def planned_cards(settings: AnalysisSettings, registry: ModelRegistry | None = None) -> dict[str, ModelCard]:
    """Task -> the card of the model the analysis would run for it, a candidates model's as it draws beside the
    lesion model; a blending candidates model without its partner does not run."""
    registry = registry or ModelRegistry()
    cards = {task: chosen_card(task, settings, registry) for task in TASKS}
    segmentation = cards["lesion-segmentation"]
    cards.update({task: drawing_card(card, segmentation) for task, card in cards.items()
                  if card is not None and task in CANDIDATE_TASKS})
    return {task: card for task, card in cards.items()
            if card is not None and (task not in CANDIDATE_TASKS or candidates_draw(card, segmentation))}


def planned_models(settings: AnalysisSettings, registry: ModelRegistry | None = None) -> dict[str, dict[str, str]]:
    """Task -> what a result records of the model the analysis would run for it (AIResult.models' entries)."""
    return {task: card.summary() for task, card in planned_cards(settings, registry).items()}


def made_by_planned_models(result_models: Sequence[Mapping[str, Any]], planned: Mapping[str, Mapping[str, str]],
                           oct_scan: bool, field_diameter: Callable[[], float]) -> bool:
    """Whether a stored result (its AIResult.models) came from the models an analysis would run now: each learned
    model it names is the one planned for its task (outdated_models) and every planned model of the scan's kind is
    among them, but for the candidates models on a photo whose field (``field_diameter``, px across, asked only
    then) is too small for it."""
    if outdated_models(result_models, planned, oct_scan):
        return False
    used = {str(model.get("task", "")) for model in result_models if model.get("sha256")}
    missing = {task for task in planned if (task in OCT_TASKS) == oct_scan and task not in used}
    return not missing or (missing <= set(CANDIDATE_TASKS) and not candidates_run_on(field_diameter()))


def outdated_models(result_models: Sequence[Mapping[str, Any]], planned: Mapping[str, Mapping[str, str]],
                    oct_scan: bool) -> list[str]:
    """The learned models a stored result (its AIResult.models) names that an analysis would not run now for their
    task (another name, version, weights' checksum, members or blend partner; a task no longer planned), each as
    "name version": the findings say a result was made by them (a retrained model the reader went back from drew
    the lesions shown, unsaid). The classical detector is code, not a model file, and is not compared."""
    wanted = {task: _identity(model) for task, model in planned.items() if (task in OCT_TASKS) == oct_scan}
    return [f"{model.get('name', '')} {model.get('version', '')}".strip() for model in result_models
            if model.get("sha256") and wanted.get(str(model.get("task", ""))) != _identity(model)]


def saved_by_other_models(saved: Mapping[str, Any] | None, planned: Mapping[str, Mapping[str, str]]) -> bool:
    """Whether a case file (its JSON, without arrays) holds a result that names a model an analysis would not run
    now (outdated_models): "Analyse all" offers such cases with the new ones."""
    ai = (saved or {}).get("ai") or {}
    oct_scan = (saved or {}).get("modality") == Modality.OCT.value
    return bool(outdated_models(ai.get("models") or [], planned, oct_scan))


def _identity(model: Mapping[str, Any]) -> tuple[str, ...]:
    return (str(model.get("name", "")), str(model.get("version", "")), str(model.get("sha256", "")).lower(),
            str(model.get("members", "")).lower(), str(model.get("blend", "")).lower())


def planned_mask_thresholds(settings: AnalysisSettings, candidates_ran: bool, registry: ModelRegistry | None = None
                            ) -> dict[str, float]:
    """Lesion class name -> the threshold an analysis would cut its mask at (AIResult.mask_thresholds): the reader's,
    else the card's of the model that draws the class, on a photo the candidates models run on or not."""
    segmentation, candidates = _lesion_cards(settings, registry)
    for card in (segmentation, *candidates):
        if card is not None:  # a copy of the card (chosen_card)
            settings.apply_reader_thresholds(card)
    sources = lesion_sources(segmentation, candidates if candidates_ran else ())
    return {cls.name: source.threshold for cls, source in sources.items() if source.threshold is not None}


def cut_at_planned_thresholds(recorded: Mapping[str, float] | None, settings: AnalysisSettings, candidates_ran: bool,
                              registry: ModelRegistry | None = None) -> bool:
    """Whether a stored result's lesion masks were cut (``recorded``: its AIResult.mask_thresholds) at the thresholds
    an analysis would cut them at now: per class the reader's threshold, else the card's of the model that draws the
    class, as planned for a photo the candidates models ran on or not (``candidates_ran``). A result stored before
    thresholds were recorded (None) is current only where no class is cut at a threshold now."""
    planned = planned_mask_thresholds(settings, candidates_ran, registry)
    if recorded is None:
        return not planned
    return _same_thresholds(recorded, planned)


def _same_thresholds(recorded: Mapping[str, float], planned: Mapping[str, float]) -> bool:
    return recorded.keys() == planned.keys() and all(abs(float(recorded[name]) - planned[name]) < THRESHOLD_TOLERANCE
                                                     for name in planned)
