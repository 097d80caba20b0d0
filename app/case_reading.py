"""Reading a case's saved state (its case.json, mask and AI files, or a new case's image header) on the storage
worker, not on the GUI thread: on a network share each of those reads can take seconds, and the window froze at every
case switch. Queued after the saves before it, so a case left with edits is read back as saved. A read for a case the
reader has already left is skipped when its turn comes, or dropped when it arrives (CaseController)."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.document import CaseDocument
from annotations.image_io import ImageLoadError
from annotations.progress import Cancelled, NullState
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.errors import CaseFileMissing


class PendingCase(NullState):
    """A case being read for opening; ``cancelled`` once another case is opened or the folder closes first: its
    read (a TaskState) stops before its next file. ``reopened``: opened again after something else saved it (its row
    is then read as saved). ``listed_error``: why the case list says its image cannot be opened, if it says so."""

    def __init__(self, case_id: str, reopened: bool = False, listed_error: str | None = None) -> None:
        self.case_id, self.reopened, self.listed_error = case_id, reopened, listed_error
        self.cancelled = False

    def is_cancelled(self) -> bool:
        return self.cancelled


@dataclass
class ReadCase:
    """What the read found: the document (without the files ``missing`` names, when some are missing), or the
    ``error`` that keeps it from opening, naming the file; ``listed``: that error is the case list's, its image still
    missing (nothing else was read)."""

    doc: CaseDocument | None = None
    missing: CaseFileMissing | None = None
    error: Exception | None = None
    listed: bool = False


def read_unless_cancelled(pending: PendingCase, workspace: Workspace) -> ReadCase | None:
    """The saved case (Workspace.load_case); one whose mask or AI file is missing is read without it, saying which.
    None when the reader left it before its turn came, or before its read ended (the files left are not read: on a
    slow share the next case waited for them all). A case listed with an error whose image is still missing is
    not read: the list's reason (e.g. where its labels are kept) says more than a read would. One whose file is there
    is read anew, not shown its old error: the share or disk it failed on may be back. That look is taken here, not
    on the GUI thread: on a share that is away, it may hang for as long as the system waits for it."""
    if pending.cancelled:
        return None
    try:
        if pending.listed_error and not workspace.image_file(pending.case_id).exists():
            return ReadCase(error=WorkspaceError(pending.listed_error), listed=True)
        try:
            return ReadCase(workspace.load_case(pending.case_id, state=pending))
        except CaseFileMissing as exc:
            return ReadCase(workspace.load_case(pending.case_id, without_missing=True, state=pending), missing=exc)
    except Cancelled:
        return None
    except (ImageLoadError, WorkspaceError, OSError, ValueError) as exc:
        return ReadCase(error=exc)
