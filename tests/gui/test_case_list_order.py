"""The case list at a few thousand rows: its order is read on a worker and swapped in, the rows right for the sort
and filter, the selected and current cases kept (and kept in sight) across a re-sort, a burst of requests read
at most twice, and the counts re-read without moving rows."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

import app.case_listing_reader as listing_reader
from annotations.case_source import CaseSource
from annotations.document import ReviewState
from annotations.workspace.store import IndexStore
from app.case_listing_reader import CaseListingReader
from tests.gui.test_case_list import settled
from widgets.case_list import CASE_ID_ROLE, CaseListWidget

CASES = 3000
STATES = ("todo", "in_progress", "done")


def _ai_grade(n: int) -> int | None:
    return n % 5 if n % 7 else None


@pytest.fixture
def index(tmp_path: Path) -> IndexStore:
    store = IndexStore.open_file(tmp_path / "index.db")  # on disk: the list reads on its second connection
    store.upsert_cases([{"case_id": f"id{n:05d}", "image_path": f"photo_{n:05d}.jpg", "review_state": STATES[n % 3],
                         "ai_grade": _ai_grade(n)} for n in range(CASES)])
    yield store
    store.close()


@pytest.fixture
def case_list(qtbot, index: IndexStore) -> CaseListWidget:
    reader = CaseListingReader()
    widget = CaseListWidget(reader)
    reader.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    widget.set_source(CaseSource(index))
    return settled(qtbot, widget)


def _ids(numbers) -> list[str]:
    return [f"id{n:05d}" for n in numbers]


def _select(case_list: CaseListWidget, *case_ids: str) -> None:
    """Click the first case, Ctrl+click the others (the first stays current)."""
    selection = case_list.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    for number, case_id in enumerate(case_ids):
        index = case_list.model.index(case_list.model.row_of(case_id), 0)
        if number == 0:
            selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        else:
            selection.select(index, flags.Select | flags.Rows)


def test_sorting_and_filtering_a_few_thousand_rows(qtbot, case_list) -> None:
    case_list.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # AI grade; ties by file name, descending too
    expected = sorted(range(CASES), key=lambda n: (-1 if _ai_grade(n) is None else _ai_grade(n), n), reverse=True)
    assert settled(qtbot, case_list).visible_case_ids() == _ids(expected)
    assert case_list.model.index(0, 2).data() == "4" and case_list.model.index(CASES - 1, 2).data() == "–"
    case_list.set_filters(ReviewState.DONE, 3)
    shown = [n for n in expected if STATES[n % 3] == "done" and _ai_grade(n) == 3]
    assert settled(qtbot, case_list).visible_case_ids() == _ids(shown)
    assert case_list.count_label.text() == f"{len(shown)} of {CASES} cases shown · {CASES // 3} done"


def test_selected_and_current_cases_are_kept_across_a_re_sort_and_a_filter(qtbot, case_list) -> None:
    current, *others = _ids([1, 2, 2998])  # in progress, done, in progress
    _select(case_list, current, *others)
    case_list.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by state: the three go far apart
    settled(qtbot, case_list)
    assert case_list.current_case_id() == current
    rows = [case_list.model.row_of(case_id) for case_id in (current, *others)]
    assert sorted(case_list.selected_case_ids()) == sorted([current, *others])
    assert max(rows) - min(rows) > CASES // 4
    case_list.set_filters(ReviewState.IN_PROGRESS)  # keeps cases 1 and 2998, not 2
    settled(qtbot, case_list)
    assert case_list.current_case_id() == current
    assert sorted(case_list.selected_case_ids()) == sorted(_ids([1, 2998]))


def test_the_case_looked_at_stays_in_sight_when_the_rows_move(qtbot, case_list) -> None:
    case_list.select_case(_ids([3])[0])  # on screen, near the top
    case_list.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # now near the bottom
    settled(qtbot, case_list)
    table = case_list.table
    assert table.viewport().rect().intersects(table.visualRect(table.currentIndex()))
    assert table.currentIndex().data(CASE_ID_ROLE) == _ids([3])[0]


def test_listings_are_read_off_the_gui_thread_and_a_burst_of_requests_reads_at_most_twice(
        qtbot, case_list, monkeypatch) -> None:
    threads: list[threading.Thread] = []
    real = listing_reader.read_listing

    def counted(request):
        threads.append(threading.current_thread())
        return real(request)

    monkeypatch.setattr(listing_reader, "read_listing", counted)
    for column in (1, 2, 3, 4, 0, 2):  # clicks on one header after another
        case_list.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert case_list.pending
    settled(qtbot, case_list)
    assert 1 <= len(threads) <= 2 and threading.main_thread() not in threads
    expected = sorted(range(CASES), key=lambda n: (-1 if _ai_grade(n) is None else _ai_grade(n), n))
    assert case_list.visible_case_ids() == _ids(expected)  # the last click's order


def test_counts_are_read_again_without_moving_rows(qtbot, case_list, index: IndexStore) -> None:
    case_list.set_filters(ReviewState.TODO)
    shown = settled(qtbot, case_list).visible_case_ids()
    index.upsert_cases([{"case_id": shown[0], "image_path": "photo_00000.jpg", "review_state": "done"}])  # saved
    case_list.refresh_counts()
    settled(qtbot, case_list)
    assert case_list.visible_case_ids() == shown  # the case marked done stays where the reader is working
    assert case_list.count_label.text() == f"{len(shown)} of {CASES} cases shown · {CASES // 3 + 1} done"


def test_a_closed_folder_s_listing_is_not_shown(qtbot, case_list, tmp_path: Path) -> None:
    case_list.refresh()  # being read when another folder opens
    other = IndexStore.in_memory()
    other.upsert_cases([{"case_id": "x", "image_path": "x.jpg", "review_state": "todo"}])
    case_list.set_source(CaseSource(other))
    assert settled(qtbot, case_list).visible_case_ids() == ["x"]
    assert case_list.count_label.text() == "1 of 1 cases shown · 0 done"
