"""The report dialog's warning that the B-scan it prints is not the most severe of its volume
(annotations.volume_severity), from the volume's saved B-scans as the window holds them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QCoreApplication

from annotations.acted_grade import effective_oct_class
from annotations.document import CaseDocument
from annotations.frames import listed_case_id
from annotations.report_kind import ReportKind, report_kind
from annotations.volume_severity import other_bscans, severer_bscans_warning
from annotations.volume_summary import GradedFields
from annotations.workspace import WorkspaceError
from widgets.clinical_terms import oct_class_name

if TYPE_CHECKING:
    from app.case_controller import CaseController


def volume_warnings(cases: "CaseController", docs: Sequence[CaseDocument], names: Sequence[str]) -> list[str]:
    """For each OCT B-scan of ``docs`` (named ``names``) whose volume's other B-scans record a more severe class than
    the one its report acts on, the warning that says which."""
    warnings = []
    for doc, name in zip(docs, names, strict=True):
        others = _other_bscans(cases, doc) if report_kind(doc) is ReportKind.OCT else {}
        found = severer_bscans_warning(name, effective_oct_class(doc).oct_class, others, QCoreApplication.translate,
                                       oct_class_name)
        if found is not None:
            warnings.append(found)
    return warnings


def _other_bscans(cases: "CaseController", doc: CaseDocument) -> dict[int, GradedFields]:
    """The saved fields of the other B-scans of ``doc``'s volume, by number (none for a photo), as this reader may
    see them."""
    listed = listed_case_id(doc.case_id)
    row = cases.summaries.get(listed)
    if cases.workspace is None or row is None or row.frames <= 1:
        return {}
    cases.flush()  # the B-scan the reader just left is saved on the storage queue: its class counts
    try:
        return other_bscans(cases.workspace, doc.case_id, cases.ai_results.hidden)
    except (WorkspaceError, OSError):
        return {}
