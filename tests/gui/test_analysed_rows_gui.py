"""A case that is not open, analysed by Analyse all, shows its AI grade in the case list as soon as it is stored: the
list was told only of a row that differed from the index's, which the store had already written, so a list page read
before kept "–" (seen in the arbiter's window with analysis on opening, on a case no reader had read)."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import AIResult
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.test_double_reading_gui import STATE_COLUMN, window_on
from tests.gui.windows import reviewer_window
from tests.unit.reading_fixtures import both_read, case_of, image_folder
from widgets.case_list import AI_COLUMN

ARBITER = "Dr Arbiter"


def _cell(window, file_name: str, column: int) -> str:  # noqa: ANN001 - MainWindow
    model = window.case_list.model
    return next(model.index(row, column).data() for row in range(model.rowCount())
                if model.index(row, 0).data() == file_name)


def test_the_arbiters_list_shows_analyse_alls_grade_of_a_case_no_reader_read(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))  # the classical fallback grades
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    both_read(folder, {0: 1})  # img1 is read by no one
    window = window_on(qtbot, tmp_path, folder, ARBITER, analyze_on_open=True)
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)
    qtbot.waitUntil(lambda: not window.analysis.busy, timeout=60_000)  # the open case, img0, analysed on opening
    assert window.cases.current_id == case_of(0)
    assert _cell(window, "img1.png", AI_COLUMN) == "–" and _cell(window, "img1.png", STATE_COLUMN) == "with readers"
    window.analysis.analyze_all([window.cases.analysis_item(case_id) for case_id in sorted(window.cases.summaries)])
    qtbot.waitUntil(lambda: not window.analysis.busy, timeout=60_000)
    window.cases.flush()  # its results are stored through the storage queue
    stored = window.cases.summaries[case_of(1)]  # in the arbiter's store, the consensus's
    assert stored.analysed
    qtbot.waitUntil(lambda: _cell(window, "img1.png", AI_COLUMN) != "–", timeout=5_000)


def test_a_result_stored_for_a_case_not_open_shows_on_a_list_read_before(qtbot, tmp_path: Path) -> None:
    window = reviewer_window(qtbot, tmp_path, image_folder(tmp_path / "f", count=2, width=40, height=30))
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)
    assert window.cases.current_id == case_of(0) and _cell(window, "img1.png", AI_COLUMN) == "–"  # its page read
    window.cases.ai_results.apply(case_of(1), AIResult(dr_grade=3, referable=True, grade_source="model"))
    window.cases.flush()
    qtbot.waitUntil(lambda: _cell(window, "img1.png", AI_COLUMN) == "3", timeout=5_000)
