"""A stored consensus stands only as long as it should: one settled automatically from an agreement stops counting
once the readers no longer agree (the arbiter's to do again, not trained on nor exported), while the arbiter's
arbitration stays and a reader's later revision of it is shown."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from annotations.case_source import DISAGREE, FLAGGED, CaseQuery, CaseSource
from annotations.document import AIResult, ReaderGrade, ReviewState
from annotations.reading.consensus import (ArbiterSave, arbitrate, consensus_document, consensus_record, draft_from,
                                           folder_states, labels_digest, note_arbiter_save, settle_agreed, state_of)
from annotations.reading.consensus_export import consensus_case_ids
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.training_source import training_source
from annotations.reading.volume_states import listed_states
from annotations.workspace.store import IndexStore
from tests.unit.reading_fixtures import both_read, case_of, image_folder, read_case


def _double_folder(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, {0: 1, 1: 2})
    return folder


def test_an_agreed_consensus_the_readers_dispute_later_is_the_arbiters_again(tmp_path: Path) -> None:
    folder = _double_folder(tmp_path)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter") == 2
    assert consensus_case_ids(folder) == sorted([case_of(0), case_of(1)])
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3)  # Ben revises: the readers no longer agree
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION
    assert consensus_document(folder, case_of(0)) is None  # not exported as settled
    assert consensus_case_ids(folder) == [case_of(1)]  # nor trained on
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter") == 0  # and not settled again while they disagree
        source = training_source(consensus, [], "Dr Arbiter")
        assert source.case_ids == [case_of(1)]


def test_an_arbitration_stands_and_a_readers_revision_after_it_is_shown(tmp_path: Path) -> None:
    folder = _double_folder(tmp_path)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3)
    readings = load_readings(folder, case_of(0))
    with open_consensus(folder, "Dr Arbiter") as consensus:
        arbitrate(consensus, draft_from(readings[0]), "Dr Arbiter", readings)
    assert state_of(folder, case_of(0)) is CaseState.ARBITRATED
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=4)  # Anna revises after the arbitration
    assert state_of(folder, case_of(0)) is CaseState.REVISED_SINCE_ARBITRATION
    assert consensus_document(folder, case_of(0)).grade.dr_grade == readings[0].doc.grade.dr_grade  # still decided
    assert case_of(0) in consensus_case_ids(folder)
    assert listed_states(folder_states(folder))[case_of(0)] is CaseState.REVISED_SINCE_ARBITRATION
    readings = load_readings(folder, case_of(0))
    with open_consensus(folder, "Dr Arbiter") as consensus:  # arbitrating again takes the revision in
        arbitrate(consensus, draft_from(readings[1]), "Dr Arbiter", readings)
    assert state_of(folder, case_of(0)) is CaseState.ARBITRATED


def test_the_arbiters_list_shows_filters_and_counts_a_disputed_done_case_as_to_do() -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": f"c{n}", "image_path": f"img{n}.png", "review_state": state, "revision": 1}
                        for n, state in enumerate(("done", "done", "in_progress", "done"))])
    states = {"c0": CaseState.NEEDS_ARBITRATION, "c1": CaseState.AGREED, "c2": CaseState.NEEDS_ARBITRATION,
              "c3": CaseState.REVISED_SINCE_ARBITRATION}
    arbiter, reader = CaseSource(index, arbiter=True), CaseSource(index)
    arbiter.set_reading_states(states)
    shown = {case_id: arbiter[case_id].review_state for case_id in states}
    assert shown == {"c0": ReviewState.TODO, "c1": ReviewState.DONE, "c2": ReviewState.IN_PROGRESS,
                     "c3": ReviewState.DONE}
    for state in ReviewState:  # the filters and counts say what the rows show
        ids = arbiter.ids(CaseQuery(state=state.value))
        assert ids == [case_id for case_id in states if shown[case_id] is state]
        assert arbiter.count(CaseQuery(state=state.value)) == len(ids)
    by_state = arbiter.ids(CaseQuery(sort="state"))
    assert by_state.index("c0") < by_state.index("c2") < by_state.index("c1")  # to do, in progress, done
    assert reader["c0"].review_state is ReviewState.DONE  # a reader's own list is theirs


def test_the_arbiters_flags_of_a_disputed_done_case_follow_its_grade_shown_not_the_stale_one() -> None:
    """c0's stored agreement (grade 2, and grade 0 with lesions for c2) is no consensus since its readers disagree:
    the list shows no grade for it, so the ⚠ filter and sort compare none with the AI (grade 3) either, as its row
    does; c1's agreement stands and stays flagged."""
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": f"c{n}", "image_path": f"img{n}.png", "review_state": "done", "revision": 1,
                         "reader_grade": grade, "ai_grade": 3, "reader_lesions": lesions}
                        for n, (grade, lesions) in enumerate(((2, ""), (2, ""), (0, "HE")))])
    states = {"c0": CaseState.NEEDS_ARBITRATION, "c1": CaseState.AGREED, "c2": CaseState.NEEDS_ARBITRATION}
    arbiter, reader = CaseSource(index, arbiter=True), CaseSource(index)
    arbiter.set_reading_states(states)
    assert [case_id for case_id in states if arbiter[case_id].flags] == ["c1"]
    for query in (CaseQuery(state=FLAGGED), CaseQuery(grade=DISAGREE)):
        assert arbiter.ids(query) == ["c1"] and arbiter.count(query) == 1
    assert arbiter.ids(CaseQuery(sort="flags")) == ["c0", "c2", "c1"]  # by flag count, then by file
    assert reader.ids(CaseQuery(state=FLAGGED)) == ["c0", "c1", "c2"]  # a reader's own grades are theirs


def _correct_agreed(folder: Path, grade: int) -> None:
    """The arbiter settles the agreed case 0 and corrects its grade through the consensus store."""
    with open_consensus(folder, "Dr Arbiter") as consensus:
        settle_agreed(consensus, "Dr Arbiter")
        doc = consensus.load_case(case_of(0))
        opened = labels_digest(doc)
        doc.grade = ReaderGrade(dr_grade=grade, dme_risk=0)
        consensus.save_case(doc)
        assert note_arbiter_save(consensus, case_of(0), "Dr Arbiter", opened) is ArbiterSave.CORRECTED


def test_an_agreed_consensus_the_arbiter_corrected_is_never_settled_again_from_the_readers(tmp_path: Path) -> None:
    folder = _double_folder(tmp_path)
    _correct_agreed(folder, grade=3)
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 3
    time.sleep(0.01)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=1, rows=slice(2, 7))  # Ben saves again, still agreeing with Anna
    assert state_of(folder, case_of(0)) is CaseState.REVISED_SINCE_ARBITRATION  # shown to the arbiter
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 3
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter") == 0
        assert consensus.load_case(case_of(0)).grade.dr_grade == 3
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=4)  # and when the readers come to disagree, the arbiter's grade still stands
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 3 and case_of(0) in consensus_case_ids(folder)
    record = consensus_record(folder, case_of(0))
    assert record["corrections"][0]["by"] == "Dr Arbiter" and record["dr_grade"] == 3


def test_a_save_that_changes_no_grade_mask_or_box_is_no_correction(tmp_path: Path) -> None:
    folder = _double_folder(tmp_path)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        settle_agreed(consensus, "Dr Arbiter")
        doc = consensus.load_case(case_of(0))
        opened = labels_digest(doc)
        doc.ai = AIResult(dr_grade=4, referable=True, grade_source="model")  # an analysis of the open case
        consensus.save_case(doc)
        assert note_arbiter_save(consensus, case_of(0), "Dr Arbiter", opened) is ArbiterSave.NO_CORRECTION
    assert state_of(folder, case_of(0)) is CaseState.AGREED  # still the readers' agreement, settled anew after
    time.sleep(0.01)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=1, rows=slice(2, 7))
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter") == 1


@pytest.mark.parametrize("settled_first", [True, False])
def test_a_disputed_agreement_the_arbiter_edits_without_arbitrating_is_still_to_arbitrate(
        tmp_path: Path, settled_first: bool) -> None:
    folder = _double_folder(tmp_path)
    if settled_first:
        with open_consensus(folder, "Dr Arbiter") as consensus:
            settle_agreed(consensus, "Dr Arbiter")
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=4)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        doc = consensus.load_case(case_of(0))
        opened = labels_digest(doc)
        doc.grade = ReaderGrade(dr_grade=2, dme_risk=0)
        consensus.save_case(doc)
        assert note_arbiter_save(consensus, case_of(0), "Dr Arbiter", opened) is ArbiterSave.NOT_CONSENSUS
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION
    assert consensus_document(folder, case_of(0)) is None


def test_with_three_readers_an_arbitration_compares_only_the_two_readings_it_decided(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("Anna", 1), ("Ben", 3), ("Carl", 1)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)
    readings = load_readings(folder, case_of(0))[:2]  # the two the arbiter is shown (prepare_arbitration)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        arbitrate(consensus, draft_from(readings[0]), "Dr Arbiter", readings)
    assert state_of(folder, case_of(0)) is CaseState.ARBITRATED
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2)
    assert state_of(folder, case_of(0)) is CaseState.REVISED_SINCE_ARBITRATION

