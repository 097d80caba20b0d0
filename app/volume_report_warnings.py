"""The report dialog's warning that the B-scan it prints is not the most severe of its volume
(annotations.volume_severity), from the volume's saved B-scans as the window holds them. They are read on the storage
worker, after the saves queued before (the B-scan the reader just left counts), and waited for on the report preview's
worker: the GUI thread waited there for the saves and looked at each B-scan's file (a stat each, seconds for a volume
on a slow share) as the dialog opened."""
from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QCoreApplication

from annotations.acted_grade import effective_oct_class
from annotations.document import CaseDocument
from annotations.frames import listed_case_id
from annotations.report_kind import ReportKind, report_kind
from annotations.volume_severity import other_bscans, severer_bscans_warning
from annotations.volume_summary import GradedFields
from annotations.workspace import Workspace, WorkspaceError
from widgets.clinical_terms import oct_class_name

if TYPE_CHECKING:
    from app.case_controller import CaseController
    from app.report.model import EyeInput


def volume_warnings(eyes: Sequence["EyeInput"], names: Sequence[str]) -> list[str]:
    """For each OCT B-scan of ``eyes`` (named ``names``) whose volume's other B-scans (EyeInput.other_bscans) record a
    more severe class than the one its report acts on, the warning that says which."""
    warnings = []
    for eye, name in zip(eyes, names, strict=True):
        found = severer_bscans_warning(name, effective_oct_class(eye.doc).oct_class, eye.other_bscans,
                                       QCoreApplication.translate, oct_class_name)
        if found is not None:
            warnings.append(found)
    return warnings


def queued_other_bscans(cases: "CaseController", doc: CaseDocument) -> Future | None:
    """The read of the saved fields of the other B-scans of ``doc``'s volume, as this reader may see them, queued on
    the storage worker; None for a photo, or a B-scan of no listed volume."""
    row = cases.summaries.get(listed_case_id(doc.case_id))
    if cases.workspace is None or row is None or row.frames <= 1 or report_kind(doc) is not ReportKind.OCT:
        return None
    return cases.storage.submit(_saved_others, cases.workspace, doc.case_id, cases.ai_results.hidden)


def with_other_bscans(eye: "EyeInput", read: Future | None) -> "EyeInput":
    """``eye`` with its volume's other B-scans once ``read`` (queued_other_bscans) has them; off the GUI thread."""
    return eye if read is None else dataclasses.replace(eye, other_bscans=read.result())


def _saved_others(workspace: Workspace, case_id: str, ai_hidden: Callable[[str], bool]) -> dict[int, GradedFields]:
    try:
        return other_bscans(workspace, case_id, ai_hidden)
    except (WorkspaceError, OSError):
        return {}
