"""The report's sections as reportlab flowables, each laid out for a given width (a page or one eye's column)."""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import ALL_CANNOT_END
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from annotations.case_names import case_name
from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import UNGRADABLE, AIResult, CaseDocument, PatientInfo
from annotations.findings import ClassFindings, Findings
from annotations.graded_fields import GradeField, field_value, referable_decision
from annotations.grading import ai_oct_class, image_gradable
from annotations.icdr import QUADRANTS
from annotations.objects import list_objects, marked_counts
from annotations.patients import EYES, eye_disagreements, eye_label, sex_label, shown_name
from annotations.render import heatmap_rgb
from annotations.report_kind import ReportKind, report_kind
from annotations.reading.report_grading import DoubleReading
from annotations.unfinished_reading import reader_graded
from annotations.wording import Translate, english, fill, join_clauses, join_items
from widgets.clinical_terms import (area_scale, dme_risk_meaning, dme_risk_name, flagged_if_ungradable, grade_name,
                                    icdr_sentence, lesion_area, lesion_label, oct_class_name, quadrant_counts,
                                    quadrant_legend, quality_verdict, referable_source, yes_no)

from app.report.cjk_lines import CANNOT_START, NO_BREAK_SPACE, CJKParagraph
from app.report.dates import shown_date
from app.report.fonts import FontSet
from app.report.model import EyeInput
from app.report.panels import Panel

GRID = colors.HexColor("#B0B7C0")
SHADE = colors.HexColor("#EEF1F4")
INK = colors.HexColor("#1A1F24")
MUTED = colors.HexColor("#5A6570")
ALERT = colors.HexColor("#C62828")  # what the reader must check, as the report dialog shows its warnings
BLANK_LENGTH = 30  # underscores of a line to sign or write a name on, where the column holds them
SIGNATURE_PADDING = 6  # points right of each signature cell (reportlab's default)
LABEL_SHARE = 0.5  # the most of a (label, value) table its labels take
TABLE_GAP = 1.5 * mm  # between the lesion table and the lines under it


@dataclass
class Styles:
    fonts: FontSet
    body: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    caption: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    footer: ParagraphStyle
    alert: ParagraphStyle
    translate: Translate = english  # in the report's language (app.report.text.ReportText)

    def para(self, text: str, style: ParagraphStyle | None = None, bold: bool = False,
             unbroken: str | tuple[str, ...] = "") -> Paragraph:
        """``unbroken``: words of ``text`` (each wherever it occurs) kept on one line where they fit, e.g. "B-scan
        12", a reader's name: their spaces do not break, and in Chinese nothing between them does (reportlab's
        <nobr>: cjk_lines)."""
        phrases = sorted({p for p in ((unbroken,) if isinstance(unbroken, str) else unbroken) if p}, key=len,
                         reverse=True)  # the longest first, where one holds another
        pieces = re.split("(" + "|".join(map(re.escape, phrases)) + ")", text) if phrases else [text]  # kept: odd
        markup = "".join(f"<nobr>{self.fonts.markup(piece.replace(' ', NO_BREAK_SPACE), bold=bold)}</nobr>"
                         if number % 2 else self.fonts.markup(piece, bold=bold)
                         for number, piece in enumerate(pieces) if piece)
        return CJKParagraph(markup, style or self.body)


def make_styles(fonts: FontSet, translate: Translate = english, unspaced: bool = False) -> Styles:
    """Styles whose every line stays within its width, what does not fit wrapping: reportlab would squeeze a Latin
    line's spaces by up to 5 % and draw it past its width (app.report.cjk_lines keeps a Chinese line's closing mark
    from hanging past it). ``unspaced``: the report's language has no spaces between words (Chinese), so lines break
    between any two characters, except before closing punctuation and after opening marks."""
    wrap = {"wordWrap": "CJK"} if unspaced else {}

    def style(name: str, size: float, lead: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, **{"fontName": fonts.regular, "fontSize": size, "leading": lead, "textColor": INK,
                                       "spaceShrinkage": 0, **wrap, **extra})

    return Styles(fonts=fonts, body=style("body", 9, 11.5), small=style("small", 8, 10),
                  tiny=style("tiny", 7, 8.5),
                  caption=style("caption", 7.5, 9, alignment=TA_CENTER, textColor=MUTED),
                  title=style("title", 15, 18), heading=style("heading", 10.5, 13, spaceBefore=6, spaceAfter=3),
                  footer=style("footer", 6.5, 8, textColor=MUTED),
                  alert=style("alert", 8, 10, textColor=ALERT, spaceBefore=2), translate=translate)


def eye_name(label: str, translate: Translate = english) -> str:
    return eye_label(label, translate) if label else translate("Report", "eye not recorded")


def eye_names(eyes: list[EyeInput], translate: Translate = english) -> list[str]:
    """Each eye of a report as its headings and sentences name it; two eyes neither recorded also by their images,
    else every heading and the recommendation's basis read "eye not recorded" twice, over columns no one can tell
    apart."""
    names = [eye_name(eye.eye_label, translate) for eye in eyes]
    if len(eyes) == 2 and not any(eye.eye_label for eye in eyes):
        return [translate("Report", "{eye} ({image})").format(eye=name, image=case_name(eye.address, translate,
                                                                                        modality=eye.doc.modality))
                for name, eye in zip(names, eyes)]
    return names


def eyes_named(labels: list[str], translate: Translate = english) -> str:
    """The report's eyes, as its Eye fields print them: "OD (right eye) and OS (left eye)"; one eye both images are
    of (a photo and an OCT scan of it) once, not "OD (right eye) and OD (right eye)"."""
    return translate("Report", " and ").join(eye_name(label, translate) for label in dict.fromkeys(labels))


def one_eye_twice(labels: list[str]) -> bool:
    """Both images are recorded as of the same eye: the report is of that eye, not of both eyes."""
    return len(labels) == 2 and labels[0] == labels[1] and labels[0] in EYES


def grade_text(grade: int | str | None, translate: Translate = english) -> str:
    """"2 — Moderate NPDR"; a grade not recorded, or a reading of an ungradable photo (UNGRADABLE), by its name."""
    if not isinstance(grade, int) or not 0 <= grade <= 4:
        return grade_name(grade, translate)
    return f"{grade} — {grade_name(grade, translate)}"


def make_table(s: Styles, rows: list[list[Any]], widths: list[float], commands: list[tuple],
               row_heights: list[float] | None = None) -> Table:
    """A left-aligned table whose cells default to the embedded font (reportlab's default is Helvetica)."""
    table = Table(rows, colWidths=widths, rowHeights=row_heights, hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), s.fonts.regular)] + commands))
    return table


def _grid_table(s: Styles, rows: list[list[Any]], widths: list[float], header: bool = False) -> Table:
    commands = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    return make_table(s, rows, widths, commands)


@dataclass(frozen=True)
class Named:
    """A table value that names people (``names``): each name is printed whole on one line (kept_whole)."""
    text: str
    names: tuple[str, ...]


def kept_whole(s: Styles, text: str, names: Iterable[str], width: float) -> Paragraph:
    """``text`` in the small style, each of ``names`` in it kept on one line ``width`` wide with the marks glued to it
    ("Anna:", "（李明华："): lines break between names, and the text is set smaller where a name is wider than the
    line, down to the tiny style's size; a name wider even then keeps each of its words whole. Left to break, a
    Chinese name broke between its characters ("李明" over "华") and a long Latin one inside a word ("Fitzger" over
    "ald-Montgomery")."""
    small, floor = s.small, s.tiny.fontSize
    unspaced = small.wordWrap == "CJK"
    before, after = (f"[{re.escape(ALL_CANNOT_END)}]*", f"[{re.escape(CANNOT_START)}]*") if unspaced \
        else (r"\S*", r"\S*")  # what a line does not break from a name: a colon after it, a bracket before it
    units: list[str] = []
    for name in dict.fromkeys(name for name in names if name.strip()):
        for found in dict.fromkeys(re.findall(before + re.escape(name) + after, text)):
            if s.fonts.width(found, floor) <= width:
                units.append(found)
                continue
            units += found.split()
            if unspaced:  # broken there: a Chinese line's break at the space left it on a line of its own
                text = text.replace(found, "\n".join(found.split()))
    widest = max((s.fonts.width(unit, small.fontSize) for unit in units), default=0.0)
    size = max(floor, small.fontSize * min(1.0, width / widest)) if widest else small.fontSize
    style = small if size == small.fontSize else ParagraphStyle(
        f"{small.name}-{size:g}", parent=small, fontSize=size, leading=small.leading * size / small.fontSize)
    return s.para(text, style, unbroken=tuple(units))


def _labelled_rows(s: Styles, rows: list[list[str | Named]], width: float) -> Table:
    """(label, value) rows, the shaded label column as wide as its longest label (at most LABEL_SHARE of the table),
    so labels stay on one line and the values get the rest, in a page-wide table or a narrow column alike."""
    room = 6 + 1  # _grid_table's left and right padding, and a point for the outline of bold Chinese
    longest = max(s.fonts.width(label, s.small.fontSize, bold=True) for label, _ in rows)
    label = min(longest + room, LABEL_SHARE * width)
    values = [kept_whole(s, v.text, v.names, width - label - 6) if isinstance(v, Named) else s.para(v, s.small)
              for _, v in rows]
    table = _grid_table(s, [[s.para(k, s.small, bold=True), v] for (k, _), v in zip(rows, values)],
                        [label, width - label])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), SHADE)]))
    return table


def patient_block(s: Styles, patient: PatientInfo, eyes: list[tuple[str, CaseDocument]], reader: str,
                  report_date: str, width: float) -> Table:
    """The patient's details, the eyes (each its label and case), the reader and the report's date."""
    translate = s.translate
    sex = sex_label(patient.sex, translate)
    pairs = [(translate("Report", "Patient"), shown_name(patient, translate)),
             (translate("Report", "Patient ID"), patient.patient_id),
             (translate("Report", "Age"), _age(patient, translate)), (translate("Report", "Sex"), sex),
             (translate("Report", "Eye"), eyes_named([label for label, _ in eyes], translate)),
             (translate("Report", "Exam date"), shown_date(patient.exam_date, translate)),
             (translate("Report", "Reader"), _reader(reader, [doc for _, doc in eyes], translate)),
             (translate("Report", "Report date"), shown_date(report_date, translate))]
    rows = [[s.para(pairs[i][0], s.small, bold=True), s.para(pairs[i][1] or "—", s.small),
             s.para(pairs[i + 1][0], s.small, bold=True), s.para(pairs[i + 1][1] or "—", s.small)]
            for i in range(0, len(pairs), 2)]
    label, value = 0.16 * width, 0.34 * width
    table = _grid_table(s, rows, [label, value, label, value])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), SHADE), ("BACKGROUND", (2, 0), (2, -1), SHADE)]))
    return table


def _reader(reader: str, docs: list[CaseDocument], translate: Translate) -> str:
    """The reader's name; "not named" where none is given but a reader graded an eye (a single reading stores no
    name: "—" there read as if no one had graded what the report prints beside it); else none ("—")."""
    if reader or not any(reader_graded(doc) for doc in docs):
        return reader
    return translate("Report", "not named")


def eye_checks(s: Styles, eyes: list[tuple[str, CaseDocument, str]]) -> list[Flowable]:
    """Under the patient's details, a line for each contradiction of an eye printed (its label, case, and the eye its
    image header records) with its image header or the side the AI found its optic disc on
    (annotations.patients.eye_disagreements): the recorded eye stays printed, and the contradiction is said beside
    it."""
    checks = [check for eye, doc, header in eyes for check in eye_disagreements(eye, doc, header, s.translate)]
    return [s.para(s.translate("Report", "Eye disagreement: {check}").format(check=check), s.alert, bold=True)
            for check in checks]


def _age(patient: PatientInfo, translate: Translate) -> str:
    """"61 years (born 4 Mar 1965)": the age with its unit, and the birth date, a second identifier of the patient."""
    born = shown_date(patient.birth_date, translate) if patient.birth_date.strip() else ""
    if patient.age is None:
        return translate("Report", "born {date}").format(date=born) if born else ""
    age = translate("Report", "{age} years").format(age=patient.age)
    return translate("Report", "{age} (born {date})").format(age=age, date=born) if born else age


def _panel_cell(s: Styles, panel: Panel, width: float) -> list[Flowable]:
    height = width / panel.aspect
    if panel.jpeg is None:
        note = s.para(panel.note_in(s.translate), s.caption, unbroken=panel.unbroken_in(s.translate))
        box = make_table(s, [[note]], [width],
                         [("BACKGROUND", (0, 0), (-1, -1), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("BOX", (0, 0), (-1, -1), 0.4, GRID)], row_heights=[height])
        picture: Flowable = box
    else:
        picture = Image(io.BytesIO(panel.jpeg), width=width, height=height)
    return [picture, Spacer(1, 1.2 * mm), s.para(panel.caption_in(s.translate), s.caption)]


def panel_grid(s: Styles, panels: list[Panel], width: float) -> Table:
    """Panels two to a row."""
    gap = 3 * mm
    cell = (width - gap) / 2
    cells = [_panel_cell(s, panel, cell) for panel in panels]
    rows = [cells[i:i + 2] + [Spacer(0, 0)] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    return make_table(s, rows, [cell + gap / 2] * 2,
                      [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), gap / 2),
                       ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])


def legend(s: Styles, width: float, classes: Iterable[LesionClass] = LESION_CLASSES, heat: bool = False) -> Table:
    """Colour key of the overlays: the lesion ``classes`` they draw (DESIGN.md colours, in their order) and, with
    ``heat``, the Grad-CAM ramp; each key as wide as its words, packed into rows of ``width`` so that none stands under
    one eye's images."""
    drawn = set(classes)
    keys = [_Key(lesion_label(cls, s.translate), cls.colour) for cls in LESION_CLASSES if cls in drawn]
    if heat:
        keys.append(_Key(s.translate("Report", "Grad-CAM, weak to strong")))
    rows: list[list[_Key]] = [[]]
    used = 0.0
    for key in keys:
        wide = key.width(s)
        if rows[-1] and used + wide - _KEY_GAP > width:  # the row's last key needs no gap after it
            rows.append([])
            used = 0.0
        rows[-1].append(key)
        used += wide
    return make_table(s, [[_key_row(s, row)] for row in rows], [width],
                      [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                       ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])


SWATCH = 3.2 * mm  # a lesion class's colour square
HEAT_RAMP = 12 * mm  # the Grad-CAM ramp's length
_KEY_TEXT_GAP = 4.0  # points between a key's colour and its words
_KEY_GAP = 8.0  # points after a key's words, before the next key


@dataclass(frozen=True)
class _Key:
    text: str
    colour: str = ""  # a lesion class's; none: the Grad-CAM ramp

    @property
    def mark_width(self) -> float:
        return SWATCH if self.colour else HEAT_RAMP

    def width(self, s: Styles) -> float:
        return self.mark_width + _KEY_TEXT_GAP + s.fonts.width(self.text, s.small.fontSize) + _KEY_GAP


def _key_row(s: Styles, keys: list[_Key]) -> Table:
    cells: list[Flowable] = []
    widths: list[float] = []
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    for key in keys:
        mark, words = (len(cells), 0), (len(cells) + 1, 0)
        cells += [Spacer(0, 0) if key.colour else Image(io.BytesIO(_heat_ramp_png()), width=HEAT_RAMP, height=SWATCH),
                  s.para(key.text, s.small)]
        widths += [key.mark_width, key.width(s) - key.mark_width]
        commands.append(("LEFTPADDING", words, words, _KEY_TEXT_GAP))
        if key.colour:
            commands += [("BACKGROUND", mark, mark, colors.HexColor(key.colour)), ("BOX", mark, mark, 0.3, INK)]
    return make_table(s, [cells], widths, commands)


def _heat_ramp_png() -> bytes:
    """The Grad-CAM panel's colours from cold to hot (annotations.render.heatmap_rgb), as a small PNG strip."""
    ramp = np.repeat(heatmap_rgb(np.linspace(0.0, 1.0, 64)[None, :]), 4, axis=0)
    buffer = io.BytesIO()
    PILImage.fromarray(ramp).save(buffer, format="PNG")
    return buffer.getvalue()


def ai_result(s: Styles, doc: CaseDocument, width: float) -> list[Flowable]:
    """The AI's OCT class and probabilities for an OCT case (annotations.report_kind), else its DR grade, referable
    flag and what decided them; then the image quality."""
    translate = s.translate
    heading = s.para(translate("Report", "AI result"), s.heading, bold=True)
    ai = doc.ai
    if ai is None and not reader_graded(doc):  # nothing graded it: "rests on the reader's assessment" was untrue
        return [heading, s.para(translate("Report", "No AI result: the analysis has not been run for this case, and "
                                                    "no reader has graded it yet."))]
    if ai is None:
        return [heading, s.para(translate("Report", "No AI result: the analysis has not been run for this case. "
                                                    "This report rests on the reader's assessment alone."))]
    rows: list[list[Any]] = []
    if report_kind(doc) is ReportKind.OCT:
        best = ai_oct_class(ai)
        if best is not None:
            found = f"{oct_class_name(best, translate)} ({ai.oct_probs[best]:.0%})"
            rows.append([translate("Report", "OCT class"), flagged_if_ungradable(found, ai, True, translate)])
            rows.append([translate("Report", "Probabilities"), _probabilities(
                (oct_class_name(name, translate), probability) for name, probability in ai.oct_probs.items())])
        else:  # no OCT model installed, or the case was analysed as a photo before it was marked OCT
            rows.append([translate("Report", "OCT class"), translate("Report", "not classified by the AI")])
    else:
        sources = {"model": translate("Report", "from the grading model"),
                   "icdr-rules": translate("Report", "from the ICDR rules on the lesion findings")}
        source = sources.get(ai.grade_source, ai.grade_source)
        found = grade_text(ai.dr_grade, translate) + (translate("Report", ", ") + source if source else "")
        rows.append([translate("Report", "DR grade (ICDR)"),
                     _flagged(s, found, doc) if ai.dr_grade is not None else found])
        if ai.grade_probs:
            rows.append([translate("Report", "Probabilities"),
                         _probabilities((grade_name(i, translate), p) for i, p in enumerate(ai.grade_probs))])
        referable = yes_no(ai.referable, translate) if ai.referable is not None else \
            translate("Report", "not assessed")
        if ai.referable_prob is not None:
            referable += translate("Report", " (probability {percent})").format(percent=f"{ai.referable_prob:.0%}")
        findings = ai.findings or Findings()
        if findings.referable_source:
            referable += translate("Report", "; by {source}").format(
                source=referable_source(findings.referable_source, translate))
        # read from the same lesion masks as the grade: no more a finding than it
        rows.append([translate("Report", "Referable DR"), _flagged(s, referable, doc)
                     if ai.referable is not None else referable])
        if findings.lesions_present_probability is not None:
            rows.append([translate("Report", "DR signs present"), translate("Report", "{percent} (classifier)").format(
                percent=f"{findings.lesions_present_probability:.0%}")])
    rows.append([translate("Report", "Image quality"), quality_verdict(ai.quality, translate)])
    return [heading, _labelled_rows(s, rows, width)]


def _flagged(s: Styles, found: str, doc: CaseDocument) -> str:
    """The AI's DR grade or referable flag ``found``, flagged where the photo's reading gives no grade: the reader
    recorded it ungradable (their outcome decides the follow-up: app.report.recommendation), else the AI's quality
    check found it not gradable. Unflagged beside a reader's "Ungradable", the AI's grade read as the photo's."""
    if doc.grade.ungradable:
        return s.translate("Report", "{found}; not reliable: the reader recorded the photo ungradable").format(
            found=found)
    return flagged_if_ungradable(found, doc.ai, False, s.translate)


def _probabilities(classes: Iterable[tuple[str, float]]) -> str:
    """"No DR 5% · Mild NPDR 10% · …": each class with its probability, which a wrapped line keeps beside it, and
    the dot after it (a line starting "· Normal 2%" reads as a list of its own)."""
    return f"{NO_BREAK_SPACE}· ".join(f"{name}{NO_BREAK_SPACE}{probability:.0%}" for name, probability in classes)


def _quadrant_value(entry: ClassFindings, quadrant: str) -> str:
    value = entry.quadrants.get(quadrant)
    return "—" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def _number(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:,}" if isinstance(value, int) else str(value)


def ai_counted(doc: CaseDocument) -> bool:
    """Whether the case's lesion table shows the AI's columns (count, area, quadrants): an analysed photo's (a "—"
    there says the AI found none of a class); an OCT scan's only where the AI gave lesion counts (analysed as a photo
    before it was marked OCT). Else the marks are the reader's alone, and columns of "—" would say nothing (a case
    without an AI result says so above its table)."""
    if doc.ai is None:
        return False
    return report_kind(doc) is ReportKind.DR or bool((doc.ai.findings or Findings()).classes)


def quadrant_columns(doc: CaseDocument, quadrants: bool) -> bool:
    """Whether the case's lesion table has quadrant columns: the template has them (``quadrants``) and the AI gave
    the counts they hold (ai_counted)."""
    return quadrants and ai_counted(doc)


def lesion_table(s: Styles, doc: CaseDocument, width: float, wide: bool, quadrants: bool,
                 eye: str | None = None, scale: bool = True) -> list[Flowable]:
    """Per-class count, area (and quadrants) from the AI findings, beside the lesions the reader marked; the reader's
    column alone (the table as narrow as its two columns) where the AI gave no counts (ai_counted). ``eye`` (a
    two-eye report's column: its eye's name, eye_names) is named in the heading: the tables may start a page of their
    own, away from the eyes' images. ``scale``: its notes say its areas' scale (a two-eye report says one both share
    once, across both columns: shared_area_scale)."""
    translate = s.translate
    findings = (doc.ai.findings if doc.ai is not None else None) or Findings()
    marked = reader_marks(doc)
    style = s.small if wide else s.tiny
    ai_columns = ai_counted(doc)
    quadrants = quadrant_columns(doc, quadrants)
    quadrant_header = (list(QUADRANTS) if wide else [translate("Report", "Quadrants")]) if quadrants else []
    # a two-eye report's column is narrow: its count column is headed with a short word ("n", 数量)
    header = [translate("Report", "Class"), translate("Report", "Count") if wide else translate("Report", "n"),
              translate("Report", "Area")] + quadrant_header + [translate("Report", "Reader")]
    rows: list[list[Any]] = [[s.para(h, style, bold=True) for h in header]]
    for cls in LESION_CLASSES:
        entry = findings.classes.get(cls.name)
        values = [_number(entry.count), lesion_area(entry, translate) or "—"] if entry else ["—"] * 2
        entry = entry or ClassFindings()
        quads = [_quadrant_value(entry, q) for q in QUADRANTS] if quadrants else []
        if quadrants and not wide:
            quads = [quadrant_counts((q, v) for q, v in zip(QUADRANTS, quads) if v != "—") or "—"]
        rows.append([s.para(lesion_label(cls, translate) if wide else cls.name, style)]
                    + [s.para(v, style) for v in values + quads + [_reader_count(marked, cls)]])
    # Column weights: the class name, then numbers; a joined quadrant column needs the most room.
    weights = [2.4 if wide else 1.0, 1.0, 1.6] + ([1.0] * 4 if wide else [2.6]) * bool(quadrants) + [1.2]
    widths = [width * w / sum(weights) for w in weights]
    if not ai_columns:  # the class and the reader's count, as wide as they are in a table with the AI's columns
        rows, widths = [[row[0], row[-1]] for row in rows], [widths[0], widths[-1]]
    table = _grid_table(s, rows, widths, header=True)
    table.setStyle(TableStyle([("BACKGROUND", (0, i + 1), (0, i + 1), colors.HexColor(cls.colour).clone(alpha=0.35))
                               for i, cls in enumerate(LESION_CLASSES)]))
    title = translate("Report", "Lesions") if eye is None else \
        translate("Report", "Lesions — {eye}").format(eye=eye)
    out: list[Flowable] = [s.para(title, s.heading, bold=True)]
    if doc.ai is None:
        out.append(s.para(translate("Report", "No AI findings; only the lesions the reader marked are counted."),
                          s.small))
    return out + [table] + (_table_notes(s, doc.ai, findings, scale) if ai_columns else [])


def _table_notes(s: Styles, ai: AIResult, findings: Findings, scale: bool) -> list[Flowable]:
    """What the table's figures rest on, in one small paragraph under it (a line of its own would push a typical
    one-eye report onto a second page): the probability each lesion class's AI mask was cut at, which its count,
    area and overlay depend on (the reader's thresholds or the model card's; not known for a result stored before
    they were kept), and the scale of its areas in mm² (area_scale, as the findings panel says it)."""
    cut = ai.mask_thresholds or ai.probability_thresholds
    shown = [f"{cls.name} {cut[cls.name]:g}" for cls in LESION_CLASSES if cls.name in cut]
    notes = [s.translate("Report", "AI masks cut at probability: {thresholds}").format(
        thresholds=join_items(shown, s.translate))] if shown else []
    notes += [text] if scale and (text := area_scale(findings, s.translate)) else []
    return [Spacer(1, TABLE_GAP / 2), s.para(join_clauses(notes, s.translate), s.tiny)] if notes else []


def shared_area_scale(s: Styles, docs: list[CaseDocument]) -> str:
    """The scale both eyes' lesion areas rest on where it is the same (area_scale), said once under both tables: in
    a column of its own each wrapped onto more lines, and a Letter report's tables left its first page; "" where
    they differ or no table gives an area in mm²."""
    said = {area_scale(doc.ai.findings or Findings(), s.translate) for doc in docs
            if doc.ai is not None and ai_counted(doc)}
    return said.pop() if len(said) == 1 else ""


def scale_note(s: Styles, scale: str) -> list[Flowable]:
    """The areas' scale both eyes share (shared_area_scale) under both tables, where no quadrant key holds it."""
    return [Spacer(1, TABLE_GAP / 2), s.para(scale, s.tiny)] if scale else []


def lesion_gap(quadrants: bool) -> float:
    """The space between a lesion table and the ICDR sentence under it; the quadrant legend, when the table has
    quadrants, takes its middle, so that a one-eye report still fits a page."""
    return TABLE_GAP / 2 if quadrants else TABLE_GAP


def quadrant_note(s: Styles, also: str = "") -> list[Flowable]:
    """The quadrant codes explained, under the lesion table (once in a report, under both eyes' tables), and
    ``also`` (the areas' scale both eyes share: shared_area_scale) after it."""
    text = join_clauses([quadrant_legend(s.translate)] + ([also] if also else []), s.translate)
    return [Spacer(1, lesion_gap(True)), s.para(text, s.tiny)]


def icdr_line(s: Styles, doc: CaseDocument, quadrants: bool, eye: str | None = None) -> list[Flowable]:
    """The ICDR rules' sentence on the AI findings, named as the AI's, under the lesion table (and its quadrant
    legend); ``eye`` (a two-eye report's column: its eye's name, eye_names) is named: the two sentences stand side
    by side under the one legend.
    An OCT scan's marks get no ICDR grade (its OCT class grades it): a sentence says so, else its table would stand
    without a word on what its marks mean."""
    translate = s.translate
    if report_kind(doc) is ReportKind.OCT:
        text = translate("Report", "No ICDR grade: the ICDR lesion rules apply to fundus photographs; this OCT scan "
                                   "is graded by its OCT class.") if eye is None else \
            translate("Report", "No ICDR grade — {eye}: the ICDR lesion rules apply to fundus photographs; this OCT "
                                "scan is graded by its OCT class.").format(eye=eye)
        return [Spacer(1, lesion_gap(quadrant_columns(doc, quadrants))), s.para(text, s.body)]
    findings = (doc.ai.findings if doc.ai is not None else None) or Findings()
    if not findings.summary:
        return []
    sentence = icdr_sentence(findings, translate)
    if doc.grade.ungradable:  # as the AI's grade beside it (_flagged): the reader could not grade the photo
        sentence = translate("Report", "{sentence} Not reliable: the reader recorded the photo ungradable.").format(
            sentence=sentence)
    elif not image_gradable(doc.ai):  # its lesion counts are the models' reading of a photo they cannot grade
        sentence = translate("Report", "{sentence} Not reliable: the photo is not gradable.").format(sentence=sentence)
    # the AI's: beside a reader's other grade, an unnamed sentence read as the reason for the grade printed
    text = translate("Report", "AI, by the ICDR rules: {sentence}").format(sentence=sentence) if eye is None else \
        translate("Report", "AI, by the ICDR rules — {eye}: {sentence}").format(eye=eye, sentence=sentence)
    return [Spacer(1, lesion_gap(quadrants)), s.para(text, s.body)]


def _reader_count(marked: Counter[str], cls: LesionClass) -> str:
    """The lesions of ``cls`` the reader marked; "—" for every class where they marked none at all: "0" beside the
    AI's 66 microaneurysms read as the reader's count of none, where they only graded."""
    return _number(marked.get(cls.name, 0)) if marked else "—"


def reader_marks(doc: CaseDocument) -> Counter[str]:
    """Lesions the reader marked per class name, counted as the findings panel counts them (objects.marked_counts)."""
    return Counter(marked_counts(list_objects(doc), doc.mask))


def reader_assessment(s: Styles, doc: CaseDocument, width: float, eye: str | None = None,
                      grading: DoubleReading | None = None) -> list[Flowable]:
    """The reader's grade: an OCT case's OCT class first, compared with the AI's (and a DR grade only where one was
    recorded), else the DR grade, compared with the AI's, the DME risk and referable flag (annotations.report_kind);
    in double reading, who graded it (``grading``). ``eye`` (a two-eye report's column: its eye's name, eye_names)
    is named in the heading: the block may start a new page, away from the eye's images."""
    heading = _assessment_heading(s, eye)
    graded_by = [[s.translate("Report", "Graded by"), _graded_by(s, doc, grading)]] if grading is not None else []
    if report_kind(doc) is ReportKind.OCT:
        return [heading, _labelled_rows(s, _reader_oct_rows(s, doc) + graded_by, width)]
    translate = s.translate
    grade = doc.grade
    rows = [[translate("Report", "Reader's DR grade"), grade_text(field_value(grade, GradeField.DR_GRADE), translate)]]
    if doc.ai is not None and doc.ai.dr_grade is not None and grade.dr_grade is not None:
        agreement = translate("Report", "agrees") if doc.ai.dr_grade == grade.dr_grade else \
            translate("Report", "differs (AI: {grade})").format(grade=grade_text(doc.ai.dr_grade, translate))
        rows.append([translate("Report", "Compared with AI"), agreement])
    if grade.dme_risk is not None:
        meaning = dme_risk_meaning(grade.dme_risk, translate)
        rows.append([translate("Report", "DME risk"), f"{grade.dme_risk} — {meaning}" if meaning else
                     dme_risk_name(grade.dme_risk, translate)])
    if grade.referable is not None:
        rows.append([translate("Report", "Referable"), yes_no(referable_decision(grade), translate)])
    if grade.oct_class:
        rows.append([translate("Report", "OCT class"), oct_class_name(grade.oct_class, translate)])
    return [heading, _labelled_rows(s, rows + graded_by, width)]


def _graded_by(s: Styles, doc: CaseDocument, grading: DoubleReading) -> Named:
    """Whose grade the report prints in double reading: the arbiter's decision or the readers' agreement, each
    reader's grade beside it, or that it is not the consensus; each name kept whole (Named)."""
    translate = s.translate
    if grading.own_reader:
        return Named(fill(translate("Report", "{reader}'s own reading in double reading: not the consensus"),
                          reader=grading.own_reader), (grading.own_reader,))
    if not grading.settled:
        return Named(translate("Report", "double reading, not settled: this grade is not the consensus"), ())
    oct_case = report_kind(doc) is ReportKind.OCT

    def named(grade: int | str | None) -> str:
        if grade is None:
            return translate("Report", "not recorded")
        if oct_case:
            return oct_class_name(str(grade), translate)
        return grade_text(UNGRADABLE if grade == UNGRADABLE else int(grade), translate)  # a record's "U" or grade

    def named_risk(risk: int | None) -> str:  # "DME risk 0", mid-sentence: not the table's "No DME risk"
        return translate("Report", "DME risk not recorded") if risk is None else \
            translate("Report", "DME risk {risk}").format(risk=risk)

    risks = dict(grading.dme_risks)  # said beside each grade where the readers' differ: a dispute over DME alone
    disputed = len(set(risks.values())) > 1  # read as an arbitration of two equal readings

    def reading(reader: str, grade: int | str | None) -> str:
        text = named(grade)
        if disputed:
            text = translate("Report", "{grade}, {risk}").format(grade=text, risk=named_risk(risks.get(reader)))
        return translate("Report", "{reader}: {grade}").format(reader=reader, grade=text)

    readings = join_clauses((reading(reader, grade) for reader, grade in grading.readings), translate)
    names = (grading.arbiter, *(reader for reader, _ in grading.readings), *grading.correctors)
    if grading.arbiter:
        text = fill(translate("Report", "double reading; arbitrated by {arbiter} (readers: {readings})"),
                    arbiter=grading.arbiter, readings=readings)
        return Named(text + translate("Report", "; a reader has revised their reading since") if grading.revised
                     else text, names)
    text = translate("Report", "double reading; the readers agreed ({readings})").format(readings=readings)
    if grading.correctors:
        text += fill(translate("Report", "; corrected by {names}"), names=join_items(grading.correctors, translate))
    return Named(text, names)


def _assessment_heading(s: Styles, eye: str | None) -> Paragraph:
    title = s.translate("Report", "Reader's assessment") if eye is None else \
        s.translate("Report", "Reader's assessment — {eye}").format(eye=eye)
    return s.para(title, s.heading, bold=True)


def _reader_oct_rows(s: Styles, doc: CaseDocument) -> list[list[str]]:
    translate = s.translate
    grade, ai = doc.grade, doc.ai
    rows = [[translate("Report", "Reader's OCT class"), oct_class_name(grade.oct_class, translate) if grade.oct_class
             else translate("Report", "not recorded")]]
    best = ai_oct_class(ai)
    if best is not None and grade.oct_class:
        rows.append([translate("Report", "Compared with AI"), translate("Report", "agrees") if best == grade.oct_class
                     else translate("Report", "differs (AI: {grade})").format(grade=oct_class_name(best, translate))])
    if grade.dr_grade is not None:  # recorded before the case was marked OCT, or from a grades file
        rows.append([translate("Report", "Reader's DR grade"), grade_text(grade.dr_grade, translate)])
    if grade.dme_risk is not None:
        rows.append([translate("Report", "DME risk"), dme_risk_name(grade.dme_risk, translate)])
    return rows


def reader_findings(s: Styles, eyes: list[tuple[str, CaseDocument]], width: float) -> list[Flowable]:
    """The reader's own words on each (eye's name (eye_names), case), under one heading before the diagnosis, as a
    report reads findings, then impression; nothing when the reader wrote none."""
    translate = s.translate
    written = [(name, doc.findings_text.strip()) for name, doc in eyes if doc.findings_text.strip()]
    if not written:
        return []
    paragraphs = [s.para(text) if len(eyes) == 1 else
                  s.para(translate("Report", "{eye}: {findings}").format(eye=name, findings=text))
                  for name, text in written]
    return [s.para(translate("Report", "Findings"), s.heading, bold=True), *paragraphs]


def signature_block(s: Styles, reader: str, report_date: str, width: float) -> Table:
    translate = s.translate
    widths = [0.36 * width, 0.42 * width, 0.22 * width]
    reader_text = (translate("Report", "Reader: {name}").format(name=reader) if reader else
                   _with_blank(s, translate("Report", "Reader: {name}"), "name", widths[0]))
    rows = [[s.para(reader_text, s.body), s.para(_with_blank(s, translate("Report", "Signature: {line}"), "line",
                                                             widths[1]), s.body),
             s.para(translate("Report", "Date: {date}").format(date=shown_date(report_date, translate)), s.body)]]
    return make_table(s, rows, widths, [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 14),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                        ("RIGHTPADDING", (0, 0), (-1, -1), SIGNATURE_PADDING)])


def _with_blank(s: Styles, template: str, field: str, column: float) -> str:
    """``template`` with a line to write on as its ``field``, as long as the column holds: Chinese lines break
    between any two characters, so a line that overflowed would leave a lone "_" on the next line."""
    size = s.body.fontSize
    room = column - SIGNATURE_PADDING - s.fonts.width(template.format(**{field: ""}), size)
    return template.format(**{field: "_" * max(1, min(BLANK_LENGTH, int(room / s.fonts.width("_", size))))})
