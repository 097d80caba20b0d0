"""The settings that decide an analysis' models and thresholds, as plain data (no torch, no Qt: the window's
settings and the command line both fill it cheaply; inference.analysis_models turns it into loaded models)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from annotations.threshold_scale import NO_ANCHOR, anchored_threshold

if TYPE_CHECKING:
    from inference.model_card import ModelCard

MODEL_THRESHOLD = -1.0  # a threshold below zero keeps the model card's own, tuned threshold


@dataclass
class AnalysisSettings:
    """The settings that decide an analysis' models; the rest of the program's preferences do not matter here."""

    device: str = "auto"  # "auto", "cpu", "cuda", "cuda:1", "mps"
    models: dict[str, str] = field(default_factory=dict)  # card task -> model name or folder; "" = first installed
    thresholds: dict[str, float] = field(default_factory=dict)  # lesion class -> threshold; < 0: the card's own
    # lesion class -> the card's own threshold the reader's was set against, which it follows onto another card's own
    # (anchored_threshold); < 0 (NO_ANCHOR) or absent: the reader's is absolute
    threshold_anchors: dict[str, float] = field(default_factory=dict)
    explicit: tuple[str, ...] = ()  # models named on the command line: exactly these run, the per-task choices not
    checkpoint_architecture: str | None = None  # "unet:resnet34" for a plain .pth among ``explicit``

    def reader_threshold(self, class_name: str, own: float) -> float | None:
        """The reader's threshold for a lesion class on a card whose own threshold for it is ``own``, which it
        replaces: moved from the own threshold it was set against onto ``own`` (MA set at 0.95 against 0.975 cuts
        a map whose own cut is 0.499 as much stricter); None where the card's own applies."""
        threshold = self.thresholds.get(class_name, MODEL_THRESHOLD)
        if not (threshold >= 0 and math.isfinite(threshold)):  # a hand-edited "nan" or "inf" as well: the card's own
            return None
        return anchored_threshold(float(threshold), float(self.threshold_anchors.get(class_name, NO_ANCHOR)), own)

    def apply_reader_thresholds(self, card: ModelCard) -> None:
        """Puts the reader's thresholds on a lesion model's ``card`` in place of its own, class by class: the
        reader's MA threshold cuts MA whichever model draws it, on that model's scale. The one rule for what an
        analysis cuts at (analysis_models) and what it would cut at, a stored result's thresholds compared with it
        (model_plan)."""
        for name in card.classes:
            threshold = self.reader_threshold(name, card.threshold(name))
            if threshold is not None:
                card.thresholds[name] = threshold

    def weights_key(self) -> "AnalysisSettings":
        """What the loaded weights depend on (device, models): the reader's thresholds only cut their output, so
        changing one loads nothing (inference.model_cache; analysis_models.with_reader_thresholds applies them)."""
        return replace(self, thresholds={}, threshold_anchors={})
