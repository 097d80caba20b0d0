"""G refused on a case with no AI result says to run the analysis (F5); that advice goes from the status bar once
the analysis starts, or once the reader moves to another case: it stayed there its 15 s, beside the progress of the
very analysis it asked for and over the next case, which has a result."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotations.progress import Cancelled
from app.analysis_controller import AnalysisController
from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import _window, fundus_folder

NO_RESULT = "No AI result for this case: run the analysis (F5) first"


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - the window
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))


def _press_g(qtbot, window) -> None:  # noqa: ANN001 - qtbot, the window
    qtbot.keyClick(window.canvas, Qt.Key.Key_G)
    assert window.statusBar().currentMessage() == NO_RESULT


def test_f5_takes_back_the_advice_to_run_the_analysis(qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    def job(_controller: AnalysisController, _request: object, state) -> int:  # noqa: ANN001 - WorkerState
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    monkeypatch.setattr(AnalysisController, "_job", job)
    _press_g(qtbot, window)
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)
    try:
        qtbot.waitUntil(lambda: window.analysis.busy)
        assert window.statusBar().currentMessage() == ""
    finally:  # else closing the window would wait for the job
        window.analysis.cancel()
        qtbot.waitUntil(lambda: not window.analysis.busy)


def test_the_next_case_does_not_keep_the_refusal_of_the_one_left(qtbot, window) -> None:
    _press_g(qtbot, window)
    first = window.cases.current_id
    qtbot.keyClick(window.canvas, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.cases.current_id != first)
    assert window.statusBar().currentMessage() == ""


def test_a_message_said_since_stays(qtbot, window) -> None:
    _press_g(qtbot, window)
    window.show_message("Saved a.png")
    window.case_refusal.withdraw()
    assert window.statusBar().currentMessage() == "Saved a.png"
