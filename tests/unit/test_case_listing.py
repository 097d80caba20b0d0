"""The case list's listing, read off the GUI thread: the order and counts a query gives, requests merged while one
is read, and the index's second connection that serves those reads without holding up the window's."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.case_listing import ListingRequest, read_listing
from annotations.case_source import CaseQuery, CaseSource
from annotations.reading.disagreement import CaseState
from annotations.workspace.store import IndexStore

STATES = ("todo", "in_progress", "done")


@pytest.fixture
def index(tmp_path: Path) -> IndexStore:
    store = IndexStore.open_file(tmp_path / "index.db")
    store.upsert_cases([{"case_id": f"id{n:04d}", "image_path": f"photo_{n:04d}.jpg", "review_state": STATES[n % 3],
                         "ai_grade": n % 5 if n % 7 else None} for n in range(300)])
    yield store
    store.close()


def test_a_listing_is_the_query_s_order_with_each_row_and_the_folder_s_counts(index: IndexStore) -> None:
    listing = read_listing(ListingRequest(CaseSource(index), CaseQuery(state="done", sort="ai", descending=True)))
    done = [n for n in range(300) if n % 3 == 2]
    expected = sorted(done, key=lambda n: (n % 5 if n % 7 else -1, n), reverse=True)
    assert listing.ids == [f"id{n:04d}" for n in expected]
    assert listing.row_of == {case_id: row for row, case_id in enumerate(listing.ids)}
    assert (listing.total, listing.done) == (300, 100)


def test_a_listing_of_files_opened_one_by_one_has_just_those(index: IndexStore) -> None:
    source = CaseSource(index, only={"photo_0005.jpg", "photo_0001.jpg"})
    listing = read_listing(ListingRequest(source, CaseQuery(sort="file", descending=True)))
    assert listing.ids == ["id0005", "id0001"] and (listing.total, listing.done) == (2, 1)


def test_a_counts_only_listing_reads_no_order(index: IndexStore) -> None:
    listing = read_listing(ListingRequest(CaseSource(index), CaseQuery(), reorder=False))
    assert listing.ids is None and listing.row_of is None and (listing.total, listing.done) == (300, 100)


def test_waiting_requests_merge_into_the_newest_and_keep_a_wanted_order(index: IndexStore) -> None:
    source = CaseSource(index)
    sort = ListingRequest(source, CaseQuery(sort="ai"))
    counts = ListingRequest(source, CaseQuery(sort="state"), reorder=False)
    merged = sort.merged(counts)
    assert merged.query == CaseQuery(sort="state") and merged.reorder  # the sort still happens, newest query
    assert not counts.merged(ListingRequest(source, CaseQuery(), reorder=False)).reorder
    other_folder = ListingRequest(CaseSource(index), CaseQuery(), reorder=False)
    assert sort.merged(other_folder) is other_folder  # the closed folder's order is no longer wanted


def test_the_second_connection_sees_committed_rows_and_reading_states_but_cannot_write(index: IndexStore) -> None:
    index.upsert_cases([{"case_id": "new", "image_path": "zz.jpg", "review_state": "todo"}])
    index.set_reading_states({"id0001": CaseState.AGREED})
    assert index.case_ids(worker=True)[-1] == "new"
    assert index.case_ids("rs.state = ?", [CaseState.AGREED.value], worker=True) == ["id0001"]
    assert index.count_cases(worker=True) == 301
    with pytest.raises(Exception, match="readonly"):
        index._worker_db.execute("DELETE FROM cases")


def test_a_long_read_on_the_second_connection_does_not_hold_up_the_first(index: IndexStore) -> None:
    with index._worker_lock:  # a worker in the middle of sorting 100,000 cases
        rows: list = []
        reader = threading.Thread(target=lambda: rows.append(index.cases_by_id(["id0001"])))
        reader.start()
        reader.join(timeout=5)
        assert rows and rows[0]["id0001"]["image_path"] == "photo_0001.jpg"


def test_an_index_in_memory_serves_both_from_its_one_connection() -> None:
    store = IndexStore.in_memory()
    store.upsert_cases([{"case_id": "a", "image_path": "a.jpg", "review_state": "done"}])
    store.set_reading_states({"a": CaseState.AGREED})
    assert store.case_ids("rs.state = ?", [CaseState.AGREED.value], worker=True) == ["a"]
    store.close()


def test_closing_the_index_leaves_no_write_ahead_log(tmp_path: Path) -> None:
    store = IndexStore.open_file(tmp_path / "index.db")
    store.upsert_cases([{"case_id": "a", "image_path": "a.jpg", "review_state": "todo"}])
    assert store.case_ids(worker=True) == ["a"]
    store.close()
    assert not (tmp_path / "index.db-wal").exists()  # all in index.db: a copy of the file alone is complete
