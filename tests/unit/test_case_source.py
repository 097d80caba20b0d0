"""The case list as index queries: filters and sorting run in SQL and agree with the rules they stand for, and a
folder's scan comes in batches that leave the index as one synchronous refresh does."""
from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.case_source import DISAGREE, ERRORS, FLAGGED, UNGRADED, CaseQuery, CaseSource
from annotations.consistency import case_flags
from annotations.document import ReviewState
from annotations.graded_fields import listed_kind, listed_name
from annotations.reading.disagreement import CaseState
from annotations.workspace import Workspace
from annotations.workspace.catalog import sync_batches, write_batch
from annotations.workspace.store import IndexStore

GRADES = (None, 0, 1, 2)


def _index_of_every_combination() -> tuple[IndexStore, list[dict]]:
    """One row per combination of state, AI grade, reader grade and lesions, plus one broken image."""
    rows = []
    for number, (state, ai, reader, lesions) in enumerate(itertools.product(
            ReviewState, GRADES, GRADES, ("", "HE"))):
        rows.append({"case_id": f"c{number:03d}", "image_path": f"Img{(number * 37) % 97:03d}.jpg",
                     "review_state": state.value, "ai_grade": ai, "reader_grade": reader, "revision": 1,
                     "reader_lesions": lesions, "patient_id": f"P{number % 5}", "eye": "OD" if number % 2 else ""})
    rows.append({"case_id": "broken", "image_path": "zz.jpg", "review_state": "todo", "revision": 0,
                 "error": "zz.jpg: cannot be read"})
    index = IndexStore.in_memory()
    index.upsert_cases(rows)
    return index, rows


def _flags(row: dict) -> list[str]:
    lesions = [name for name in (row.get("reader_lesions") or "").split(",") if name]
    return case_flags(ReviewState(row["review_state"]), row.get("reader_grade"), row.get("ai_grade"), lesions)


def test_filters_in_sql_keep_what_the_rules_keep() -> None:
    index, rows = _index_of_every_combination()
    source = CaseSource(index)
    by_id = {row["case_id"]: row for row in rows}

    def kept(query: CaseQuery) -> set[str]:
        return set(source.ids(query))

    assert kept(CaseQuery(state=FLAGGED)) == {c for c, row in by_id.items() if _flags(row)}
    assert kept(CaseQuery(state=ERRORS)) == {"broken"}
    assert kept(CaseQuery(state="done")) == {c for c, r in by_id.items() if r["review_state"] == "done"}
    assert kept(CaseQuery(grade=2)) == {c for c, r in by_id.items() if 2 in (r.get("ai_grade"), r.get("reader_grade"))}
    assert kept(CaseQuery(grade=UNGRADED)) == {c for c, r in by_id.items() if r.get("reader_grade") is None}
    assert kept(CaseQuery(grade=DISAGREE)) == {
        c for c, r in by_id.items()
        if None not in (r.get("ai_grade"), r.get("reader_grade")) and r["ai_grade"] != r["reader_grade"]}


def test_sorting_in_sql_orders_as_asked() -> None:
    index, rows = _index_of_every_combination()
    source = CaseSource(index)
    paths = [source[c].image_path for c in source.ids(CaseQuery(sort="file"))]
    assert paths == sorted(paths, key=str.lower)
    ai = [source[c].ai_grade for c in source.ids(CaseQuery(sort="ai", descending=True))]
    assert ai == sorted(ai, key=lambda g: -1 if g is None else g, reverse=True)
    flags = [len(source[c].flags) for c in source.ids(CaseQuery(sort="flags"))]
    assert flags == sorted(flags) and flags[-1] == 2
    states = [source[c].review_state for c in source.ids(CaseQuery(sort="state"))]
    assert states == sorted(states, key=list(ReviewState).index)


def test_sorting_by_the_reader_column_puts_photos_by_grade_then_oct_scans_by_class() -> None:
    index = IndexStore.in_memory()
    listed = (("p2", 2, None), ("cnv", 1, "CNV"), ("p0", 0, None), ("normal", None, "NORMAL"), ("none", None, None),
              ("drusen", 4, "DRUSEN"))  # a scan's DR grade from before it was marked OCT does not place it
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": "todo", "revision": 1,
                         "reader_grade": grade, "reader_oct_class": oct_class} for case_id, grade, oct_class in listed])
    index.upsert_cases([{"case_id": "ai only", "image_path": "ai only.png", "review_state": "todo", "revision": 1,
                         "reader_grade": 3, "ai_oct_class": "CNV"}])  # a scan the reader has not classed yet
    assert CaseSource(index).ids(CaseQuery(sort="reader")) == ["ai only", "none", "p0", "p2", "cnv", "drusen",
                                                               "normal"]


def test_an_oct_scan_the_reader_classed_is_graded_and_its_ai_class_is_listed_and_sorted() -> None:
    index = IndexStore.in_memory()
    listed = (("p2", 2, None, None), ("cnv", None, "CNV", "DME"), ("open", None, None, "NORMAL"),
              ("p0", 0, None, None), ("none", None, None, None))  # (case, AI grade, reader's class, AI's class)
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": "done", "revision": 1,
                         "ai_grade": grade, "reader_oct_class": reader, "ai_oct_class": ai}
                        for case_id, grade, reader, ai in listed])
    source = CaseSource(index)
    assert set(source.ids(CaseQuery(grade=UNGRADED))) == {"p2", "open", "p0", "none"}  # "cnv" is classed: graded
    assert source["cnv"].ai_oct_class == "DME" and source["p2"].ai_oct_class is None
    assert source.ids(CaseQuery(sort="ai")) == ["none", "p0", "p2", "cnv", "open"]  # photos by grade, then scans


def test_a_blind_readers_list_shows_and_sorts_by_no_ai_oct_class_of_a_case_not_submitted() -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": state, "revision": 1,
                         "ai_oct_class": ai} for case_id, state, ai in
                        (("a", "todo", "CNV"), ("b", "done", "DME"), ("c", "todo", None))])
    source = CaseSource(index, blind_ai=True)
    assert (source["a"].ai_oct_class, source["b"].ai_oct_class) == (None, "DME")
    assert source.ids(CaseQuery(sort="ai")) == ["a", "c", "b"]  # "a" placed as no class: the order tells nothing


def test_a_blind_readers_list_shows_filters_and_sorts_by_no_ai_grade_of_a_case_not_submitted() -> None:
    """A case analysed before its folder went blind keeps its AI grade in the index: shown in the list, kept by a
    grade filter or placed by the AI sort, it would tell the reader the AI's reading before they submit."""
    index, rows = _index_of_every_combination()
    source = CaseSource(index, blind_ai=True)
    by_id = {row["case_id"]: row for row in rows}

    def shown(row: dict) -> int | None:
        return row.get("ai_grade") if row["review_state"] == "done" else None

    assert all(source[c].ai_grade == shown(row) for c, row in by_id.items())
    assert set(source.ids(CaseQuery(grade=2))) == {
        c for c, r in by_id.items() if 2 in (shown(r), r.get("reader_grade"))}
    assert set(source.ids(CaseQuery(grade=DISAGREE))) == {
        c for c, r in by_id.items() if None not in (shown(r), r.get("reader_grade")) and shown(r) != r["reader_grade"]}
    assert set(source.ids(CaseQuery(state=FLAGGED))) == {
        c for c, r in by_id.items() if _flags(dict(r, ai_grade=shown(r)))}
    ai = [source[c].ai_grade for c in source.ids(CaseQuery(sort="ai", descending=True))]
    assert ai == sorted(ai, key=lambda g: -1 if g is None else g, reverse=True)
    flags = [len(source[c].flags) for c in source.ids(CaseQuery(sort="flags"))]
    assert flags == sorted(flags)


def _index_of_photos_and_scans() -> tuple[IndexStore, list[dict]]:
    """Every combination of AI and reader DR grades, lesions and listed OCT classes: a row with a class is an OCT
    scan, its DR grades left from before it was marked OCT."""
    rows = [{"case_id": f"m{number:03d}", "image_path": f"m{number:03d}.png", "review_state": state, "revision": 1,
             "ai_grade": ai, "reader_grade": reader, "reader_lesions": lesions, "ai_oct_class": ai_class,
             "reader_oct_class": reader_class}
            for number, (state, ai, reader, lesions, ai_class, reader_class) in enumerate(itertools.product(
                ("todo", "done"), GRADES[:3], GRADES[:3], ("", "HE"), (None, "CNV", "DME"), (None, "CNV", "DME")))]
    index = IndexStore.in_memory()
    index.upsert_cases(rows)
    return index, rows


def _named(row: dict, ai_shown: bool = True) -> tuple[int | str | None, int | str | None]:
    """(reader, AI) as the rule names them (graded_fields.listed_name); ``ai_shown`` False: the AI's withheld."""
    ai_grade, ai_class = (row["ai_grade"], row["ai_oct_class"]) if ai_shown else (None, None)
    kind = listed_kind(row["reader_oct_class"], ai_class)
    return listed_name(kind, row["reader_grade"], row["reader_oct_class"]), listed_name(kind, ai_grade, ai_class)


def test_filters_in_sql_name_a_scan_by_its_class_and_a_photo_by_its_grade() -> None:
    index, rows = _index_of_photos_and_scans()
    for blind in (False, True):
        source = CaseSource(index, blind_ai=blind)
        named = {row["case_id"]: _named(row, not blind or row["review_state"] == "done") for row in rows}

        def kept(query: CaseQuery) -> set[str]:
            return set(source.ids(query))

        assert kept(CaseQuery(grade=DISAGREE)) == {c for c, (reader, ai) in named.items()
                                                   if None not in (reader, ai) and reader != ai}
        assert kept(CaseQuery(grade=UNGRADED)) == {c for c, (reader, _) in named.items() if reader is None}
        for grade in (0, 2, "CNV", "DME"):
            assert kept(CaseQuery(grade=grade)) == {c for c, pair in named.items() if grade in pair}
        assert kept(CaseQuery(state=FLAGGED)) == {c for c in named if source[c].flags}
        flags = [len(source[c].flags) for c in source.ids(CaseQuery(sort="flags"))]
        assert flags == sorted(flags)
        for side, sort in enumerate(("reader", "ai")):  # none first, then photos' grades, then scans' classes
            order = [named[c][side] for c in source.ids(CaseQuery(sort=sort))]
            assert order == sorted(order, key=lambda name: (isinstance(name, str), -1 if name is None else name))


def test_a_scan_is_not_kept_by_a_dr_grade_left_from_before_it_was_marked_oct() -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": "done", "revision": 1,
                         "ai_grade": ai, "reader_grade": reader, "ai_oct_class": ai_class,
                         "reader_oct_class": reader_class}
                        for case_id, ai, reader, ai_class, reader_class in (
                            ("photo", 2, 1, None, None), ("scan", 2, 1, "CNV", "DME"), ("same", 2, 1, "CNV", "CNV"),
                            ("ai only", None, 2, "DME", None))])
    source = CaseSource(index)
    assert source.ids(CaseQuery(grade=2)) == ["photo"]
    assert source.ids(CaseQuery(grade="CNV")) == ["same", "scan"]
    assert source.ids(CaseQuery(grade=DISAGREE)) == ["photo", "scan"]
    assert source.ids(CaseQuery(grade=UNGRADED)) == ["ai only"]  # its reader's DR grade does not grade a scan


def test_reading_states_filter_and_show() -> None:
    index, _ = _index_of_every_combination()
    source = CaseSource(index)
    source.set_reading_states({"c004": CaseState.AGREED}, replace_all=False)  # a case saved during the scan
    assert source["c004"].reading_state == CaseState.AGREED.value
    assert source["c003"].reading_state == ""  # not read yet: unknown, not "needs reader 1"
    source.set_reading_states({"c001": CaseState.NEEDS_ARBITRATION, "c002": CaseState.ARBITRATED})
    assert source.ids(CaseQuery(reading=CaseState.NEEDS_ARBITRATION.value)) == ["c001"]
    assert source["c002"].reading_state == "arbitrated"
    assert source["c003"].reading_state == "needs reader 1"  # nobody saved it yet
    order = source.ids(CaseQuery(sort="reading", descending=True))
    assert order[:2] == ["c002", "c001"]
    assert len(source.ids(CaseQuery(reading=CaseState.NEEDS_READER_1.value))) == len(source) - 2


def test_edited_summaries_show_over_the_index_and_only_limits_the_cases() -> None:
    index, _ = _index_of_every_combination()
    source = CaseSource(index, only={"Img000.jpg", "Img037.jpg"})
    assert len(source) == 2 and sorted(s.image_path for s in source.values()) == ["Img000.jpg", "Img037.jpg"]
    summary = source["c000"]
    source.update(type(summary)(**{**summary.__dict__, "reader_grade": 4}))
    assert source["c000"].reader_grade == 4


def test_rows_stored_elsewhere_are_read_from_the_index_again_keeping_a_decode_error() -> None:
    index, rows = _index_of_every_combination()
    source = CaseSource(index)
    saved, failed = source["c000"], source["c001"]
    source.update(dataclasses.replace(saved, reader_grade=4))  # as saved here
    source.update(dataclasses.replace(failed, reader_grade=4, error="img: cannot be decoded"))  # only the window knows
    index.upsert_cases([{**row, "reader_grade": 3} for row in rows[:2]])  # the agreed reading, stored elsewhere
    source.reread({"c000", "c001"})
    assert source["c000"] == dataclasses.replace(saved, reader_grade=3)
    assert (source["c001"].reader_grade, source["c001"].error) == (3, "img: cannot be decoded")


def test_scan_batches_leave_the_index_as_a_refresh_does(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    pixels = np.zeros((8, 12, 3), np.uint8)
    for number in range(23):
        Image.fromarray(pixels).save(folder / ("sub" if number % 4 == 0 else "") / f"p{number:02d}.png")
    (folder / "bad.jpg").write_bytes(b"not a photo")
    with Workspace.open(folder) as reference:
        expected = {s.case_id: s for s in reference.cases()}
    with Workspace.open(folder, scan=False) as ws:  # the index knows everything already: nothing to write
        assert [b.rows for b in sync_batches(ws.index.all_cases(), folder, ws.case_files, 5)] == [[]]
    (folder / ".retinareview" / "index.db").unlink()
    with Workspace.open(folder, scan=False) as ws:
        assert len(CaseSource(ws.index)) == 0
        batches = list(sync_batches(ws.index.all_cases(), folder, ws.case_files, batch_size=5))
        assert len(batches) == 5 and batches[-1].done == batches[-1].total == 24
        for batch in batches:
            write_batch(ws.index, batch)
        assert {s.case_id: s for s in ws.cases()} == expected
