"""A retrain controller over empty case and analysis controllers, shut down with them after the test."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from app.analysis_controller import AnalysisController
from app.case_controller import CaseController
from app.retrain_controller import RetrainController
from app.settings import Settings, SettingsValues


@contextmanager
def retrain_controller(tmp_path: Path) -> Iterator[RetrainController]:
    """The controller, its settings in ``tmp_path``; its dialog, if one was opened, is closed afterwards."""
    cases, analysis = CaseController(), AnalysisController(SettingsValues(device="cpu"))
    made = RetrainController(cases, analysis, Settings.from_file(tmp_path / "settings.ini"))
    try:
        yield made
    finally:
        made.shutdown()
        if made.dialog is not None:
            made.dialog.close()
        cases.shutdown()
        analysis.shutdown()
