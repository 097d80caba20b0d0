"""The report's conclusion (findings, diagnosis, recommendation, signature) stays with the evidence: on the first page
where smaller images make room for it there, and where it cannot, its recommendation says the grade of each eye it
follows from. The recommendation and the signature never part, nor start a page without the diagnosis's last line.
A two-eye report on A4 had put the diagnosis, recommendation and signature alone on page 2."""
from __future__ import annotations

import pytest

from annotations.document import ReaderGrade
from app.report import build_report_pdf
from app.report.conclusion import grades_followed
from app.report.fonts import resolve_fonts
from app.report.layout import make_styles
from app.report.model import ReportInput
from tests.unit.test_report_layout import FOUR_LINE_ADDRESS, page_texts, pages_with
from tests.unit.test_report_oct import oct_eye
from tests.unit.test_report_pdf import make_eye, make_report

LONG = "\n".join(f"Line {n} of a long diagnosis written by the reader." for n in range(80))


def test_a_two_eye_reports_recommendation_on_page_two_names_the_grades_it_follows() -> None:
    """Two photos on A4: their evidence fills page 1; the conclusion on page 2 had no grade on its page (the readers'
    grades overleaf), here OS graded 3 by the reader, the AI 2. (In Chinese: test_report_language.)"""
    texts = page_texts(build_report_pdf(disagreeing_eyes_report()))
    assert len(texts) == 2 and pages_with(texts, "Diagnosis") == pages_with(texts, "Recommendation") == [1]
    assert pages_with(texts, "Signature") == [1]
    assert "Based on: OD (right eye): 2 — Moderate NPDR (reader); OS (left eye): 3 — Severe NPDR (reader)" in texts[1]


def disagreeing_eyes_report(language: str = "en") -> ReportInput:
    """Two photos, the reader grading OS 3 where the AI found 2."""
    eyes = [make_eye("OD"), make_eye("OS")]
    eyes[1].doc.grade.dr_grade = 3
    return make_report(*eyes, language=language)


def test_a_two_eye_conclusion_that_fits_with_smaller_images_prints_on_page_one() -> None:
    """Graded without an AI result under a four-line address: the conclusion had gone alone to page 2 beside the
    images at full size; slightly smaller images keep the report on one page, which names no grade twice."""
    eyes = [make_eye("OD", with_ai=False), make_eye("OS", with_ai=False)]
    texts = page_texts(build_report_pdf(make_report(*eyes, clinic=FOUR_LINE_ADDRESS)))
    assert len(texts) == 1 and "Recommendation" in texts[0] and "Signature" in texts[0]
    assert "Based on:" not in texts[0]


@pytest.mark.parametrize("eyes", [["OD"], ["OD", "OS"]])
def test_a_report_on_one_page_does_not_repeat_the_grades_under_its_recommendation(eyes: list[str]) -> None:
    texts = page_texts(build_report_pdf(make_report(*[oct_eye(eye) for eye in eyes])))
    assert len(texts) == 1 and "Recommendation" in texts[0] and "Based on:" not in texts[0]


@pytest.mark.parametrize("lines", [44, 47, 50, 53, 56])
@pytest.mark.parametrize("eyes", [["OS"], ["OD", "OS"]])
def test_a_long_diagnosis_leads_the_recommendation_and_its_signature_onto_their_page(eyes: list[str],
                                                                                    lines: int) -> None:
    """However its diagnosis breaks over the pages, the recommendation and signature end it together, under its
    last line and with the grades (as many lines as put the diagnosis's end at a page's foot had left them atop
    the next page, alone)."""
    diagnosis = "\n".join(LONG.splitlines()[:lines])
    texts = page_texts(build_report_pdf(make_report(*[make_eye(eye) for eye in eyes], diagnosis=diagnosis)))
    last = pages_with(texts, f"Line {lines - 1} of")
    assert len(texts) >= 2 and last == pages_with(texts, "Recommendation") == pages_with(texts, "Signature")
    said = "Based on: 2 — Moderate NPDR (reader)" if len(eyes) == 1 else "Based on: OD (right eye): 2"
    assert said in texts[last[0]]


def test_the_grades_say_whose_they_are_as_the_recommendation_follows_them() -> None:
    """The reader's grade, else the AI's on a gradable image (app.report.recommendation); an OCT scan's class."""
    s = make_styles(resolve_fonts())
    ai_only, ungradable, scan = make_eye("OD"), make_eye("OS"), oct_eye("OS")
    ai_only.doc.grade, ungradable.doc.grade = ReaderGrade(), ReaderGrade()
    ungradable.doc.ai.quality = {"gradable": False, "reason": "too dark"}
    said = grades_followed(s, [("OD (right eye)", ai_only.doc), ("OS (left eye)", ungradable.doc)]).getPlainText()
    assert said == "Based on: OD (right eye): 2 — Moderate NPDR (AI); OS (left eye): NOT gradable: too dark"
    said = grades_followed(s, [("OS (left eye)", scan.doc)]).getPlainText()
    assert said == "Based on: CNV — choroidal neovascularisation (reader)"  # a class, no grade
