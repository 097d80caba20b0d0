"""A row whose reading state cannot be told (a reader's file of it unreadable) carries why, for its Reading cell's
tool tip, until its state is known again; an update of other cases keeps it."""
from __future__ import annotations

from annotations.case_source import CaseSource
from annotations.reading.disagreement import CaseState
from annotations.workspace.store import IndexStore


def _source() -> CaseSource:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": "todo", "revision": 1}
                        for case_id in ("a", "b", "c")])
    return CaseSource(index)


def test_why_a_reading_state_is_unknown_stays_until_it_is_known() -> None:
    source = _source()
    source.set_reading_states({"a": CaseState.AGREED}, unknown={"b": "b/case.json: damaged", "a": "not shown"})
    assert [(source[c].reading_state, source[c].reading_error) for c in "abc"] == [
        ("agreed", ""), ("", "b/case.json: damaged"), ("needs reader 1", "")]
    source.set_reading_states({"c": CaseState.AGREED}, replace_all=False)  # another case saved
    assert source["b"].reading_error == "b/case.json: damaged"
    source.set_reading_states({"b": CaseState.NEEDS_ARBITRATION}, replace_all=False)  # mended
    assert (source["b"].reading_state, source["b"].reading_error) == ("needs arbitration", "")
    source.set_reading_states({}, replace_all=False, unknown={"c": "c/case.json: damaged"})
    source.set_reading_states({"a": CaseState.AGREED})  # the folder read anew: it holds every unknown one
    assert source["c"].reading_error == ""
