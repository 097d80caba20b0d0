"""Clinical PDF reports (reportlab, Qt-free): one or both eyes of a patient, every font embedded."""
from app.report.builder import ReportError, build_report_pdf, write_report_pdf
from app.report.fonts import FontError, FontSet, resolve_fonts
from app.report.model import PAPER_SIZES, TEMPLATES, ClinicSettings, EyeInput, ReportInput
from app.report.recommendation import Recommendation, suggest

__all__ = ["PAPER_SIZES", "TEMPLATES", "ClinicSettings", "EyeInput", "FontError", "FontSet", "Recommendation",
           "ReportError", "ReportInput", "build_report_pdf", "resolve_fonts", "suggest", "write_report_pdf"]
