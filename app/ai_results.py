"""Keeping analysis results: the open case's goes through its history (undoable); another case's is stored through
the storage queue, through its kept history when it has one so that its undo steps still match its document; and
blind double reading keeps them from a reader until they submit the case. A result stored before the folder went
blind is taken out of the reader's document while it is withheld, put back into every save of it (or the save
would drop it from the store) and handed over on submission. It stays withheld while the case is open or its
history kept, as a failed re-analysis or an undo back before the submission leaves the document without a result
again; a case that leaves memory reads it from the store again when reopened."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject

from annotations.ai_store import store_ai_result
from annotations.commands import SetAIResult
from annotations.document import AIResult, CaseDocument, ReviewState
from annotations.frames import listed_case_id
from annotations.history import History
from annotations.reading.blind import withholds_ai
from annotations.saved_bscan import saved_bscan

if TYPE_CHECKING:
    from app.case_controller import CaseController


class AIResultKeeper(QObject):
    def __init__(self, cases: "CaseController") -> None:
        super().__init__(cases)
        self.cases = cases
        self._withheld: dict[str, AIResult] = {}  # case id -> its stored result, taken out of the reader's document
        cases.workspace_closed.connect(self._forget_withheld)

    def _forget_withheld(self) -> None:
        self._withheld.clear()

    def withhold(self, doc: CaseDocument) -> None:
        """Take the stored result out of a document its blind reader has not submitted (kept here meanwhile)."""
        if doc.ai is not None and self.hidden(doc.case_id, doc):
            self._withheld[doc.case_id] = doc.ai
            doc.ai = None

    def to_store(self, doc: CaseDocument) -> CaseDocument:
        """A copy of ``doc`` to save: with its withheld result, which the store keeps while the reader cannot see it."""
        stored = copy.deepcopy(doc)
        if stored.ai is None and doc.case_id in self._withheld:
            stored.ai = copy.deepcopy(self._withheld[doc.case_id])
        return stored

    def withheld(self, case_id: str) -> AIResult | None:
        """The stored result withheld until now (shown once the reader submits the case), None without one.
        Kept here: until a result is back in the document, every save of it must still write this one."""
        return self._withheld.get(case_id)

    def release_left_cases(self) -> None:
        """Forget the results of cases neither open nor kept in the history cache (each holds full-size arrays):
        their saves are queued already, and a case reopened withholds its stored result again."""
        cases = self.cases
        self._withheld = {case_id: result for case_id, result in self._withheld.items()
                          if case_id == cases.current_id or case_id in cases.histories}

    def hidden(self, case_id: str, doc: CaseDocument | None = None) -> bool:
        """Blind double reading keeps the AI's result from a reader until they submit the case (mark it done)."""
        cases = self.cases
        if not cases.blind_ai:
            return False  # asks the index nothing: a result is hidden from blind readers only
        if doc is None and case_id == cases.current_id:
            doc = cases.doc
        if doc is None and case_id in cases.histories:
            doc = cases.histories.get(case_id).doc
        state = doc.review_state if doc is not None else self._saved_state(case_id)
        return withholds_ai(cases.blind_ai, state)

    def _saved_state(self, case_id: str) -> ReviewState | None:
        """The review state the case list shows, or for a B-scan of a volume its saved one (the volume's row
        summarises its B-scans, its own case among them)."""
        cases = self.cases
        summary = cases.summaries.get(case_id)
        if summary is not None and summary.frames == 1:
            return summary.review_state  # a photo's row is its own
        if cases.workspace is None:
            return None
        return saved_bscan(cases.workspace.case_files, case_id).review_state

    def apply(self, case_id: str, result: AIResult) -> None:
        """Store an analysis result: through the history for the open case, saved directly for the others."""
        cases = self.cases
        if self.hidden(case_id):
            return  # the reader works blind until they submit this case
        if case_id == cases.current_id and cases.history is not None:
            unedited = cases.history.is_clean
            # its own step, after a box drag or brush stroke under way: neither part of it nor cancelled with it
            cases.history.execute_apart(SetAIResult(result))
            if unedited and cases.workspace is not None and cases.workspace.read_only:
                cases.history.mark_clean()  # no edit of the person's, and nowhere to save it: closing need not ask
            return
        if cases.workspace is None or cases.workspace.read_only or listed_case_id(case_id) not in cases.summaries:
            return
        kept = cases.histories.get(case_id)
        if kept is not None:  # a kept history takes the result, or its undo steps would not match its document
            kept.execute_beneath_redo(SetAIResult(result))  # what the reader undid there can still be redone
            kept.mark_clean()
            cases.storage.submit(cases.workspace.save_case, copy.deepcopy(kept.doc), cases.reader,
                                 done=lambda _: self._stored(kept.doc), failed=self._store_failed(kept))
        else:
            cases.storage.submit(store_ai_result, cases.workspace, case_id, result, cases.reader,
                                 done=self._stored, failed=self._store_failed(None))

    def _stored(self, doc: CaseDocument) -> None:
        self.cases.rows.stored(doc)

    def _store_failed(self, history: History | None) -> Callable[[str], None]:
        def failed(error: str) -> None:
            if history is not None:
                history.forget_clean()
            self.cases.message.emit(error)
        return failed
