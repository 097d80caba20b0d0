"""Reader agreement while it is computed (14 s for 150 double-read cases with 12 MP painted masks, the long-work2
probe): its progress shows at once with Cancel, which stops it, no figures following; closing the window cancels it
and waits for the worker (it read the folder to the end after the window had gone, 25 s); opening another folder
stops it too, so no figures of the folder left arrive in the next one; finished, the progress gives way to the
figures."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from shiboken6 import isValid

from annotations.progress import check_cancelled
from app.main_window import MainWindow
from tests.gui.windows import reviewer_window
from tests.unit.reading_fixtures import image_folder
from widgets.agreement_progress import AgreementProgress


class HeldAgreement:
    """folder_agreement, half done until ``finish`` (or a cancel); ``running`` while on the worker."""

    def __init__(self) -> None:
        self.finishing = threading.Event()
        self.inside = threading.Event()

    @property
    def running(self) -> bool:
        return self.inside.is_set()

    def finish(self) -> None:
        self.finishing.set()

    def __call__(self, folder: Path, _names: object, state, _seen_by: object = None) -> dict:  # noqa: ANN001
        self.inside.set()
        try:
            state.progress(0.5, "case")
            while not self.finishing.wait(0.01):
                check_cancelled(state)
            return {"folder": str(folder), "mode": "double", "readers": [], "cases": 0, "pairs": [],
                    "versus_ai": []}
        finally:
            self.inside.clear()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> HeldAgreement:
    agreement = HeldAgreement()
    monkeypatch.setattr("app.agreement_controller.folder_agreement", agreement)
    return agreement


def computing(qtbot, tmp_path: Path, held: HeldAgreement) -> tuple[MainWindow, AgreementProgress]:  # noqa: ANN001
    window = reviewer_window(qtbot, tmp_path, image_folder(tmp_path / "f"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    window.actions["agreement"].trigger()
    progress = window.agreement.progress
    assert progress is not None and progress.isVisible()  # at once, before any figure
    qtbot.waitUntil(lambda: progress.bar.value() == 500)
    return window, progress


def test_the_progress_shows_at_once_and_its_cancel_stops_the_computation(
        qtbot, tmp_path: Path, held: HeldAgreement) -> None:
    window, progress = computing(qtbot, tmp_path, held)
    assert progress.label.text() == "Comparing the readers' readings in f…"
    progress.reject()  # its Cancel button, Escape or the title bar's close
    qtbot.waitUntil(lambda: not held.running)
    qtbot.waitUntil(lambda: window.agreement.progress is None)
    assert window.agreement.dialog is None
    assert window.statusBar().currentMessage() == "Reader agreement cancelled."


def test_finished_the_progress_gives_way_to_the_figures(qtbot, tmp_path: Path, held: HeldAgreement) -> None:
    window, progress = computing(qtbot, tmp_path, held)
    held.finish()
    qtbot.waitUntil(lambda: window.agreement.dialog is not None and window.agreement.dialog.isVisible())
    assert window.agreement.progress is None and (not isValid(progress) or not progress.isVisible())
    assert window.statusBar().currentMessage() != "Reader agreement cancelled."
    window.agreement.dialog.close()


def test_closing_the_window_cancels_the_computation_and_waits_for_it(
        qtbot, tmp_path: Path, held: HeldAgreement) -> None:
    window = reviewer_window(qtbot, tmp_path, image_folder(tmp_path / "f"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    window.actions["agreement"].trigger()
    qtbot.waitUntil(lambda: held.running)
    assert window.close()
    assert not held.running


def test_opening_another_folder_stops_the_computation_and_no_figures_follow(
        qtbot, tmp_path: Path, held: HeldAgreement) -> None:
    """The computation belongs to the folder it compares, as its analyses do: it ran on for the folder left (14 s
    on 150 cases, beside the next folder's opening), and its figures then showed over the new one."""
    window, progress = computing(qtbot, tmp_path, held)
    other = image_folder(tmp_path / "g")
    assert window.open_paths([other])
    qtbot.waitUntil(lambda: not held.running)
    assert window.agreement.progress is None and (not isValid(progress) or not progress.isVisible())
    qtbot.waitUntil(lambda: window.cases.workspace is not None and window.cases.workspace.folder == other
                    and not window.cases.busy)
    held.finish()
    qtbot.wait(50)
    assert window.agreement.dialog is None
