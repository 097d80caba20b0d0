"""Every line the report draws stays within its width (the page, a column, a table cell): reportlab squeezed a
Latin line's spaces by up to 5 % rather than wrap it (the footer's disclaimer ran 1.3 pt past its width on Letter
paper, table cells and the ICDR sentence up to 0.7 pt past theirs), and hangs a Chinese closing mark past a line's
end. Widths are measured anew here, with pdfmetrics.stringWidth in each run's font and size."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from app.report import ClinicSettings, EyeInput, ReportInput, build_report_pdf
from app.report.fonts import resolve_fonts
from app.report.layout import make_styles
from tests.unit.test_report_pdf import make_eye, make_report

# What a clinic writes, at the length it writes it (every field well within app.report.limits).
LONG_ENGLISH = {
    "patient": "Maria-Theresa Gonzalez de la Fuente",
    "findings": "Scattered dot and blot haemorrhages in all four quadrants, hard exudates within one disc diameter of "
                "the fovea, venous beading in the superotemporal quadrant and no neovascularisation.",
    "diagnosis": "Moderate non-proliferative diabetic retinopathy in both eyes with clinically significant macular "
                 "oedema in the right eye; scattered dot and blot haemorrhages, hard exudates temporal to the fovea "
                 "and two cotton-wool spots along the superior arcade.",
    "recommendation": "Refer to the retina clinic within 4 weeks for optical coherence tomography of the macula and "
                      "consideration of anti-VEGF treatment; optimise glycaemic and blood-pressure control with the "
                      "general practitioner.",
    "reader": "Dr. Alexandra Montgomery-Fitzgerald, consultant ophthalmologist",
    "clinic": "St. Bartholomew's Community Diabetic Eye Screening Programme",
    "address": "Department of Ophthalmology, Level 3, Outpatient Building\n1234 Long Hospital Road, Springfield, "
               "IL 62704\n+1 555 0100 · retina@example.org",
}


@dataclass
class DrawnLine:
    style: str
    width: float  # what the paragraph was given
    drawn: float  # what the line's text takes
    text: str


def measured(paragraph: Paragraph) -> list[DrawnLine]:
    """Each line of a wrapped paragraph: its text without the spaces it ends with (they draw nothing) and callbacks
    (they draw no text), in each run's font and size."""
    lines = paragraph.blPara
    found = []
    for line in lines.lines:
        if lines.kind == 0:  # (space left, words) in the paragraph's one font
            runs = [(" ".join(line[1]), lines.fontName, lines.fontSize)]
        else:
            runs = [(word.text, word.fontName, word.fontSize) for word in line.words
                    if getattr(word, "text", "") and not hasattr(word, "cbDefn")]
        text = "".join(run[0] for run in runs)
        trailing = text[len(text.rstrip()):]
        drawn = sum(stringWidth(*run) for run in runs) - stringWidth(trailing, *runs[-1][1:]) if runs else 0.0
        found.append(DrawnLine(paragraph.style.name, paragraph.width, drawn, text.strip()))
    return found


def drawn_lines(report: ReportInput) -> list[DrawnLine]:
    """Every line of every paragraph the report draws (text, table cells, captions, header and footer)."""
    found: list[DrawnLine] = []
    draw_on = Paragraph.drawOn

    def spy(self: Paragraph, *args: Any, **kwargs: Any) -> None:
        found.extend(measured(self))
        draw_on(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Paragraph, "drawOn", spy)
        build_report_pdf(report)
    return found


def long_report(eyes: list[str], paper: str, language: str = "en", texts: dict[str, str] = LONG_ENGLISH
                ) -> ReportInput:
    """A report with ``texts`` in every field a clinic fills, the reader's overlay of each eye a note ("no lesions
    drawn by the reader") and, in a two-eye report, the second eye's image missing (notes in its panels' place)."""
    inputs = [make_eye(eye, name=texts["patient"]) for eye in eyes]
    for eye in inputs:
        eye.doc.findings_text = texts["findings"]
        eye.doc.mask = None
    inputs[1:] = [EyeInput(eye.doc, None) for eye in inputs[1:]]
    return make_report(*inputs, paper=paper, language=language, diagnosis=texts["diagnosis"],
                       recommendation=texts["recommendation"], reader=texts["reader"],
                       clinic=ClinicSettings(name=texts["clinic"], address=texts["address"]))


def assert_every_line_fits(lines: list[DrawnLine], *seen: str) -> None:
    """No line is wider than its paragraph; lines starting with each of ``seen`` were measured."""
    assert all(any(line.text.startswith(words) for line in lines) for words in seen)
    overflowing = [line for line in lines if line.drawn > line.width + 1e-6]
    assert not overflowing, overflowing


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("eyes", [["OD"], ["OD", "OS"]])
def test_every_line_of_an_english_report_fits_its_width(paper: str, eyes: list[str]) -> None:
    lines = drawn_lines(long_report(eyes, paper))
    assert_every_line_fits(lines, "St. Bartholomew's", "Diabetic retinopathy screening report", "Reader's overlay",
                           "Moderate non-proliferative", "Refer to the retina", "The AI output is an aid")


def test_a_latin_line_that_does_not_fit_wraps() -> None:
    """At any width: reportlab kept a word on a line it did not fit, that line's spaces squeezed."""
    styles = make_styles(resolve_fonts(""))
    text = "The AI output is an aid to a qualified reader, not a diagnosis."
    for width in range(60, 300):
        paragraph = styles.para(text, styles.body)
        paragraph.wrap(width, 1000)
        lines = measured(paragraph)
        assert " ".join(line.text for line in lines) == text, width
        assert all(line.drawn <= width + 1e-6 for line in lines), (width, lines)
