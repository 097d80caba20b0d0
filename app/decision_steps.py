"""The arbiter's decisions as steps of their cases' histories (annotations.reading.decision_step), so that Edit ▸ Undo
and Redo (Ctrl+Z, Ctrl+Shift+Z) and the history panel take a decision back and make it again, as every other edit.

A decision stored on the open case is a step of its history; one stored after the arbiter moved on starts the kept
history of its case (opened from it later, the step is there to undo). Undoing or redoing it stores the consensus it
puts back (its document and record) through the storage queue; once written, the history is marked saved there, and
the case's row and reading state are read again (to arbitrate again, or decided). One the store refuses (a read-only
folder, a full disk) is taken back in the history too, so the case shows what the store still holds."""
from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal

from annotations.history import History
from annotations.reading.consensus import put_back
from annotations.reading.decision_step import DecisionStep, StoredConsensus
from app.case_controller import CaseController
from widgets.domain_messages import shown_message


class DecisionSteps(QObject):
    message = Signal(str)  # a decision that could not be undone or redone in the store, naming the file
    put_back = Signal(str)  # case id, once an undone or redone decision is stored

    def __init__(self, cases: CaseController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self._taking_back = False  # a step undone or redone that the store refused is taken back: not stored again

    def record(self, case_id: str, before: StoredConsensus, after: StoredConsensus, arbiter: str) -> None:
        """The decision on ``case_id`` is stored (``before`` and ``after`` as the store held the case): show it in
        the open case as a step of its history, or keep a history of the case ending with it."""
        step = DecisionStep(before, after,
                            lambda stored, undone: self._store(history, step, stored, undone, arbiter))
        cases = self.cases
        if case_id == cases.current_id and cases.history is not None:
            history = cases.history
            history.execute_saved(step)  # the open case was saved before the decision: it stays saved
            cases.rows.update(history.doc, saved=True)
        else:  # the decision supersedes even edits of the case not saved, as opening it from the store would
            history = History(copy.deepcopy(before.doc))  # the step keeps ``before`` as it is
            history.execute_saved(step)
            cases.histories.take(case_id)
            cases.histories.put(case_id, history)
            cases.rows.stored_elsewhere({case_id})

    def _store(self, history: History, step: DecisionStep, stored: StoredConsensus, undone: bool,
               arbiter: str) -> None:
        """Called by the step as it is undone (``undone``) or redone: its history is then at the step's position
        less one, or (the step not counted yet) at it, where the document equals what is stored."""
        cases, workspace = self.cases, self.cases.workspace
        if workspace is None or self._taking_back:
            return
        at = history.position + (0 if undone else 1)
        case_id = stored.doc.case_id
        action = "undo arbitrate" if undone else "arbitrate"
        cases.storage.submit(put_back, workspace, stored.doc, stored.record, arbiter, action,
                             done=lambda _none: self._stored(history, case_id, at),
                             failed=lambda error: self._refused(history, step, case_id, undone, error))

    def _stored(self, history: History, case_id: str, at: int) -> None:
        if history.position == at:  # nothing done since: the document is the one stored
            history.mark_clean()
        self._show_stored(history, case_id, saved=True)
        self.put_back.emit(case_id)

    def _refused(self, history: History, step: DecisionStep, case_id: str, undone: bool, error: str) -> None:
        """The store kept the case as it was (consensus.put_back): the step is applied again, or undone again, when
        nothing was done since, and the history is where the store is."""
        idle = not (history.group_open or history.stroke_active)
        taken_back = idle and (history.redo_step if undone else history.undo_step) is step
        if taken_back:
            self._taking_back = True
            try:
                history.redo() if undone else history.undo()
            finally:
                self._taking_back = False
            history.mark_clean()
        self._show_stored(history, case_id, saved=taken_back)
        text = (self.tr("Cannot undo the arbitration of {case}: {error}") if undone
                else self.tr("Cannot redo the arbitration of {case}: {error}"))
        self.message.emit(text.format(case=self.cases.case_name(case_id), error=shown_message(error)))

    def _show_stored(self, history: History, case_id: str, saved: bool) -> None:
        """The case's row and reading state as the store now holds them (``saved``: the open document is stored)."""
        cases = self.cases
        if case_id == cases.current_id and cases.history is history:
            cases.rows.update(history.doc, saved=saved)
        else:
            cases.rows.stored_elsewhere({case_id})
        cases.listing.update_reading_state(case_id)
