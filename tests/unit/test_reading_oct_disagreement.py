"""An OCT case's readings are compared on their OCT class, a photo's on its DR grade, referable decision and DME risk
(annotations.graded_fields): from documents, from the small case files, and in the arbiter's decision."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from annotations.document import CaseDocument, Modality, ReaderGrade, ReviewState
from annotations.reading.consensus import (arbitrate, consensus_record, draft_from, labels_digest, note_arbiter_save,
                                           state_of)
from annotations.reading.disagreement import CaseState, compare_readings
from annotations.reading.grades_by_reader import grades_by_reader_text
from annotations.graded_fields import GradeField, arbitrated_grade, compared_fields
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.report_kind import ReportKind
from tests.unit.reading_fixtures import case_of, image_folder, read_case


def scan(oct_class: str | None, dr_grade: int | None = None, modality: Modality = Modality.OCT) -> CaseDocument:
    return CaseDocument("c", "c.png", 10, 10, modality=modality,
                        grade=ReaderGrade(dr_grade=dr_grade, oct_class=oct_class))


def test_an_oct_case_is_compared_on_its_oct_class_alone() -> None:
    assert compare_readings(scan("CNV"), scan("DME"), 0.5).reasons == ["OCT class CNV vs DME"]
    assert compare_readings(scan("CNV"), scan("CNV"), 0.5).agree
    # a DR grade left over from before the case was marked OCT is not what its readers are judged on
    assert compare_readings(scan("CNV", dr_grade=0), scan("CNV", dr_grade=3), 0.5).agree


def test_a_photo_is_not_compared_on_an_oct_class() -> None:
    photo = Modality.FUNDUS
    assert compare_readings(scan("CNV", 2, photo), scan("DME", 2, photo), 0.5).agree
    assert compare_readings(scan(None, 2, photo), scan(None, 3, photo), 0.5).reasons == ["DR grade 2 vs 3"]


def test_readings_of_two_modalities_are_compared_on_both_kinds_fields() -> None:
    assert compared_fields([ReportKind.DR, ReportKind.OCT]) == (GradeField.DR_GRADE, GradeField.REFERABLE,
                                                               GradeField.DME_RISK, GradeField.OCT_CLASS)
    reasons = compare_readings(scan(None, 2, Modality.FUNDUS), scan("CNV"), 0.5).reasons
    assert reasons == ["DR grade 2 vs None", "referable True vs None", "OCT class None vs CNV"]


def _read_scan(folder: Path, classes: tuple[str, str]) -> None:
    """Anna and Ben submit img0 as an OCT scan of these classes, with a DR grade each left from before."""
    for name, oct_class, stale_grade in zip(("Anna", "Ben"), classes, (0, 4)):
        with open_reader(folder, name) as ws:
            doc = ws.load_case(case_of(0))
            doc.modality, doc.grade = Modality.OCT, ReaderGrade(dr_grade=stale_grade, oct_class=oct_class)
            doc.review_state = ReviewState.DONE
            ws.save_case(doc)


@pytest.mark.parametrize(("classes", "state"), [(("CNV", "DME"), CaseState.NEEDS_ARBITRATION),
                                                (("DRUSEN", "DRUSEN"), CaseState.AGREED)])
def test_a_double_read_oct_case_needs_arbitration_when_its_classes_differ(
        tmp_path: Path, classes: tuple[str, str], state: CaseState) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    _read_scan(folder, classes)
    assert state_of(folder, case_of(0)) is state  # told from the small case files, then the labels


def test_the_arbiter_settles_the_oct_class_and_a_changed_dr_grade_decides_referable_by_the_icdr_rule() -> None:
    """The referable decision goes with the arbiter's grade, stored (a flag left out was missing from the report and
    the consensus CSV), not the chosen reader's."""
    chosen = ReaderGrade(dr_grade=1, dme_risk=0, referable=True, oct_class="CNV")
    assert arbitrated_grade(chosen, {GradeField.OCT_CLASS: "DME"}) == ReaderGrade(1, 0, True, "DME")
    assert arbitrated_grade(chosen, {GradeField.DR_GRADE: 3, GradeField.DME_RISK: 0}) == ReaderGrade(3, 0, True, "CNV")
    assert arbitrated_grade(ReaderGrade(3, 0, True), {GradeField.DR_GRADE: 1}) == ReaderGrade(1, 0, False)
    assert arbitrated_grade(ReaderGrade(3, 0, True), {GradeField.DR_GRADE: None}) == ReaderGrade(None, 0, None)


def test_the_consensus_record_of_an_oct_case_names_its_class_and_each_readers(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    _read_scan(folder, ("CNV", "DME"))
    readings = load_readings(folder, case_of(0))
    with open_consensus(folder, "Arb") as consensus:
        choice = draft_from(readings[0])
        choice.grade.oct_class = "DRUSEN"
        arbitrate(consensus, choice, "Arb", readings)
        record = consensus_record(folder, case_of(0))
        assert record["oct_class"] == "DRUSEN" and "dr_grade" not in record  # not the DR grade left from before
        assert {name: r["oct_class"] for name, r in record["readings"].items()} == {"Anna": "CNV", "Ben": "DME"}
        doc = consensus.load_case(case_of(0))
        opened = labels_digest(doc)
        doc.grade.oct_class = "NORMAL"  # the arbiter corrects their decision
        consensus.save_case(doc)
        note_arbiter_save(consensus, case_of(0), "Arb", opened)
    assert consensus_record(folder, case_of(0))["oct_class"] == "NORMAL"


def test_the_grades_by_reader_csv_names_an_oct_case_by_its_class_code(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    _read_scan(folder, ("CNV", "CNV"))  # agreed: their class is the consensus
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as ws:
            read_case(ws, 1, grade=2)  # a photo, graded alike
    rows = list(csv.reader(io.StringIO(grades_by_reader_text(folder))))
    assert rows == [["Image path", "Anna", "Ben", "consensus", "Anna DME risk", "Ben DME risk", "consensus DME risk",
                     "consensus source", "consensus arbiter"],
                    ["img0.png", "CNV", "CNV", "CNV", "", "", "", "agreed", ""],  # an OCT scan grades no DME risk
                    ["img1.png", "2", "2", "2", "0", "0", "0", "agreed", ""]]
