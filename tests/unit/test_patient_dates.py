"""Dates no patient has (born after the exam, a birth or exam date in the future: a year mistyped) are warned of
before a report leaves: the report printed "Age born 1 Jan 2030" beside an exam of 2024, and an age of 139 for an
exam date of 2099, without a word, from the window and the command line alike."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import CaseDocument, PatientInfo, ReaderGrade, ReviewState
from annotations.patients import age_on, date_checks, edited_age, report_warnings, reported_age
from app.cli import main
from tests.unit.test_report_cli import photo_of

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("birth", "exam", "said"), [
    ("2030-01-01", "2024-05-01", ["The birth date 2030-01-01 is after the exam date 2024-05-01: check both"]),
    ("2027-01-01", "", ["The birth date 2027-01-01 is in the future: check it"]),
    ("1960-01-01", "2099-01-01", ["The exam date 2099-01-01 is in the future: check it"]),
    ("2100-01-01", "2099-01-01", ["The birth date 2100-01-01 is after the exam date 2099-01-01: check both",
                                  "The exam date 2099-01-01 is in the future: check it"]),
    ("1960-01-01", "2024-05-01", []),
    ("2024-05-01", "2024-05-01", []),  # a newborn's screening
    ("12/03/1958", "2024-05-01", []),  # unreadable: unreadable_dates says so
    # a year mistyped into the past: an age of 174 was printed, an exam of 1890 taken without a word
    ("1850-01-01", "2024-05-01", ["The birth date 1850-01-01 is more than 130 years before the exam date 2024-05-01: "
                                  "check both"]),
    ("1850-01-01", "", ["The birth date 1850-01-01 is more than 130 years ago: check it"]),
    ("1894-05-01", "2024-05-01", []),  # 130 on the exam day: the oldest age the fields take
    ("", "1890-03-01", ["The exam date 1890-03-01 is before 1900: check its year"]),
    ("1958-03-12", "1890-03-01", ["The birth date 1958-03-12 is after the exam date 1890-03-01: check both",
                                  "The exam date 1890-03-01 is before 1900: check its year"]),
    ("1930-01-01", "1962-05-01", []),  # film of the 1960s, scanned in
    ("", "", [])])
def test_dates_no_patient_has_are_named(birth: str, exam: str, said: list[str]) -> None:
    assert date_checks(birth, exam, today=TODAY) == said


def test_the_report_dialog_warns_of_a_birth_date_after_the_exam_date_it_prints() -> None:
    doc = CaseDocument("a", "a.png", 4, 4, grade=ReaderGrade(dr_grade=1), review_state=ReviewState.DONE,
                       patient=PatientInfo(birth_date="2020-06-01", exam_date="2026-01-10"))
    assert report_warnings([doc], ["'a.png'"], [False]) == []
    assert report_warnings([doc], ["'a.png'"], [False], exam_date="2019-01-10") == [  # the dialog's exam date
        "The birth date 2020-06-01 is after the exam date 2019-01-10: check both"]
    assert report_warnings([doc], ["'a.png'"], [False], birth_date="2062-06-01") == [  # the dialog's birth date
        "The birth date 2062-06-01 is after the exam date 2026-01-10: check both"]
    assert report_warnings([doc], ["'a.png'"], [False], birth_date="1962-06-01", exam_date="2026-01-10") == []


def test_the_command_line_warns_of_a_birth_date_after_the_exam_date(tmp_path: Path, capsys) -> None:
    image = tmp_path / "eye.png"
    Image.fromarray(np.full((48, 64, 3), 90, np.uint8)).save(image)
    out = tmp_path / "r.pdf"
    assert main(["report", str(image), "--out", str(out), "--no-analysis", "--birth-date", "2030-01-01",
                 "--exam-date", "2024-05-01"]) == 0
    assert ("warning: The birth date 2030-01-01 is after the exam date 2024-05-01: check both"
            in capsys.readouterr().err.splitlines())


UNREADABLE_BIRTH = ('The birth date "03/12/1958" is not a date this program can read: the report prints it as '
                    'written, with no age from it; write it YYYY-MM-DD')


def test_a_date_the_report_prints_that_names_no_date_is_warned_of() -> None:
    """Typed in the report dialog (or recorded so in the patient panel), "03/12/1958" was marked red but not among
    the warnings asked about before saving, and the report printed it as written, with no age and no DICOM date."""
    doc = CaseDocument("a", "a.png", 4, 4, grade=ReaderGrade(dr_grade=1), review_state=ReviewState.DONE,
                       patient=PatientInfo(birth_date="03/12/1958", exam_date="2026-01-10"))
    assert report_warnings([doc], ["'a.png'"], [False]) == [UNREADABLE_BIRTH]  # recorded so
    assert report_warnings([doc], ["'a.png'"], [False], birth_date="1958-12-03") == []  # corrected in the dialog
    assert report_warnings([doc], ["'a.png'"], [False], birth_date="1958-12-03", exam_date="10.1.26") == [
        'The exam date "10.1.26" is not a date this program can read: the report prints it as written, with no age '
        'from it; write it YYYY-MM-DD']
    assert report_warnings([doc], ["'a.png'"], [False], birth_date="1958年12月3日") == []  # read, year first


def test_the_command_line_warns_of_a_recorded_date_that_names_no_date(tmp_path: Path, capsys) -> None:
    """`report` refuses such a date given (--birth-date), but printed one recorded so without a word."""
    image = photo_of(tmp_path, PatientInfo(patient_id="W-8", birth_date="03/12/1958", exam_date="2026-05-10"))
    out = tmp_path / "r.pdf"
    assert main(["report", str(image), "--out", str(out), "--no-analysis"]) == 0
    assert f"warning: {UNREADABLE_BIRTH}" in capsys.readouterr().err.splitlines()
    assert main(["report", str(image), "--out", str(out), "--no-analysis", "--overwrite", "--birth-date",
                 "1958-12-03"]) == 0
    assert "not a date this program can read" not in capsys.readouterr().err


@pytest.mark.parametrize(("birth", "exam"), [("1850-01-01", "2024-05-01"), ("2030-01-01", "2024-05-01")])
def test_a_birth_date_no_patient_has_gives_no_age_to_print(birth: str, exam: str) -> None:
    """An age of 174 was printed for a birth date of 1850 (the patient panel's age box showed 130)."""
    recorded = PatientInfo(birth_date="1960-01-01", exam_date=exam, age=64)
    edited = PatientInfo(birth_date=birth, exam_date=exam, age=64)
    assert age_on(birth, exam) is None and reported_age(PatientInfo(birth_date=birth, exam_date=exam)) is None
    assert edited_age(recorded, edited, age_typed=False) is None  # not the 64 the old birth date gave
    assert age_on("1894-05-01", "2024-05-01") == 130
