"""Checks that flag a case in the list: a reader's grade that contradicts the reader's own lesions, and an AI grade
(an OCT scan's class) that disagrees with the reader's. Plain functions over what the case index keeps, so every
case is checked without opening it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from annotations.document import CaseDocument, ReviewState
from annotations.graded_fields import (listed_dr_grade_sql, listed_kind, listed_name, listed_name_sql,
                                      listed_photo_sql)
from annotations.render import drawn_classes
from annotations.report_kind import ReportKind
from annotations.wording import join_items

NO_DR = 0


def reader_lesion_names(doc: CaseDocument) -> list[str]:
    """Lesion classes (MA, HE, EX, SE) the reader painted or boxed in ``doc``, in class order."""
    return [cls.name for cls in drawn_classes(doc.mask, (box for box in doc.boxes if box.source != "ai"))]


GRADE_0_WITH_LESIONS = "grade 0 with lesions"
GRADES_DIFFER = "grades differ"


@dataclass(frozen=True)
class CaseFlag:
    """One inconsistency, as data: ``text`` says it in English; the interface says it in its own language."""

    kind: str  # GRADE_0_WITH_LESIONS or GRADES_DIFFER
    done: bool = False  # the case is marked done (GRADE_0_WITH_LESIONS)
    lesions: tuple[str, ...] = ()  # the reader's lesion classes (GRADE_0_WITH_LESIONS)
    ai_grade: int | str | None = None  # GRADES_DIFFER: the AI's DR grade, or an OCT scan's class (case_kind)
    reader_grade: int | str | None = None  # GRADES_DIFFER: the reader's, as ai_grade
    case_kind: ReportKind = ReportKind.DR  # GRADES_DIFFER: what was compared (graded_fields.listed_kind)

    @property
    def text(self) -> str:
        if self.kind == GRADES_DIFFER:
            what = "OCT class" if self.case_kind is ReportKind.OCT else "grade"
            return f"AI {what} {self.ai_grade} differs from reader {what} {self.reader_grade}"
        done = "marked done with " if self.done else ""
        return f"{done}grade 0 (no DR) but {join_items(self.lesions)} painted or boxed"


def case_flags(review_state: ReviewState, reader_grade: int | str | None, ai_grade: int | str | None,
               reader_lesions: Iterable[str], reader_oct_class: str | None = None,
               ai_oct_class: str | None = None) -> list[CaseFlag]:
    """One flag per inconsistency; empty when the case looks coherent. A case listed as an OCT scan
    (graded_fields.listed_kind) is compared by its classes; a DR grade it holds from before names nothing.
    ``reader_grade``, ``ai_grade``: as graded_fields.listed_dr_grade names them (UNGRADABLE: the reader recorded the
    photo ungradable, or the AI's quality check found it not gradable), so a U differs from any grade, not from a U."""
    flags = []
    lesions = tuple(reader_lesions)
    kind = listed_kind(reader_oct_class, ai_oct_class)
    if kind is ReportKind.DR and reader_grade == NO_DR and lesions:
        flags.append(CaseFlag(GRADE_0_WITH_LESIONS, done=review_state is ReviewState.DONE, lesions=lesions))
    reader, ai = listed_name(kind, reader_grade, reader_oct_class), listed_name(kind, ai_grade, ai_oct_class)
    if None not in (reader, ai) and reader != ai:
        flags.append(CaseFlag(GRADES_DIFFER, ai_grade=ai, reader_grade=reader, case_kind=kind))
    return flags


# The same two checks as SQL expressions over the index's columns (how many flags a case has), so the case list
# of a big folder filters and sorts by them in the index; a test holds them to case_flags.
def grades_differ_sql(reader: str, ai: str) -> str:
    """Whether the two sides' listed names (listed_name_sql) differ as case_flags compares them."""
    return f"({reader} IS NOT NULL AND {ai} IS NOT NULL AND {reader} != {ai})"


def flag_count_sql(ai_grade: str = listed_dr_grade_sql("ai_grade", "ai_ungradable"),
                   ai_oct_class: str = "ai_oct_class",
                   reader_grade: str = listed_dr_grade_sql("reader_grade", "reader_ungradable"),
                   reader_oct_class: str = "reader_oct_class") -> str:
    """``ai_grade``, ``ai_oct_class``: the SQL of the AI's grade (graded_fields.listed_dr_grade_sql) and class the
    reader may see (none before they submit under blind AI); ``reader_grade``, ``reader_oct_class``: of the reader's
    grade and class the list shows (the arbiter's: none for a case whose readers disagree,
    annotations.reading.arbiter_list)."""
    reader = listed_name_sql(reader_grade, reader_oct_class, reader_oct_class, ai_oct_class)
    ai = listed_name_sql(ai_grade, ai_oct_class, reader_oct_class, ai_oct_class)
    photo = listed_photo_sql(reader_oct_class, ai_oct_class)
    # IS, not =: an ungraded case counts 0 flags, not NULL (which sorted before every case without flags)
    return (f"(({photo} AND {reader_grade} IS {NO_DR} AND COALESCE(reader_lesions, '') != '') "
            f"+ {grades_differ_sql(reader, ai)})")


FLAG_COUNT_SQL = flag_count_sql()
