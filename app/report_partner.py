"""The other eye of a report (File ▸ Report / print…, Ctrl+P): the other case selected in the list (two selected),
else the one other case with the open case's patient ID. Its document is the one this session keeps, else its saved
fields read on the storage worker, never on the GUI thread: its case.json (or a DICOM's header, for a case never
saved) took 0.4 s a file on a slow share, the window frozen after Ctrl+P before anything was asked or shown."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QTimer

from annotations.document import CaseDocument
from annotations.frames import listed_case_id
from annotations.image_io import ImageLoadError
from annotations.report_kind import ReportKind, report_kind
from annotations.workspace import Workspace, WorkspaceError

if TYPE_CHECKING:
    from app.case_controller import CaseController


def selected_other_id(cases: CaseController, selected: list[str]) -> str | None:
    """With exactly two cases selected in the list, the one that is not open: the reader chose the pair."""
    others = [case_id for case_id in selected if case_id != listed_case_id(cases.current_id or "")]
    return others[0] if len(selected) == 2 and len(others) == 1 else None


def other_eye_id(cases: CaseController) -> str | None:
    """The one other case whose patient ID equals the open case's (a query on the list's index); None when there is
    none, or several (then the pairing is not obvious)."""
    if cases.doc is None:
        return None
    matches = [summary.case_id for summary in cases.rows.same_patient(cases.doc) if not summary.error]
    return matches[0] if len(matches) == 1 else None


def kept_document(cases: CaseController, case_id: str) -> CaseDocument | None:
    """The case's document as this session keeps it (its edits, its AI withheld as the open case's is), if kept."""
    kept = cases.histories.get(case_id)
    return kept.doc if kept is not None else None


def read_fields(workspace: Workspace, case_id: str) -> CaseDocument | None:
    """On the storage worker: the saved case without its painted mask and AI arrays (Workspace.load_case_fields: the
    other eye's 12 MP mask took 50-180 ms to decode), read where the report is built (report_controller.eye_pixels);
    an OCT scan's whole: its marks decide the templates the dialog offers, and a B-scan's mask is small. None for one
    that cannot be read: the case list already says why."""
    try:
        doc = workspace.load_case_fields(case_id)
        return workspace.load_case(case_id) if report_kind(doc) is ReportKind.OCT else doc
    except (ImageLoadError, WorkspaceError, OSError, ValueError):
        return None


def shown_document(cases: CaseController, case_id: str, doc: CaseDocument | None) -> CaseDocument | None:
    """A case read (read_fields) as this reader may see it: without an AI result stored before the folder went
    blind, which the report would show."""
    if doc is not None and cases.ai_results.hidden(case_id, doc):
        doc.ai = None
    return doc


def with_document(cases: CaseController, case_id: str, context: QObject, wanted: Callable[[], bool],
                  then: Callable[[CaseDocument | None], None]) -> bool:
    """``then(document)`` of ``case_id``: at once for a kept one (returns False), else once read on the storage
    worker, after the saves queued before (returns True). That answer comes from the event loop, not from within a
    flush of the queue (a folder closing, the window), and only while ``wanted()`` and the same case of the same folder
    is open (and read, when the reader came back to it): Ctrl+P pressed again, or another case opened, meanwhile, and
    this report is not the one asked for."""
    kept = kept_document(cases, case_id)
    if kept is not None:
        then(kept)
        return False
    workspace, open_id = cases.workspace, cases.current_id

    def landed(doc: CaseDocument | None) -> None:
        if wanted() and cases.workspace is workspace and cases.current_id == open_id and cases.doc is not None:
            then(shown_document(cases, case_id, doc))
    cases.storage.submit(read_fields, workspace, case_id,
                         done=lambda doc: QTimer.singleShot(0, context, lambda: landed(doc)))
    return True
