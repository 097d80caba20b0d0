"""A double-read folder's window notices the others' work while it is open, also that done on another machine
writing into the same folder (a file system watcher would miss it on a network share): every few seconds a
worker looks at when each reader last saved each case (annotations.reading.reader_changes), in a reader's window
also at the arbiter's decisions, and the cases changed since the last look have their states read again
(FolderListing.update_reading_states), so the list, its filters and the agreed cases' settling follow: the arbiter's
list the readers' submissions, a reader's list left open all day the other's and the arbiter's (so does a second
arbiter's, read-only while the first decides, whose open case and rows show the first's decisions too). The GUI
thread never waits on the look. A look that fails (damaged reading settings, a share gone) is logged once per
distinct failure and said in the status bar as the folder's other repeated work says its failures (once, naming the
file: else the list stopped following the readers unsaid), and the looks go on."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from annotations.reading.reader_changes import Snapshot, changed_cases, decided_cases, readings_snapshot
from annotations.reading.readers import holds_consensus
from annotations.workspace import Workspace
from app.case_controller import CaseController
from app.tasks import TaskRunner

POLL_MS = 5000  # how soon a reader's submission shows on the arbiter's list
WATCH = "reader watch"  # the look for the readers' saves, as the folder's SaidOnce names it

log = logging.getLogger(__name__)


def _look(inputs: tuple[Workspace, Snapshot | None], state: Any) -> tuple[Snapshot, set[str]] | Exception:
    """The failure is returned, not raised: the task runner would log its traceback at every look. The consensus
    records are looked at from a reader's window, and from a second arbiter's, which holds the consensus read-only
    while the first decides: the arbiter whose window writes them knows its own decisions."""
    workspace, before = inputs
    decisions = workspace.read_only or not holds_consensus(workspace, True)
    try:
        after = readings_snapshot(workspace.folder, decisions=decisions)
    except Exception as exc:  # noqa: BLE001 - whatever it is, the next look tries again
        return exc
    return after, set() if before is None else changed_cases(before, after)


class ReaderWatch(QObject):
    saved_elsewhere = Signal(object)  # set of the case ids readers saved since the last look, before their states

    def __init__(self, cases: CaseController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.runner = TaskRunner("reader-watch", self)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.look)
        self._snapshot: Snapshot | None = None  # the last look, None until the folder's first
        self._failure: str | None = None  # what the last look failed with, None when it worked
        cases.workspace_opened.connect(self._opened)
        cases.workspace_closed.connect(self._closed)

    def _opened(self, workspace: Workspace) -> None:
        self._closed()
        if self.cases.double_reading:
            self.look()  # the first look, while the folder is being listed: whatever is saved after it counts
            self.timer.start()

    def _closed(self) -> None:
        self.timer.stop()
        self.runner.cancel()
        self._snapshot = self._failure = None

    def look(self) -> None:
        workspace = self.cases.workspace
        if workspace is None or self.runner.busy:
            return
        task = self.runner.run(_look, (workspace, self._snapshot), name="reader-watch")
        task.finished.connect(lambda result: self._seen(workspace, result))

    def _seen(self, workspace: Workspace, result: tuple[Snapshot, set[str]] | Exception) -> None:
        if workspace is not self.cases.workspace:
            return
        if isinstance(result, Exception):
            self._failed(workspace, result)
            return
        self._failure = None
        self.cases.folder_failures.worked(WATCH)
        snapshot, changed = result
        if self._snapshot is not None and self.cases.listing.scanning:
            return  # the scan's states would replace these: the same changes are found again after it
        before, self._snapshot = self._snapshot, snapshot
        if changed:
            self.saved_elsewhere.emit(changed)
            if before is not None and workspace.read_only and self.cases.holds_consensus:
                # a second arbiter's window shows the consensus store the first decides in: the cases decided
                # meanwhile are shown anew (the open one, the rows), not as they were before the decision
                self.cases.stored_elsewhere(decided_cases(before, snapshot))
            self.cases.listing.update_reading_states(changed)

    def _failed(self, workspace: Workspace, error: Exception) -> None:
        self.cases.folder_failures.failed(str(error), by=WATCH)
        if str(error) != self._failure:
            self._failure = str(error)
            log.warning("cannot look for the readers' saves in %s (%s); looking again every %d s", workspace.folder,
                        error, POLL_MS // 1000, exc_info=error)

    def shutdown(self) -> None:
        self._closed()
        self.runner.shutdown()
