"""How much of each text field a report prints: every field has a size that fits its place on one page.

A table cell or the page header cannot continue on the next page, so a 3,000-character patient name or a long
recommendation would make reportlab give up (LayoutError) instead of writing a PDF. Every text goes through
``bounded`` first: anything longer than its field's limit is cut (at a space near the end where there is one)
and ends in an ellipsis, so the shortening is visible on the page. Sizes count wide (CJK) characters twice, as
they take twice the room, and line breaks count too. Limits are generous for real text (names, IDs, a findings
note) and only bite on input no person would type.
"""
from __future__ import annotations

import dataclasses
import unicodedata

from annotations.document import PatientInfo

from app.report.model import ClinicSettings, ReportInput

ELLIPSIS = "…"
SHORT_FIELD = 120  # names, IDs, dates, the reader, the clinic name: one line of text, a few lines in a table cell
CELL_TEXT = 800  # the boxed recommendation (a table cell)
CELL_LINES = 12
PAGE_TEXT = 6000  # the diagnosis, the reader's findings on an eye: paragraphs that may run on to the next page
PAGE_LINES = 60
ADDRESS_LINES = 4
MODEL_LINES = 8  # model lines in the footer, printed on every page


def fit(text: str, limit: int, lines: int = 1) -> str:
    """``text`` in at most ``limit`` width units and ``lines`` lines (one line: line breaks become spaces); when
    shortened, cut at a space near the end if there is one and end with an ellipsis."""
    kept = (text or "").splitlines() or [""]
    if lines == 1:
        kept = [" ".join(line.strip() for line in kept if line.strip())]
    dropped = len(kept) > lines
    kept = kept[:lines]
    out, used = [], 0
    for line in kept:
        room = limit - used
        if _width(line) > room:
            out.append(_cut(line, max(room, 1)))
            return "\n".join(out)
        out.append(line)
        used += _width(line) + 1
    if dropped:
        out[-1] = out[-1].rstrip() + " " + ELLIPSIS
    return "\n".join(out)


def bounded(report: ReportInput) -> ReportInput:
    """A copy of ``report`` whose every text field fits its place (see the module docstring)."""
    clinic = report.clinic
    clinic = ClinicSettings(name=fit(clinic.name, SHORT_FIELD),
                            address=fit(clinic.address, ADDRESS_LINES * SHORT_FIELD, ADDRESS_LINES),
                            logo_path=clinic.logo_path, cjk_font_path=clinic.cjk_font_path)
    eyes = [dataclasses.replace(eye, doc=dataclasses.replace(eye.doc, patient=_patient(eye.doc.patient),
                                                             findings_text=fit(eye.doc.findings_text, PAGE_TEXT,
                                                                               PAGE_LINES)),
                                eye=None if eye.eye is None else fit(eye.eye, SHORT_FIELD)) for eye in report.eyes]
    return dataclasses.replace(report, eyes=eyes, patient=_patient(report.patient), clinic=clinic,
                               reader=fit(report.reader, SHORT_FIELD),
                               diagnosis=fit(report.diagnosis, PAGE_TEXT, PAGE_LINES),
                               recommendation=fit(report.recommendation, CELL_TEXT, CELL_LINES),
                               report_date=fit(report.report_date, SHORT_FIELD))


def model_line(text: str) -> str:
    """One model's line in the footer (its name and version come from a model card, which anyone can write)."""
    return fit(text, 2 * SHORT_FIELD)


def _patient(patient: PatientInfo) -> PatientInfo:
    return dataclasses.replace(patient, **{name: fit(getattr(patient, name), SHORT_FIELD)
                                           for name in ("patient_id", "name", "birth_date", "sex", "eye", "exam_date")})


def _cut(line: str, room: int) -> str:
    used, end = 0, 0
    for end, char in enumerate(line):
        used += _char_width(char)
        if used > room - 1:  # keep one unit for the ellipsis
            break
    cut = line[:end]
    space = cut.rfind(" ")
    if space > len(cut) * 0.8:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def _width(text: str) -> int:
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
