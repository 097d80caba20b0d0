"""Checks that flag a case in the list: a reader's grade that contradicts the reader's own lesions, and an AI grade
that disagrees with the reader's. Plain functions over what the case index keeps, so every case is checked
without opening it."""
from __future__ import annotations

from typing import Iterable

import numpy as np

from annotations.classes import LESION_CLASSES
from annotations.document import CaseDocument, ReviewState

NO_DR = 0


def reader_lesion_names(doc: CaseDocument) -> list[str]:
    """Lesion classes (MA, HE, EX, SE) the reader painted or boxed in ``doc``, in class order."""
    painted = int(np.bitwise_or.reduce(doc.mask, axis=None)) if doc.mask.size else 0
    boxed = {box.label for box in doc.boxes if box.source != "ai"}
    return [cls.name for cls in LESION_CLASSES if painted & cls.bit or cls in boxed]


def case_flags(review_state: ReviewState, reader_grade: int | None, ai_grade: int | None,
               reader_lesions: Iterable[str]) -> list[str]:
    """Short texts, one per inconsistency; empty when the case looks coherent."""
    flags = []
    lesions = list(reader_lesions)
    if reader_grade == NO_DR and lesions:
        done = "marked done with " if review_state is ReviewState.DONE else ""
        flags.append(f"{done}grade 0 (no DR) but {', '.join(lesions)} painted or boxed")
    if None not in (reader_grade, ai_grade) and reader_grade != ai_grade:
        flags.append(f"AI grade {ai_grade} differs from reader grade {reader_grade}")
    return flags
