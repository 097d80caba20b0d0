"""An arbiter's decision as one step of the case's history (Ctrl+Z takes it back, Ctrl+Shift+Z makes it again).

The decision is stored when made (consensus.arbitrate); the step holds the consensus as the store held it before and
after (the case's document and its consensus record), so undoing puts the earlier one back in the document and in the
store, and redoing the decision. The store is written through ``store``, which the window gives (its storage queue):
the step runs on the history's thread and does not write files itself.
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from annotations.commands.base import Change, Command
from annotations.document import CaseDocument
from annotations.reading.consensus import consensus_record
from annotations.workspace.workspace import Workspace

DECISION_STEP = "Arbitrate case"  # the step's name (widgets.history_panel shows it translated)
_SAME_IMAGE = {"case_id", "image_path", "width", "height"}  # what a decision never changes
_CHANGES = ("mask", "boxes", "grade", "findings", "review", "patient", "ai", "modality")


@dataclass(frozen=True)
class StoredConsensus:
    """What the consensus store holds of one case: its document and its consensus record (None: no record)."""

    doc: CaseDocument
    record: dict[str, Any] | None


def stored_consensus(consensus: Workspace, case_id: str) -> StoredConsensus:
    """The case as the consensus store holds it, read as the arbiter's window opens it (a case it holds no files of:
    a fresh document)."""
    return StoredConsensus(consensus.load_case(case_id), consensus_record(consensus.folder, case_id))


class DecisionStep(Command):
    """Replace the document by the decision (``after``) and back (``before``). Applied first on a document that
    equals ``before`` just after the decision was stored; every later undo and redo hands the consensus it puts in
    the document to ``store`` (with whether it is the decision undone) to be stored too."""

    def __init__(self, before: StoredConsensus, after: StoredConsensus,
                 store: Callable[[StoredConsensus, bool], None]) -> None:
        self.text = DECISION_STEP
        self.before, self.after = before, after
        self._store = store
        self._applied = False  # the first apply follows the decision, which is stored already

    def apply(self, doc: CaseDocument) -> list[Change]:
        if self._applied:
            self._store(self.after, False)
        self._applied = True
        return _take_over(doc, self.after.doc)

    def revert(self, doc: CaseDocument) -> list[Change]:
        self._store(self.before, True)
        return _take_over(doc, self.before.doc)

    @property
    def nbytes(self) -> int:
        return 1024 + self.before.doc.mask.nbytes + self.after.doc.mask.nbytes


def _take_over(doc: CaseDocument, source: CaseDocument) -> list[Change]:
    """``doc`` becomes a copy of ``source``; the mask and the box list change in place (the canvas holds them)."""
    for field in dataclasses.fields(CaseDocument):
        if field.name in _SAME_IMAGE:
            continue
        value = copy.deepcopy(getattr(source, field.name))
        if field.name == "mask":
            doc.mask[...] = value
        elif field.name == "boxes":
            doc.boxes[:] = value
        else:
            setattr(doc, field.name, value)
    return [Change(kind, (0, doc.height, 0, doc.width) if kind == "mask" else None) for kind in _CHANGES]
