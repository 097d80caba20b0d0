"""The reader's grade: a DR grade or DME risk picked (the referable flag follows them), the AI's grade taken as the
reader's, and whether that would replace a grade the reader set themselves."""
from __future__ import annotations

import dataclasses
from typing import Mapping, NamedTuple

from annotations.classes import is_referable
from annotations.document import UNGRADABLE, AIResult, ReaderGrade


def with_dr_grade(grade: ReaderGrade, dr_grade: int | None) -> ReaderGrade:
    """``grade`` with the reader's DR grade set; a changed grade sets the referable flag by the rule (is_referable:
    the grade and the DME risk)."""
    return _with_graded(grade, dr_grade, grade.dme_risk)


def with_dme_risk(grade: ReaderGrade, dme_risk: int | None) -> ReaderGrade:
    """``grade`` with the reader's DME risk set; a changed risk sets the referable flag by the rule: a grade 1 eye
    with exudates was printed "Referable: no" beside "Refer to an ophthalmologist (possible macular oedema)"."""
    return _with_graded(grade, grade.dr_grade, dme_risk)


def with_ungradable(grade: ReaderGrade) -> ReaderGrade:
    """``grade`` recorded as ungradable: no DR grade, DME risk nor referable flag stands beside it (the photo is
    referred for re-photographing, as the report recommends for a photo the AI found not gradable)."""
    return dataclasses.replace(grade, dr_grade=None, dme_risk=None, referable=None, ungradable=True)


def _with_graded(grade: ReaderGrade, dr_grade: int | None, dme_risk: int | None) -> ReaderGrade:
    if (dr_grade, dme_risk) == (grade.dr_grade, grade.dme_risk) and not grade.ungradable:
        return grade  # a referable flag the reader's import set stands
    return dataclasses.replace(grade, dr_grade=dr_grade, dme_risk=dme_risk, referable=is_referable(dr_grade, dme_risk),
                               ungradable=False)


class ReplacedValue(NamedTuple):
    """A value of the reader's grade that another grade changes; the window words it in its language."""

    field: str  # "dr_grade" or "oct_class"
    before: int | str
    after: int | str | None


def image_gradable(ai: AIResult) -> bool:
    """Whether the image the AI looked at is gradable: False only where its quality check said not (one not assessed
    counts as gradable). The models grade an ungradable image all the same; a grade from one must not stand."""
    return ai.quality.get("gradable", True) is not False


def ai_oct_class(ai: AIResult | None) -> str | None:
    """The AI's OCT class: its most probable; None where it gave no OCT probabilities."""
    return top_oct_class(ai.oct_probs) if ai is not None else None


def top_oct_class(oct_probs: Mapping[str, float] | None) -> str | None:
    """The most probable of the AI's OCT probabilities (as a result or its saved JSON holds them); None for none."""
    return max(oct_probs, key=oct_probs.__getitem__) if oct_probs else None


# Why the AI's grade cannot be taken as the reader's (why_no_ai_grade); the window words them in its language.
NOT_ANALYSED, NO_AI_GRADE, NOT_GRADABLE = "not analysed", "no AI grade", "not gradable"


def why_no_ai_grade(ai: AIResult | None, oct_scan: bool) -> str | None:
    """Why the AI's DR grade (an OCT scan: its class) cannot be accepted as the reader's, None when it can: the case
    was not analysed (or its analysis failed), the AI gave no grade, or its quality check found the image not
    gradable (a grade the models give an ungradable image must not stand)."""
    if ai is None:
        return NOT_ANALYSED
    if (ai_oct_class(ai) if oct_scan else ai.dr_grade) is None:
        return NO_AI_GRADE
    return None if image_gradable(ai) else NOT_GRADABLE


def grade_from_ai(grade: ReaderGrade, ai: AIResult | None, oct_scan: bool) -> ReaderGrade | None:
    """``grade`` with the AI's DR grade (or its OCT class) copied in; None when it cannot be taken
    (why_no_ai_grade). The referable flag follows the grade (and the reader's DME risk), as for a grade the reader
    types: the
    AI's own referable call (a model's, or signs beside the grade) stays the AI's, so that two readers who record
    the same grade, one by typing it and one by accepting it, agree."""
    if ai is None or why_no_ai_grade(ai, oct_scan) is not None:
        return None
    if oct_scan:
        return dataclasses.replace(grade, oct_class=ai_oct_class(ai))
    assert ai.dr_grade is not None  # why_no_ai_grade
    return dataclasses.replace(grade, dr_grade=ai.dr_grade, referable=is_referable(ai.dr_grade, grade.dme_risk),
                               ungradable=False)


def replaced_reader_values(old: ReaderGrade, new: ReaderGrade) -> list[ReplacedValue]:
    """Each value the reader had recorded that ``new`` changes (empty: nothing is lost).

    Only the grade itself counts (a photo recorded ungradable: UNGRADABLE, in the DR grade's place): the referable
    flag follows the grade and is not a judgement of its own."""
    replaced = []
    for field in ("dr_grade", "oct_class"):
        before, after = _recorded(old, field), _recorded(new, field)
        if before is not None and before != after:
            replaced.append(ReplacedValue(field, before, after))
    return replaced


def _recorded(grade: ReaderGrade, field: str) -> int | str | None:
    return UNGRADABLE if field == "dr_grade" and grade.ungradable else getattr(grade, field)
