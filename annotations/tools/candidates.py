"""Review of the AI's lesion candidates one at a time: accept into the reader's mask, or reject as a false
positive (kept in CaseDocument.rejected_candidates for retraining). Both are ordinary undoable history steps.

A candidate is a connected component of one class in the AI mask. Whether it is accepted or rejected is read
from the document each time, never stored here, so undo and redo are reflected without bookkeeping.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.commands import Change, Command, FillRegion
from annotations.document import Box, CaseDocument
from annotations.history import History
from annotations.raster import Bounds, Region
from annotations.tools.components import find_components
from annotations.tools.context import ProbabilitySource

ORDERS = ("largest", "uncertain")
PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


@dataclass(frozen=True)
class Candidate:
    cls: LesionClass
    region: Region  # cropped to the component
    area: int
    certainty: float | None  # mean AI probability over the component; None without probability maps

    @property
    def bounds(self) -> Bounds:
        return self.region.bounds

    def box(self) -> Box:
        y0, y1, x0, x1 = self.bounds
        score = None if self.certainty is None else round(self.certainty, 4)
        return Box(self.cls, x0, y0, x1 - 1, y1 - 1, score=score, source="ai")


class RejectCandidate(Command):
    """Remember an AI candidate as a false positive."""

    def __init__(self, box: Box) -> None:
        self.box = box
        self.text = f"Reject AI {box.label.name} candidate"

    def apply(self, doc: CaseDocument) -> list[Change]:
        doc.rejected_candidates.append(self.box)
        return [Change("review")]

    def revert(self, doc: CaseDocument) -> list[Change]:
        doc.rejected_candidates.remove(self.box)
        return [Change("review")]


def find_candidates(doc: CaseDocument, order: str = "largest", classes: Iterable[LesionClass] = LESION_CLASSES,
                    probability: ProbabilitySource | None = None, min_area: int = 1) -> list[Candidate]:
    """The AI mask's components, largest first or least certain (lowest mean probability) first.

    Without probability maps every certainty is None and "uncertain" puts the smallest first: small
    candidates are the ones a detector most often gets wrong.
    """
    if order not in ORDERS:
        raise ValueError(f"unknown candidate order {order!r}; choose one of {', '.join(ORDERS)}")
    ai = doc.ai
    if ai is None or ai.mask is None:
        return []
    if ai.mask.shape != doc.mask.shape:
        raise ValueError(f"AI mask {ai.mask.shape} does not match case {doc.case_id} {doc.mask.shape}; "
                         "run the analysis again")
    found = []
    for cls in classes:
        maps = probability(cls) if probability is not None else None
        for component in find_components((ai.mask & cls.bit) != 0, min_area=min_area):
            region = component.region()
            certainty = None
            if maps is not None:
                y0, y1, x0, x1 = region.bounds
                certainty = float(np.asarray(maps[y0:y1, x0:x1], dtype=np.float32)[region.mask].mean())
            found.append(Candidate(cls, region, component.area, certainty))
    if order == "largest":
        found.sort(key=lambda c: -c.area)
    else:
        found.sort(key=lambda c: (c.certainty if c.certainty is not None else 2.0, c.area))
    return found


class CandidateReview:
    """Step through candidates: ``current``, ``accept()``, ``reject()``, ``skip()``, ``back()``."""

    def __init__(self, history: History, candidates: list[Candidate]) -> None:
        self.history = history
        self.candidates = candidates
        self.index = 0
        if candidates and self.status(candidates[0]) != PENDING:
            self.skip()

    @property
    def current(self) -> Candidate | None:
        return self.candidates[self.index] if 0 <= self.index < len(self.candidates) else None

    def status(self, candidate: Candidate) -> str:
        doc = self.history.doc
        y0, y1, x0, x1 = candidate.bounds
        if np.all(doc.mask[y0:y1, x0:x1][candidate.region.mask] & candidate.cls.bit):
            return ACCEPTED
        box = candidate.box()
        if any(r.label == box.label and r.coords() == box.coords() for r in doc.rejected_candidates):
            return REJECTED
        return PENDING

    @property
    def remaining(self) -> int:
        return sum(self.status(c) == PENDING for c in self.candidates)

    def accept(self) -> bool:
        """Put the current candidate into the reader's mask and go to the next pending one."""
        candidate = self.current
        if candidate is None:
            return False
        if self.status(candidate) != ACCEPTED:
            self.history.execute(FillRegion(candidate.cls, candidate.region,
                                            text=f"Accept AI {candidate.cls.name} candidate"))
        self.skip()
        return True

    def reject(self) -> bool:
        """Remember the current candidate as a false positive and go to the next pending one."""
        candidate = self.current
        if candidate is None:
            return False
        if self.status(candidate) == PENDING:
            self.history.execute(RejectCandidate(candidate.box()))
        self.skip()
        return True

    def skip(self) -> Candidate | None:
        """The next pending candidate after the current one (wrapping round); None when all are decided."""
        return self._step(+1)

    def back(self) -> Candidate | None:
        """The previous candidate, whatever its status (to look again at a decision)."""
        if self.candidates:
            self.index = (max(self.index, 0) - 1) % len(self.candidates)
        return self.current

    def _step(self, step: int) -> Candidate | None:
        count = len(self.candidates)
        for offset in range(1, count + 1):
            index = (self.index + step * offset) % count
            if self.status(self.candidates[index]) == PENDING:
                self.index = index
                return self.current
        self.index = -1 if count else 0
        return None
