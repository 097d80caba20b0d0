"""The report's other eye as Ctrl+P takes it (app.report_partner), for tests: its document at once, and the report
asked for with its other eye's case read off the GUI thread."""
from __future__ import annotations

from annotations.document import CaseDocument
from app.case_controller import CaseController
from app.main_window import MainWindow
from app.report_partner import kept_document, read_fields, selected_other_id, shown_document


def case_document(cases: CaseController, case_id: str) -> CaseDocument | None:
    """The document of ``case_id`` Ctrl+P's report takes as the other eye: the kept one, else the one read."""
    kept = kept_document(cases, case_id)
    return kept if kept is not None else shown_document(cases, case_id, read_fields(cases.workspace, case_id))


def selected_other_case(cases: CaseController, selected: list[str]) -> CaseDocument | None:
    other = selected_other_id(cases, selected)
    return None if other is None else case_document(cases, other)


def ask_report(qtbot, window: MainWindow) -> None:  # noqa: ANN001 - pytest-qt's fixture
    """File ▸ Report (Ctrl+P), returning once its other eye's case is read and the dialog opened (or none was)."""
    window.actions["report"].trigger()
    qtbot.waitUntil(lambda: window.reports.asked is None, timeout=10_000)
