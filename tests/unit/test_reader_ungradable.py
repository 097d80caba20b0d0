"""A reader records a fundus photo UNGRADABLE (screening's "U"): an outcome of its own, never "not graded yet". It is
saved and undone as any grade, compared in double reading, counted apart in the agreement figures, written as "U" in
the grades CSV, followed up as re-photographing in the report, and never taught to the grade head as a grade."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.commands import SetGrade
from annotations.document import UNGRADABLE, CaseDocument, ReaderGrade, ReviewState
from annotations.formats.grades_csv import grades_csv_text, read_grades_csv
from annotations.graded_fields import GradeField, arbitrated_grade, field_value
from annotations.grading import replaced_reader_values, with_dme_risk, with_dr_grade, with_ungradable
from annotations.history import History
from annotations.reading.consensus import consensus_document, consensus_record, settle_agreed, state_of
from annotations.reading.disagreement import CaseState, compare_readings
from annotations.reading.grades_by_reader import grades_by_reader_text
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import Workspace, codec
from inference.agreement import folder_agreement
from inference.agreement_report import format_text
from inference.dataset import Sample, grade_label
from tests.unit.reading_fixtures import case_of, image_folder, read_case

UNGRADABLE_GRADE = with_ungradable(ReaderGrade(dr_grade=2, dme_risk=1, referable=True))


def _doc(grade: ReaderGrade) -> CaseDocument:
    return CaseDocument("c", "c.png", 10, 10, grade=grade)


def read_ungradable(ws: Workspace, index: int) -> None:
    """Save a reader's submitted reading of image ``index`` as ungradable."""
    doc = ws.load_case(case_of(index))
    doc.grade = UNGRADABLE_GRADE
    doc.review_state = ReviewState.DONE
    ws.save_case(doc)


def test_ungradable_clears_the_grade_risk_and_referable_flag_and_a_grade_picked_clears_it() -> None:
    assert UNGRADABLE_GRADE == ReaderGrade(ungradable=True) != ReaderGrade()  # not "not recorded yet"
    regraded = with_dr_grade(UNGRADABLE_GRADE, 1)
    assert (regraded.ungradable, regraded.dr_grade, regraded.referable) == (False, 1, False)
    assert not with_dme_risk(UNGRADABLE_GRADE, 0).ungradable
    assert field_value(UNGRADABLE_GRADE, GradeField.DR_GRADE) == UNGRADABLE
    assert field_value(UNGRADABLE_GRADE, GradeField.REFERABLE) is None  # no decision on its signs
    replaced = replaced_reader_values(UNGRADABLE_GRADE, with_dr_grade(UNGRADABLE_GRADE, 3))
    assert [(value.field, value.before, value.after) for value in replaced] == [("dr_grade", UNGRADABLE, 3)]


def test_an_older_case_file_loads_unchanged_and_ungradable_is_stored_only_when_set() -> None:
    assert ReaderGrade(dr_grade=2).to_json() == {"dr_grade": 2, "dme_risk": None, "referable": None,
                                                 "oct_class": None}  # as before the outcome existed
    data = codec.doc_to_json(_doc(UNGRADABLE_GRADE))
    assert data["grade"]["ungradable"] is True
    assert codec.doc_from_json(json.loads(json.dumps(data)), None).grade == UNGRADABLE_GRADE
    data["grade"] = {"dr_grade": None, "dme_risk": None, "referable": None, "oct_class": None}  # an older file
    assert codec.doc_from_json(data, None).grade == ReaderGrade()


def test_ungradable_is_saved_submitted_and_undone_like_any_grade(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1)
    with Workspace.open(folder) as ws:
        read_ungradable(ws, 0)
    with Workspace.open(folder) as ws:
        assert ws.load_case(case_of(0)).grade == UNGRADABLE_GRADE
        assert codec.submitted_grade(ws.case_files.read_json(case_of(0))).grade == UNGRADABLE_GRADE
    doc = _doc(ReaderGrade(dr_grade=2, referable=True))
    history = History(doc)
    history.execute(SetGrade(UNGRADABLE_GRADE))
    assert doc.grade.ungradable
    assert history.undo_text == "Set DR grade U"  # not "Clear DR grade": the fields it clears go with it
    history.undo()
    assert doc.grade == ReaderGrade(dr_grade=2, referable=True)
    history.execute(SetGrade(UNGRADABLE_GRADE))
    history.execute(SetGrade(ReaderGrade()))
    assert history.undo_text == "Clear DR grade"


def test_only_a_case_file_holding_an_ungradable_reading_is_written_as_the_newer_version(tmp_path: Path,
                                                                                        monkeypatch) -> None:
    """An earlier release sharing the folder reads every other case file, and is told to update for that one (it
    failed on the unknown field), whether the grade saved or the one first submitted holds it."""
    folder = image_folder(tmp_path / "f", count=3)
    with Workspace.open(folder) as ws:
        read_ungradable(ws, 0)
        doc = ws.load_case(case_of(1))
        doc.grade, doc.review_state = ReaderGrade(dr_grade=2), ReviewState.DONE
        ws.save_case(doc)
        doc = ws.load_case(case_of(2))
        doc.grade, doc.review_state = UNGRADABLE_GRADE, ReviewState.DONE
        ws.save_case(doc)  # submitted ungradable, then graded 1
        doc.grade = ReaderGrade(dr_grade=1)
        ws.save_case(doc)
        saved = {index: ws.case_files.read_json(case_of(index)) for index in range(3)}
    assert [saved[index]["version"] for index in range(3)] == [3, 2, 3]
    monkeypatch.setattr(codec, "FORMAT_VERSION", 2)  # an earlier release
    with pytest.raises(ValueError, match="update RetinaReview"):
        codec.doc_from_json(saved[0], None)
    assert codec.doc_from_json(saved[1], None).grade == ReaderGrade(dr_grade=2)


def _double(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    return folder


def test_both_readers_ungradable_agree_and_one_against_a_grade_goes_to_the_arbiter(tmp_path: Path) -> None:
    folder = _double(tmp_path)
    with open_reader(folder, "Anna") as anna:
        read_ungradable(anna, 0)
        read_ungradable(anna, 1)
        read_case(anna, 2, grade=None, dme=None)  # left empty: not graded, which ungradable is not
    with open_reader(folder, "Ben") as ben:
        read_ungradable(ben, 0)
        read_case(ben, 1, grade=2)
        read_case(ben, 2, grade=None, dme=None)
    assert state_of(folder, case_of(0)) is CaseState.AGREED
    assert state_of(folder, case_of(1)) is CaseState.NEEDS_ARBITRATION
    reasons = compare_readings(_doc(UNGRADABLE_GRADE), _doc(ReaderGrade(dr_grade=2, dme_risk=0)), 0.5).reasons
    assert reasons == ["DR grade U vs 2"]  # its referable decision and DME risk are none by it
    with open_consensus(folder, "Dr Arbiter") as consensus:
        settle_agreed(consensus, "Dr Arbiter")
    assert consensus_document(folder, case_of(0)).grade.ungradable
    assert consensus_record(folder, case_of(0))["dr_grade"] == UNGRADABLE
    csv_rows = grades_by_reader_text(folder).splitlines()
    assert csv_rows[1].split(",")[1:4] == ["U", "U", "U"]  # Anna, Ben and the consensus
    assert csv_rows[2].split(",")[1:3] == ["U", "2"]


def test_the_arbiter_may_settle_a_photo_ungradable_or_grade_it() -> None:
    chosen = ReaderGrade(dr_grade=2, dme_risk=1, referable=True)
    assert arbitrated_grade(chosen, {GradeField.DR_GRADE: UNGRADABLE, GradeField.DME_RISK: 1}) == UNGRADABLE_GRADE
    graded = arbitrated_grade(UNGRADABLE_GRADE, {GradeField.DR_GRADE: 3, GradeField.DME_RISK: None})
    assert (graded.ungradable, graded.dr_grade, graded.referable) == (False, 3, True)


def test_agreement_counts_gradability_apart_and_keeps_kappa_on_photos_both_graded(tmp_path: Path) -> None:
    folder = _double(tmp_path)
    with open_reader(folder, "Anna") as anna:
        read_ungradable(anna, 0)
        read_ungradable(anna, 1)
        read_case(anna, 2, grade=1)
    with open_reader(folder, "Ben") as ben:
        read_ungradable(ben, 0)
        read_case(ben, 1, grade=2)
        read_case(ben, 2, grade=1)
    report = folder_agreement(folder)
    [pair] = report["pairs"]
    assert pair["gradability"] == {"both_ungradable": 1, "one_ungradable": 1}
    assert pair["grade"]["cases"] == 1 and pair["grade"]["exact_agreement"] == 1.0
    assert "  ungradable to both readers 1, to one only (the other graded it) 1" in format_text(report).splitlines()


def test_the_grades_csv_writes_u_and_reads_it_back(tmp_path: Path) -> None:
    doc = _doc(UNGRADABLE_GRADE)
    text = grades_csv_text([doc])
    assert text.splitlines()[1] == "c,U,,,"
    path = tmp_path / "grades.csv"
    path.write_text(text + "d,u,,,\ne,U,2,yes,\n", encoding="utf-8")
    # a DME risk or referable cell beside U does not stand, as in the window: the photo could not be graded
    assert read_grades_csv(path) == {"c": UNGRADABLE_GRADE, "d": UNGRADABLE_GRADE, "e": UNGRADABLE_GRADE}


def test_retraining_learns_no_grade_nor_referral_from_an_ungradable_reading(tmp_path: Path) -> None:
    sample = Sample("c", tmp_path / "c.png", grade=UNGRADABLE_GRADE)
    assert grade_label(sample, "dr-grade", ["0", "1", "2", "3", "4"]) is None
    assert grade_label(sample, "referable", ["no", "yes"]) is None


def test_the_report_prints_ungradable_and_recommends_re_photographing_over_the_ais_grade() -> None:
    from annotations.patients import report_warnings
    from app.report import build_report_pdf
    from tests.unit.test_report_layout import page_texts
    from tests.unit.test_report_pdf import make_eye, make_report

    eye = make_eye("OD")  # the AI graded the photo (gradable): the reader's outcome still decides
    eye.doc.grade = UNGRADABLE_GRADE
    text = " ".join(" ".join(page_texts(build_report_pdf(make_report(eye, recommendation="")))).split())
    assert "Reader's DR grade Ungradable" in text
    assert "Image not gradable: repeat the photograph or examine in clinic." in text
    assert not any("no reader grade" in warning for warning in report_warnings([eye.doc], ["OD"], [False]))


def test_the_ais_grade_of_a_photo_the_reader_recorded_ungradable_is_flagged_as_not_standing() -> None:
    """Beside the reader's "Ungradable", the AI's "2 — Moderate NPDR", "Referable DR yes" and its ICDR sentence were
    printed as on a graded photo: the report read as graded moderate NPDR and referable."""
    from app.report import build_report_pdf
    from tests.unit.test_report_layout import page_texts
    from tests.unit.test_report_pdf import make_eye, make_report

    flag = "not reliable: the reader recorded the photo ungradable"
    for eyes in ([make_eye("OD")], [make_eye("OD"), make_eye("OS")]):
        eyes[0].doc.grade = UNGRADABLE_GRADE
        text = " ".join(" ".join(page_texts(build_report_pdf(make_report(*eyes)))).split())
        assert f"2 — Moderate NPDR, from the grading model; {flag}" in text
        assert f"yes (probability 80%); {flag}" in text
        assert "Not reliable: the reader recorded the photo ungradable." in text  # the ICDR sentence's
        assert text.count(flag) == 2 and text.count(flag.capitalize()) == 1  # the graded eye's are not flagged


def test_the_grades_csv_export_writes_an_ungradable_reading_and_does_not_call_it_not_graded(tmp_path: Path) -> None:
    from annotations.workspace.transfer import export_labels
    from annotations.workspace.transfer_texts import summary_text

    folder = image_folder(tmp_path / "f", count=1)
    with Workspace.open(folder) as ws:
        read_ungradable(ws, 0)
        summary = export_labels(ws, "csv", tmp_path / "csv")
    assert "no grade yet" not in summary_text([summary])
    assert read_grades_csv(tmp_path / "csv" / "grades.csv") == {"img0": UNGRADABLE_GRADE}


def test_a_report_of_a_case_arbitrated_ungradable_names_each_readers_reading(tmp_path: Path) -> None:
    """The record's reading "U" was printed through int(): the report of the case could not be made."""
    from annotations.reading.consensus import arbitrate, draft_from
    from annotations.reading.readers import load_readings
    from tests.unit.test_report_double_reading import graded_by, grading_of

    folder = _double(tmp_path)
    with open_reader(folder, "Anna") as anna:
        read_ungradable(anna, 0)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        readings = load_readings(folder, case_of(0))
        arbitrate(consensus, draft_from(next(r for r in readings if r.reader == "Anna")), "Dr Arbiter", readings)
    text = " ".join(graded_by(grading_of(folder, 0)).split())
    assert "arbitrated by Dr Arbiter (readers: Anna: Ungradable" in text and "Ben: 2 — Moderate NPDR" in text


def test_the_audit_names_an_ungradable_reading_u() -> None:
    from annotations.workspace.workspace import describe_changes

    before = {"grade": ReaderGrade(dr_grade=2).to_json(), "files": {}}
    assert describe_changes(before, {"grade": UNGRADABLE_GRADE.to_json(), "files": {}}) == "changed: grade 2->U"
