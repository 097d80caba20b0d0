"""Which fields of the readers' grades a double-read case compares, by its kind (annotations.report_kind): a fundus
photo's DR grade, referable decision and DME risk; an OCT B-scan's OCT class. Telling a disagreement, the arbiter's
decision and the agreement figures all ask here, so an OCT case is never judged on a DR grade, nor a photo on an OCT
class."""
from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any, Iterable, Mapping, NamedTuple

from annotations.classes import is_referable, refers_oedema
from annotations.document import UNGRADABLE, ReaderGrade
from annotations.grading import top_oct_class, with_ungradable
from annotations.report_kind import ReportKind


class GradeField(str, Enum):
    """A compared field; its value is how a disagreement names it (annotations.reading.disagreement's reasons)."""

    DR_GRADE = "DR grade"
    REFERABLE = "referable"
    DME_RISK = "DME risk"
    OCT_CLASS = "OCT class"


FIELDS_BY_KIND: dict[ReportKind, tuple[GradeField, ...]] = {
    ReportKind.DR: (GradeField.DR_GRADE, GradeField.REFERABLE, GradeField.DME_RISK),
    ReportKind.OCT: (GradeField.OCT_CLASS,),
}
# The field that names a reading's grade in a record, a CSV cell or a list, by its kind: a photo's DR grade, an OCT
# scan's class (a DR grade left from before a case was marked OCT does not name it).
NAMING_FIELD: dict[ReportKind, GradeField] = {ReportKind.DR: GradeField.DR_GRADE, ReportKind.OCT: GradeField.OCT_CLASS}
# The fields an ungradable photo's reading has none of (with_ungradable), beside its DR grade's UNGRADABLE.
UNGRADED_WITH = (GradeField.REFERABLE, GradeField.DME_RISK)
# What the arbiter sets; the referable decision is not among them: it follows the DR grade (arbitrated_grade).
SETTLED_FIELDS = (GradeField.DR_GRADE, GradeField.DME_RISK, GradeField.OCT_CLASS)


class KindedGrade(NamedTuple):
    """A reader's grade with the kind of their reading (its recorded modality), which says what is compared."""

    grade: ReaderGrade
    kind: ReportKind


def compared_fields(kinds: Iterable[ReportKind]) -> tuple[GradeField, ...]:
    """The fields of every kind among the readings: where readers recorded different modalities, both kinds'
    fields count, so the photo reader's missing OCT class (and the OCT reader's missing DR grade) is a
    disagreement, not skipped."""
    present = set(kinds)
    return tuple(f for kind, fields in FIELDS_BY_KIND.items() if kind in present for f in fields)


def referable_decision(grade: ReaderGrade) -> bool | None:
    """The reader's referable flag, or the rule on their grade and DME risk when they did not set one; a risk of
    macular oedema refers whatever flag is stored (one stored before the risk counted said no beside it). None for a
    photo recorded ungradable: no decision on its signs (it is re-photographed)."""
    if grade.ungradable:
        return None
    if refers_oedema(grade.dme_risk):
        return True
    return grade.referable if grade.referable is not None else is_referable(grade.dr_grade, grade.dme_risk)


def field_value(grade: ReaderGrade, field: GradeField) -> Any:
    """The reading's value of ``field``; a photo recorded ungradable has UNGRADABLE for its DR grade, so readings
    compare, and records and cells name it, as an outcome of its own (never as a grade not recorded)."""
    if field is GradeField.REFERABLE:
        return referable_decision(grade)
    if field is GradeField.DR_GRADE and grade.ungradable:
        return UNGRADABLE
    return getattr(grade, field.name.lower())


def naming_value(grade: ReaderGrade, kind: ReportKind) -> int | str | None:
    """The value that names the grade of a reading of ``kind`` (NAMING_FIELD): a DR grade, or an OCT class's code."""
    return field_value(grade, NAMING_FIELD[kind])


def listed_oct_class(grade: KindedGrade) -> str | None:
    """The OCT class a case list shows for a reading: an OCT scan's, which names it (NAMING_FIELD); a photo is named
    by its DR grade, whatever OCT class it holds."""
    return grade.grade.oct_class if NAMING_FIELD[grade.kind] is GradeField.OCT_CLASS else None


def listed_ai_oct_class(oct_probs: Mapping[str, float] | None, kind: ReportKind) -> str | None:
    """The AI's OCT class a case list shows in its AI column for a case of ``kind``: an OCT scan's most probable
    (the class names the scan, NAMING_FIELD); None for a photo, named by its AI DR grade, or where the AI gave none."""
    return top_oct_class(oct_probs) if NAMING_FIELD[kind] is GradeField.OCT_CLASS else None


# A case list knows a case's kind only by the classes its index lists (listed_oct_class, listed_ai_oct_class; none
# for a photo): a case the reader or the AI classed is listed as an OCT scan and compared, filtered and shown by its
# classes, a DR grade left from before it was marked OCT naming nothing; any other case by its DR grades.
def listed_kind(reader_oct_class: str | None, ai_oct_class: str | None) -> ReportKind:
    """The kind a case list takes a case for, from the classes it lists for the reader and the AI."""
    return ReportKind.DR if reader_oct_class is None and ai_oct_class is None else ReportKind.OCT


def listed_dr_grade(dr_grade: int | None, ungradable: bool) -> int | str | None:
    """A listed photo's DR grade as field_value names it: UNGRADABLE for a photo the reader recorded ungradable."""
    return UNGRADABLE if ungradable else dr_grade


def listed_name(kind: ReportKind, dr_grade: int | str | None, oct_class: str | None) -> int | str | None:
    """What names one side's (the reader's, the AI's) grade of a listed case of ``kind`` (NAMING_FIELD)."""
    return oct_class if NAMING_FIELD[kind] is GradeField.OCT_CLASS else dr_grade


# The rules as SQL over the index's columns (each argument a column's SQL), so the case list filters and flags a big
# folder in the index; tests hold them to the rules above.
def listed_photo_sql(reader_oct_class: str, ai_oct_class: str) -> str:
    """Whether listed_kind is ReportKind.DR."""
    return f"({reader_oct_class} IS NULL AND {ai_oct_class} IS NULL)"


def listed_dr_grade_sql(dr_grade: str, ungradable: str) -> str:
    """listed_dr_grade (the index keeps the DR grade a number, and the reader's ungradable beside it)."""
    return f"(CASE WHEN {ungradable} THEN '{UNGRADABLE}' ELSE {dr_grade} END)"


def listed_name_sql(dr_grade: str, oct_class: str, reader_oct_class: str, ai_oct_class: str) -> str:
    """listed_name(listed_kind(reader_oct_class, ai_oct_class), dr_grade, oct_class)."""
    return f"(CASE WHEN {listed_photo_sql(reader_oct_class, ai_oct_class)} THEN {dr_grade} ELSE {oct_class} END)"


def named_grade(grade: ReaderGrade, kind: ReportKind) -> dict[str, int | str | None]:
    """naming_value keyed by its field's name, as a record stores it: ``{"dr_grade": 2}``, ``{"oct_class": "CNV"}``."""
    field = NAMING_FIELD[kind]
    return {field.name.lower(): field_value(grade, field)}


def settled_grade(grade: ReaderGrade, kind: ReportKind) -> dict[str, int | str | None]:
    """The fields an arbiter settles for a reading of ``kind`` (SETTLED_FIELDS), keyed by name as a consensus record
    keeps each reading's: ``{"dr_grade": 3, "dme_risk": 1}``, ``{"oct_class": "CNV"}``."""
    return {field.name.lower(): field_value(grade, field) for field in SETTLED_FIELDS if field in FIELDS_BY_KIND[kind]}


def grade_differences(a: KindedGrade, b: KindedGrade) -> list[str]:
    """The fields of the two readings' kinds must be equal; what differs, said for a person. Beside a reading of an
    ungradable photo only its DR grade (UNGRADABLE) is said: its referable decision and DME risk are none by it."""
    fields = compared_fields((a.kind, b.kind))
    if a.grade.ungradable or b.grade.ungradable:
        fields = tuple(field for field in fields if field not in UNGRADED_WITH)
    return [f"{field.value} {field_value(a.grade, field)} vs {field_value(b.grade, field)}"
            for field in fields if field_value(a.grade, field) != field_value(b.grade, field)]


def arbitrated_grade(chosen: ReaderGrade, settled: dict[GradeField, Any]) -> ReaderGrade:
    """The chosen reader's grade with the arbiter's values of ``settled`` (SETTLED_FIELDS); where the DR grade or
    DME risk changed, the reader's referable flag goes with them and the rule decides anew, stored as a grade
    picked in the findings panel is (with_dr_grade): the report and the CSV print the flag. A DR grade settled as
    UNGRADABLE records the photo ungradable (with_ungradable)."""
    if settled.get(GradeField.DR_GRADE) == UNGRADABLE:
        return with_ungradable(chosen)
    changes = {field.name.lower(): value for field, value in settled.items()}
    grade = dataclasses.replace(chosen, **changes, ungradable=False)
    if (grade.dr_grade, grade.dme_risk, grade.ungradable) != (chosen.dr_grade, chosen.dme_risk, chosen.ungradable):
        grade.referable = is_referable(grade.dr_grade, grade.dme_risk)
    return grade
