"""The window's saved analysis settings for a command-line run, with the command line's own choices on top."""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Sequence

from inference.analysis_settings import AnalysisSettings

if TYPE_CHECKING:
    from app.settings import SettingsValues


def saved_analysis_settings(device: str | None = None, models: Sequence[str] = (),
                            checkpoint_architecture: str | None = None, saved: SettingsValues | None = None
                            ) -> AnalysisSettings:
    """Device, per-task models and thresholds as the window would use them (``saved``: the settings read already;
    default the user's); ``device`` replaces the saved one and ``models``, when given, are exactly the models that
    run (the per-task choices then do not apply)."""
    try:
        from app.settings import Settings

        analysis = (saved or Settings().load()).analysis_settings()
    except Exception:  # noqa: BLE001 - no Qt, or unreadable settings: the defaults are fine for a command-line run
        analysis = AnalysisSettings()
    return dataclasses.replace(analysis, device=device or analysis.device or "auto", explicit=tuple(map(str, models)),
                               checkpoint_architecture=checkpoint_architecture)
