"""A filter that hides the open case, cleared again, lists its row highlighted again: no row was, though the case
stayed open (screening-programme probe), so the list did not show where the reader was."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import ReviewState
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


def test_the_open_cases_row_is_highlighted_again_once_a_filter_that_hid_it_is_cleared(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = reviewer_window(qtbot, tmp_path, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png")))
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    case_list, open_id = window.case_list, window.cases.current_id
    assert case_list.current_case_id() == open_id
    case_list.set_filters(ReviewState.DONE)  # none is done: the open case's row goes
    qtbot.waitUntil(lambda: case_list.model.rowCount() == 0, timeout=10_000)
    case_list.set_filters(None)
    qtbot.waitUntil(lambda: case_list.model.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: case_list.current_case_id() == open_id, timeout=5_000)
    assert window.cases.current_id == open_id and case_list.selected_case_ids() == [open_id]
