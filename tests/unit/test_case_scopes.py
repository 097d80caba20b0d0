"""Whole-folder actions decide from the index's facts: the same cases as from every case's summary (the rule they
replace), unsaved edits and decode errors included, a selection of files respected; a case analysed without a DR
grade (an OCT scan) counts as analysed, also in a workspace whose index is of the format before that was kept."""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from annotations.case_scopes import analysis_scope, done_case_ids, export_scopes
from annotations.case_source import CaseSource
from annotations.document import AIResult, ReviewState
from annotations.reading.blind import withholds_ai
from annotations.workspace import Workspace
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.store import IndexStore
from tests.unit.test_workspace import case_by_path, folder  # noqa: F401 - folder is a fixture

STATES = list(ReviewState)


def _source(only: set[str] | None = None) -> CaseSource:
    rows = [{"case_id": f"c{n:02d}", "image_path": f"img{(n * 7) % 40:02d}.jpg", "revision": 1,
             "review_state": STATES[n % len(STATES)].value, "ai_grade": None if n % 3 else n % 5,
             "analysed": int(n % 3 == 0 or n % 4 == 1),  # graded, or (n % 3 != 0) an OCT result with no grade
             "error": "cannot be read" if n % 11 == 0 else None} for n in range(40)]
    index = IndexStore.in_memory()
    index.upsert_cases(rows)
    return CaseSource(index, only)


def _edit(source: CaseSource) -> None:
    """A case marked done and analysed but not saved yet, and a decode error the window found."""
    source.update(dataclasses.replace(source["c01"], review_state=ReviewState.DONE, ai_grade=2, analysed=True))
    source.update(dataclasses.replace(source["c02"], error="truncated"))


def test_scopes_from_facts_match_the_rule_over_every_summary() -> None:
    for only in (None, {f"img{n:02d}.jpg" for n in range(0, 40, 3)} | {"img07.jpg", "img14.jpg"}):  # c01, c02
        source = _source(only)
        _edit(source)
        summaries = source.values()
        facts = source.facts(worker=True)
        assert [f.case_id for f in facts] == [s.case_id for s in summaries]  # file order, the selection only
        done = [s.case_id for s in summaries if s.review_state is ReviewState.DONE and s.error is None]
        assert done_case_ids(facts) == done
        marked_done = [s.case_id for s in summaries if s.review_state is ReviewState.DONE]  # photo read or not
        assert export_scopes(facts) == {"all": list(source), "done": marked_done} and len(marked_done) > len(done)
        assert sorted(source.done_ids()) == sorted(done)  # from the index's done cases, with the edits over them
        for blind in (False, True):
            scope = analysis_scope(facts, blind)
            readable = [s for s in summaries if not s.error and not withholds_ai(blind, s.review_state)]
            assert [f.case_id for f in scope.readable] == [s.case_id for s in readable]
            assert [f.case_id for f in scope.new] == [s.case_id for s in readable if not s.analysed]
            assert scope.analysed == len(readable) - len(scope.new)
            assert scope.unreadable == sum(1 for s in summaries if s.error) > 0


def test_unsaved_edits_count_over_the_index() -> None:
    source = _source()
    _edit(source)
    scope = analysis_scope(source.facts(), blind_ai=False)
    assert "c01" in done_case_ids(source.facts()) and "c01" not in {f.case_id for f in scope.new}
    assert "c02" not in {f.case_id for f in scope.readable}
    undone = next(case_id for case_id in source.done_ids() if case_id != "c01")
    source.update(dataclasses.replace(source[undone], review_state=ReviewState.TODO))
    assert undone not in source.done_ids() and "c01" in source.done_ids()


def _analyse_as_oct(folder: Path) -> str:  # noqa: F811 - folder: the fixture's
    """b.png analysed as an OCT scan (a result with class probabilities and no DR grade), saved."""
    with Workspace.open(folder, reader="r") as ws:
        case_id = case_by_path(ws, "b.png")
        doc = ws.load_case(case_id)
        doc.ai = AIResult(oct_probs={"CNV": 0.1, "DME": 0.1, "DRUSEN": 0.1, "NORMAL": 0.7})
        ws.save_case(doc)
    return case_id


def _new_ids(folder: Path) -> list[str]:  # noqa: F811
    with Workspace.open(folder) as ws:
        source = CaseSource(ws.index)
        return [f.case_id for f in analysis_scope(source.facts(worker=True), blind_ai=False).new]


def test_an_oct_case_with_a_result_is_not_analysed_again(folder: Path) -> None:  # noqa: F811
    case_id = _analyse_as_oct(folder)
    new = _new_ids(folder)
    assert case_id not in new and len(new) == 2  # a.jpg and sub/c.tif have no result yet


def test_an_index_of_the_previous_format_learns_which_cases_are_analysed(folder: Path) -> None:  # noqa: F811
    case_id = _analyse_as_oct(folder)
    with sqlite3.connect(folder / SIDECAR_NAME / "index.db") as db:  # as the release before left it
        db.execute("ALTER TABLE cases DROP COLUMN analysed")
    new = _new_ids(folder)
    assert case_id not in new and len(new) == 2
