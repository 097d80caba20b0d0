"""A reader who changes their reading of a case the arbiter decided already is told, at their first such edit of the
case, that the change stays in their own reading: the consensus (and so the report and the exported labels) remains
the arbiter's decision, and the arbiter's list shows the case as revised since arbitration. Without it the change
was taken silently, and a reader correcting a grade they found wrong believed the consensus corrected."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotations.commands import Change
from annotations.document import CaseDocument
from annotations.history import History
from annotations.reading.disagreement import CaseState
from app.case_controller import CaseController

DECIDED = (CaseState.ARBITRATED, CaseState.REVISED_SINCE_ARBITRATION)
READING_KINDS = ("grade", "mask", "boxes", "patient")  # what two readings are compared on (the findings' text not)


class ArbitratedRevisionNote(QObject):
    message = Signal(str)

    def __init__(self, cases: CaseController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self._told: str | None = None  # the case told about since it was opened
        cases.case_opened.connect(self._opened)
        cases.document_changed.connect(self._changed)

    def _opened(self, doc: CaseDocument, _history: History) -> None:
        if doc.case_id != self._told:
            self._told = None

    def _changed(self, change: Change) -> None:
        cases, doc = self.cases, self.cases.doc
        if (change.kind not in READING_KINDS or doc is None or doc.case_id == self._told or not cases.double_reading
                or cases.holds_consensus or cases.listing.reading_states.get(doc.case_id) not in DECIDED):
            return
        self._told = doc.case_id
        self.message.emit(self.tr(
            "{image} was arbitrated already: this change stays in your own reading, and the consensus stays the "
            "arbiter's decision (their list shows the case as revised since arbitration)").format(
            image=cases.case_name(doc.case_id)))
