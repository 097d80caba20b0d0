"""Checks that flag a case in the list: a reader's grade that contradicts the reader's own lesions, and an AI grade
that disagrees with the reader's. Plain functions over what the case index keeps, so every case is checked
without opening it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

from annotations.classes import LESION_CLASSES
from annotations.document import CaseDocument, ReviewState
from annotations.wording import join_items

NO_DR = 0


def reader_lesion_names(doc: CaseDocument) -> list[str]:
    """Lesion classes (MA, HE, EX, SE) the reader painted or boxed in ``doc``, in class order."""
    painted = int(np.bitwise_or.reduce(doc.mask, axis=None)) if doc.mask.size else 0
    boxed = {box.label for box in doc.boxes if box.source != "ai"}
    return [cls.name for cls in LESION_CLASSES if painted & cls.bit or cls in boxed]


GRADE_0_WITH_LESIONS = "grade 0 with lesions"
GRADES_DIFFER = "grades differ"


@dataclass(frozen=True)
class CaseFlag:
    """One inconsistency, as data: ``text`` says it in English; the interface says it in its own language."""

    kind: str  # GRADE_0_WITH_LESIONS or GRADES_DIFFER
    done: bool = False  # the case is marked done (GRADE_0_WITH_LESIONS)
    lesions: tuple[str, ...] = ()  # the reader's lesion classes (GRADE_0_WITH_LESIONS)
    ai_grade: int | None = None  # GRADES_DIFFER
    reader_grade: int | None = None  # GRADES_DIFFER

    @property
    def text(self) -> str:
        if self.kind == GRADES_DIFFER:
            return f"AI grade {self.ai_grade} differs from reader grade {self.reader_grade}"
        done = "marked done with " if self.done else ""
        return f"{done}grade 0 (no DR) but {join_items(self.lesions)} painted or boxed"


def case_flags(review_state: ReviewState, reader_grade: int | None, ai_grade: int | None,
               reader_lesions: Iterable[str]) -> list[CaseFlag]:
    """One flag per inconsistency; empty when the case looks coherent."""
    flags = []
    lesions = tuple(reader_lesions)
    if reader_grade == NO_DR and lesions:
        flags.append(CaseFlag(GRADE_0_WITH_LESIONS, done=review_state is ReviewState.DONE, lesions=lesions))
    if None not in (reader_grade, ai_grade) and reader_grade != ai_grade:
        flags.append(CaseFlag(GRADES_DIFFER, ai_grade=ai_grade, reader_grade=reader_grade))
    return flags


# The same two checks as an SQL expression over the index's columns (how many flags a case has), so the case list
# of a big folder filters and sorts by them in the index; a test holds it to case_flags.
def flag_count_sql(ai_grade: str = "ai_grade") -> str:
    """``ai_grade``: the SQL of the AI grade the reader may see (none before they submit under blind AI)."""
    return (f"((reader_grade = {NO_DR} AND COALESCE(reader_lesions, '') != '') "
            f"+ (reader_grade IS NOT NULL AND {ai_grade} IS NOT NULL AND reader_grade != {ai_grade}))")


FLAG_COUNT_SQL = flag_count_sql()
