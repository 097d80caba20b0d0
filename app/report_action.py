"""Opens the report dialog for the current case (or both eyes of a patient): the main window's Report action.

What only the PDF needs is done on the preview's worker (ReportDialog's ``prepare``), never on the GUI thread: the
first report of a session imported reportlab and pydicom (0.4-0.7 s) and read the report fonts (0.2-0.5 s) there,
and the other eye's 12 MP photo was decoded there (0.2-0.3 s): the window froze 1.1-1.9 s as the dialog opened."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QWidget

from annotations.case_names import case_name
from annotations.shipped_fonts import SHIPPED_CJK
from app import __version__
from app.report.bridge import fields_from_eyes, report_from_fields, untyped_age
from app.report.model import PAPER_SIZES, ClinicSettings, EyeInput, template_names
from app.report.panels import PanelCache
from app.report.problems import ReportProblem
from app.report.recommendation import suggest
from app.report.text import REPORT_LANGUAGES, ReportLanguageError, ReportText, dicom_title
from widgets.domain_messages import shown_message
from widgets.report_dialog import PreviewRunner, ReportDialog
from widgets.report_fields import ReportFields


def shown_problem(problem: ReportProblem) -> str:
    """Why a report cannot be made (a font, the logo), in the interface's language."""
    return problem.shown(QCoreApplication.translate, shown_message)


def ensure_qt_cjk_font() -> None:
    """Let Qt widgets show Chinese names where the system has no CJK font, with the font the PDF embeds. On the GUI
    thread, before the dialog's fields lay out their text: 6 ms where it adds the font (QFontDatabase is documented
    thread-safe, but the widgets must have the font before they show a name)."""
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese) and SHIPPED_CJK.is_file():
        QFontDatabase.addApplicationFont(str(SHIPPED_CJK))


def font_note(clinic: ClinicSettings) -> str:
    """Which fonts the report embeds, or what is wrong with them (the preview shows the same error in place of the
    pages), as the settings dialog says it; registers them with reportlab (first time: read from their files)."""
    fonts = describe_cjk_font(clinic.cjk_font_path)
    return QCoreApplication.translate("ReportAction", "Fonts — {fonts}").format(fonts=fonts)


def describe_cjk_font(path: str) -> str:
    """Which fonts reports embed with this CJK font setting, or what is wrong with it (the settings dialog's note,
    and the report dialog's)."""
    from app.report.fonts import FontError, resolve_fonts  # reportlab: loaded on first use

    try:
        return resolve_fonts(path).describe(QCoreApplication.translate)
    except FontError as error:
        return shown_problem(error)


def make_report_dialog(parent: QWidget | None, eyes: Sequence[EyeInput], clinic: ClinicSettings,
                       reader: str = "", paper: str = "A4", save_dir: str = "",
                       warnings: Callable[[ReportFields, list[EyeInput]], Sequence[str]] | None = None,
                       language: str = "en", case_labels: Sequence[str] | None = None,
                       runner: PreviewRunner | None = None, read_pixels: Callable[[EyeInput], EyeInput] | None = None,
                       print_runner: PreviewRunner | None = None, reading_cases: bool = False) -> ReportDialog:
    """A report dialog over one or two eyes (a CaseDocument with its RGB image each), offering the report in
    ``language`` first; show it with ``exec()``. A save never replaces the eyes' image files
    (``EyeInput.source_file``). Each eye's case is named as every message names it (annotations.case_names): by
    ``case_labels`` (the window's names, a volume's own case by its B-scan's number), else by its image path.
    ``runner``: builds the preview off the GUI thread (ReportDialog); None: on it, the dialog's pages there at once.
    ``print_runner``: prints off the GUI thread (ReportDialog); None: on it.
    ``read_pixels(eye)``: each eye with what it came without, read from its files where the preview is built
    (app.report_controller.eye_pixels: a case not open, its image; one the window does not hold, its mask and AI;
    who graded each in double reading; and a B-scan's volume's other B-scans). ``warnings(fields, eyes)``: what the
    dialog warns of, with the eyes as they are then (read_pixels's once it has run); ``reading_cases``: they wait on
    what read_pixels reads (the dialog says it is reading the cases until then)."""
    ensure_qt_cjk_font()
    eyes = list(eyes)
    panels = PanelCache()  # the dialog is modal: the cases do not change while it is open
    recorded = eyes[0].doc.patient  # the age follows its birth date to the dialog's exam date (untyped_age)

    def prepare() -> str:
        # before the first build, where it runs: the eyes' pixels, the fonts, and pydicom for Save DICOM imported
        if read_pixels is not None:
            eyes[:] = [read_pixels(eye) for eye in eyes]
        import annotations.dicom.report_object  # noqa: F401 - pydicom: 0.4 s the first time
        return font_note(clinic)

    def build(fields: ReportFields) -> bytes:
        from app.report.builder import build_report_pdf  # reportlab: imported where the preview is built

        try:
            return build_report_pdf(report_from_fields(fields, eyes, clinic, __version__), panels=panels)
        except ReportProblem as problem:  # the preview shows the error's text: in the interface's language
            raise RuntimeError(shown_problem(problem)) from problem

    def to_dicom(pdf: bytes, fields: ReportFields) -> bytes:
        from annotations.dicom.report_object import report_dicom_bytes  # imported by prepare(), on the worker

        patient = report_from_fields(fields, eyes, clinic, __version__).patient
        sources = [eye.dicom_source for eye in eyes if eye.source_file]  # headers read with the pixels: not again
        return report_dicom_bytes(pdf, patient, sources, dicom_title(fields.language))

    def suggestion(fields: ReportFields) -> str:
        try:
            return suggest([e.doc for e in eyes], ReportText(fields.language).translate, fields.eyes).text
        except ReportLanguageError:  # the preview says why the report cannot be made in this language
            return ""

    if case_labels is None:
        case_labels = [case_name(eye.doc.image_path, QCoreApplication.translate) for eye in eyes]
    templates = {key: QCoreApplication.translate("ReportTemplates", text)
                 for key, text in template_names(eye.doc for eye in eyes).items()}
    return ReportDialog(fields_from_eyes(eyes, reader, paper, language), build, case_labels, templates, PAPER_SIZES,
                        prepare=prepare, suggest_recommendation=suggestion, save_dir=save_dir,
                        originals=[eye.source_file for eye in eyes if eye.source_file],
                        warnings=None if warnings is None else lambda fields: warnings(fields, eyes),
                        reading_cases=reading_cases,
                        parent=parent, to_dicom=to_dicom, languages=REPORT_LANGUAGES, runner=runner,
                        dates_age=lambda fields: untyped_age(fields, recorded), print_runner=print_runner)
