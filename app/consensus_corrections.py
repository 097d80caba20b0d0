"""The arbiter's corrections of a double-read case's consensus: a save through the consensus store that changed the
grade, masks or boxes of the case as the arbiter opened it is noted in the case's consensus record, so that it
stands like an arbitration (annotations.reading.consensus.note_arbiter_save). The note is queued right after the
save, before any settling of the case queued later: an agreed case the arbiter corrected before it was settled keeps
their labels. A save that changed something else (an analysis result, the detected modality) is no correction.

The labels the arbiter opened are digested on the storage queue, from the store, right after the case is opened (a
12 MP mask takes tens of milliseconds and a copy): the queue is ordered, so that digest is ready before the note of
any later save needs it."""
from __future__ import annotations

from concurrent.futures import Future
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Signal

from annotations.document import CaseDocument
from annotations.history import History
from annotations.reading import messages as msg
from annotations.reading.consensus import ArbiterSave, note_arbiter_save, stored_labels
from annotations.workspace import Workspace
from app.case_controller import CaseController

NOTES = "notes"  # the corrections' notes, as the folder's SaidOnce names them


def _note_save(workspace: Workspace, case_id: str, actor: str, opened: Future) -> ArbiterSave:
    return note_arbiter_save(workspace, case_id, actor, opened.result())  # digested by an earlier job of the queue


class ConsensusCorrections(QObject):
    message = Signal(str)

    def __init__(self, cases: CaseController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self._opened: dict[str, Future] = {}  # case id: labels_digest of the case as the store held it when opened
        # A damaged reading.json fails every note (and the list's look, and settling): said once for all of them
        self._failures = cases.folder_failures
        cases.workspace_opened.connect(self._folder_opened)
        cases.case_opened.connect(self._remember)
        cases.saver.queued.connect(self._note)

    def _folder_opened(self, _workspace: Workspace) -> None:
        self._opened.clear()

    def _remember(self, doc: CaseDocument, history: History) -> None:
        """The labels the arbiter starts from: the store's, unless a kept history holds edits not saved yet (then
        those remembered when the case was opened before)."""
        if self.cases.holds_consensus and (history.is_clean or doc.case_id not in self._opened):
            self._opened[doc.case_id] = self.cases.storage.submit(
                stored_labels, self.cases.workspace, doc.case_id, (doc.width, doc.height),
                failed=lambda _error: None)  # told by the note of a save that needs it, if any

    def _note(self, case_id: str) -> None:
        opened = self._opened.get(case_id)  # every save is of a case opened here; without its start, nothing to tell
        if self.cases.holds_consensus and not self.cases.workspace.read_only and opened is not None:
            self.cases.storage.submit(_note_save, self.cases.workspace, case_id, self.cases.reader or "arbiter",
                                      opened, done=lambda made: self._noted(case_id, made),
                                      failed=partial(self._failures.failed, by=NOTES))

    def _noted(self, case_id: str, made: ArbiterSave) -> None:
        self._failures.worked(NOTES)
        if made is ArbiterSave.NOT_CONSENSUS:  # saved, yet not decided: say how it is decided
            self.message.emit(QCoreApplication.translate("ReadingMessages", msg.SAVED_NOT_CONSENSUS).format(
                image=self._image(case_id)))
        if made in (ArbiterSave.NO_CORRECTION, ArbiterSave.NOT_CONSENSUS):
            return
        if made is ArbiterSave.SETTLED_AGAIN:
            self.cases.stored_elsewhere({case_id})  # the agreed reading, not the labels it had when opened
        self.cases.listing.update_reading_state(case_id)  # the list follows: the arbiter's decision, or the agreement

    def _image(self, case_id: str) -> str:
        """The case as messages name it (often no longer the open one: a save as the arbiter moves on)."""
        return self.cases.case_name(case_id)
