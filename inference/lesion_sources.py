"""Which source draws each lesion class, from the cards of the lesion model and the candidates model: the one rule
the pipeline follows (inference/pipeline.py; it records what drew each class on each photo in the findings, which
the status bar and the findings panel show: annotations/result_sources.py) and the settings dialog shows beside
the reader's thresholds (which of them apply).

Torch-free: it reads cards only, so the settings dialog can ask it without loading a model."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.classes import LESION_CLASSES, LesionClass, class_from_name
from inference.model_card import ModelCard

GATE_MODE = "gate-classical"  # a lesion-region model's mask_mode: it filters the classical detector's candidates


@dataclass(frozen=True)
class LesionSource:
    """What draws one lesion class."""

    model: str | None  # the model whose pixels or candidates draw it; None: the classical detector
    gate: str | None = None  # the lesion-region model that keeps the classical detector's candidates
    threshold: float | None = None  # the card's threshold that cuts the class (the reader's replaces it); None: none

    @property
    def classical(self) -> bool:
        return self.model is None


def lesion_sources(segmentation: ModelCard | None, candidates: ModelCard | None = None
                   ) -> dict[LesionClass, LesionSource]:
    """Per lesion class (MA, HE, EX, SE) what draws it: the lesion model's pixels; the classical detector (without a
    lesion model, or for a class its card gives to it: ``classical_classes``), its candidates gated by a
    lesion-region model; or ``candidates``, a candidates model, in place of any of them for its one class (the
    pipeline runs it only on photos large enough for it). A class no source draws (a lesion model without it) is
    left out. A threshold cuts a class where a model's probability for it does, under the class's own name (the
    name the reader's threshold has: AnalysisSettings.apply_reader_thresholds)."""
    if segmentation is None:
        sources = {cls: LesionSource(None) for cls in LESION_CLASSES}
    elif segmentation.mask_mode == GATE_MODE:
        sources = {cls: LesionSource(None, segmentation.name, _threshold(segmentation, cls)) for cls in LESION_CLASSES}
    else:
        sources = {}
        for cls in _lesion_classes(segmentation):
            if cls.name in segmentation.classical_classes:
                sources[cls] = LesionSource(None)
            else:
                sources[cls] = LesionSource(segmentation.name, None, _threshold(segmentation, cls))
    if candidates is not None:
        cls = candidate_class(candidates)
        sources[cls] = LesionSource(candidates.name, None, _threshold(candidates, cls))
    return {cls: sources[cls] for cls in LESION_CLASSES if cls in sources}


def candidate_class(card: ModelCard) -> LesionClass:
    """The one lesion class a candidates model draws."""
    return LesionClass[card.classes[0]]


def _lesion_classes(card: ModelCard) -> list[LesionClass]:
    found = []
    for name in card.classes:
        try:
            found.append(class_from_name(name))
        except ValueError:  # "background"
            continue
    return [cls for cls in found if cls in LESION_CLASSES]


def _threshold(card: ModelCard, cls: LesionClass) -> float | None:
    return card.threshold(cls.name) if cls.name in card.classes else None
