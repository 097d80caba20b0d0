"""Whole-folder actions decide from the index's facts: the same cases as from every case's summary (the rule they
replace), unsaved edits and decode errors included, a selection of files respected."""
from __future__ import annotations

import dataclasses

from annotations.case_scopes import analysis_scope, done_case_ids, export_scopes
from annotations.case_source import CaseSource
from annotations.document import ReviewState
from annotations.reading.blind import withholds_ai
from annotations.workspace.store import IndexStore

STATES = list(ReviewState)


def _source(only: set[str] | None = None) -> CaseSource:
    rows = [{"case_id": f"c{n:02d}", "image_path": f"img{(n * 7) % 40:02d}.jpg", "revision": 1,
             "review_state": STATES[n % len(STATES)].value, "ai_grade": None if n % 3 else n % 5,
             "error": "cannot be read" if n % 11 == 0 else None} for n in range(40)]
    index = IndexStore.in_memory()
    index.upsert_cases(rows)
    return CaseSource(index, only)


def _edit(source: CaseSource) -> None:
    """A case marked done and analysed but not saved yet, and a decode error the window found."""
    source.update(dataclasses.replace(source["c01"], review_state=ReviewState.DONE, ai_grade=2))
    source.update(dataclasses.replace(source["c02"], error="truncated"))


def test_scopes_from_facts_match_the_rule_over_every_summary() -> None:
    for only in (None, {f"img{n:02d}.jpg" for n in range(0, 40, 3)} | {"img07.jpg", "img14.jpg"}):  # c01, c02
        source = _source(only)
        _edit(source)
        summaries = source.values()
        facts = source.facts(worker=True)
        assert [f.case_id for f in facts] == [s.case_id for s in summaries]  # file order, the selection only
        done = [s.case_id for s in summaries if s.review_state is ReviewState.DONE and s.error is None]
        assert done_case_ids(facts) == done and export_scopes(facts) == {"all": list(source), "done": done}
        assert sorted(source.done_ids()) == sorted(done)  # from the index's done cases, with the edits over them
        for blind in (False, True):
            scope = analysis_scope(facts, blind)
            readable = [s for s in summaries if not s.error and not withholds_ai(blind, s.review_state)]
            assert [f.case_id for f in scope.readable] == [s.case_id for s in readable]
            assert [f.case_id for f in scope.new] == [s.case_id for s in readable if s.ai_grade is None]
            assert scope.analysed == len(readable) - len(scope.new)


def test_unsaved_edits_count_over_the_index() -> None:
    source = _source()
    _edit(source)
    scope = analysis_scope(source.facts(), blind_ai=False)
    assert "c01" in done_case_ids(source.facts()) and "c01" not in {f.case_id for f in scope.new}
    assert "c02" not in {f.case_id for f in scope.readable}
    undone = next(case_id for case_id in source.done_ids() if case_id != "c01")
    source.update(dataclasses.replace(source[undone], review_state=ReviewState.TODO))
    assert undone not in source.done_ids() and "c01" in source.done_ids()
