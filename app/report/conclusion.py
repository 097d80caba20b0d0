"""The report's conclusion: the reader's findings, the diagnosis, then the recommendation and the signature, which a
page break never parts. Printed on a later page than the grades (the eyes' evidence filled the first), the
recommendation says the grade of each eye it follows from: alone atop a page, a recommendation and a signature read
as a conclusion without the evidence it concludes."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table

from annotations.acted_grade import effective_grade, effective_oct_class
from annotations.document import UNGRADABLE, CaseDocument
from annotations.report_kind import ReportKind, report_kind
from annotations.wording import Translate, join_clauses
from widgets.clinical_terms import grade_name, oct_class_name, quality_verdict

from app.report import layout
from app.report.model import ReportInput
from app.report.recommendation import suggest


def conclusion(s: layout.Styles, report: ReportInput, width: float, apart: bool) -> list[Flowable]:
    """The conclusion for a frame ``width`` wide; ``apart``: it prints on a later page than the eyes' grades. Each
    heading is kept with what follows it, and the diagnosis's last line, the recommendation and the signature with
    one another (keepWithNext: the document keeps them together wherever a conclusion too long for a page breaks,
    inside the KeepTogether the story puts it in, which a KeepTogether nested there would defeat: it measures as
    taller than any page)."""
    translate = s.translate
    eyes = list(zip(layout.eye_names(report.eyes, translate), [eye.doc for eye in report.eyes]))
    recommendation = report.recommendation.strip() or suggest([eye.doc for eye in report.eyes], translate,
                                                                [eye.eye_label for eye in report.eyes]).text
    # the diagnosis's last line leads the recommendation onto a page: it never starts one
    lines, _, last = (report.diagnosis.strip() or translate("Report", "(no diagnosis text entered)")).rpartition("\n")
    heading, closing_line = s.para(translate("Report", "Diagnosis"), s.heading, bold=True), s.para(last)
    ending = [s.para(translate("Report", "Recommendation"), s.heading, bold=True),
              *([grades_followed(s, eyes)] if apart else []),
              _boxed(s, s.para(recommendation, s.body, bold=True), width),
              layout.signature_block(s, report.reader, report.report_date, width)]
    for flowable in [heading, closing_line, *ending[:-1]]:
        flowable.keepWithNext = True
    return layout.reader_findings(s, eyes, width) + [heading, *([s.para(lines)] if lines else []), closing_line,
                                                      *ending]


def grades_followed(s: layout.Styles, eyes: list[tuple[str, CaseDocument]]) -> Paragraph:
    """"Based on: OD (right eye): 3 — Severe NPDR (reader); OS (left eye): CNV — … (AI)": what each (eye's name
    (layout.eye_names), case)'s follow-up is decided on (annotations.acted_grade: the reader's grade, else the
    AI's on a gradable image; an OCT scan's class, which is no grade), and whose it is."""
    translate = s.translate
    if len(eyes) == 1:
        followed = _followed(eyes[0][1], translate)
    else:
        said = [translate("Report", "{label}: {value}").format(label=name, value=_followed(doc, translate))
                for name, doc in eyes]
        followed = join_clauses(said, translate)
    return s.para(translate("Report", "Based on: {grades}").format(grades=followed))


def _followed(doc: CaseDocument, translate: Translate) -> str:
    scan = report_kind(doc) is ReportKind.OCT
    found = effective_oct_class(doc) if scan else effective_grade(doc)
    by = translate("Report", "{grade} (reader)") if found.source == "reader" else translate("Report", "{grade} (AI)")
    if found.grade is None and found.source == "reader":  # the reader recorded the photo ungradable
        return by.format(grade=grade_name(UNGRADABLE, translate))
    if found.grade is None:  # none recorded; or the AI's, on an image its quality check found not gradable
        ungradable = not found.gradable and doc.ai is not None
        return quality_verdict(doc.ai.quality, translate) if ungradable else grade_name(None, translate)
    shown = oct_class_name(str(found.grade), translate) if scan else layout.grade_text(int(found.grade), translate)
    return by.format(grade=shown)


def _boxed(s: layout.Styles, flowable: Flowable, width: float) -> Table:
    return layout.make_table(s, [[flowable]], [width],
                             [("BOX", (0, 0), (-1, -1), 0.8, layout.INK),
                              ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF8E1")),
                              ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
