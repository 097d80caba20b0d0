"""Reading a case's saved state (its case.json, mask and AI files, or a new case's image header) on the storage
worker, not on the GUI thread: on a network share each of those reads can take seconds, and the window froze at every
case switch. Queued after the saves before it, so a case left with edits is read back as saved. A read for a case the
reader has already left is skipped when its turn comes, or dropped when it arrives (CaseController)."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.document import CaseDocument
from annotations.image_io import ImageLoadError
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.errors import CaseFileMissing


class PendingCase:
    """A case being read for opening; ``cancelled`` once another case is opened or the folder closes first.
    ``reopened``: opened again after something else saved it (its row is then read as saved)."""

    def __init__(self, case_id: str, reopened: bool = False) -> None:
        self.case_id, self.reopened = case_id, reopened
        self.cancelled = False


@dataclass
class ReadCase:
    """What the read found: the document (without the files ``missing`` names, when some are missing), or the
    ``error`` that keeps it from opening, naming the file."""

    doc: CaseDocument | None = None
    missing: CaseFileMissing | None = None
    error: Exception | None = None


def read_unless_cancelled(pending: PendingCase, workspace: Workspace) -> ReadCase | None:
    """The saved case (Workspace.load_case); one whose mask or AI file is missing is read without it, saying which.
    None when the reader left it before its turn came."""
    if pending.cancelled:
        return None
    try:
        try:
            return ReadCase(workspace.load_case(pending.case_id))
        except CaseFileMissing as exc:
            return ReadCase(workspace.load_case(pending.case_id, without_missing=True), missing=exc)
    except (ImageLoadError, WorkspaceError, OSError, ValueError) as exc:
        return ReadCase(error=exc)
