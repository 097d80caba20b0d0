"""A retrain controller over empty case and analysis controllers, shut down with them after the test; shut_down for
the tests that make their own."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from shiboken6 import isValid

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
        shut_down(made)


def shut_down(controller: RetrainController) -> None:
    """Stop ``controller`` and its case and analysis controllers' workers; close its dialog if one was opened."""
    controller.shutdown()
    if controller.dialog is not None and isValid(controller.dialog):  # a test may have deleted it
        controller.dialog.close()
    controller.cases.shutdown()
    controller.analysis.shutdown()
