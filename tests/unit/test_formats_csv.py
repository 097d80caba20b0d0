"""Grades CSV with IDRiD's columns: round trip (empty grades included) and IDRiD's own file quirks."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import CaseDocument, ReaderGrade
from annotations.formats import FormatError
from annotations.formats.grades_csv import read_grades_csv, write_grades_csv


def case(name: str, grade: ReaderGrade) -> CaseDocument:
    doc = CaseDocument(name, f"folder/{name}.jpg", 4, 3)
    doc.grade = grade
    return doc


GRADES = {
    "IDRiD_001": ReaderGrade(dr_grade=3, dme_risk=2, referable=True),
    "IDRiD_002": ReaderGrade(),  # not graded yet: every cell empty
    "IDRiD_003": ReaderGrade(dr_grade=0, dme_risk=None, referable=False),
    "IDRiD_004": ReaderGrade(dr_grade=2, dme_risk=0, referable=None),  # grade given, referable not decided
    "oct_17": ReaderGrade(oct_class="DRUSEN"),
}


def test_round_trip_including_empty_grades(tmp_path: Path) -> None:
    path = tmp_path / "grades.csv"
    write_grades_csv([case(name, grade) for name, grade in GRADES.items()], path)
    assert read_grades_csv(path) == GRADES
    lines = path.read_text().splitlines()
    assert lines[0] == "Image name,Retinopathy grade,Risk of macular edema,Referable,OCT class"
    assert lines[2] == "IDRiD_002,,,,"


def test_explicit_image_names(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    write_grades_csv([case("a", ReaderGrade(dr_grade=1))], path, image_names=["renamed"])
    assert list(read_grades_csv(path)) == ["renamed"]
    with pytest.raises(ValueError, match="2 image names for 1 cases"):
        write_grades_csv([case("a", ReaderGrade())], path, image_names=["x", "y"])


def test_reads_idrid_file_with_bom_trailing_space_and_empty_columns(tmp_path: Path) -> None:
    path = tmp_path / "IDRiD_Grading.csv"
    path.write_bytes("\ufeffImage name,Retinopathy grade,Risk of macular edema ,,\n"
                     "IDRiD_001,3,2,,\nIDRiD_002,0,0,,\n,,,,\nIDRiD_003,2.0,1,,\n".encode("utf-8"))
    grades = read_grades_csv(path)
    assert grades == {
        "IDRiD_001": ReaderGrade(dr_grade=3, dme_risk=2, referable=True),  # referable follows ICDR grade
        "IDRiD_002": ReaderGrade(dr_grade=0, dme_risk=0, referable=False),
        "IDRiD_003": ReaderGrade(dr_grade=2, dme_risk=1, referable=True),
    }


@pytest.mark.parametrize("text, reason", [
    ("Name,Grade\nx,1\n", "missing column(s) Image name, Retinopathy grade"),
    ("Image name,Retinopathy grade\nx,5\n", "line 2 (x): Retinopathy grade is '5'"),
    ("Image name,Retinopathy grade\nx,one\n", "expected a whole number 0-4, U (an ungradable photo) or empty"),
    ("Image name,Retinopathy grade,Risk of macular edema\nx,1,3\n", "Risk of macular edema is '3'; expected a "
     "whole number 0-2 or empty"),  # a DME risk has no "U"
    ("Image name,Retinopathy grade\nx,1\nx,2\n", "line 3: image 'x' is listed twice"),
    ("Image name,Retinopathy grade\n,1\n", "line 2: the image name is empty"),
    ("Image name,Retinopathy grade,Referable\nx,1,maybe\n", "Referable is 'maybe'"),
    ("Image name,Retinopathy grade,OCT class\nx,,AMD\n", "OCT class 'AMD'"),
])
def test_bad_rows_raise_format_error_with_line(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(FormatError) as info:
        read_grades_csv(path)
    assert reason in str(info.value) and info.value.path == str(path)
