"""The arbiter's window stores the consensus of the cases both readers agree on as soon as the case list knows they
agree (annotations.reading.consensus.settle_agreed, on the storage queue, as an export or a retrain would): such a
case then reads as settled on the arbiter's list and canvas, done with the agreed grade, and only disagreements
are left to do. A case read from the store to be opened is settled first, whatever the list knows yet, so the
arbiter sees and corrects the agreed reading, never the document the store held before (often a bare one). A
reader's window never writes the consensus."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Signal

from annotations.reading.consensus import settle_agreed
from annotations.reading.disagreement import CaseState
from annotations.workspace import Workspace
from app.case_controller import CaseController
from widgets.domain_messages import shown_message


BATCH = 5  # agreed cases stored in one job of the storage queue (each writes a case's files and its record, fsynced:
# about 50 ms a case), so that a case the arbiter opens meanwhile waits about a quarter of a second
SETTLING = "settling"  # the settling, as the folder's SaidOnce names it (a case that fails alone: settling:<case id>)


def _settle(workspace: Workspace, actor: str, case_ids: set[str]) -> tuple[int, dict[str, str]]:
    """How many of ``case_ids`` were stored, and the error of each that could not be (the others are stored)."""
    failures: dict[str, str] = {}
    return settle_agreed(workspace, actor, case_ids, failures), failures


def _alone(case_id: str) -> str:
    """The settling of one case that failed alone, as the folder's SaidOnce names it."""
    return f"{SETTLING}:{case_id}"


class AgreedSettling(QObject):
    settled = Signal(int)  # how many agreed cases were stored as the consensus

    def __init__(self, cases: CaseController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self._asked: set[str] = set()  # cases already handed to settle_agreed in this folder
        self._failures = cases.folder_failures  # said once with the list's and the corrections' (one damaged file)
        self._closing: Workspace | None = None  # the folder closing: its storage is flushed, no batch is queued
        cases.workspace_opened.connect(self._opened)
        cases.workspace_closing.connect(self._closing_now)
        cases.listing.reading_states_changed.connect(self.settle)
        cases.case_loading.connect(self._settle_opening)

    def _opened(self, _workspace: Workspace) -> None:
        self._asked.clear()

    def _closing_now(self) -> None:
        self._closing = self.cases.workspace

    def forget(self, case_ids: set[str]) -> None:
        """Readers saved these cases again: an agreed one is settled anew (settle_agreed stores it again when the
        agreed readings changed), and its failure to settle, if it still fails, is said again."""
        self._asked -= case_ids
        for case_id in case_ids:
            self._failures.worked(_alone(case_id))

    def settle(self) -> None:
        """Store the agreed cases not asked about yet; the open case only while it has no edits of the arbiter's
        (their save would otherwise overwrite the agreed reading, or the agreed reading their edits)."""
        workspace = self._consensus()
        if workspace is None:
            return
        agreed = {case_id for case_id, state in self.cases.listing.reading_states.items()
                  if state is CaseState.AGREED} - self._asked
        if self.cases.is_dirty:
            agreed.discard(self.cases.current_id)
        if not agreed:
            return
        self._asked |= agreed
        self._settle_batch(workspace, sorted(agreed))

    def _settle_batch(self, workspace: Workspace, ordered: list[str]) -> None:
        """Queue the first BATCH cases of ``ordered``, and the rest once they are stored: all queued at once, a case
        the arbiter opened, and their saves, waited behind every batch (a minute on a first opening of 2,000 photos)."""
        if not ordered or workspace is not self._consensus() or workspace is self._closing:
            return
        batch, rest = set(ordered[:BATCH]), ordered[BATCH:]
        if self.cases.is_dirty and self.cases.current_id in batch:  # the arbiter edits it since: as settle() would
            batch.discard(self.cases.current_id)
            self._asked.discard(self.cases.current_id)

        def done(outcome: tuple[int, dict[str, str]]) -> None:
            self._settled(workspace, batch, *outcome)
            self._settle_batch(workspace, rest)

        def failed(error: str) -> None:
            self._batch_failed(workspace, batch, error)
            self._settle_batch(workspace, rest)
        self.cases.storage.submit(_settle, workspace, self.cases.reader or "arbiter", batch, done=done, failed=failed)

    def _batch_failed(self, workspace: Workspace, case_ids: set[str], error: str) -> None:
        """The whole job failed (e.g. the folder's reading.json damaged): its cases are asked again at the list's
        next look, once the file may be mended. That look follows a change of the reading states (a save, a reader's
        submission, a new listing), never this failure nor a timer, so a failure that stays does not loop."""
        if workspace is self.cases.workspace:
            self._asked -= case_ids
        self._failures.failed(error, SETTLING)

    def _settle_opening(self, case_id: str) -> None:
        """The case is about to be opened (CaseController.case_loading; also from a kept history without edits,
        which may hold it as stored before the readers agreed): queued before it is read, so it opens as the agreed
        reading, and the arbiter's edits correct that (an ordinary correction of a settled case), when the readers
        agree and the store does not hold their agreement as it is now."""
        workspace = self._consensus()
        if workspace is not None:
            self.cases.storage.submit(_settle, workspace, self.cases.reader or "arbiter", {case_id},
                                      done=lambda outcome: self._settled(workspace, {case_id}, *outcome),
                                      failed=partial(self._failures.failed, by=SETTLING))

    def _consensus(self) -> Workspace | None:
        """The window's store when it is a double-read folder's consensus, writable (the arbiter's window), else
        None."""
        workspace = self.cases.workspace
        if workspace is None or workspace.read_only or not self.cases.holds_consensus:
            return None
        return workspace

    def _settled(self, workspace: Workspace, case_ids: set[str], stored: int, failures: dict[str, str]) -> None:
        """``failures``: the cases of ``case_ids`` not stored, said by name (the others are), each asked again at the
        list's next change of reading states, as a job that failed whole is (_batch_failed), or when opened."""
        if workspace is not self.cases.workspace:
            return
        self._failures.worked(SETTLING)  # the job went through: the folder's settings could be read
        self._asked -= failures.keys()
        for case_id, error in failures.items():
            image = self.cases.case_name(case_id)
            self._failures.failed(self.tr("{image}: the readers' agreement could not be stored as the consensus: "
                                          "{error}").format(image=image, error=shown_message(error)), _alone(case_id))
        for case_id in case_ids - failures.keys():
            self._failures.worked(_alone(case_id))
        if not stored:
            return
        # The agreed reading shown, not the store's earlier labels (a case of the batch stored before only loses the
        # undo steps of a kept history).
        self.cases.agreed_settled(workspace, case_ids - failures.keys())
        self.settled.emit(stored)

