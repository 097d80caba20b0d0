"""An analysis running when its folder closes: the folder's jobs stop with it, so that no result of its photos lands on
a case of the folder opened next (case ids come from a photo's path in its folder: another folder's photo of the same
name has the same id)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.document import AIResult
from annotations.progress import check_cancelled
from annotations.workspace import Workspace
from app.analysis_controller import AnalysisController, CaseOutcome
from app.main_window import MainWindow
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


@pytest.fixture
def let_through(monkeypatch: pytest.MonkeyPatch) -> threading.Semaphore:
    """Analyses give each case DR 2, one case each time the semaphore returned is released."""
    gate = threading.Semaphore(0)

    def job(_controller: AnalysisController, request, state) -> int:  # noqa: ANN001 - _Request, WorkerState
        state.progress(0.0, "working")
        for item in request.items:
            while not gate.acquire(timeout=0.01):
                check_cancelled(state)
            state.publish(CaseOutcome(item.case_id, AIResult(dr_grade=2, modality="fundus")))
        return len(request.items)

    monkeypatch.setattr(AnalysisController, "_job", job)
    return gate


def opened(qtbot, window: MainWindow, folder: Path) -> None:  # noqa: ANN001 - pytest-qt's qtbot
    qtbot.waitUntil(lambda: window.cases.workspace is not None and window.cases.workspace.folder == folder
                    and not window.cases.busy)


def analysing_all(qtbot, tmp_path: Path, gate: threading.Semaphore, done: int) -> MainWindow:  # noqa: ANN001
    """The window on a folder of four photos, analysing all of them, ``done`` of them analysed and stored."""
    folder = labelled_folder(tmp_path / "A")
    window = reviewer_window(qtbot, tmp_path, folder)
    opened(qtbot, window, folder)
    window.analysis.analyze_all([window.cases.analysis_item(case_id) for case_id in sorted(window.cases.summaries)])
    gate.release(done)
    qtbot.waitUntil(lambda: sum(row.analysed for row in window.cases.summaries.values()) == done)
    return window


def analysed_in(folder: Path) -> list[str]:
    with Workspace.open(folder) as workspace:
        return sorted(case.image_path for case in workspace.cases() if case.analysed)


def test_opening_another_folder_stops_the_analysis_so_none_of_its_results_lands_there(
        qtbot, tmp_path: Path, let_through: threading.Semaphore) -> None:
    window = analysing_all(qtbot, tmp_path, let_through, done=1)
    other = labelled_folder(tmp_path / "B")  # other photos, the same names
    assert window.open_paths([other])
    opened(qtbot, window, other)
    let_through.release(3)  # what would have been analysed next
    qtbot.waitUntil(lambda: not window.analysis.busy)
    window.cases.storage.flush()
    assert not any(row.analysed for row in window.cases.summaries.values())
    window.close()
    assert analysed_in(other) == []
    assert len(analysed_in(tmp_path / "A")) == 1


def test_opening_another_folder_stops_the_open_cases_analysis_though_a_case_there_has_its_id(
        qtbot, tmp_path: Path, let_through: threading.Semaphore) -> None:
    folder = labelled_folder(tmp_path / "A")
    window = reviewer_window(qtbot, tmp_path, folder)
    opened(qtbot, window, folder)
    qtbot.waitUntil(lambda: window.cases.current_id is not None)
    window.analysis.analyze_case(window.cases.analysis_item(window.cases.current_id))
    other = labelled_folder(tmp_path / "B")
    assert window.open_paths([other])
    opened(qtbot, window, other)
    qtbot.waitUntil(lambda: window.cases.current_id is not None)
    let_through.release()
    qtbot.waitUntil(lambda: not window.analysis.busy)
    window.close()
    assert analysed_in(other) == []
