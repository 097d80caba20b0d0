"""Listing an opened folder without freezing the window: the scan and header reads run on a worker and hand over
batches, which the storage queue writes into the index (the list grows after each one, with progress); in double
reading each case's state between its readers follows; thumbnails are decoded (reduced) on a worker for the rows
on screen only. Opening another folder cancels all of it; the person's Stop (stop_listing) ends the scan part-way,
and the read of the readers' states, keeping what it listed and read."""
from __future__ import annotations

import dataclasses
import threading
from functools import partial
from pathlib import Path
from typing import Any, Iterable

from PySide6.QtCore import QObject, Signal

from annotations.case_source import CaseSource
from annotations.frames import listed_case_id
from annotations.image_io import ImageLoadError
from annotations.previews import read_thumbnail
from annotations.progress import check_cancelled
from annotations.reading.blind import states_shown_to
from annotations.reading.consensus import folder_states
from annotations.reading.disagreement import CaseState
from annotations.reading.volume_states import listed_states, row_states
from annotations.thumbnail_requests import ThumbnailRequests
from annotations.workspace import Workspace
from annotations.workspace.catalog import SyncBatch, sync_batches, write_batch
from app.said_once import SaidOnce
from app.storage_queue import StorageQueue
from app.tasks import TaskRunner
from widgets.domain_messages import shown_message

LOOK = "list"  # the look at where saved cases stand, as the folder's SaidOnce names it


PROGRESS_S = 0.5  # the listing's progress moves at least this often, also where nothing changed (a rescan)
ScanEnd = tuple[tuple[dict[str, CaseState], dict[str, str]] | None, SyncBatch]


class _UntilStopped:
    """The scan's state as the folder's walk and header reads see it: cancelled once the person stops the listing
    too (``stop``), which, unlike the task's cancel (a close), keeps what was listed. ``heeded``: a reader of it saw
    the stop, and so left something unread (a Stop once all was read stops nothing)."""

    def __init__(self, state: Any, stop: threading.Event) -> None:
        self._state, self._stop = state, stop
        self.heeded = False

    def progress(self, fraction: float, message: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        self.heeded = self.heeded or self._stop.is_set()
        return self.heeded or self._state.is_cancelled()


def _scan(inputs: tuple[Workspace, bool, threading.Event], state: Any) -> ScanEnd:
    """In double reading, the states of the cases read and the message of each whose state cannot be told, unless
    the person stopped the listing first (a Stop while they are read keeps those read so far: the last batch then
    says the listing stopped, every photo checked); and the scan's last batch."""
    workspace, double, stop = inputs
    until_stopped = _UntilStopped(state, stop)
    for batch in sync_batches(workspace.index.all_cases(worker=True), workspace.folder, workspace.case_files,
                              state=until_stopped, progress_s=PROGRESS_S,
                              known_modes=workspace.index.photo_modes(worker=True)):
        state.publish(batch)
    check_cancelled(state)
    if not double or batch.stopped:
        return None, batch
    unreadable: dict[str, str] = {}
    states = folder_states(workspace.folder, unreadable, until_stopped)
    check_cancelled(state)
    if until_stopped.heeded:  # not a Stop pressed as the last row was read: every state was read
        batch = dataclasses.replace(batch, stopped=True)
    return (states_shown_to(workspace, states), unreadable), batch


def _alone(case_id: str) -> str:
    """The look at one case's state that failed alone (a reader's case file damaged, or of a later release), as the
    folder's SaidOnce names it."""
    return f"{LOOK}:{case_id}"


def _decode_thumbnails(requests: ThumbnailRequests, state: Any) -> None:
    while (request := requests.take()) is not None:
        check_cancelled(state)
        case_id, path = request
        try:
            state.publish((case_id, read_thumbnail(path)))
        except (ImageLoadError, OSError, ValueError):
            pass  # the case list already shows why this image cannot be opened


def _rows_of(unreadable: dict[str, str]) -> dict[str, str]:
    """The listed rows of the cases whose state cannot be told (a volume's for its B-scan's), each with why (a
    volume's: its first B-scan's)."""
    rows: dict[str, str] = {}
    for case_id, error in sorted(unreadable.items()):
        rows.setdefault(listed_case_id(case_id), error)
    return rows


class FolderListing(QObject):
    rows_changed = Signal()  # the index gained or changed cases: the list reads its order again
    reading_states_changed = Signal()  # in double reading, ``reading_states`` changed
    progress = Signal(int, int)  # images looked at, images found
    found = Signal(int)  # images found so far, while they are still being found (none looked at yet)
    # images found so far, and the headers of files named as masks looked at, of how many (photo_sorter): every
    # folder walked, those files' headers tell which are photos (seconds on a share, where a listing stood still)
    checking_headers = Signal(int, int, int)
    finished = Signal()  # the listing ended: the whole folder listed, or stopped part-way (``stopped_at``)
    thumbnail_ready = Signal(str, object)  # case_id, small RGB array

    def __init__(self, storage: StorageQueue, failures: SaidOnce, parent: QObject | None = None) -> None:
        """``failures``: says why where saved cases stand could not be read (once: a damaged reading.json fails the
        look after every save, and the window's other work on the folder as well)."""
        super().__init__(parent)
        self._storage = storage
        self._failures = failures
        self._scanner = TaskRunner("folder-scan", self)
        self._thumbnailer = TaskRunner("thumbnails", self)
        self._requests = ThumbnailRequests()
        self._workspace: Workspace | None = None
        self._source: CaseSource | None = None
        self._thumbnails_allowed = False
        self._double = False
        self.scanning = False
        self._stop = threading.Event()  # the person stopped the listing part-way (stop_listing)
        # the last batch of the listing last stopped part-way, once ended (every photo checked: stopped while the
        # readers' states were read)
        self.stopped_at: SyncBatch | None = None
        # Double reading: the state of every case any reader saved, B-scans of a volume each on its own (the list
        # shows a volume's row folded: annotations.reading.volume_states).
        self.reading_states: dict[str, CaseState] = {}
        self._all_read = False  # every case's state read (a listing's whole read): a case not in them has none
        self._unreadable: set[str] = set()  # those whose state cannot be told (a reader's case file damaged)
        self._read_while_scanning: set[str] = set()  # the scan's states, read before, may replace theirs

    def start(self, workspace: Workspace, source: CaseSource, double: bool) -> None:
        """List ``workspace``; listing the open one again (a rescan) keeps the reading states known until the
        scan's own replace them."""
        kept = (self.reading_states, self._unreadable) if workspace is self._workspace else ({}, set())
        self.stop()
        self._workspace, self._source, self._double, self.scanning = workspace, source, double, True
        (self.reading_states, self._unreadable), self._all_read = kept, False
        self._read_while_scanning = set()
        self._stop, self.stopped_at = threading.Event(), None
        task = self._scanner.run(_scan, (workspace, double, self._stop), name="scan")
        task.partial.connect(self._write)
        task.finished.connect(self._listed)
        task.failed.connect(lambda error: self._scan_failed(workspace, error))
        self.found.emit(0)  # said at once: a share's first folder may take seconds to list, and Stop is offered

    def stop(self) -> None:
        """Cancel the scan, and wait until it has left the index (the folder may close next), and the thumbnails
        (what the storage queue already holds still runs)."""
        self._scanner.stop()
        self._thumbnailer.cancel()
        self._requests.clear()
        self._workspace = self._source = None
        self._thumbnails_allowed = False
        self.scanning = False

    def stop_listing(self) -> None:
        """The person's Stop: the scan ends before its next file (the readers' states before their next row), the
        cases it listed so far written and kept, the folder's other work going on; then ``finished``, with
        ``stopped_at`` saying where it stopped."""
        if self.scanning:
            self._stop.set()

    @property
    def reads_states(self) -> bool:
        """Whether this listing, in double reading, goes on after its photos to read where each case stands between
        its readers (from a slow share, a while): its Stop is offered until then."""
        return self.scanning and self._double

    @property
    def stopping(self) -> bool:
        """The person stopped this listing (stop_listing); a listing started after is not."""
        return self._stop.is_set()

    def shutdown(self) -> None:
        self.stop()
        self._scanner.shutdown()
        self._thumbnailer.shutdown()

    def _write(self, batch: SyncBatch) -> None:
        workspace = self._workspace
        self._storage.submit(write_batch, workspace.index, batch, done=lambda _: self._written(workspace, batch))

    def _written(self, workspace: Workspace, batch: SyncBatch) -> None:
        if workspace is not self._workspace:
            return
        if batch.rows or batch.gone:
            self.rows_changed.emit()
        if batch.walking and batch.headers[1]:
            self.checking_headers.emit(batch.total, *batch.headers)
        elif batch.walking:
            self.found.emit(batch.total)
        else:
            self.progress.emit(batch.done, batch.total)

    def _listed(self, end: ScanEnd) -> None:
        found, last = end
        workspace, source = self._workspace, self._source
        self.stopped_at = last if last.stopped else None
        self._failures.worked(LOOK)  # a scan that failed before is said again should it fail again
        if found is not None and source is not None:
            states, unreadable = found
            whole = self.stopped_at is None  # else those read before the Stop join the states known
            # queued before what taking them starts (the arbiter's settling of every agreed case): the list, its
            # "needs arbitration" filter and the listing's end waited behind that (a minute for 2,000 photos)
            self._storage.submit(source.set_reading_states, listed_states(states), whole, _rows_of(unreadable),
                                 done=lambda _: self._states_set(workspace))
            self._take(states, unreadable, whole)
            self._say(states, unreadable)
        else:
            self._storage.submit(lambda: None, done=lambda _: self._states_set(workspace))

    def _states_set(self, workspace: Workspace | None) -> None:
        if workspace is self._workspace and workspace is not None:
            self.rows_changed.emit()
            self._end_scan()
            again, self._read_while_scanning = self._read_while_scanning, set()
            self.update_reading_states(again)  # e.g. a case arbitrated meanwhile: not "to do" as the scan read it

    def _scan_failed(self, workspace: Workspace, error: str) -> None:
        """Said, not only ended (after the scan's end, which a rescan announces): the list goes on showing the cases
        as last listed, which may be out of date."""
        current = workspace is self._workspace
        self._end_scan()
        if current:
            self._failures.failed(self.tr("{folder} could not be listed to the end ({error}): the list shows its "
                                          "cases as last listed; File ▸ Rescan folder (Ctrl+R) tries again").format(
                folder=workspace.folder, error=shown_message(error)), by=LOOK)

    def _end_scan(self) -> None:
        self.scanning = False
        self.finished.emit()

    def update_reading_state(self, case_id: str) -> None:
        """A case was saved: in double reading, where it now stands between its readers."""
        self.update_reading_states([case_id])

    def update_reading_states(self, case_ids: Iterable[str]) -> None:
        """Cases were saved (in this window, or by a reader elsewhere): in double reading, where each now stands
        between its readers, and its volume's row with it (read after the saves, on the storage queue, in order)."""
        workspace, source, ids = self._workspace, self._source, sorted(case_ids)
        if workspace is None or source is None or not self._double or not ids:
            return
        if self.scanning:
            self._read_while_scanning.update(ids)

        def read() -> tuple[dict[str, CaseState], dict[str, str]]:
            unreadable: dict[str, str] = {}
            states = {member: state for case_id in ids
                      for member, state in row_states(workspace, case_id, unreadable).items()}
            return states_shown_to(workspace, states), unreadable

        def show(found: tuple[dict[str, CaseState], dict[str, str]]) -> None:
            states, unreadable = found
            if workspace is self._workspace:
                self._failures.worked(LOOK)
                self._say(states, unreadable)
                self._take(states, unreadable, whole=False)
                source.set_reading_states(listed_states(states), False, _rows_of(unreadable))  # each row of ids whole
                self.rows_changed.emit()

        self._storage.submit(read, done=show, failed=partial(self._failures.failed, by=LOOK))

    def known_state(self, case_id: str) -> CaseState | None:
        """Where ``case_id`` stands between its readers, as this listing read it; None where that is not known:
        the states not read whole yet (being read, or the listing stopped, failed or not begun before them), or
        its case file unreadable. Only a whole read tells a case no reader read (needs reader 1) from one not read."""
        state = self.reading_states.get(case_id)
        if state is None and self._all_read and case_id not in self._unreadable:
            return CaseState.NEEDS_READER_1
        return state

    def _take(self, states: dict[str, CaseState], unreadable: dict[str, str], whole: bool) -> None:
        """``states`` read: every case's (``whole``: those known before go), or some; those ``unreadable`` are not
        known now, no longer as they stood."""
        if whole:
            self.reading_states, self._unreadable, self._all_read = {}, set(), True
        self.reading_states.update(states)
        self._unreadable.difference_update(states)
        for case_id in unreadable:
            self.reading_states.pop(case_id, None)
            self._unreadable.add(case_id)
        self.reading_states_changed.emit()

    def _say(self, states: dict[str, CaseState], unreadable: dict[str, str]) -> None:
        """Why each case's state cannot be told, once until it can (its row shows none meanwhile)."""
        for case_id in states:
            self._failures.worked(_alone(case_id))
        for case_id, error in unreadable.items():
            self._failures.failed(error, _alone(case_id))

    # thumbnails -------------------------------------------------------------------------------------------
    def request_thumbnail(self, case_id: str, path: Path) -> None:
        self._requests.add(case_id, path)
        self._decode_more()

    def allow_thumbnails(self) -> None:
        """Thumbnails start once the first case is on screen: its own decode must not wait for them."""
        self._thumbnails_allowed = True
        self._decode_more()

    def _decode_more(self) -> None:
        if not self._thumbnails_allowed or self._thumbnailer.busy or not len(self._requests):
            return
        task = self._thumbnailer.run(_decode_thumbnails, self._requests, name="thumbnails")
        task.partial.connect(lambda item: self.thumbnail_ready.emit(*item))
        task.ended.connect(self._decode_more)
