"""A double-read case's report says who graded it: the arbiter and each reader's grade, the readers who agreed, or
that the grade printed is not the consensus. It printed the arbiter's grade as "Reader's DR grade" under the name of
whoever made the report, with no word of the two readings that disagreed."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.graded_fields import GradeField, arbitrated_grade
from annotations.reading.consensus import arbitrate, draft_from, settle_agreed
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.report_grading import DoubleReading, double_reading
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.cli import main
from app.report import EyeInput, build_report_pdf
from tests.unit.reading_fixtures import arbitrated, case_of, image_folder, read_case
from tests.unit.test_report_layout import page_texts
from tests.unit.test_report_pdf import extract_text, make_eye, make_report

pypdf = pytest.importorskip("pypdf")


def double_folder(root: Path) -> Path:
    """img0: Anna graded 1, Ben 3, Dr Wang arbitrated 2; img1: both graded 1, settled as agreed; img2: Anna 0, Ben
    4, not arbitrated."""
    folder = image_folder(root)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    for name, grades in (("Anna", {0: 1, 1: 1, 2: 0}), ("Ben", {0: 3, 1: 1, 2: 4})):
        with open_reader(folder, name) as reader:
            for index, grade in grades.items():
                read_case(reader, index, grade=grade)
    arbitrated(folder, "Dr Wang", 0, grade=2)
    with open_consensus(folder, "Dr Wang") as consensus:
        assert settle_agreed(consensus, "Dr Wang") == 1
    return folder


def grading_of(folder: Path, index: int, reader: str = "") -> DoubleReading | None:
    opened = open_reader(folder, reader) if reader else open_consensus(folder, "")
    with opened as ws:
        return double_reading(ws, ws.load_case(case_of(index)))


def graded_by(grading: DoubleReading | None, two_eyes: bool = False) -> str:
    """The text of a report whose right eye was graded so (beside a left eye in single reading)."""
    eye = make_eye("OD")
    eye = EyeInput(eye.doc, eye.image, double_reading=grading)
    return " ".join(page_texts(build_report_pdf(make_report(eye, *([make_eye("OS")] if two_eyes else [])))))


def test_an_arbitrated_case_names_its_arbiter_and_each_readers_grade(tmp_path: Path) -> None:
    grading = grading_of(double_folder(tmp_path), 0)
    assert grading == DoubleReading(settled=True, arbiter="Dr Wang", readings=(("Anna", 1), ("Ben", 3)),
                                    dme_risks=(("Anna", 0), ("Ben", 0)))
    for two_eyes in (False, True):
        assert ("Graded by double reading; arbitrated by Dr Wang (readers: Anna: 1 — Mild NPDR; Ben: 3 — Severe "
                "NPDR)") in graded_by(grading, two_eyes)


def test_an_arbitration_of_the_dme_risk_alone_says_each_readers_risk(tmp_path: Path) -> None:
    """Read as an arbitration of two equal readings: "readers: Anna: 3 — Severe NPDR; Ben: 3 — Severe NPDR"."""
    folder = image_folder(tmp_path)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    for name, risk in (("Anna", 1), ("Ben", 2)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=3, dme=risk)
    arbitrated(folder, "Dr Wang", 0)
    grading = grading_of(folder, 0)
    assert grading.dme_risks == (("Anna", 1), ("Ben", 2))
    assert ("arbitrated by Dr Wang (readers: Anna: 3 — Severe NPDR, DME risk 1; Ben: 3 — Severe NPDR, DME risk 2)"
            in " ".join(graded_by(grading).split()))


def test_the_readings_named_are_those_disputed_as_first_submitted(tmp_path: Path) -> None:
    """Ben revised his DME risk to Anna's before the arbitration: the record kept the readings as then, and the report
    read as an arbitration of two equal readings."""
    folder = image_folder(tmp_path)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, dme=0)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2, dme=1)
        read_case(ben, 0, grade=2, dme=0)  # revised: the case stays disputed, by its first submissions
    arbitrated(folder, "Dr Wang", 0)
    assert grading_of(folder, 0).dme_risks == (("Anna", 0), ("Ben", 1))


def test_an_agreed_case_names_its_readers_and_a_reading_revised_since_arbitration_is_said(tmp_path: Path) -> None:
    folder = double_folder(tmp_path)
    assert "Graded by double reading; the readers agreed (Anna: 1 — Mild NPDR; Ben: 1 — Mild NPDR)" in graded_by(
        grading_of(folder, 1))
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=4)
    assert "(readers: Anna: 1 — Mild NPDR; Ben: 3 — Severe NPDR); a reader has revised their reading since" in \
        graded_by(grading_of(folder, 0))


def test_a_grade_that_is_not_the_consensus_says_so(tmp_path: Path) -> None:
    folder = double_folder(tmp_path)
    assert "Graded by double reading, not settled: this grade is not the consensus" in graded_by(
        grading_of(folder, 2))
    assert "Graded by Anna's own reading in double reading: not the consensus" in graded_by(
        grading_of(folder, 0, "Anna"))


def test_single_reading_adds_no_row(tmp_path: Path) -> None:
    folder = image_folder(tmp_path)
    assert grading_of(folder, 0) is None
    assert "Graded by" not in graded_by(None)


def test_the_report_command_names_who_graded_a_double_read_case(tmp_path: Path) -> None:
    folder = double_folder(tmp_path / "folder")
    out = tmp_path / "report.pdf"
    assert main(["report", str(folder / "img0.png"), "--out", str(out), "--no-analysis"]) == 0
    text = " ".join(extract_text(out.read_bytes(), tmp_path).split())
    assert "arbitrated by Dr Wang (readers: Anna: 1 — Mild NPDR; Ben: 3 — Severe NPDR)" in text


def test_the_report_command_warns_of_a_grade_that_is_no_consensus(tmp_path: Path, capsys) -> None:
    """img2's readers disagree and nobody arbitrated it: the report printed it, exit 0, and said nothing."""
    folder = double_folder(tmp_path / "folder")
    for image, warned in (("img2.png", True), ("img0.png", False)):
        assert main(["report", str(folder / image), "--out", str(tmp_path / f"{image}.pdf"), "--no-analysis"]) == 0
        said = capsys.readouterr().err
        assert ("the grade printed is not the consensus of the double reading" in said) is warned, said


def test_an_arbitrated_grade_reaches_the_report_and_the_export_with_its_referable_decision(tmp_path: Path) -> None:
    """The arbiter keeps Ben's labels and settles grade 2 where Ben graded 3, as the window's decision does: the
    report printed no Referable row for the consensus and its CSV an empty Referable cell."""
    folder = double_folder(tmp_path / "folder")
    with open_consensus(folder, "Dr Wang") as consensus:
        readings = load_readings(folder, case_of(2))  # Anna 0, Ben 4
        decided = draft_from(readings[1])
        decided.grade = arbitrated_grade(decided.grade, {GradeField.DR_GRADE: 2, GradeField.DME_RISK: 0})
        arbitrate(consensus, decided, "Dr Wang", readings)
    out = tmp_path / "report.pdf"
    assert main(["report", str(folder / "img2.png"), "--out", str(out), "--no-analysis"]) == 0
    assert "Referable yes" in " ".join(extract_text(out.read_bytes(), tmp_path).split())
    assert main(["export", str(folder), "--format", "csv", "--out", str(tmp_path / "csv"),
                 "--reader", "consensus"]) == 0
    assert "img2,2,0,yes,,img2.png,," in (tmp_path / "csv" / "grades.csv").read_text().splitlines()
