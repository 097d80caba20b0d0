"""How many B-scans each listed case's image holds (1 for a photo or a file that cannot be read: its case says why),
as the window asks it: the B-scan bar, its steps, and whether a B-scan that cannot be shown is one of a readable
volume. The count the folder's scan read while the file is as it was then (Workspace.listed_bscan_count: one stat),
else the one read again from its header (a volume exported again since the scan), read again only where the file
changed since: both looked at on the storage worker, never on the GUI thread, where on a share slow or away each
froze the window (the stat at each case switch and each slider step, the header's read for seconds)."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal

from annotations.image_types import ImageLoadError
from annotations.workspace import Workspace, WorkspaceError

if TYPE_CHECKING:
    from app.case_controller import CaseController

Stamp = tuple[int, int] | None  # a file's modification time and size; None where it cannot be looked at


class BScanCounts(QObject):
    counted = Signal(str)  # the listed case whose count the storage worker read (``known`` answers it now)

    def __init__(self, cases: "CaseController") -> None:
        super().__init__(cases)
        self.cases = cases
        self._shown: dict[str, int] = {}  # listed case id -> the count last found, of the open folder
        self._read: dict[str, tuple[int, Stamp]] = {}  # listed case id -> a count read from its file, as it was then
        self._waiting: dict[str, list[Callable[[int], None]]] = {}  # counts being read: who is told then
        cases.workspace_opened.connect(lambda _workspace: self._forget())
        cases.workspace_closed.connect(self._forget)

    def known(self, case_id: str) -> int | None:
        """The count of the listed case ``case_id`` last found (the bar asks at each step: no file is looked at
        again); None until the storage worker has looked at its file (``counted`` says when it is in): whether it
        changed since the folder's scan is a stat, which on a share slow or away froze the window at the first
        showing of each case, and where it changed its header is read again."""
        if case_id in self._shown:
            return self._shown[case_id]
        workspace = self.cases.workspace
        if workspace is None:
            return 1
        self._read_on_worker(workspace, case_id)
        return None

    def count(self, case_id: str, then: Callable[[int], None]) -> None:
        """``then(count)`` of the listed case ``case_id`` as its file is now, once the storage worker looked at it
        (a stat, at each step of the slider: on the GUI thread it froze the window where the share was slow or away;
        the header read again only where the file changed since it was last read); never where the folder was closed
        meanwhile. At once without a folder."""
        workspace = self.cases.workspace
        if workspace is None:
            then(1)
            return
        self._read_on_worker(workspace, case_id)
        self._waiting[case_id].append(then)

    def _read_on_worker(self, workspace: Workspace, case_id: str) -> None:
        if case_id not in self._waiting:
            self._waiting[case_id] = []
            self.cases.storage.submit(_read_count, workspace, case_id, self._read.get(case_id),
                                      done=lambda counted: self._counted(workspace, case_id, *counted))

    def _counted(self, workspace: Workspace, case_id: str, count: int, stamp: Stamp) -> None:
        if workspace is not self.cases.workspace or case_id not in self._waiting:
            return  # another folder opened since
        self._read[case_id] = count, stamp
        self._shown[case_id] = count
        for then in self._waiting.pop(case_id):
            then(count)
        self.counted.emit(case_id)

    def _forget(self) -> None:
        self._shown.clear()
        self._read.clear()
        self._waiting.clear()


def _stamp(workspace: Workspace, case_id: str) -> Stamp:
    try:
        stat = os.stat(workspace.image_file(case_id))
    except (WorkspaceError, OSError):
        return None
    return stat.st_mtime_ns, stat.st_size


def _read_count(workspace: Workspace, case_id: str, read: tuple[int, Stamp] | None) -> tuple[int, Stamp]:
    """The count the folder's scan listed where the file is as it was then, else the one ``read`` from it before
    where it is as it was then, else read from the file's header; and the file's stamp as it was looked at."""
    stamp = _stamp(workspace, case_id)
    try:
        listed = workspace.listed_bscan_count(case_id)
    except (WorkspaceError, OSError):
        return 1, stamp  # not a listed case: it holds no B-scans to step
    if listed is not None:
        return listed, stamp
    if read is not None and read[1] is not None and read[1] == stamp:
        return read[0], stamp
    try:
        return workspace.bscan_count(case_id), stamp
    except (ImageLoadError, WorkspaceError, OSError):
        return 1, stamp  # its case says what is wrong with the file
