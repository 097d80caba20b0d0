"""Build the PDF: clinic header and model footer on every page, the patient, one or two eyes, the recommendation."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Callable

from PIL import Image as PILImage, UnidentifiedImageError
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table)

from annotations.atomic import atomic_write_bytes
from annotations.case_names import bscan_label, case_name
from annotations.classes import LesionClass
from annotations.findings import CLASSICAL_SOURCE
from annotations.frames import split_frame
from annotations.os_reasons import os_reason
from annotations.own_outputs import PROGRAM_MARK, program_mark
from annotations.patients import shown_name
from annotations.report_kind import ReportKind, report_kind, shows_lesions
from annotations.result_sources import result_sources
from annotations.wording import Translate, join_clauses

from app.report import layout
from app.report.cjk_lines import CJKParagraph
from app.report.conclusion import conclusion
from app.report.dates import shown_date
from app.report.fake_bold import register_fake_bold
from app.report.fonts import FontSet, resolve_fonts
from app.report.limits import ELLIPSIS, MODEL_LINES, bounded, model_line
from app.report.model import EyeInput, ReportInput
from app.report.panels import Panel, PanelCache
from app.report.problems import LOGO_UNREADABLE, NOT_AN_IMAGE, ReportProblem
from app.report.text import ReportText
from widgets.clinical_terms import QT_TRANSLATE_NOOP, result_source_label

# Streams binary, as PDF allows: reportlab's ASCII85 text encoding (pure Python without its C accelerator) took 0.2 s
# of each preview rebuild of a 12 MP photo's report, on the GUI thread, and made every image a quarter larger.
rl_config.useA85 = 0
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 15 * mm
LOGO_HEIGHT = 16 * mm
DISCLAIMER = QT_TRANSLATE_NOOP("Report", "The AI output is an aid to a qualified reader, not a diagnosis. The grade "
                                         "and recommendation are valid only when confirmed and signed by the reader.")
PANEL_DPI = 200  # print resolution of the image panels
COLUMN_GAP = 6 * mm  # between side-by-side columns: the two eyes, a one-eye report's images and AI result
# A one-eye report's image grid, as a share of the width beside the AI result: the largest that keeps the report on
# one page is taken (the smallest, on Letter paper, still shows a microaneurysm's colour in a 3.5 cm panel).
IMAGE_SHARES = (0.62, 0.58, 0.54, 0.5, 0.46, 0.42)
# A two-eye report's image grids, as a share of their eye's column: the largest that keeps each eye's evidence on the
# first page, under the patient's details, where it fits there at all (the smallest, on Letter paper, prints 3.4 cm
# panels, about a one-eye report's smallest).
COLUMN_IMAGE_SHARES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7)
ROW_GAP = 2.5 * mm  # above each row of a two-eye report's columns
FRAME_PADDING = 6  # reportlab's Frame pads its flowables by this much on each side


class ReportError(ReportProblem):
    """A report cannot be made from these inputs; the message names the file and what to do."""


def _model_lines(report: ReportInput, translate: Translate) -> list[str]:
    """What produced each eye's AI result, worded as the status bar and the findings panel word it (the classical
    detector in words, each source with the classes it drew); for traceability a model with its weights' sha256,
    the classical detector with its version."""
    seen: dict[str, None] = {}
    for eye in report.eyes:
        ai = eye.doc.ai
        if ai is None:
            continue
        cards = {str(model.get("name", "?")): model for model in ai.models}
        for source in result_sources(ai):
            card = cards.get(CLASSICAL_SOURCE if source.classical else source.name, {})
            if source.classical:  # no weights; its label has no version
                facts = f" · v{card['version']}" if card.get("version") else ""
            else:
                facts = " · sha256 " + (str(card.get("sha256") or "") or translate("Report", "unknown"))
            seen[model_line(result_source_label(source, translate) + facts)] = None
    if all(eye.doc.ai is None for eye in report.eyes):
        return [translate("Report", "none (no AI result in this report)")]
    lines = list(seen)[:MODEL_LINES] + ([ELLIPSIS] if len(seen) > MODEL_LINES else [])
    # a result that names no model: the analysis checked the image's quality (an OCT scan without an OCT model)
    return (lines or [translate("Report", "none (no model ran: the image quality was checked alone)")]) + \
        _analysis_runs(report, translate)


def _analysis_runs(report: ReportInput, translate: Translate) -> list[str]:
    """When and where each eye's AI result was made ("AI analysis: 22 Nov 2026, device: CPU"), as stored with it."""
    runs = []
    for eye in report.eyes:
        ai = eye.doc.ai
        if ai is None:
            continue
        unknown = translate("Report", "not recorded")
        device = ("CPU" if ai.device == "cpu" else f"GPU ({ai.device})") if ai.device else unknown
        when = shown_date(ai.created_at, translate) if ai.created_at else unknown
        run = translate("Report", "{date}, device: {device}").format(date=when, device=device)
        runs.append(translate("Report", "{label}: {value}").format(label=eye.eye_label, value=run)
                    if len(report.eyes) == 2 and eye.eye_label else run)  # the Chinese colon in a Chinese report
    return [model_line(translate("Report", "AI analysis: {runs}").format(runs=join_clauses(runs, translate)))]


def read_logo(path: str) -> ImageReader:
    """The clinic's logo at ``path`` for the header; ReportError where it cannot be read (`report` reads a --logo
    given before it analyses a photo)."""
    try:
        with PILImage.open(path) as image:  # reportlab's own error dumps its reader's and a buffer's reprs
            image.verify()
        return ImageReader(path)
    except Exception as error:  # PIL and reportlab raise OSError, PIL's and their own errors for damaged files
        raise ReportError(LOGO_UNREADABLE, path=path, reason=_unreadable_logo(error)) from error


def _unreadable_logo(error: Exception) -> str:
    """Why a logo file cannot be read, in one line."""
    if isinstance(error, UnidentifiedImageError):
        return NOT_AN_IMAGE
    if isinstance(error, OSError) and error.errno is not None:
        return os_reason(error)
    return str(error).splitlines()[0] if str(error) else type(error).__name__


class _Decorations:
    """Draws the header and footer on every page; their heights set the page margins."""

    def __init__(self, report: ReportInput, styles: layout.Styles, page_width: float) -> None:
        self.width = page_width - 2 * MARGIN
        clinic = report.clinic
        self.logo = read_logo(clinic.logo_path) if clinic.logo_path else None
        self.text_width = self.width - (self._logo_width() + 4 * mm if self.logo else 0)  # beside the logo
        translate = styles.translate
        self.clinic_name = styles.para(clinic.name or translate("Report", "Retinal screening"), styles.title,
                                       bold=True)
        self.address = styles.para(clinic.address, styles.small) if clinic.address.strip() else None
        name_h = self.clinic_name.wrap(self.text_width, 100 * mm)[1]
        address_h = self.address.wrap(self.text_width, 100 * mm)[1] if self.address else 0
        self.header_height = max(name_h + address_h, LOGO_HEIGHT if self.logo else 0) + 4 * mm
        self.patient_line = styles.para(_patient_line(report, translate), styles.small)
        self.patient_line_height = self.patient_line.wrap(self.width, 100 * mm)[1] + 2 * mm  # with a gap under it
        models = "<br/>".join(styles.fonts.markup(line) for line in _model_lines(report, translate))
        program = translate("Report", "RetinaReview {version} · report of {date}").format(
            version=report.program_version or "?", date=shown_date(report.report_date, translate))
        # every page names its patient: a page parted from the others still says whose it is
        identity = " · ".join(part for part in (shown_name(report.patient, translate), report.patient.patient_id,
                                                program) if part)
        footer_text = (styles.fonts.markup(translate("Report", "Models: ")) + models + "<br/>"
                       + styles.fonts.markup(identity) + "<br/>" + styles.fonts.markup(translate("Report", DISCLAIMER)))
        self.footer = CJKParagraph(footer_text, styles.footer)
        self.footer_height = self.footer.wrap(self.width - 22 * mm, 100 * mm)[1] + 3 * mm

    def _logo_width(self) -> float:
        width, height = self.logo.getSize()
        return LOGO_HEIGHT * width / height

    def draw_later(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        """A later page's header: the clinic's, then the patient's line under its rule, over the shorter frame."""
        self.draw(canvas, doc)
        rule_y = doc.pagesize[1] - MARGIN - self.header_height + 2 * mm
        height = self.patient_line.wrap(self.width, 100 * mm)[1]
        self.patient_line.drawOn(canvas, MARGIN, rule_y - 1 * mm - height)

    def draw(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        page_width, page_height = doc.pagesize
        top = page_height - MARGIN
        if self.logo:
            logo_w = self._logo_width()
            canvas.drawImage(self.logo, page_width - MARGIN - logo_w, top - LOGO_HEIGHT, logo_w, LOGO_HEIGHT,
                             mask="auto")
        name_h = self.clinic_name.wrap(self.text_width, 100 * mm)[1]
        self.clinic_name.drawOn(canvas, MARGIN, top - name_h)
        if self.address:
            address_h = self.address.wrap(self.text_width, 100 * mm)[1]
            self.address.drawOn(canvas, MARGIN, top - name_h - address_h)
        rule_y = top - self.header_height + 2 * mm
        canvas.setStrokeColor(layout.GRID)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, rule_y, page_width - MARGIN, rule_y)
        footer_top = MARGIN + self.footer_height
        canvas.line(MARGIN, footer_top, page_width - MARGIN, footer_top)
        self.footer.wrap(self.width - 22 * mm, 100 * mm)
        self.footer.drawOn(canvas, MARGIN, MARGIN)


def _patient_line(report: ReportInput, translate: Translate) -> str:
    """Whose report a later page continues, and of which eyes and exam: "Patient: Ann Lee · Patient ID: P-7 · Eye: OD
    (right eye) · Exam date: 20 Nov 2026 (continued)"; fields not recorded are left out."""
    patient = report.patient
    fields = [(translate("Report", "Patient"), shown_name(patient, translate)),
              (translate("Report", "Patient ID"), patient.patient_id),
              (translate("Report", "Eye"), layout.eyes_named([eye.eye_label for eye in report.eyes], translate)),
              (translate("Report", "Exam date"), shown_date(patient.exam_date, translate))]
    shown = " · ".join(translate("Report", "{label}: {value}").format(label=label, value=value)
                       for label, value in fields if value.strip())
    return translate("Report", "{patient} (continued)").format(patient=shown)


class _LaterPagesDoc(SimpleDocTemplate):
    """SimpleDocTemplate whose later pages' frame starts ``later_header`` lower than the first page's, under the
    patient's line their header repeats."""

    later_header: float = 0.0

    def build(self, flowables: list[Flowable], onFirstPage: Callable[..., None],  # noqa: N803 - reportlab API
              onLaterPages: Callable[..., None], canvasmaker: type[Canvas]) -> None:  # noqa: N803
        self._calc()
        first = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="first")
        later = Frame(self.leftMargin, self.bottomMargin, self.width, self.height - self.later_header, id="later")
        self.addPageTemplates([PageTemplate(id="First", frames=first, onPage=onFirstPage, pagesize=self.pagesize),
                               PageTemplate(id="Later", frames=later, onPage=onLaterPages, pagesize=self.pagesize)])
        BaseDocTemplate.build(self, flowables, canvasmaker=canvasmaker)


class _NumberedCanvas(Canvas):
    """Adds "Page n of N" once the page count is known (the standard reportlab two-step recipe)."""

    fonts: FontSet  # the report's embedded fonts, set by build_report_pdf
    page_text: str  # "Page {page} of {pages}" in the report's language, set by build_report_pdf

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Without this every page's preamble would select Helvetica, a font that is not embedded.
        kwargs["initialFontName"] = self.fonts.regular
        super().__init__(*args, **kwargs)
        register_fake_bold(self)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self._pages:
            self.__dict__.update(state)
            self.setFillColor(layout.MUTED)
            self._draw_right(self.page_text.format(page=self._pageNumber, pages=len(self._pages)))
            super().showPage()
        super().save()

    def _draw_right(self, text: str, size: float = 7.5) -> None:
        """``text`` ending at the right margin, each run in the embedded font that has its characters."""
        runs = self.fonts.runs(text)
        x = self._pagesize[0] - MARGIN - self.fonts.width(text, size)
        for run, font in runs:
            self.setFont(font, size)
            self.drawString(x, MARGIN, run)
            x += stringWidth(run, font, size)


def _side_by_side(s: layout.Styles, columns: list[list[Flowable]], widths: list[float]) -> Table:
    """``columns`` next to each other, ``widths`` wide, with COLUMN_GAP between them."""
    return layout.make_table(s, [columns], [w + COLUMN_GAP / 2 for w in widths],
                             [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), COLUMN_GAP / 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])


def _height(flowables: list[Flowable], width: float) -> float:
    """The height ``flowables`` take in a frame ``width`` wide (spaces between them not merged: errs on the tall
    side)."""
    return sum(f.wrap(width, 10 ** 6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _images_title(s: layout.Styles, eye: EyeInput, name: str) -> Paragraph:
    """The eye whose images follow, by its ``name`` (layout.eye_names); a B-scan by its eye and its volume and
    number, as the program names it: a volume holds up to 128 of them."""
    number = split_frame(eye.address)[1]
    if number is None:
        return s.para(s.translate("Report", "Images — {eye}").format(eye=name), s.heading, bold=True)
    title = s.translate("Report", "Images — {eye}: {scan}").format(eye=layout.eye_name(eye.eye_label, s.translate),
                                                                  scan=case_name(eye.address, s.translate,
                                                                                 modality=eye.doc.modality))
    return s.para(title, s.heading, bold=True, unbroken=bscan_label(number, s.translate, eye.doc.modality))


def _lesions(s: layout.Styles, report: ReportInput, eye: EyeInput, width: float) -> list[Flowable]:
    """A one-eye report's lesion table, the quadrant legend under it, then the ICDR sentence."""
    if not shows_lesions(eye.doc):
        return []
    quadrants = report.template == "clinical"
    return (layout.lesion_table(s, eye.doc, width, True, quadrants)
            + (layout.quadrant_note(s) if layout.quadrant_columns(eye.doc, quadrants) else [])
            + layout.icdr_line(s, eye.doc, quadrants))


def _shows_heat(panels: list[Panel]) -> bool:
    return any(panel.kind == "cam" and panel.jpeg is not None for panel in panels)


def _overlay_classes(panels: list[Panel]) -> frozenset[LesionClass]:
    """The lesion classes the panels' overlays draw: the colour key lists these, not every class."""
    return frozenset().union(*(panel.classes for panel in panels))


def _one_eye(s: layout.Styles, report: ReportInput, width: float, height: float, cache: PanelCache,
             before: list[Flowable], after: list[Flowable]) -> tuple[list[Flowable], bool]:
    """The eye's images with the AI result and the reader's assessment beside them, then its lesions: on one page
    with ``before`` and ``after`` where they fit, the images printed as large as that allows (IMAGE_SHARES); and
    whether they do."""
    eye = report.eyes[0]
    panels = cache.get(eye, report.template, int(width / 2 / 72 * PANEL_DPI))  # a smaller grid prints them finer
    keyed = _overlay_classes(panels), _shows_heat(panels)

    def evidence(share: float) -> list[Flowable]:
        grid, side = width * share - COLUMN_GAP / 2, width * (1 - share) - COLUMN_GAP / 2
        grades = layout.ai_result(s, eye.doc, side) + layout.reader_assessment(s, eye.doc, side,
                                                                               grading=eye.double_reading)
        images: list[Flowable] = [layout.panel_grid(s, panels, grid)]
        # The key under the images where the grades beside them leave it room, else across the page under both
        # (one row): there, beside taller grades (an arbitrated case's, the summary's one row of images), it had
        # stood up to 5 cm under the images it explains.
        under = [layout.legend(s, grid, *keyed)] if any(keyed) else []
        if _height(images + under, grid) <= _height(grades, side):
            images, across = images + under, []
        else:
            across = [layout.legend(s, width, *keyed)] if any(keyed) else []
        return [_images_title(s, eye, layout.eye_name(eye.eye_label, s.translate)),
                _side_by_side(s, [images, grades], [grid, side]), *across]

    lesions = _lesions(s, report, eye, width)
    fixed = _height(before + lesions + after, width)
    share = _largest_fitting(IMAGE_SHARES, evidence, fixed, width, height)
    return [KeepTogether(evidence(share if share is not None else IMAGE_SHARES[0]))] + (
        [KeepTogether(lesions)] if lesions else []), share is not None


def _largest_fitting(shares: tuple[float, ...], build: Callable[[float], list[Flowable]], fixed: float,
                     width: float, height: float) -> float | None:
    """The first of ``shares`` (largest first) whose images, ``build(share)``, fit a page ``height`` high beside
    ``fixed`` points of the rest; None where none does."""
    return next((share for share in shares if fixed + _height(build(share), width) <= height), None)


def _two_eyes(s: layout.Styles, report: ReportInput, width: float, height: float, cache: PanelCache,
              before: list[Flowable], after: list[Flowable]) -> tuple[list[Flowable], bool]:
    """The eyes side by side, right eye first: each eye's images with its AI grade and the reader's (the report's
    own, kept with the images it was given from), then its lesion table and ICDR sentence; the key to the overlays'
    colours once, across both columns, where an eye shows lesions (an OCT B-scan's column shows none:
    annotations.report_kind), the key to the quadrant codes under the table that uses them (once, across both, where
    both do). All of it on the first page, under ``before`` and above ``after`` (the conclusion), where they fit there
    with the images as large as that allows (COLUMN_IMAGE_SHARES; the conclusion had gone alone to page 2 where
    slightly smaller images made room for it); else all of it without ``after``; else the images and grades there,
    then the lesion tables with their key, on the first page where they fit under the grades (the images smaller where
    that makes room for them), then the ICDR sentences (each table and sentence naming its eye), on the next page
    where they do not: a first page with the patient's details alone reads as a report without findings, and one
    whose last fifth is left empty for a block too tall for it as a report cut short. Also whether ``after`` fits on
    the first page."""
    column = (width - COLUMN_GAP) / 2
    panel_px = int(column / 2 / 72 * PANEL_DPI)
    names = layout.eye_names(report.eyes, s.translate)

    def row(columns: list[list[Flowable]]) -> Table:
        return _side_by_side(s, columns, [column, column])

    every_panels = [cache.get(eye, report.template, panel_px) for eye in report.eyes]
    keys = [(_overlay_classes(panels), _shows_heat(panels)) for panels in every_panels]
    # A key explains the images above it: once across both eyes' where they draw the same, else each eye's under its
    # own (across, a photo's lesion colours beside an OCT scan stood under the scan, at the page's left margin).
    one_key = keys[0] == keys[1]

    def images(share: float) -> list[Flowable]:
        grid = column * share
        return [Spacer(1, ROW_GAP), row([[_images_title(s, eye, name), layout.panel_grid(s, panels, grid)]
                                         + ([layout.legend(s, grid, *key)] if any(key) and not one_key else [])
                                         for eye, name, panels, key in zip(report.eyes, names, every_panels, keys)])]

    quadrants = report.template == "clinical"
    shown = [shows_lesions(eye.doc) for eye in report.eyes]
    grades: list[Flowable] = ([layout.legend(s, width, *keys[0]), Spacer(1, ROW_GAP)]
                              if one_key and any(keys[0]) else []) + [
        row([layout.ai_result(s, eye.doc, column) for eye in report.eyes])]
    # The quadrant key under the table that uses the codes, at its width; once across both where both tables do.
    keyed = [lesions and layout.quadrant_columns(eye.doc, quadrants) for eye, lesions in zip(report.eyes, shown)]
    # the areas' scale, where both tables share it, said once across both (with the key where it is there); a table
    # beside an eye that has none (an OCT scan's) says its own: across the page, it stood under the other eye's column
    scale = layout.shared_area_scale(s, [eye.doc for eye in report.eyes]) if all(shown) else ""
    tables = [layout.lesion_table(s, eye.doc, column, False, quadrants, name, scale=not scale)
              + (layout.quadrant_note(s) if key and not all(keyed) else []) if lesions else []
              for eye, lesions, name, key in zip(report.eyes, shown, names, keyed)]
    # the tables with their key, then the ICDR sentences (each names its eye, so it reads alone atop a page)
    lesions: list[list[Flowable]] = []
    if any(tables):
        sentences = [layout.icdr_line(s, eye.doc, quadrants, name) if lesions else []
                     for eye, lesions, name in zip(report.eyes, shown, names)]
        shared = layout.quadrant_note(s, scale) if all(keyed) else layout.scale_note(s, scale)
        lesions = [[Spacer(1, ROW_GAP), row(tables)] + shared] + ([[row(sentences)]] if any(sentences) else [])
    grades += [Spacer(1, ROW_GAP), row([layout.reader_assessment(s, eye.doc, column, name, eye.double_reading)
                                         for eye, name in zip(report.eyes, names)])]
    every_lesion = [flowable for part in lesions for flowable in part]
    for rest in (after, []):
        share = _largest_fitting(COLUMN_IMAGE_SHARES, images, _height(before + grades + every_lesion + rest, width),
                                 width, height)
        if share is not None:
            return [KeepTogether(images(share) + grades + every_lesion)], rest is after
    # else the lesion tables with their key under the grades where smaller images make room for them there (beside the
    # largest images they had gone to page 2, leaving the last fifth of page 1 empty), else the grades alone
    for rest in (lesions[0] if lesions else [], []):
        share = _largest_fitting(COLUMN_IMAGE_SHARES, images, _height(before + grades + rest, width), width, height)
        if share is not None:
            break
    return [KeepTogether(images(share if share is not None else COLUMN_IMAGE_SHARES[0]) + grades)] + [
        KeepTogether(part) for part in lesions], False


def _title(report: ReportInput, translate: Translate) -> str:
    """The report's title by the kinds of its eyes (annotations.report_kind): a DR screening, an OCT report, or both
    where one eye's case is a fundus photo and the other's an OCT scan; "both eyes" where its two images are not
    recorded as of one eye (a photo and an OCT scan of the right eye were titled a report of both eyes)."""
    kinds = {report_kind(eye.doc) for eye in report.eyes}
    labels = [eye.eye_label for eye in report.eyes]
    both = len(report.eyes) == 2 and not layout.one_eye_twice(labels)
    if kinds == {ReportKind.OCT}:
        return translate("Report", "OCT report — both eyes") if both else translate("Report", "OCT report")
    if kinds == {ReportKind.DR}:
        return (translate("Report", "Diabetic retinopathy screening report — both eyes") if both
                else translate("Report", "Diabetic retinopathy screening report"))
    return (translate("Report", "Retinal report: fundus photograph and OCT scan — both eyes") if both
            else translate("Report", "Retinal report: fundus photograph and OCT scan"))


def _story(s: layout.Styles, report: ReportInput, width: float, height: float, cache: PanelCache) -> list[Flowable]:
    """The whole report for a frame ``width`` x ``height``."""
    translate = s.translate
    title = _title(report, translate)
    head: list[Flowable] = [s.para(title, s.heading, bold=True), Spacer(1, 1 * mm),
                            layout.patient_block(s, report.patient, [(e.eye_label, e.doc) for e in report.eyes],
                                                 report.reader, report.report_date, width),
                            *layout.eye_checks(s, [(eye.eye_label, eye.doc, eye.header_eye) for eye in report.eyes])]
    layout_eyes = _one_eye if len(report.eyes) == 1 else _two_eyes
    eyes, together = layout_eyes(s, report, width, height, cache, head, conclusion(s, report, width, apart=False))
    # on a later page than the grades, the recommendation says the grades it follows from (app.report.conclusion)
    return head + eyes + [KeepTogether(conclusion(s, report, width, apart=not together))]


def build_report_pdf(report: ReportInput, fonts: FontSet | None = None, panels: PanelCache | None = None) -> bytes:
    """The report as PDF bytes; every font used is a TrueType font embedded (subset) in the file.

    ``panels``: reuse image panels between builds of the same cases (the dialog's live preview). Every text
    field is first shortened to what its place can hold (limits.bounded), so any input gives a PDF."""
    report = bounded(report)
    fonts = fonts or resolve_fonts(report.clinic.cjk_font_path)
    text = ReportText(report.language)
    styles = layout.make_styles(fonts, text.translate, text.unspaced)
    page_size = PAGE_SIZES[report.paper]
    decorations = _Decorations(report, styles, page_size[0])
    buffer = io.BytesIO()
    names = " and ".join(e.eye_label or "eye" for e in report.eyes)
    whose = report.patient.patient_id or shown_name(report.patient)
    doc = _LaterPagesDoc(buffer, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + decorations.header_height,
                            bottomMargin=MARGIN + decorations.footer_height + 3 * mm,
                            title=f"Retinal report {whose} {names}".strip(),
                            author=report.reader or PROGRAM_MARK, creator=program_mark(report.program_version))
    canvas_class = type("ReportCanvas", (_NumberedCanvas,),
                        {"fonts": fonts, "page_text": text.translate("Report", "Page {page} of {pages}")})
    story = _story(styles, report, doc.width - 2 * FRAME_PADDING, doc.height - 2 * FRAME_PADDING,
                   panels or PanelCache())
    doc.later_header = decorations.patient_line_height
    doc.build(story, onFirstPage=decorations.draw, onLaterPages=decorations.draw_later, canvasmaker=canvas_class)
    return buffer.getvalue()


def write_report_pdf(report: ReportInput, path: str | Path, fonts: FontSet | None = None) -> Path:
    """Build the report and write it atomically; returns the path written."""
    target = Path(path)
    atomic_write_bytes(target, build_report_pdf(report, fonts))
    return target
