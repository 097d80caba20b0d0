"""The report's Reader field where no reader's name is given: a single reading stores none, and the field printed "—"
beside the reader's own grade, as if no one had graded the photo. Chinese needs QtCore's QTranslator: with Qt."""
from __future__ import annotations

import pytest

from annotations.document import ReaderGrade
from app.report import build_report_pdf
from tests.unit.test_report_layout import page_texts
from tests.unit.test_report_pdf import make_eye, make_report

# the Reader field's label and value as the header's table prints them, the next label after them
NOT_NAMED = {"en": "Reader not named Report date", "zh_CN": "阅片医师 未填写姓名 报告日期"}
NO_READER = {"en": "Reader — Report date", "zh_CN": "阅片医师 — 报告日期"}


def header(grade: ReaderGrade, language: str, reader: str = "") -> str:
    eye = make_eye()
    eye.doc.grade = grade
    return page_texts(build_report_pdf(make_report(eye, reader=reader, language=language)))[0]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_graded_case_without_a_readers_name_says_the_reader_is_not_named(language: str) -> None:
    assert NOT_NAMED[language] in header(ReaderGrade(dr_grade=2), language)
    assert NOT_NAMED[language] in header(ReaderGrade(ungradable=True), language)  # the reader's outcome too


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_case_no_reader_graded_prints_no_reader(language: str) -> None:
    assert NO_READER[language] in header(ReaderGrade(), language)


def test_a_readers_name_given_is_printed() -> None:
    text = header(ReaderGrade(dr_grade=2), "en", reader="Dr. Chen")
    assert "Reader Dr. Chen Report date" in text and "not named" not in text
