"""An analysis running when its folder closes (the window closed, another folder opened). "Analyse all" asks first,
saying how far it got: No keeps the folder open and the analysis going; Yes stops it, keeping the results delivered
(it was stopped unasked). One case's analysis is not asked about. The folder's jobs stop with it, so that no result of
its photos lands on a case of the folder opened next (case ids come from a photo's path in its folder: another
folder's photo of the same name has the same id)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.document import AIResult
from annotations.progress import check_cancelled
from annotations.workspace import Workspace
from app.analysis_controller import AnalysisController, CaseOutcome
from app.main_window import MainWindow
from tests.gui.questions import answer
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


class HeldAnalyses:
    """Analyses give each case DR 2, one case each time ``let_through`` lets one; ``running``: a job's function is
    on the worker (the task runner says it has ended only once the GUI thread hears of it)."""

    def __init__(self) -> None:
        self.gate = threading.Semaphore(0)
        self.inside = threading.Event()

    def let_through(self, count: int = 1) -> None:
        self.gate.release(count)

    @property
    def running(self) -> bool:
        return self.inside.is_set()

    def job(self, _controller: AnalysisController, request, state) -> int:  # noqa: ANN001 - _Request, WorkerState
        self.inside.set()
        try:
            state.progress(0.0, "working")
            for item in request.items:
                while not self.gate.acquire(timeout=0.01):
                    check_cancelled(state)
                state.publish(CaseOutcome(item.case_id, AIResult(dr_grade=2, modality="fundus")))
            return len(request.items)
        finally:
            self.inside.clear()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> HeldAnalyses:
    analyses = HeldAnalyses()
    monkeypatch.setattr(AnalysisController, "_job", lambda controller, request, state: analyses.job(
        controller, request, state))
    return analyses


def opened(qtbot, window: MainWindow, folder: Path) -> None:  # noqa: ANN001 - pytest-qt's qtbot
    qtbot.waitUntil(lambda: window.cases.workspace is not None and window.cases.workspace.folder == folder
                    and not window.cases.busy)


def analysing_all(qtbot, tmp_path: Path, held: HeldAnalyses, done: int) -> MainWindow:  # noqa: ANN001
    """The window on a folder of four photos, analysing all of them, ``done`` of them analysed and stored."""
    folder = labelled_folder(tmp_path / "A")
    window = reviewer_window(qtbot, tmp_path, folder)
    opened(qtbot, window, folder)
    window.analysis.analyze_all([window.cases.analysis_item(case_id) for case_id in sorted(window.cases.summaries)])
    held.let_through(done)
    qtbot.waitUntil(lambda: sum(row.analysed for row in window.cases.summaries.values()) == done)
    return window


def analysed_in(folder: Path) -> list[str]:
    with Workspace.open(folder) as workspace:
        return sorted(case.image_path for case in workspace.cases() if case.analysed)


def test_closing_during_analyse_all_asks_and_no_keeps_the_window_and_the_analysis(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:
    window = analysing_all(qtbot, tmp_path, held, done=1)
    asked = answer(monkeypatch, yes=False)
    assert not window.close()
    assert asked == ["Analyse all is running: 1 of 4 cases analysed so far. Stop it and close A? Their results are "
                     "kept, and Analyse all run again offers to analyse only the others."]
    assert window.isVisible() and window.cases.workspace is not None and window.analysis.busy
    held.let_through(3)
    qtbot.waitUntil(lambda: all(row.analysed for row in window.cases.summaries.values()))


def test_closing_during_analyse_all_and_saying_yes_stops_it_keeping_the_results_delivered(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:
    window = analysing_all(qtbot, tmp_path, held, done=2)
    answer(monkeypatch, yes=True)
    assert window.close()
    assert not held.running  # stopped before the window went
    assert analysed_in(tmp_path / "A") == ["a.png", "b.png"]


def test_opening_another_folder_during_analyse_all_asks_the_same(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:
    window = analysing_all(qtbot, tmp_path, held, done=1)
    asked = answer(monkeypatch, yes=False)
    assert not window.open_paths([labelled_folder(tmp_path / "B")])
    assert len(asked) == 1 and asked[0].startswith("Analyse all is running: 1 of 4 cases")
    assert window.cases.workspace.folder == tmp_path / "A" and window.analysis.busy
    window.analysis.cancel()
    qtbot.waitUntil(lambda: not window.analysis.busy)


def test_closing_asks_nothing_during_one_cases_analysis_or_an_analyse_all_being_cancelled(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:
    window = analysing_all(qtbot, tmp_path, held, done=1)
    window.analysis.cancel()
    asked = answer(monkeypatch, yes=False)
    assert window.open_paths([tmp_path / "A"])  # opened again
    opened(qtbot, window, tmp_path / "A")
    qtbot.waitUntil(lambda: window.cases.current_id is not None)
    window.analysis.analyze_case(window.cases.analysis_item(window.cases.current_id))
    assert window.close()
    assert asked == [] and not held.running


def test_opening_another_folder_stops_the_analysis_so_none_of_its_results_lands_there(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:
    window = analysing_all(qtbot, tmp_path, held, done=1)
    answer(monkeypatch, yes=True)
    other = labelled_folder(tmp_path / "B")  # other photos, the same names
    assert window.open_paths([other])
    opened(qtbot, window, other)
    held.let_through(3)  # what would have been analysed next
    qtbot.waitUntil(lambda: not window.analysis.busy)
    window.cases.storage.flush()
    assert not any(row.analysed for row in window.cases.summaries.values())
    window.close()
    assert analysed_in(other) == []
    assert len(analysed_in(tmp_path / "A")) == 1


def test_opening_another_folder_stops_the_open_cases_analysis_though_a_case_there_has_its_id(
        qtbot, tmp_path: Path, held: HeldAnalyses) -> None:
    folder = labelled_folder(tmp_path / "A")
    window = reviewer_window(qtbot, tmp_path, folder)
    opened(qtbot, window, folder)
    qtbot.waitUntil(lambda: window.cases.current_id is not None)
    window.analysis.analyze_case(window.cases.analysis_item(window.cases.current_id))
    other = labelled_folder(tmp_path / "B")
    assert window.open_paths([other])
    opened(qtbot, window, other)
    qtbot.waitUntil(lambda: window.cases.current_id is not None)
    held.let_through()
    qtbot.waitUntil(lambda: not window.analysis.busy)
    window.close()
    assert analysed_in(other) == []


def test_analyse_all_stopped_by_its_folders_closing_names_that_folder_in_the_next_ones_status_bar(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's end is said after the next folder opened: "Analyse all cancelled: 1 case(s) analysed" read there as
    if about the new folder, whose cases nothing analysed."""
    window = analysing_all(qtbot, tmp_path, held, done=1)
    answer(monkeypatch, yes=True)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    other = labelled_folder(tmp_path / "B")
    assert window.open_paths([other])
    opened(qtbot, window, other)
    qtbot.waitUntil(lambda: not window.analysis.busy)
    assert [text for text in said if "Analyse all" in text] == ["Closing A stopped its Analyse all: 1 case(s) analysed"]


def test_analyse_all_cancelled_in_its_own_folder_is_said_as_before(
        qtbot, tmp_path: Path, held: HeldAnalyses) -> None:
    window = analysing_all(qtbot, tmp_path, held, done=1)
    window.analysis.cancel()
    qtbot.waitUntil(lambda: not window.analysis.busy)
    assert window.statusBar().currentMessage() == "Analyse all cancelled: 1 case(s) analysed"


@pytest.mark.parametrize("failing", ["its-case", "the-whole-job"])
def test_an_analysis_failing_after_its_folder_closed_is_not_said_in_the_next_one(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    """Its error would be named by the next folder's case of that id (AnalysisActions names a case from the open
    folder): the folder's jobs stop with it, so neither a case's failure nor the job's reaches the window."""
    gate = threading.Event()

    def job(_controller: AnalysisController, request, state) -> int:  # noqa: ANN001 - _Request, WorkerState
        gate.wait(10)  # deaf to the cancel: it fails after the next folder opened
        if failing == "the-whole-job":
            raise RuntimeError("the model file is damaged")
        for item in request.items:
            state.publish(CaseOutcome(item.case_id, None, error="the photo is damaged"))
        return 0

    monkeypatch.setattr(AnalysisController, "_job", job)
    folder = labelled_folder(tmp_path / "A")
    window = reviewer_window(qtbot, tmp_path, folder)
    opened(qtbot, window, folder)
    qtbot.waitUntil(lambda: window.cases.current_id is not None)
    window.analysis.analyze_case(window.cases.analysis_item(window.cases.current_id))
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    other = labelled_folder(tmp_path / "B")  # the same photo names: the same case ids
    assert window.open_paths([other])
    opened(qtbot, window, other)
    gate.set()
    qtbot.waitUntil(lambda: not window.analysis.busy)
    assert not [text for text in said if "failed" in text], said
