"""The report dialog's warning that the B-scan it prints is not the most severe of its volume
(annotations.volume_severity), from the volume's saved B-scans as the window holds them."""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QCoreApplication

from annotations.document import CaseDocument
from annotations.frames import listed_case_id, shown_frame, split_bscan_case_id
from annotations.report_kind import ReportKind, report_kind
from annotations.volume_severity import severer_bscans_warning
from annotations.volume_summary import GradedFields
from annotations.workspace import WorkspaceError
from app.report.recommendation import effective_oct_class
from widgets.clinical_terms import oct_class_name

if TYPE_CHECKING:
    from app.case_controller import CaseController


def volume_warnings(cases: "CaseController", docs: Sequence[CaseDocument], names: Sequence[str]) -> list[str]:
    """For each OCT B-scan of ``docs`` (named ``names``) whose volume's other B-scans record a more severe class than
    the one its report acts on, the warning that says which."""
    warnings = []
    for doc, name in zip(docs, names, strict=True):
        others = _other_bscans(cases, doc) if report_kind(doc) is ReportKind.OCT else {}
        printed = effective_oct_class(doc).grade
        found = severer_bscans_warning(name, printed if isinstance(printed, str) else None, others,
                                       QCoreApplication.translate, oct_class_name)
        if found is not None:
            warnings.append(found)
    return warnings


def _other_bscans(cases: "CaseController", doc: CaseDocument) -> dict[int, GradedFields]:
    """The saved fields of the other B-scans of ``doc``'s volume, by number (none for a photo); the AI's class left
    out of those whose result a blind reader may not see yet."""
    listed = listed_case_id(doc.case_id)
    row = cases.summaries.get(listed)
    if cases.workspace is None or row is None or row.frames <= 1:
        return {}
    cases.flush()  # the B-scan the reader just left is saved on the storage queue: its class counts
    try:
        saved = cases.workspace.volume_bscans(listed)
    except (WorkspaceError, OSError):
        return {}
    found = {}
    for case_id, fields in saved.items():
        if case_id == doc.case_id:
            continue
        if cases.ai_results.hidden(case_id):
            fields = dataclasses.replace(fields, ai_oct_class=None)
        found[split_bscan_case_id(case_id)[1] or shown_frame(row.frames)] = fields
    return found
