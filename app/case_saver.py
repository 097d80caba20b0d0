"""Saving the open case and the unsaved mark.

The case is saved through the storage queue when another case is opened, when it is marked done, on Ctrl+S and
when the folder closes (CaseController asks); in between a crash-recovery snapshot is written a few seconds after
the last edit, and at the latest a few intervals after the first edit it lacks (someone who never pauses is
snapshotted too). Undoing back to the saved state drops the snapshot, so a crash never brings back what was taken
back. ``dirty_changed`` follows the open case's history (unsaved edits or not)."""
from __future__ import annotations

import contextlib
import time
from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from annotations.document import CaseDocument
from annotations.followed_history import FollowedHistory
from annotations.history import History
from annotations.workspace import Workspace, WorkspaceError
from widgets.domain_messages import shown_message

if TYPE_CHECKING:
    from app.case_controller import CaseController

# A snapshot waits for a pause in the editing, but never longer than this many autosave intervals after the first
# edit it would hold: an annotator painting a stroke every few seconds has no pause of 5 s.
LONGEST_WAIT_INTERVALS = 3


def save_else_snapshot(workspace: Workspace, doc: CaseDocument, reader: str) -> None:
    """Save ``doc``; where that fails, put it in an autosave snapshot before the save's error is raised: a case left
    for another one is snapshotted no more, and its edits were on no disk until the folder closed (a crash lost
    them, however long ago they were made). A snapshot that fails too says nothing more: the save's error does."""
    try:
        workspace.save_case(doc, reader)
    except WorkspaceError as exc:
        with contextlib.suppress(WorkspaceError):
            snapshot_instead(workspace, doc, str(exc))
        raise


def save_or_snapshot(workspace: Workspace, doc: CaseDocument, reader: str) -> bool:
    """Save ``doc``: True; where that fails, put it in an autosave snapshot instead (snapshot_instead): False."""
    try:
        workspace.save_case(doc, reader)
    except WorkspaceError as exc:
        snapshot_instead(workspace, doc, str(exc))
        return False
    return True


def snapshot_instead(workspace: Workspace, doc: CaseDocument, save_error: str) -> None:
    """Put ``doc``, whose save failed with ``save_error``, in an autosave snapshot; raise that error (it names what
    failed) when none holds it: its write failed, or the folder is read-only (which writes none)."""
    try:
        workspace.autosave(doc)  # False without writing also when the last snapshot holds these very edits
    except WorkspaceError:
        raise WorkspaceError(save_error) from None
    if workspace.read_only:
        raise WorkspaceError(save_error)


class CaseSaver(QObject):
    # The open case is about to be saved (True), or was asked to be and has no change (False): what goes with a save
    # (the VOC file beside the photo) is written either way, but a refusal is said only where something was to save
    about_to_save = Signal(bool)
    queued = Signal(str)  # case_id, its save just queued: a job submitted now runs right after it
    saved = Signal(str)  # case_id, once its save is written
    nothing_to_save = Signal(str)  # case_id: a save found no change to write
    dirty_changed = Signal(bool)
    message = Signal(str)

    def __init__(self, cases: "CaseController", autosave_s: int) -> None:
        super().__init__(cases)
        self.cases = cases
        self._was_dirty = False
        self._saving = False  # a save marks the history clean: its own write drops the snapshot
        self._in_flight = 0  # saves queued whose outcome has not come back
        self._last_queued: Future | None = None  # the latest of them: the queue runs them in order
        self._followed_before: History | None = None  # the history _on_stack saw last (a case switch is no undo)
        self._unsnapshotted_since: float | None = None  # when the first edit the snapshot lacks was made
        self.error: str | None = None  # why the last failed save failed, naming the file (once save returned False)
        self._followed = FollowedHistory(self._on_stack)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.timeout.connect(self.autosave_now)
        self.set_autosave_interval(autosave_s)

    def follow(self, history: History | None) -> None:
        """Follow the open case's history (None: no case open) and it alone; a case opened with unsaved edits (kept
        from an earlier visit whose save failed) is marked unsaved at once."""
        self._autosave.stop()
        self._followed.follow(history)

    def save(self, wait: bool = True) -> bool:
        """Save the open case when it changed, through the storage queue. With ``wait`` (Ctrl+S, before an export
        reads the files) until it is written: False, with a message naming the file, when that failed. Without
        (switching cases, marking done) the window goes on at once; a failure comes back as a message and the case
        is marked unsaved again, its edits kept in its history."""
        self.cases.commit_typing()
        cases = self.cases
        if wait and self._in_flight and self._last_queued is not None:  # a save queued without waiting (the case
            # marked done) lands first: its outcome is this one's. Jobs queued after it (a folder's count) are not
            # waited for; those before it are, as the saves keep their place among the writes of the queue
            cases.storage.wait_for(self._last_queued)
        changed = cases.history is not None and not cases.history.is_clean
        self.about_to_save.emit(changed)
        if cases.workspace is None or cases.doc is None or cases.history is None:
            return True
        if not changed:
            self.nothing_to_save.emit(cases.doc.case_id)
            return True
        workspace, history, doc = cases.workspace, cases.history, cases.ai_results.to_store(cases.doc)  # a copy
        outcome: list[bool] = []
        already_said = len(workspace.messages)

        def written(_: object) -> None:
            self._in_flight -= 1
            outcome.append(True)
            for text in workspace.messages[already_said:]:  # saved, with a caveat (e.g. the index was locked)
                self.message.emit(text)
            same_case = cases.doc is not None and cases.doc.case_id == doc.case_id
            cases.rows.stored(cases.doc if same_case else doc)
            self.saved.emit(doc.case_id)

        def failed(error: str) -> None:
            self._in_flight -= 1
            outcome.append(False)
            self.error = error
            history.forget_clean()
            if history is not cases.history and cases.histories.get(doc.case_id) is not history:
                # left while its save was under way, taken then for saved: the kept ones' budget may have dropped it
                cases.histories.put(doc.case_id, history)
            self.message.emit(error)

        self._autosave.stop()
        self._saving = True
        try:
            if history.group_open:  # the copy holds a box drag half done, which no step names
                history.forget_clean()
            else:
                history.mark_clean()
            self._on_stack()
        finally:
            self._saving = False
        self._in_flight += 1
        self._last_queued = cases.storage.submit(save_else_snapshot, workspace, doc, cases.reader, done=written,
                                                 failed=failed)
        self.queued.emit(doc.case_id)
        if wait:
            cases.storage.flush()
        return not outcome or outcome[0]

    def autosave_now(self) -> None:
        if self.cases.is_dirty:
            self._snapshot()

    def _snapshot(self) -> None:
        """Queue a snapshot of the open case: Workspace.autosave writes it when the case differs from its saved
        files, and drops the one there when it does not."""
        cases = self.cases
        self._unsnapshotted_since = None
        if cases.workspace is not None and cases.doc is not None:
            cases.storage.submit(cases.workspace.autosave, cases.ai_results.to_store(cases.doc),
                                 failed=self._autosave_failed)

    def _autosave_failed(self, error: str) -> None:
        self.message.emit(self.tr("Autosave failed: {error}").format(error=shown_message(error)))

    def set_autosave_interval(self, seconds: int) -> None:
        self._autosave.setInterval(max(1, int(seconds)) * 1000)

    def _on_stack(self) -> None:
        history = self._followed.history
        dirty = history is not None and not history.is_clean
        undone_to_saved = not dirty and self._was_dirty and history is self._followed_before and not self._saving
        self._followed_before = history
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)
        if undone_to_saved:
            self._autosave.stop()
            self._snapshot()  # drops the snapshot of the edits taken back
        elif dirty:
            self._wait_for_pause()

    def _wait_for_pause(self) -> None:
        """(Re)start the autosave's wait for a pause, unless the first edit it lacks has waited long enough: then
        the running wait ends on time."""
        now = time.monotonic()
        if not self._autosave.isActive() or self._unsnapshotted_since is None:
            self._unsnapshotted_since = now
        if now - self._unsnapshotted_since < LONGEST_WAIT_INTERVALS * self._autosave.interval() / 1000:
            self._autosave.start()
