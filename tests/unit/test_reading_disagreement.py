"""Disagreement rules, the disagreement map, case states and arbitration into the consensus."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument, PatientInfo, ReaderGrade
from annotations.reading.consensus import (arbitrate, consensus_document, consensus_record, draft_from,
                                           folder_states, record_agreed, state_of)
from annotations.reading.disagreement import (BOTH, NEITHER, ONLY_A, ONLY_B, CaseState, compare_readings,
                                              disagreement_map)
from annotations.reading.overlap import box_counts, box_iou, pixel_counts
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import case_of, image_folder, read_case, revised_into_agreement


def doc(grade: int | None = 2, dme: int | None = 0, referable: bool | None = None) -> CaseDocument:
    return CaseDocument("c", "c.png", 10, 10, grade=ReaderGrade(dr_grade=grade, dme_risk=dme, referable=referable))


def test_dice_and_box_f1_equal_hand_computed_values() -> None:
    a = np.zeros((4, 4), bool)
    b = np.zeros((4, 4), bool)
    a[0, :3] = True  # 3 pixels
    b[0, 1:] = True  # 3 pixels, 2 shared
    counts = pixel_counts(a, b)
    assert (counts.both, counts.only_a, counts.only_b) == (2, 1, 1)
    assert counts.score == 2 * 2 / (3 + 3)
    assert pixel_counts(np.zeros((2, 2)), np.zeros((2, 2))).score is None
    # 10x10 boxes (inclusive corners) shifted by 5 columns share 5x10: IoU 50 / 150
    assert box_iou(Box(LesionClass.HE, 0, 0, 9, 9), Box(LesionClass.HE, 5, 0, 14, 9)) == 50 / 150
    a_boxes = [Box(LesionClass.HE, 0, 0, 9, 9), Box(LesionClass.HE, 20, 20, 29, 29),
               Box(LesionClass.HE, 50, 50, 52, 52)]
    b_boxes = [Box(LesionClass.HE, 1, 0, 10, 9), Box(LesionClass.HE, 24, 20, 33, 29)]  # IoU 0.818 and 0.429
    counts = box_counts(a_boxes, b_boxes)
    assert (counts.both, counts.only_a, counts.only_b) == (1, 2, 1)
    assert counts.score == 2 / (2 + 2 + 1)  # F1 = 2TP / (2TP + FP + FN) = 0.4


def test_a_box_is_matched_once_to_its_best_partner() -> None:
    big = Box(LesionClass.EX, 0, 0, 9, 9)
    counts = box_counts([big, Box(LesionClass.EX, 0, 0, 9, 8)], [big])
    assert (counts.both, counts.only_a, counts.only_b) == (1, 1, 0)


def test_grade_referable_and_dme_each_make_a_disagreement() -> None:
    assert compare_readings(doc(2), doc(2), 0.5).agree
    assert not compare_readings(doc(2), doc(3), 0.5).agree
    assert compare_readings(doc(1, referable=True), doc(1), 0.5).reasons == ["referable True vs False"]
    assert compare_readings(doc(2, dme=0), doc(2, dme=1), 0.5).reasons == ["DME risk 0 vs 1"]


def test_readers_who_recorded_another_patient_id_or_eye_disagree(tmp_path: Path) -> None:
    """Anna P-0001 OD, Ben P-9999 OS, one grade: the case was agreed and the consensus took Ben's details unsaid."""
    a, b = doc(), doc()
    a.patient, b.patient = PatientInfo(patient_id="P-0001", eye="OD"), PatientInfo(patient_id=" p-0001 ", eye="od")
    assert compare_readings(a, b, 0.5).reasons == []  # one patient, written alike but for case and spaces
    b.patient = PatientInfo(patient_id="P-9999", eye="OS")
    assert compare_readings(a, b, 0.5).reasons == ["patient ID P-0001 vs P-9999", "eye OD vs OS"]
    b.patient = PatientInfo()  # not recorded: nothing to contradict
    assert compare_readings(a, b, 0.5).reasons == []
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, patient_id in (("Anna", "P-0001"), ("Ben", "P-9999")):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2)
            case = reader.load_case(case_of(0))
            case.patient = PatientInfo(patient_id=patient_id)
            reader.save_case(case)
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION


def test_readers_who_revised_into_agreement_after_submitting_still_go_to_the_arbiter(tmp_path: Path) -> None:
    """Ben submitted 1, saw Anna's 3 and changed his to 3: the case turned agreed and skipped arbitration."""
    from annotations.reading.side_by_side import prepare_arbitration

    folder = revised_into_agreement(tmp_path / "f")
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION
    assert prepare_arbitration(folder, case_of(0)).comparison.reasons == [
        "DR grade 3 vs 1 as first submitted", "referable True vs False as first submitted"]


def test_masks_and_boxes_disagree_below_the_folder_threshold() -> None:
    a, b = doc(), doc()
    a.mask[0, 0:4] = LesionClass.EX.bit
    b.mask[0, 2:6] = LesionClass.EX.bit  # Dice 2*2/8 = 0.5
    b.mask[5, 5] = LesionClass.MA.bit  # MA only in B: Dice 0
    comparison = compare_readings(a, b, 0.5)
    assert comparison.dice == {LesionClass.EX: 0.5, LesionClass.MA: 0.0}
    assert comparison.reasons == ["MA mask Dice 0.00"]  # 0.5 reaches the threshold
    assert "EX mask Dice 0.50" in compare_readings(a, b, 0.6).reasons
    a.boxes = [Box(LesionClass.HE, 0, 0, 4, 4)]
    assert "HE boxes F1 0.00" in compare_readings(a, b, 0.5).reasons


def test_disagreement_map_marks_only_a_only_b_and_both() -> None:
    a, b = doc(), doc()
    a.mask[0, 0:2] = LesionClass.HE.bit
    b.mask[0, 1:3] = LesionClass.HE.bit | LesionClass.SE.bit
    maps = disagreement_map(a, b)
    assert maps[LesionClass.HE][0, :4].tolist() == [ONLY_A, BOTH, ONLY_B, NEITHER]
    assert maps[LesionClass.SE][0, :4].tolist() == [NEITHER, ONLY_B, ONLY_B, NEITHER]
    assert maps[LesionClass.HE].shape == (10, 10) and maps[LesionClass.HE].dtype == np.uint8
    assert not maps[LesionClass.MA].any()


def test_case_states_from_two_readers_to_arbitration_and_consensus(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_READER_1
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
        read_case(anna, 1, grade=1)
        read_case(anna, 2, grade=1, submit=False)
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_READER_2
    assert state_of(folder, case_of(2)) is CaseState.NEEDS_READER_1  # a reading in progress is not submitted
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3)  # disagrees on the grade
        read_case(ben, 1, grade=1, rows=slice(3, 6))  # EX Dice 2*24/(32+24) = 0.857: agrees
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION
    assert state_of(folder, case_of(1)) is CaseState.AGREED
    assert consensus_document(folder, case_of(0)) is None
    agreed = consensus_document(folder, case_of(1))
    assert agreed.grade.dr_grade == 1

    readings = load_readings(folder, case_of(0))
    with open_consensus(folder, "Dr Arbiter") as consensus:
        choice = draft_from(next(r for r in readings if r.reader == "Ben"))
        choice.grade.dme_risk = 1  # the arbiter edits before deciding
        arbitrate(consensus, choice, "Dr Arbiter", readings)
        record_agreed(consensus, load_readings(folder, case_of(1)), "Dr Arbiter")
        audit = [(e.actor, e.action, e.case_id) for e in consensus.audit_log()]
    assert ("Dr Arbiter", "arbitrate", case_of(0)) in audit and ("Dr Arbiter", "agree", case_of(1)) in audit
    assert state_of(folder, case_of(0)) is CaseState.ARBITRATED
    assert folder_states(folder) == {case_of(0): CaseState.ARBITRATED, case_of(1): CaseState.AGREED,
                                     case_of(2): CaseState.NEEDS_READER_1}
    assert state_of(folder, case_of(1)) is CaseState.AGREED  # agreed stays agreed once stored
    final = consensus_document(folder, case_of(0))
    assert (final.grade.dr_grade, final.grade.dme_risk) == (3, 1)
    record = consensus_record(folder, case_of(0))
    assert record["method"] == "arbitrated" and record["by"] == "Dr Arbiter"
    assert {name: r["dr_grade"] for name, r in record["readings"].items()} == {"Anna": 2, "Ben": 3}
    ben_reading = next(r for r in load_readings(folder, case_of(0)) if r.reader == "Ben")
    assert ben_reading.doc.grade.dme_risk == 0  # the reader's own reading is kept as they left it


def test_case_states_come_from_the_small_case_files_when_grades_differ(tmp_path: Path, monkeypatch) -> None:
    from annotations.workspace.sidecar import CaseFiles

    folder = image_folder(tmp_path / "f")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("Anna", 2), ("Ben", 3)):
        with open_reader(folder, name) as ws:
            read_case(ws, 0, grade=grade)
            read_case(ws, 1, grade=1)

    def no_masks(self, case_id, **_read):  # noqa: ANN001, ANN003, ANN202 - stands in for CaseFiles.load
        raise AssertionError("masks loaded")

    monkeypatch.setattr(CaseFiles, "load", no_masks)
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION  # grades differ: decided without masks
    assert state_of(folder, case_of(2)) is CaseState.NEEDS_READER_1
    with pytest.raises(AssertionError, match="masks loaded"):
        state_of(folder, case_of(1))  # the grades agree: only the masks can tell


def test_settling_stores_agreed_cases_once_and_again_when_both_readers_revised_them(tmp_path: Path) -> None:
    from annotations.reading.consensus import settle_agreed

    folder = image_folder(tmp_path / "f")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=1)
            read_case(reader, 1, grade=2)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter", only=[case_of(0)]) == 1  # only the case asked about
        assert consensus_record(folder, case_of(1)) is None
        assert settle_agreed(consensus, "Dr Arbiter") == 1  # the other one; the first is stored already
        assert settle_agreed(consensus, "Dr Arbiter") == 0
    for name in ("Anna", "Ben"):  # both revise case 0 and still agree, on another grade
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter") == 1
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 2  # not the grade they first agreed on


def test_of_three_readers_the_pair_whose_first_submissions_differ_is_shown(tmp_path: Path) -> None:
    """Cleo's first 1 against Anna's 3, revised since to 3 like everyone's: the arbiter was shown Anna and Ben, who
    agree in every way, with no reason."""
    from annotations.reading.side_by_side import prepare_arbitration

    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("Anna", 3), ("Ben", 3), ("Cleo", 1)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)
    with open_reader(folder, "Cleo") as cleo:
        read_case(cleo, 0, grade=3)
    case = prepare_arbitration(folder, case_of(0))
    assert [r.reader for r in case.readings] == ["Anna", "Cleo"]
    assert case.comparison.reasons[0] == "DR grade 3 vs 1 as first submitted"
