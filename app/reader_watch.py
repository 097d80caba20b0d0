"""A window notices what others change in its folder while it is open, also on another machine writing into the same
folder (a file system watcher would miss those on a network share): every few seconds a worker reads the folder's
reading settings and, in double reading, looks at when each store last saved each case
(annotations.reading.reader_changes). Settings that would now open the window differently (window_terms: another
store, blind AI, the consensus's threshold) are told once (``settings_changed``); the cases others saved since the
last look (the readers' submissions; the arbiter's decisions, in a reader's window or one holding the consensus
read-only) have their states read again (FolderListing.update_reading_states), so the list, its filters and the
agreed cases' settling follow; in a window holding the consensus read-only, the decided cases' rows and the open case
follow too. The store the window writes is left out: its own saves are no news. The GUI thread
never waits on the look. A look that fails (damaged reading settings, a share gone) is logged once per distinct
failure, and the looks go on."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from annotations.frames import listed_case_id
from annotations.reading.opening import WindowTerms, window_terms
from annotations.reading.reader_changes import Snapshot, changed_cases, readings_snapshot
from annotations.reading.readers import CONSENSUS
from annotations.reading.settings import load_settings
from annotations.workspace import Workspace
from annotations.workspace.catalog import reread_saved
from app.case_controller import CaseController
from app.tasks import TaskRunner

POLL_MS = 5000  # how soon a reader's submission, or a change of the reading settings, shows in the window

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Look:
    workspace: Workspace
    person: str
    before: Snapshot | None  # the last look's, None until the folder's first
    double: bool  # as the window opened the folder: only then are the stores looked at
    own_store: Path | None  # the store the window writes (None: it writes none, being read-only)


def _look(look: _Look, state: Any) -> tuple[WindowTerms, Snapshot, set[str], set[str]] | Exception:
    """The settings' terms, the snapshot, the cases any store saved since the last look and those the consensus
    saved. The failure is returned, not raised: the task runner would log its traceback at every look."""
    folder = look.workspace.folder
    try:
        settings = load_settings(folder)
        after = readings_snapshot(folder, settings, consensus=True, leave_out=look.own_store) if look.double else {}
    except Exception as exc:  # noqa: BLE001 - whatever it is, the next look tries again
        return exc
    before = after if look.before is None else look.before
    return window_terms(settings, look.person), after, changed_cases(before, after), changed_cases(
        before, after, CONSENSUS)


class ReaderWatch(QObject):
    saved_elsewhere = Signal(object)  # set of the case ids others saved since the last look, before their states
    settings_changed = Signal(object)  # the WindowTerms the folder's reading settings now give, once per change

    def __init__(self, cases: CaseController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.runner = TaskRunner("reader-watch", self)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.look)
        self._snapshot: Snapshot | None = None  # the last look, None until the folder's first
        self._failure: str | None = None  # what the last look failed with, None when it worked
        self._told: WindowTerms | None = None  # the settings change told last, None while the window works by them
        cases.workspace_opened.connect(self._opened)
        cases.workspace_closed.connect(self._closed)

    def _opened(self, _workspace: Workspace) -> None:
        self._closed()
        self.look()  # the first look, while the folder is being listed: whatever is saved after it counts
        self.timer.start()

    def _closed(self) -> None:
        self.timer.stop()
        self.runner.cancel()
        self._snapshot = self._failure = self._told = None

    def look(self) -> None:
        workspace = self.cases.workspace
        if workspace is None or self.runner.busy:
            return
        own = None if workspace.read_only else workspace.sidecar
        look = _Look(workspace, self.cases.reader, self._snapshot, self.cases.double_reading, own)
        task = self.runner.run(_look, look, name="reader-watch")
        task.finished.connect(lambda result: self._seen(workspace, result))

    def _seen(self, workspace: Workspace,
              result: tuple[WindowTerms, Snapshot, set[str], set[str]] | Exception) -> None:
        if workspace is not self.cases.workspace:
            return
        if isinstance(result, Exception):
            self._failed(workspace, result)
            return
        self._failure = None
        terms, snapshot, changed, decided = result
        self._compare_terms(terms)
        if workspace is not self.cases.workspace:
            return  # the person had the folder opened again by the new settings
        if self._snapshot is not None and self.cases.listing.scanning:
            return  # the scan's states would replace these: the same changes are found again after it
        self._snapshot = snapshot
        if changed:
            self.saved_elsewhere.emit(changed)
            self.cases.listing.update_reading_states(changed)
        if decided and self.cases.holds_consensus:  # (read-only: the store the window writes is not looked at)
            self._decided_elsewhere(workspace, decided)

    def _decided_elsewhere(self, workspace: Workspace, case_ids: set[str]) -> None:
        """The arbiter holding the consensus saved these cases, which this window holds read-only: their rows read
        again (the index is this window's copy) and the open case shown anew unless it has edits (stored_elsewhere)."""
        rows = {listed_case_id(case_id) for case_id in case_ids}  # a B-scan's row is its volume's
        self.cases.storage.submit(reread_saved, workspace.index, workspace.case_files, rows,
                                  done=lambda _: self._shown_anew(workspace, case_ids))

    def _shown_anew(self, workspace: Workspace, case_ids: set[str]) -> None:
        if workspace is self.cases.workspace:
            self.cases.stored_elsewhere(case_ids)
            self.cases.listing.rows_changed.emit()

    def _compare_terms(self, terms: WindowTerms) -> None:
        if terms == self.cases.terms:
            self._told = None  # changed back: a change from now on is news
        elif terms != self._told and QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._told = terms  # (a stroke being painted is not interrupted by a question: the next look tells it)
            self.settings_changed.emit(terms)

    def _failed(self, workspace: Workspace, error: Exception) -> None:
        if str(error) != self._failure:
            self._failure = str(error)
            log.warning("cannot look at the reading settings or for the readers' saves in %s (%s); looking again "
                        "every %d s", workspace.folder, error, POLL_MS // 1000, exc_info=error)

    def shutdown(self) -> None:
        self._closed()
        self.runner.shutdown()
