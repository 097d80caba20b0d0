"""An eye recorded against the one its image's DICOM header records (laterality): the report still prints the
recorded eye (the reader's record wins) but says, beside it, that the two disagree, as it says an eye against the
AI's side; the report dialog warns with the same words. The PDF printed the recorded eye with no sign of the
header's, though the workspace knew it."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from annotations.document import ReviewState
from annotations.patients import report_warnings
from annotations.workspace import Workspace
from app.cli import main
from app.report import build_report_pdf
from tests.dicom_files import fundus_rgb, write_dicom
from tests.unit.test_report_eye_check import disc_at
from tests.unit.test_report_pdf import extract_text, make_eye, make_report

HEADER_CHECK = ("OD (right eye) is recorded, but the image's DICOM header records OS (left eye): check which eye "
                "this image is")


def _text(pdf: bytes, tmp_path: Path) -> str:
    return re.sub(r"\s+", " ", extract_text(pdf, tmp_path))


def test_a_recorded_eye_against_its_headers_is_printed_with_a_check(tmp_path: Path) -> None:
    text = _text(build_report_pdf(make_report(replace(make_eye("OD"), header_eye="OS"))), tmp_path)
    assert "Eye OD (right eye)" in text  # the recorded eye is still the one printed
    assert "Eye disagreement: " + HEADER_CHECK in text  # in Chinese: tests/gui/test_report_language.py


def test_a_header_that_agrees_or_records_no_eye_prints_no_check(tmp_path: Path) -> None:
    agreeing = _text(build_report_pdf(make_report(replace(make_eye("OD"), header_eye="OD"))), tmp_path)
    none = _text(build_report_pdf(make_report(replace(make_eye("OD"), header_eye=""))), tmp_path)
    assert "Eye disagreement" not in agreeing + none


def test_the_header_and_the_ai_against_the_eye_are_each_said(tmp_path: Path) -> None:
    eye = replace(disc_at(make_eye("OD"), "left"), header_eye="OS")
    text = _text(build_report_pdf(make_report(eye)), tmp_path)
    assert text.count("Eye disagreement") == 2 and HEADER_CHECK in text


def test_the_report_dialog_warns_with_the_eye_it_prints_and_the_headers() -> None:
    doc = make_eye("OD").doc
    doc.grade.dr_grade, doc.review_state = 1, ReviewState.DONE
    assert report_warnings([doc], ["'a.dcm'"], [False], header_eyes=["OS"]) == ["'a.dcm': " + HEADER_CHECK]
    assert report_warnings([doc], ["'a.dcm'"], [False], eyes=["OS"], header_eyes=["OS"]) == []  # chosen as OS


def test_the_workspace_knows_the_eye_its_header_records_after_the_reader_recorded_another(tmp_path: Path) -> None:
    write_dicom(tmp_path / "e.dcm", fundus_rgb(), laterality="L")
    with Workspace.open(tmp_path) as ws:
        case_id = ws.cases()[0].case_id
        doc = ws.load_case(case_id)
        assert doc.patient.eye == "OS"  # a case never saved opens with its header's eye
        doc.patient.eye = "OD"
        ws.save_case(doc)
        assert ws.header_eye(case_id) == "OS"


def test_the_report_command_checks_the_eye_against_the_header(tmp_path: Path, capsys) -> None:
    image = write_dicom(tmp_path / "e.dcm", fundus_rgb(), laterality="L")
    out = tmp_path / "report.pdf"
    assert main(["report", str(image), "--out", str(out), "--no-analysis", "--eye", "OD"]) == 0
    text = _text(out.read_bytes(), tmp_path)
    assert "Eye disagreement: " + HEADER_CHECK in text
    assert f"warning: 'e.dcm': {HEADER_CHECK}" in capsys.readouterr().err  # a script's log says it too
    assert main(["report", str(image), "--out", str(out), "--no-analysis", "--overwrite"]) == 0  # the header's eye
    assert "Eye disagreement" not in _text(out.read_bytes(), tmp_path)
    # of the eye: none (the case is warned of as ungraded and not marked done, as the report dialog warns)
    assert not [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning") and "eye" in line]
