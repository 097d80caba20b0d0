"""Clinical PDF reports (reportlab, Qt-free): one or both eyes of a patient, every font embedded."""
from importlib import import_module
from typing import Any

# Each name by its module, loaded when first asked for: the builder and fonts import reportlab, which the CLI's
# argument parsing (app.commands.report reads the templates and paper sizes from app.report.model) has no need of.
_MODULES = {"PAPER_SIZES": "model", "TEMPLATES": "model", "ClinicSettings": "model", "EyeInput": "model",
            "ReportInput": "model", "Recommendation": "recommendation", "suggest": "recommendation",
            "ReportError": "builder", "build_report_pdf": "builder", "write_report_pdf": "builder",
            "FontError": "fonts", "FontSet": "fonts", "resolve_fonts": "fonts"}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"app.report.{_MODULES[name]}"), name)
