"""The status bar's progress during a long Analyse all moves from its first case: Qt's whole percent said "0%" until a
1,591-case run had done 16 cases (minutes with no sign of life); Cancel works as before."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.progress import Cancelled
from app.analysis_controller import AnalysisController
from app.window_status_bar import shown_percent
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder

CASES = 1591


@pytest.mark.parametrize("fraction, shown", [(0.0, "0.00%"), (0.4 / CASES, "0.02%"), (1 / CASES, "0.06%"),
                                             (0.0029, "0.29%"), (0.0999, "9.9%"), (0.37, "37%"), (0.999, "99%"),
                                             (1.0, "100%")])
def test_a_case_of_a_long_batch_moves_the_percent(fraction: float, shown: str) -> None:
    assert shown_percent(fraction) == shown


def test_the_first_case_of_a_long_analyse_all_shows_in_the_bar_and_cancel_stops_it(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def job(_controller: AnalysisController, _request: object, state) -> int:  # noqa: ANN001 - WorkerState
        state.progress(0.4 / CASES, f"1/{CASES} a.png: finding lesions")  # the first case, part-way
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    monkeypatch.setattr(AnalysisController, "_job", job)
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    window.analysis.analyze_all([window.cases.analysis_item(case_id) for case_id in window.cases.summaries])
    status = window.status
    try:
        qtbot.waitUntil(lambda: status.progress_text.text().startswith("1/1591"))
        assert status.progress.text() == "0.02%"
    finally:  # else closing the window would ask whether to stop the run
        status.cancel_button.click()
        qtbot.waitUntil(lambda: not window.analysis.busy)
    assert "Analyse all cancelled" in window.statusBar().currentMessage()
    window.analysis.analyze_all([window.cases.analysis_item(case_id) for case_id in window.cases.summaries])
    try:
        assert status.progress.text() == "0.00%", "the next run starts from nothing, not at the last one's figure"
    finally:
        status.cancel_button.click()
        qtbot.waitUntil(lambda: not window.analysis.busy)
