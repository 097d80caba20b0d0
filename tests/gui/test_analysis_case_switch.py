"""Moving to another case while the open case's analysis finishes: the result finished for case A before the move is
stored for A (it was dropped with the job, and analysed again when A was next opened), never shown on case B, also
when B's own analysis starts at once. Closing the folder still drops it: the folder opened next may have a case of
the same id."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

import pytest

from annotations.document import AIResult
from annotations.progress import Cancelled
from annotations.workspace import Workspace
from app.analysis_controller import AnalysisController, CaseOutcome
from app.main_window import MainWindow
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


def analyses_publishing(monkeypatch: pytest.MonkeyPatch, outcome: Callable[[str], CaseOutcome]) -> threading.Event:
    """Analyses publish ``outcome`` of their first case, set the event returned, then work on until cancelled."""
    done = threading.Event()

    def job(_controller: AnalysisController, request, state) -> int:  # noqa: ANN001 - _Request, WorkerState
        state.publish(outcome(request.items[0].case_id))
        done.set()
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    monkeypatch.setattr(AnalysisController, "_job", job)
    return done


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Analyses publish their first case's result (grade 2 from the first job, 3 from the next), set the event
    returned, then work on until cancelled."""
    grades = iter((2, 3))
    return analyses_publishing(monkeypatch, lambda case_id: CaseOutcome(
        case_id, AIResult(dr_grade=next(grades), modality="fundus")))


def _analysing_first(qtbot, tmp_path: Path, published: threading.Event) -> tuple[MainWindow, str, str]:  # noqa: ANN001
    """The window with its first case's analysis finished, its result not yet received; (window, first, second)."""
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    cases = window.cases
    qtbot.waitUntil(lambda: cases.workspace is not None and cases.current_id is not None and not cases.busy)
    first = cases.current_id
    second = next(case_id for case_id in cases.summaries if case_id != first)
    window.analysis.analyze_case(cases.analysis_item(first))
    assert published.wait(5)  # no event handled meanwhile: the result is on its way to the window
    return window, first, second


def _stored_grade(folder: Path, case_id: str) -> int | None:
    with Workspace.open(folder) as workspace:
        ai = workspace.load_case(case_id).ai
    return None if ai is None else ai.dr_grade


@pytest.mark.parametrize("next_analysed", [False, True], ids=["browsed", "next-case-analysed-at-once"])
def test_a_result_finished_as_the_person_moves_on_is_stored_for_its_case_not_shown_on_the_next(
        qtbot, tmp_path: Path, published: threading.Event, next_analysed: bool) -> None:
    window, first, second = _analysing_first(qtbot, tmp_path, published)
    cases = window.cases
    cases.select_case(second)
    if next_analysed:  # the next case's analysis starts before the first one's result arrived (its pixels cached)
        published.clear()
        window.analysis.analyze_case(cases.analysis_item(second))
    qtbot.waitUntil(lambda: cases.summaries[first].analysed and not cases.busy
                    and (cases.doc.ai is not None or not next_analysed))
    assert cases.current_id == second
    assert (cases.doc.ai.dr_grade == 3) if next_analysed else (cases.doc.ai is None)  # its own result, or none
    window.analysis.cancel()
    qtbot.waitUntil(lambda: not window.analysis.busy and not cases.busy)
    folder = cases.workspace.folder
    assert cases.close_workspace(ask=False)
    assert _stored_grade(folder, first) == 2


@pytest.mark.parametrize("next_analysed", [False, True], ids=["browsed", "next-case-analysed-at-once"])
def test_closing_the_folder_still_drops_a_result_on_its_way(
        qtbot, tmp_path: Path, published: threading.Event, next_analysed: bool) -> None:
    window, first, second = _analysing_first(qtbot, tmp_path, published)
    cases = window.cases
    folder = cases.workspace.folder
    cases.select_case(second)  # moved on, then the folder closed before the result arrived
    if next_analysed:  # the first case's job is no longer the latest when the folder closes
        window.analysis.analyze_case(cases.analysis_item(second))
    assert cases.close_workspace(ask=False)
    qtbot.waitUntil(lambda: not window.analysis.busy and not cases.busy)
    assert _stored_grade(folder, first) is None


def test_analysing_the_same_case_again_drops_the_earlier_result_on_its_way(
        qtbot, tmp_path: Path, published: threading.Event) -> None:
    """Analysed again (other thresholds, say) before the first result arrived: only the new one is delivered; the
    first, kept, would stand with the old settings if the new analysis failed or was cancelled."""
    window, first, _second = _analysing_first(qtbot, tmp_path, published)
    delivered = []
    window.analysis.result_ready.connect(lambda case_id, result: delivered.append((case_id, result.dr_grade)))
    published.clear()
    window.analysis.analyze_case(window.cases.analysis_item(first))
    assert published.wait(5)
    window.analysis.cancel()
    qtbot.waitUntil(lambda: not window.analysis.busy and not window.cases.busy)
    assert delivered == [(first, 3)]


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Analyses publish their first case's error (as the pipeline words one: no file named), set the event
    returned, then work on until cancelled."""
    return analyses_publishing(monkeypatch, lambda case_id: CaseOutcome(
        case_id, None, "the model's output has the wrong shape"))


@pytest.mark.parametrize("moved_on", [False, True], ids=["still-open", "moved-on"])
def test_an_analysis_error_names_its_case_once_the_person_moved_on(
        qtbot, tmp_path: Path, failing: threading.Event, moved_on: bool) -> None:
    """It read "Analysis failed: …" on case B as if about B; the open case's own failure still reads so."""
    window, first, second = _analysing_first(qtbot, tmp_path, failing)
    cases, status = window.cases, window.statusBar()
    if moved_on:
        cases.select_case(second)
    qtbot.waitUntil(lambda: "failed" in status.currentMessage())
    name = cases.case_name(first)
    expected = (f"Analysis of {name} failed: " if moved_on else "Analysis failed: ") + \
        "the model's output has the wrong shape"
    assert cases.current_id == (second if moved_on else first) and status.currentMessage() == expected
    window.analysis.cancel()
    qtbot.waitUntil(lambda: not window.analysis.busy and not cases.busy)
