"""Which source draws each lesion class, from the cards of the lesion model and the candidates model: the one rule
the pipeline follows (inference/pipeline.py; it records what drew each class on each photo in the findings, which
the status bar and the findings panel show: annotations/result_sources.py) and the settings dialog shows beside
the reader's thresholds (which of them apply).

Torch-free: it reads cards only, so the settings dialog can ask it without loading a model."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from annotations.classes import LESION_CLASSES, LesionClass, class_from_name
from inference.lesion_candidates.scale import MIN_FIELD_DIAMETER
from inference.model_card import ModelCard

GATE_MODE = "gate-classical"  # a lesion-region model's mask_mode: it filters the classical detector's candidates


@dataclass(frozen=True)
class LesionSource:
    """What draws one lesion class."""

    model: str | None  # the model whose pixels or candidates draw it; None: the classical detector
    gate: str | None = None  # the lesion-region model that keeps the classical detector's candidates
    threshold: float | None = None  # the card's threshold that cuts the class (the reader's replaces it); None: none
    partner: str | None = None  # the lesion model whose probability ``model``'s is averaged with (card blend_with)

    @property
    def classical(self) -> bool:
        return self.model is None


def lesion_sources(segmentation: ModelCard | None, candidates: Sequence[ModelCard] = ()
                   ) -> dict[LesionClass, LesionSource]:
    """Per lesion class (MA, HE, EX, SE) what draws it: the lesion model's pixels; the classical detector (without a
    lesion model, or for a class its card gives to it: ``classical_classes``), its candidates gated by a
    lesion-region model; or one of ``candidates``, candidates models, in place of any of them for its one class (the
    pipeline runs them only on photos large enough for them, and a blending one only beside its partner:
    ``candidates_draw``). A class no source draws (a lesion model without it) is left out. A threshold cuts a class
    where a model's probability for it does, under the class's own name (the name the reader's threshold has:
    AnalysisSettings.apply_reader_thresholds)."""
    sources = _without_candidates(segmentation)
    for card in candidates:
        if candidates_draw(card, segmentation):
            cls = candidate_class(card)
            sources[cls] = LesionSource(card.name, None, _threshold(card, cls), card.blend_with or None)
    return {cls: sources[cls] for cls in LESION_CLASSES if cls in sources}


def candidates_draw(candidates: ModelCard, segmentation: ModelCard | None) -> bool:
    """Whether a candidates model draws its class beside the lesion model ``segmentation``: always, but for one that
    averages its probability with a lesion model's (``blend_with``), which needs that model (the weights its
    threshold was chosen with, ``blend_sha256``: another version of it has another map), drawing the class from its
    own pixels, not a member's (``class_members``: blend_sha256 pins the parent's weights only); or, for one that
    averages with a member network of that model (``blend_member``), that member, pinned (the model's card
    ``member_sha256``) to the weights blend_sha256 names and running on every photo the candidates model runs on
    (``member_min_field``)."""
    if not candidates.blend_with:
        return True
    if segmentation is None or candidates.blend_with != segmentation.name:
        return False
    if candidates.blend_member:  # the member must run wherever the candidates model does
        pinned = segmentation.member_sha256.get(candidates.blend_member)
        return (pinned is not None and candidates.blend_sha256.lower() in ("", pinned.lower())
                and segmentation.member_min_field <= MIN_FIELD_DIAMETER)
    if candidate_class(candidates).name in segmentation.class_members:
        return False
    if candidates.blend_sha256 and candidates.blend_sha256.lower() != segmentation.sha256.lower():
        return False
    source = _without_candidates(segmentation).get(candidate_class(candidates))
    return source is not None and source.model == segmentation.name


def drawing_card(candidates: ModelCard, segmentation: ModelCard | None) -> ModelCard:
    """The card a candidates model draws by beside the lesion model ``segmentation``: its own; or, for one that
    averages with a partner it cannot have here (another lesion model, a retrained one, none) and knows its own cut
    (``blend_levels``: ma-candidates), a copy that draws alone at that cut, as it did before it blended, instead of
    leaving its class to the classical detector. Asked before the reader's thresholds are put on the cards
    (inference.analysis_models, inference.model_plan), so the reader's threshold cuts it either way."""
    if not candidates.blend_levels or candidates_draw(candidates, segmentation):
        return candidates
    own = {**candidates.thresholds, candidate_class(candidates).name: candidates.blend_levels[1]}
    return replace(candidates, blend_with="", blend_member="", blend_sha256="", blend_levels=[], thresholds=own)


def _without_candidates(segmentation: ModelCard | None) -> dict[LesionClass, LesionSource]:
    if segmentation is None:
        return {cls: LesionSource(None) for cls in LESION_CLASSES}
    if segmentation.mask_mode == GATE_MODE:
        return {cls: LesionSource(None, segmentation.name, _threshold(segmentation, cls)) for cls in LESION_CLASSES}
    return {cls: LesionSource(None) if cls.name in segmentation.classical_classes
            else LesionSource(segmentation.name, None, _threshold(segmentation, cls))
            for cls in _lesion_classes(segmentation)}


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
