"""Another analysis asked for while an "Analyse all" runs. Only one analysis runs at a time, so F5 (Analyse case)
stops the run: it stopped it unasked (a reader pressing F5 on one photo ended a morning's run of the whole folder,
"Analyse all cancelled" the only sign); it asks first, as closing the folder does: No leaves the run going, Yes
stops it, keeping the results delivered, and analyses the case. Analyse all (Shift+F5) asked for again leaves the
run going and says so: it replaced the run, analysing the case under way again from its start. Asked for after a
Cancel, while the cancelled run's case still ends, it replaces that run: whose end said "Analyse all cancelled" over
the new run's start, while the new one went on."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

import tests.gui.test_analysis_closing as held_analyses
from annotations.progress import check_cancelled
from app.analysis_controller import BatchTally
from app.main_window import MainWindow
from tests.gui.questions import answer
from tests.gui.test_analysis_closing import HeldAnalyses, held  # noqa: F401 - a fixture
from tests.gui.test_report_and_modality import _open
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


def _analysing_all(qtbot, tmp_path: Path, held: HeldAnalyses, open_name: str) -> MainWindow:  # noqa: ANN001, F811
    """Analyse all running on four photos, one of them analysed, ``open_name`` open."""
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "A"))
    qtbot.waitUntil(lambda: window.cases.current_id is not None and not window.cases.busy)
    window.analysis.analyze_all([window.cases.analysis_item(case_id) for case_id in sorted(window.cases.summaries)])
    held.let_through(1)
    qtbot.waitUntil(lambda: sum(row.analysed for row in window.cases.summaries.values()) == 1)
    _open(qtbot, window, open_name)
    return window


def test_f5_during_analyse_all_asks_and_no_leaves_the_run_going(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    window = _analysing_all(qtbot, tmp_path, held, "c.png")
    asked = answer(monkeypatch, yes=False)
    window.actions["analyze"].trigger()
    assert asked == ["Analyse all is running: 1 of 4 cases analysed so far, and it comes to this case in its turn. "
                     "Stop it to analyse this case now? Its results are kept, and Analyse all run again offers to "
                     "analyse only the others."]
    assert window.analysis.batch_running
    held.let_through(3)
    qtbot.waitUntil(lambda: all(row.analysed for row in window.cases.summaries.values()))
    assert window.statusBar().currentMessage() == "Analyse all done: 4 case(s) analysed"


def test_f5_during_analyse_all_answered_yes_stops_the_run_and_analyses_the_case(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    window = _analysing_all(qtbot, tmp_path, held, "a.png")  # analysed already: the run will not come to it
    ended: list[BatchTally] = []
    window.analysis.batch_ended.connect(ended.append)
    asked = answer(monkeypatch, yes=True)
    window.actions["analyze"].trigger()
    assert asked[0].startswith("Analyse all is running: 1 of 4 cases analysed so far. Stop it to analyse this case")
    assert window.analysis.busy and not window.analysis.batch_running
    qtbot.waitUntil(lambda: len(ended) == 1)  # the run has stopped: the case's analysis comes next
    held.let_through(1)
    qtbot.waitUntil(lambda: not window.analysis.busy)
    assert [row.image_path for row in window.cases.summaries.values() if row.analysed] == ["a.png"]


def test_analyse_all_asked_for_again_while_one_runs_leaves_it_going_and_says_so(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    window = _analysing_all(qtbot, tmp_path, held, "a.png")
    answer(monkeypatch, yes=True)  # a run left going when the test fails: the window closes, not asking
    ended: list[BatchTally] = []
    window.analysis.batch_ended.connect(ended.append)
    asked: list[str] = []
    window.analysis_actions.choose = lambda _title, question, _choices: asked.append(question)  # None: Cancel
    window.actions["analyze_all"].trigger()
    assert window.statusBar().currentMessage() == ("Analyse all is already running: 1 of 4 cases analysed so far; "
                                                   "progress and Cancel are in the status bar.")
    held.let_through(3)
    qtbot.waitUntil(lambda: not window.analysis.busy)
    assert not asked and [tally.analysed for tally in ended] == [4]
    assert window.statusBar().currentMessage() == "Analyse all done: 4 case(s) analysed"


def test_analyse_all_asked_for_after_a_cancel_does_not_say_the_run_it_replaces_was_cancelled(
        qtbot, tmp_path: Path, held: HeldAnalyses, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    ending = threading.Event()  # the cancelled run's case heeds the Cancel once set (an analysis between its steps)
    monkeypatch.setattr(held_analyses, "check_cancelled", lambda state: ending.is_set() and check_cancelled(state))
    window = _analysing_all(qtbot, tmp_path, held, "a.png")
    answer(monkeypatch, yes=True)  # a run left going when the test fails: the window closes, not asking
    ended: list[BatchTally] = []
    window.analysis.batch_ended.connect(ended.append)
    window.analysis.cancel()
    window.analysis_actions.choose = lambda _title, _question, _choices: 0  # only the three without a result
    window.actions["analyze_all"].trigger()
    qtbot.waitUntil(lambda: window.analysis.running_batch() is not None)  # the new run, the cancelled one ending
    ending.set()
    qtbot.waitUntil(lambda: len(ended) == 1)  # the run replaced
    assert window.analysis.batch_running
    assert window.statusBar().currentMessage() == "Analysing 3 case(s); progress and Cancel are in the status bar."
    held.let_through(3)
    qtbot.waitUntil(lambda: not window.analysis.busy)
    assert window.statusBar().currentMessage() == "Analyse all done: 3 case(s) analysed"
