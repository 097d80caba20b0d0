"""What the settings dialog's threshold rows say about each lesion class: which source draws it with the chosen
models, read from their cards through inference.model_plan.planned_lesion_sources (the pipeline's own rule; no torch),
turned into the widget's plain ClassSource."""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from annotations.classes import LESION_CLASSES
from inference.analysis_settings import AnalysisSettings
from inference.lesion_sources import LesionSource
from widgets.threshold_rows import ClassSource


def describe_lesion_sources(models: Mapping[str, str]) -> dict[str, ClassSource]:
    """Lesion class name -> what draws it with ``models`` (card task -> chosen model, "" = the first installed)."""
    from inference.lesion_candidates.scale import MIN_FIELD_DIAMETER
    from inference.model_plan import planned_lesion_sources

    small, large = planned_lesion_sources(AnalysisSettings(models=dict(models)))
    rows = {}
    for cls in LESION_CLASSES:
        on_small = _row(small.get(cls))
        on_large = _row(large.get(cls))
        rows[cls.name] = on_large if on_small == on_large else replace(
            on_large, small_photos=on_small, min_field=round(MIN_FIELD_DIAMETER))
    return rows


def _row(source: LesionSource | None) -> ClassSource:
    if source is None:
        return ClassSource(drawn=False)
    return ClassSource(True, source.model or "", source.gate or "", source.threshold, partner=source.partner or "")
