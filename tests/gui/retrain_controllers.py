"""A retrain controller over empty case and analysis controllers, shut down with them after the test; one over an
opened folder; shut_down for the tests that make their own."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

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


def controller_with_folder(folder: Path, settings: Path, reader: str = "") -> RetrainController:
    """A controller whose case controller has ``folder`` open (as ``reader``), its store ready; settings in the
    file ``settings``. The caller shuts it down."""
    cases = CaseController(reader)
    assert cases.open_workspace(folder)
    cases.flush()  # the folder's store is opened on the storage worker
    return RetrainController(cases, AnalysisController(SettingsValues(device="cpu")), Settings.from_file(settings))


@contextmanager
def dialogs_opened(qtbot) -> Iterator[Callable[[RetrainController], RetrainController]]:  # noqa: ANN001 - qtbot
    """``opened(controller)`` opens its dialog and returns it; every controller so opened is shut down after."""
    made: list[RetrainController] = []

    def opened(controller: RetrainController) -> RetrainController:
        qtbot.addWidget(controller.open_dialog())
        made.append(controller)
        return controller
    try:
        yield opened
    finally:
        for controller in made:
            shut_down(controller)


def shut_down(controller: RetrainController) -> None:
    """Stop ``controller`` and its case and analysis controllers' workers; close its dialog if one was opened."""
    controller.shutdown()
    if controller.dialog is not None and isValid(controller.dialog):  # a test may have deleted it
        controller.dialog.close()
    controller.cases.shutdown()
    controller.analysis.shutdown()
