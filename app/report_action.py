"""Opens the report dialog for the current case (or both eyes of a patient): the main window's Report action."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QWidget

from annotations.dicom.report_object import report_dicom_bytes
from app import __version__
from app.report.bridge import fields_from_eyes, report_from_fields
from app.report.builder import build_report_pdf
from app.report.fonts import SHIPPED_CJK, FontError, resolve_fonts
from app.report.model import PAPER_SIZES, TEMPLATES, ClinicSettings, EyeInput
from app.report.panels import PanelCache
from app.report.recommendation import suggest
from widgets.report_dialog import ReportDialog
from widgets.report_fields import ReportFields


def ensure_qt_cjk_font() -> None:
    """Let Qt widgets show Chinese names where the system has no CJK font, with the font the PDF embeds."""
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese) and SHIPPED_CJK.is_file():
        QFontDatabase.addApplicationFont(str(SHIPPED_CJK))


def make_report_dialog(parent: QWidget | None, eyes: Sequence[EyeInput], clinic: ClinicSettings,
                       reader: str = "", paper: str = "A4", save_dir: str = "",
                       warnings: Sequence[str] = ()) -> ReportDialog:
    """A report dialog over one or two eyes (a CaseDocument with its RGB image each); show it with ``exec()``.
    A save never replaces the eyes' image files (``EyeInput.source_file``)."""
    ensure_qt_cjk_font()
    try:
        font_note = "Fonts: " + resolve_fonts(clinic.cjk_font_path).describe()
    except FontError as error:
        font_note = f"Fonts: {error}"  # the preview shows the same error in place of the pages

    panels = PanelCache()  # the dialog is modal: the cases do not change while it is open

    def build(fields: ReportFields) -> bytes:
        return build_report_pdf(report_from_fields(fields, eyes, clinic, __version__), panels=panels)

    def to_dicom(pdf: bytes, fields: ReportFields) -> bytes:
        patient = report_from_fields(fields, eyes, clinic, __version__).patient
        return report_dicom_bytes(pdf, patient, [eye.source_file for eye in eyes])

    labels = [eye.doc.image_path.rsplit("/", 1)[-1] for eye in eyes]
    return ReportDialog(fields_from_eyes(eyes, reader, paper), build, labels, TEMPLATES, PAPER_SIZES,
                        font_note=font_note, suggested_recommendation=suggest([e.doc for e in eyes]).text,
                        save_dir=save_dir, originals=[eye.source_file for eye in eyes if eye.source_file],
                        warnings=warnings, parent=parent, to_dicom=to_dicom)
