"""The workspace's own error: a message a person can act on, naming the file."""
from __future__ import annotations

from annotations.wording import join_clauses


class WorkspaceError(Exception):
    """Raised for sidecar files that are missing or damaged, and for writes to a read-only workspace."""

    @property
    def texts(self) -> tuple[str, ...]:
        """What is wrong, one text each (the window translates each): several where a case's files are missing."""
        return (str(self),)

    @property
    def whole(self) -> str:
        """``texts`` in one line, in English: what an export's or a CSV's line says of a case it skips."""
        return join_clauses(self.texts)


class CaseNotWritten(WorkspaceError):
    """A case's files that could not be written for a reason of that case alone (permission denied: a file another
    program holds locked, a read-only case folder): whatever saves many cases (an import) leaves it out, naming it, and
    goes on. A full disk or a share gone, which the next cases would meet too, raise a plain WorkspaceError."""


class DamagedCaseFile(WorkspaceError):
    """A case's saved file that was read but is not what it should be (cut short, overwritten, another size): that
    case alone is at fault, so whatever reads many cases (an export, a retrain) leaves it out, naming the file, and goes
    on. A file the storage could not give (a share gone, a disk error) raises a plain WorkspaceError, which stops it."""

    part: str | None = None  # "mask" or "ai": the case's file at fault, which can be set aside; None: its case.json


class CaseFileMissing(DamagedCaseFile):
    """The mask or AI file (its ``part``) a case's case.json names is not there while its case.json is (deleted by
    hand, lost by a sync): that case alone is at fault, as with a damaged file, but there is no file to copy aside;
    the window opens the case without it (Workspace.load_case's ``without_missing``). ``also``: what the case's
    other file missing with it says (its AI file's, where its mask is gone too), for the window to name each.
    ``listed``: ``texts`` naming each file from the opened folder, as the index keeps them for the case list (a whole
    path there would go stale once the folder is moved or renamed)."""

    def __init__(self, message: str, part: str, also: tuple[str, ...] = (), listed: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.part = part
        self.also = also
        self.listed = listed

    @property
    def texts(self) -> tuple[str, ...]:
        return (str(self), *self.also)

    def __reduce__(self) -> tuple[type, tuple[str, str, tuple[str, ...], tuple[str, ...]]]:  # whole across processes
        return type(self), (str(self), self.part or "", self.also, self.listed)  # (a batch's)
