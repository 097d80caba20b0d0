"""A photo the reader recorded ungradable in the case list's index: listed as "U", kept by its own grade filter and
not by "not graded", and flagged against an AI grade unless the AI's quality check too found the image not
gradable; an index from before the columns gains them from the case files."""
from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from annotations.case_source import DISAGREE, FLAGGED, UNGRADED, CaseQuery, CaseSource
from annotations.consistency import GRADES_DIFFER, case_flags
from annotations.document import UNGRADABLE, AIResult, ReaderGrade, ReviewState
from annotations.grading import with_ungradable
from annotations.volume_summary import GradedFields, volume_fields
from annotations.workspace import Workspace
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.store import IndexStore
from tests.unit.test_workspace import case_by_path, folder  # noqa: F401 - folder is a fixture

# a.jpg: ungradable beside the AI's grade 2; b.png: ungradable, the AI found it not gradable; sub/c.tif: grade 2
AI = {"a.jpg": AIResult(dr_grade=2), "b.png": AIResult(dr_grade=1, quality={"gradable": False}),
      "sub/c.tif": AIResult(dr_grade=1)}


def _save_readings(folder: Path) -> dict[str, str]:
    with Workspace.open(folder, reader="r") as ws:
        ids = {path: case_by_path(ws, path) for path in AI}
        for path, ai in AI.items():
            doc = ws.load_case(ids[path])
            doc.ai, doc.review_state = ai, ReviewState.DONE
            doc.grade = ReaderGrade(dr_grade=2) if path == "sub/c.tif" else with_ungradable(doc.grade)
            ws.save_case(doc)
    return ids


def _listed(ws: Workspace, ids: dict[str, str]) -> dict[str, tuple]:
    source = CaseSource(ws.index)
    by_id = {case_id: path for path, case_id in ids.items()}

    def kept(query: CaseQuery) -> set[str]:
        return {by_id[c] for c in source.ids(query)}

    summaries = {s.image_path: s for s in ws.cases()}
    return {"grades": {path: summaries[path].listed_reader_grade for path in AI},
            "flags": {path: [flag.text for flag in summaries[path].flags] for path in AI},
            "ungradable": kept(CaseQuery(grade=UNGRADABLE)), "ungraded": kept(CaseQuery(grade=UNGRADED)),
            "flagged": kept(CaseQuery(state=FLAGGED)), "disagree": kept(CaseQuery(grade=DISAGREE)),
            "sorted": [by_id[c] for c in source.ids(CaseQuery(sort="reader"))]}


EXPECTED = {"grades": {"a.jpg": UNGRADABLE, "b.png": UNGRADABLE, "sub/c.tif": 2},
            "flags": {"a.jpg": ["AI grade 2 differs from reader grade U"], "b.png": [],
                      "sub/c.tif": ["AI grade 1 differs from reader grade 2"]},
            "ungradable": {"a.jpg", "b.png"}, "ungraded": set(), "flagged": {"a.jpg", "sub/c.tif"},
            "disagree": {"a.jpg", "sub/c.tif"}, "sorted": ["sub/c.tif", "a.jpg", "b.png"]}


def test_an_ungradable_reading_is_listed_filtered_and_flagged(folder: Path) -> None:  # noqa: F811
    ids = _save_readings(folder)
    with Workspace.open(folder) as ws:  # from the index, on the next open
        assert _listed(ws, ids) == EXPECTED


def test_an_index_from_before_the_columns_gains_them_from_the_case_files(folder: Path) -> None:  # noqa: F811
    ids = _save_readings(folder)
    with sqlite3.connect(folder / SIDECAR_NAME / "index.db") as db:  # as the release before them left it
        for column in ("reader_ungradable", "ai_ungradable"):
            db.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    with Workspace.open(folder) as ws:
        assert _listed(ws, ids) == EXPECTED


def test_a_row_an_older_build_rewrote_is_read_again_from_its_case_file(folder: Path) -> None:  # noqa: F811
    """Its INSERT OR REPLACE leaves the columns it does not know NULL, its case file unchanged since."""
    ids = _save_readings(folder)
    with sqlite3.connect(folder / SIDECAR_NAME / "index.db") as db:
        db.execute("UPDATE cases SET reader_ungradable = NULL, ai_ungradable = NULL")
    with Workspace.open(folder) as ws:
        assert _listed(ws, ids) == EXPECTED


@pytest.mark.parametrize("blind_ai", [False, True])
def test_the_index_flags_and_filters_as_the_rule_over_every_combination(blind_ai: bool) -> None:
    rows = [{"case_id": f"c{number:03d}", "image_path": f"c{number:03d}.png", "review_state": state, "revision": 1,
             "ai_grade": ai, "ai_ungradable": ai_ungradable, "reader_lesions": lesions,
             "reader_grade": None if reader == UNGRADABLE else reader, "reader_ungradable": int(reader == UNGRADABLE)}
            for number, (state, ai, ai_ungradable, reader, lesions) in enumerate(itertools.product(
                ("todo", "done"), (None, 0, 2), (0, 1), (None, 0, 2, UNGRADABLE), ("", "HE")))]
    index = IndexStore.in_memory()
    index.upsert_cases(rows)
    source = CaseSource(index, blind_ai=blind_ai)

    def shown(row: dict) -> tuple:  # the reader's listed grade, and the AI's they may see ("U": not gradable)
        ai = not blind_ai or row["review_state"] == "done"
        reader = UNGRADABLE if row["reader_ungradable"] else row["reader_grade"]
        return reader, (UNGRADABLE if row["ai_ungradable"] else row["ai_grade"]) if ai else None

    def flagged(row: dict) -> list:
        lesions = [row["reader_lesions"]] if row["reader_lesions"] else []
        return case_flags(ReviewState(row["review_state"]), *shown(row), lesions)

    by_id = {row["case_id"]: row for row in rows}
    assert all(source[c].flags == flagged(row) for c, row in by_id.items())
    assert set(source.ids(CaseQuery(state=FLAGGED))) == {c for c, row in by_id.items() if flagged(row)}
    assert set(source.ids(CaseQuery(grade=DISAGREE))) == {
        c for c, row in by_id.items() if any(flag.kind == GRADES_DIFFER for flag in flagged(row))}
    assert set(source.ids(CaseQuery(grade=UNGRADED))) == {c for c, row in by_id.items() if shown(row)[0] is None}
    assert set(source.ids(CaseQuery(grade=UNGRADABLE))) == {c for c, r in by_id.items() if UNGRADABLE in shown(r)}
    assert all(source[c].listed_ai_grade == shown(row)[1] for c, row in by_id.items())
    flags = [len(source[c].flags) for c in source.ids(CaseQuery(sort="flags"))]
    assert flags == sorted(flags)


def test_a_volumes_row_is_ungradable_only_where_no_bscan_was_graded() -> None:
    ungradable, graded = GradedFields(reader_ungradable=True, ai_ungradable=True), GradedFields(reader_grade=2)
    assert volume_fields([ungradable, GradedFields()]).reader_ungradable
    folded = volume_fields([ungradable, graded])
    assert (folded.reader_grade, folded.reader_ungradable, folded.ai_ungradable) == (2, False, True)


def _mixed_index() -> CaseSource:
    """Photos graded 0 and 4, ungraded and ungradable (to the reader, to the AI's quality check), OCT scans."""
    index = IndexStore.in_memory()
    index.upsert_cases([
        {"case_id": "none", "image_path": "a.jpg", "review_state": "todo"},
        {"case_id": "g4", "image_path": "b.jpg", "review_state": "done", "ai_grade": 4, "reader_grade": 4},
        {"case_id": "g0", "image_path": "c.jpg", "review_state": "done", "ai_grade": 0, "reader_grade": 0},
        {"case_id": "u", "image_path": "d.jpg", "review_state": "done", "ai_grade": 3, "ai_ungradable": 1,
         "reader_ungradable": 1},
        {"case_id": "u_ai", "image_path": "e.jpg", "review_state": "done", "ai_grade": 2, "ai_ungradable": 1,
         "reader_grade": 2},
        {"case_id": "cnv", "image_path": "f.png", "review_state": "done", "ai_oct_class": "CNV",
         "reader_oct_class": "CNV"},
        {"case_id": "normal", "image_path": "g.png", "review_state": "done", "ai_oct_class": "NORMAL",
         "reader_oct_class": "NORMAL"},
    ])
    return CaseSource(index)


def test_the_ais_grade_of_a_photo_its_quality_check_found_not_gradable_is_listed_u_as_the_readers_is() -> None:
    source = _mixed_index()
    assert {c: source[c].listed_ai_grade for c in ("g4", "u", "u_ai")} == {"g4": 4, "u": UNGRADABLE, "u_ai": UNGRADABLE}
    assert source["u"].flags == []  # U beside U agrees
    assert [flag.text for flag in source["u_ai"].flags] == ["AI grade U differs from reader grade 2"]
    assert set(source.ids(CaseQuery(grade=UNGRADABLE))) == {"u", "u_ai"}
    assert set(source.ids(CaseQuery(grade=2))) == {"u_ai"}  # the reader's 2; the AI's void 2 keeps nothing
    assert set(source.ids(CaseQuery(grade=3))) == set()
    assert set(source.ids(CaseQuery(grade=DISAGREE))) == set(source.ids(CaseQuery(state=FLAGGED))) == {"u_ai"}


@pytest.mark.parametrize("sort", ["reader", "ai"])
def test_sorting_by_grade_puts_ungradable_photos_together_after_grade_4_and_before_the_oct_scans(sort: str) -> None:
    source = _mixed_index()
    ungradable = {"reader": ["u"], "ai": ["u", "u_ai"]}[sort]
    graded = {"reader": ["g0", "u_ai", "g4"], "ai": ["g0", "g4"]}[sort]
    assert source.ids(CaseQuery(sort=sort)) == ["none", *graded, *ungradable, "cnv", "normal"]
    assert source.ids(CaseQuery(sort=sort, descending=True)) == ["normal", "cnv", *ungradable[::-1], *graded[::-1],
                                                                 "none"]


def test_a_volumes_ai_grade_is_of_its_gradable_bscans_and_ungradable_only_where_none_was() -> None:
    ungradable = GradedFields(ai_grade=4, ai_ungradable=True)
    folded = volume_fields([ungradable, GradedFields(ai_grade=1)])
    assert (folded.ai_grade, folded.ai_ungradable) == (1, False)
    folded = volume_fields([ungradable, GradedFields()])
    assert (folded.ai_grade, folded.ai_ungradable) == (None, True)
