"""The person's Cancel of an analysis (the status bar's button, or Analysis ▸ Cancel analysis): the status bar says
"Cancelling…" at once and Cancel is greyed until the job has ended (it went on showing the job's last step, Cancel
pressable again, while the job ran to its next check: up to 1.4 s on a 12 MP photo); the next job starts with its
own progress and Cancel back. A result finished as Cancel lands is kept and stored as any other (it was dropped, and
analysed again later)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.document import AIResult
from annotations.progress import Cancelled
from app.analysis_controller import AnalysisController, CaseOutcome
from app.main_window import MainWindow
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


@pytest.fixture
def stop_held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Analyses say "working" until cancelled, then end only once the event returned is set (a network finishing
    its layer)."""
    release = threading.Event()

    def job(_controller: AnalysisController, _request: object, state) -> int:  # noqa: ANN001 - WorkerState
        state.progress(0.5, "working")
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        release.wait(10)
        raise Cancelled()

    monkeypatch.setattr(AnalysisController, "_job", job)
    return release


def _analysing(qtbot, tmp_path: Path) -> MainWindow:  # noqa: ANN001 - pytest-qt's qtbot
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    window.analysis.analyze_all([window.cases.analysis_item(case_id) for case_id in window.cases.summaries])
    qtbot.waitUntil(lambda: window.status.progress_text.text() == "working")
    return window


@pytest.mark.parametrize("cancel_from", ["button", "menu"])
def test_cancel_says_cancelling_at_once_and_is_greyed_until_the_job_ends(
        qtbot, tmp_path: Path, stop_held: threading.Event, cancel_from: str) -> None:
    window = _analysing(qtbot, tmp_path)
    status = window.status
    if cancel_from == "button":
        status.cancel_button.click()
    else:
        window.actions["cancel_analysis"].trigger()
    assert status.progress_text.text() == "Cancelling…"
    assert status.cancel_button.isVisible() and not status.cancel_button.isEnabled()
    stop_held.set()
    qtbot.waitUntil(lambda: not window.analysis.busy)
    assert not status.cancel_button.isVisible()
    assert "Analyse all cancelled" in window.statusBar().currentMessage()


def test_the_next_analysis_shows_its_own_progress_with_cancel_back(
        qtbot, tmp_path: Path, stop_held: threading.Event) -> None:
    window = _analysing(qtbot, tmp_path)
    status = window.status
    status.cancel_button.click()
    window.analysis.analyze_case(window.cases.analysis_item(window.cases.current_id))  # before the first one ended
    assert status.progress_text.text() != "Cancelling…" and status.cancel_button.isEnabled()
    stop_held.set()
    qtbot.waitUntil(lambda: status.progress_text.text() == "working")
    assert status.cancel_button.isVisible() and status.cancel_button.isEnabled()
    status.cancel_button.click()
    qtbot.waitUntil(lambda: not window.analysis.busy)


@pytest.mark.parametrize("batch", [True, False])
def test_a_result_finished_as_cancel_lands_is_kept(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   batch: bool) -> None:
    """The first case's result is published, then Cancel is pressed before the window has received it."""
    published = threading.Event()

    def job(_controller: AnalysisController, request, state) -> int:  # noqa: ANN001 - _Request, WorkerState
        state.publish(CaseOutcome(request.items[0].case_id, AIResult(dr_grade=2, modality="fundus")))
        published.set()
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    monkeypatch.setattr(AnalysisController, "_job", job)
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and window.cases.current_id is not None
                    and not window.cases.busy)
    first = window.cases.current_id
    if batch:
        window.analysis.analyze_all([window.cases.analysis_item(first)])
    else:
        window.analysis.analyze_case(window.cases.analysis_item(first))
    assert published.wait(5)  # no event handled meanwhile: the result is on its way to the window
    window.status.cancel_button.click()
    qtbot.waitUntil(lambda: not window.analysis.busy and not window.cases.busy)
    assert window.cases.doc.ai is not None and window.cases.doc.ai.dr_grade == 2
    assert window.cases.summaries[first].analysed
    if batch:
        assert window.statusBar().currentMessage() == "Analyse all cancelled: 1 case(s) analysed"
