"""An arbiter's save through the consensus store of a case the readers agree on but which is not settled yet (no
consensus record): their grade, masks or boxes stand as a correction of the agreed consensus, never replaced by
settling; a save that changed no labels (an analysis result, the detected modality) is no correction, and settling
still replaces what the store held (a bare document, labels from before the folder went double)."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult, Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.reading.consensus import (ArbiterSave, arbitrate, consensus_document, consensus_record, draft_from,
                                           labels_digest, note_arbiter_save, settle_agreed, state_of, stored_labels)
from annotations.reading.consensus_export import consensus_case_ids
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import both_read, case_of, image_folder, read_case

ARBITER = "Dr Arbiter"


def _agreed_folder(tmp_path: Path, labelled_before: bool = False) -> Path:
    """Two images both readers graded 1 alike; ``labelled_before``: the main store holds grade 4 labels saved while
    the folder was still read by one reader."""
    folder = image_folder(tmp_path / "f", count=2)
    if labelled_before:
        with open_consensus(folder, "dr-old") as old:
            read_case(old, 0, grade=4, rows=slice(10, 20))
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, {0: 1, 1: 1})
    return folder


def test_an_agreed_case_the_arbiter_corrects_before_it_is_settled_keeps_their_labels(tmp_path: Path) -> None:
    folder = _agreed_folder(tmp_path)
    with open_consensus(folder, ARBITER) as consensus:
        doc = consensus.load_case(case_of(0))  # not settled yet: a bare document
        opened = labels_digest(doc)
        doc.grade = ReaderGrade(dr_grade=3, dme_risk=1)
        doc.mask[8:12, 0:6] |= LesionClass.HE.bit
        consensus.save_case(doc)
        assert note_arbiter_save(consensus, case_of(0), ARBITER, opened) is ArbiterSave.CORRECTED
        assert settle_agreed(consensus, ARBITER) == 1  # the other agreed case only
        stored = consensus.load_case(case_of(0))
    assert stored.grade.dr_grade == 3 and stored.mask[10, 2] & LesionClass.HE.bit
    record = consensus_record(folder, case_of(0))
    assert record["method"] == "agreed" and [c["by"] for c in record["corrections"]] == [ARBITER]
    assert sorted(record["readings"]) == ["Anna", "Ben"]
    assert state_of(folder, case_of(0)) is CaseState.ARBITRATED  # the arbiter's decision, on their list too
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 3 and case_of(0) in consensus_case_ids(folder)


@pytest.mark.parametrize("labelled_before", [False, True])
@pytest.mark.parametrize("change", ["analysis", "modality"])
def test_a_save_of_an_unsettled_agreed_case_that_changes_no_labels_is_no_correction(
        tmp_path: Path, labelled_before: bool, change: str) -> None:
    folder = _agreed_folder(tmp_path, labelled_before)
    with open_consensus(folder, ARBITER) as consensus:
        doc = consensus.load_case(case_of(0))
        opened = labels_digest(doc)
        if change == "analysis":
            doc.ai = AIResult(dr_grade=4, referable=True, grade_source="model")
        else:
            doc.modality = Modality.OCT
        consensus.save_case(doc)
        assert note_arbiter_save(consensus, case_of(0), ARBITER, opened) is ArbiterSave.NO_CORRECTION
        assert consensus_record(folder, case_of(0)) is None
        assert settle_agreed(consensus, ARBITER) == 2  # the readers' agreement replaces what the store held
        assert consensus.load_case(case_of(0)).grade.dr_grade == 1
    assert state_of(folder, case_of(0)) is CaseState.AGREED


def test_a_save_that_puts_back_labels_from_before_the_case_was_settled_settles_it_again(tmp_path: Path) -> None:
    folder = _agreed_folder(tmp_path, labelled_before=True)
    with open_consensus(folder, ARBITER) as consensus:
        doc = consensus.load_case(case_of(0))  # the arbiter opens the case with its labels from single reading
        opened = labels_digest(doc)
        settle_agreed(consensus, ARBITER)  # settled while it is open
        doc.ai = AIResult(dr_grade=4, referable=True, grade_source="model")
        doc.modality = Modality.OCT  # as detected from its pixels
        consensus.save_case(doc)  # the open case, with its old labels, over the agreed reading
        assert note_arbiter_save(consensus, case_of(0), ARBITER, opened) is ArbiterSave.SETTLED_AGAIN
        stored = consensus.load_case(case_of(0))
    assert stored.grade.dr_grade == 1
    assert stored.ai.dr_grade == 4 and stored.modality is Modality.OCT  # what that save stored is kept
    assert "corrections" not in consensus_record(folder, case_of(0))
    assert state_of(folder, case_of(0)) is CaseState.AGREED
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 1


def test_stored_labels_are_those_of_the_case_as_the_store_holds_it(tmp_path: Path) -> None:
    folder = _agreed_folder(tmp_path, labelled_before=True)
    with open_consensus(folder, ARBITER) as consensus:
        labelled, fresh = consensus.load_case(case_of(0)), consensus.load_case(case_of(1))  # grade 4; none stored
        assert stored_labels(consensus, case_of(0), (labelled.width, labelled.height)) == labels_digest(labelled)
        assert stored_labels(consensus, case_of(1), (fresh.width, fresh.height)) == labels_digest(fresh)
        assert labels_digest(labelled) != labels_digest(fresh)


def test_arbitrating_keeps_the_patient_details_findings_and_analysis_of_the_consensus(tmp_path: Path) -> None:
    """The arbiter typed the patient's details and a finding on the consensus case, then chose a reading: the
    reading was stored whole over them (details empty, the reader's findings, the reader's analysis or none)."""
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    for reader, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, reader) as store:
            doc = store.load_case(case_of(0))
            doc.grade, doc.findings_text = ReaderGrade(dr_grade=grade, dme_risk=0), f"{reader}'s findings"
            doc.review_state = ReviewState.DONE
            store.save_case(doc)
    with open_consensus(folder, ARBITER) as consensus:
        doc = consensus.load_case(case_of(0))
        doc.patient = PatientInfo(patient_id="P-123", name="Jane Doe", eye="OD")
        doc.findings_text, doc.ai = "cotton wool spot, recheck", AIResult(dr_grade=2)
        consensus.save_case(doc, ARBITER)
        readings = [r for r in load_readings(folder, case_of(0)) if r.submitted]
        draft = draft_from(next(r for r in readings if r.reader == "Ben"))
        draft.grade = ReaderGrade(dr_grade=2, dme_risk=0)
        arbitrate(consensus, draft, ARBITER, readings)
        settled = consensus.load_case(case_of(0))
    assert settled.grade.dr_grade == 2 and settled.patient.patient_id == "P-123" and settled.patient.eye == "OD"
    assert settled.findings_text == "cotton wool spot, recheck" and settled.ai.dr_grade == 2
