"""An eye recorded against the side the AI found the optic disc on: the report still prints the recorded eye (the
reader's record wins over the AI's guess) but says, beside it, that the two disagree, in the report's language; the
report dialog warns with the same words. The PDF printed the recorded eye with no sign of the contradiction."""
from __future__ import annotations

import re
from pathlib import Path

from annotations.document import CaseDocument, ReviewState
from annotations.findings import OpticDisc
from annotations.patients import report_warnings
from app.report import EyeInput, build_report_pdf
from tests.unit.test_report_pdf import extract_text, make_eye, make_report

CHECK = ("Eye disagreement: OD (right eye) is recorded, but where the AI found the optic disc suggests OS (left eye): "
         "check which eye this image is")


def disc_at(eye: EyeInput, side: str) -> EyeInput:
    """The AI found the optic disc on the image's ``side``: a right eye's lies on its right."""
    doc = eye.doc
    x = doc.width * (0.8 if side == "right" else 0.2)
    doc.ai.findings.optic_disc = OpticDisc(found=True, center=[x, doc.height / 2])
    return eye


def _text(pdf: bytes, tmp_path: Path) -> str:
    return re.sub(r"\s+", " ", extract_text(pdf, tmp_path))


def test_a_recorded_eye_against_the_ais_side_is_printed_with_a_check(tmp_path: Path) -> None:
    eye = disc_at(make_eye("OD"), "left")
    text = _text(build_report_pdf(make_report(eye)), tmp_path)
    assert "Eye OD (right eye)" in text  # the recorded eye is still the one printed
    assert CHECK in text  # in Chinese: tests/gui/test_report_language.py


def test_an_eye_the_ai_agrees_with_or_cannot_tell_prints_no_check(tmp_path: Path) -> None:
    agreeing = _text(build_report_pdf(make_report(disc_at(make_eye("OD"), "right"))), tmp_path)
    unknown = _text(build_report_pdf(make_report(make_eye("OD"))), tmp_path)  # no disc found
    assert "Eye disagreement" not in agreeing + unknown


def test_a_two_eye_report_checks_each_eye(tmp_path: Path) -> None:
    right, left = disc_at(make_eye("OD"), "left"), disc_at(make_eye("OS"), "left")
    text = _text(build_report_pdf(make_report(right, left)), tmp_path)
    assert text.count("Eye disagreement") == 1 and CHECK in text


def test_the_report_dialog_warns_with_the_eye_it_prints() -> None:
    doc: CaseDocument = disc_at(make_eye("OD"), "left").doc
    doc.grade.dr_grade, doc.review_state = 1, ReviewState.DONE
    assert report_warnings([doc], ["'a.png'"], [False]) == ["'a.png': " + CHECK.removeprefix("Eye disagreement: ")]
    assert report_warnings([doc], ["'a.png'"], [False], eyes=["OS"]) == []  # the reader chose OS in the dialog
    assert report_warnings([doc], ["'a.png'"], [False], eyes=[""]) == []  # no eye printed: nothing contradicts
