"""The grade a report acts on: the reader's where recorded, else the AI's unless its quality check found the image
not gradable (a grade the models give an ungradable image must not stand). One rule for a case's DR grade and OCT
class (the report's follow-up and its "Based on": app.report) and for a volume's saved B-scans
(annotations.volume_severity), so the report's follow-up and its warning of a severer B-scan read a volume alike."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.document import CaseDocument
from annotations.grading import ai_oct_class, image_gradable


@dataclass(frozen=True)
class EffectiveGrade:
    grade: int | str | None  # a DR grade; an OCT case's class (effective_oct_class)
    source: str  # "reader", "AI" or "" when none
    gradable: bool = True

    @property
    def oct_class(self) -> str | None:
        """``grade`` as an OCT class (effective_oct_class's); None for none."""
        return self.grade if isinstance(self.grade, str) else None


def reader_else_ai(recorded: int | str | None, ai_value: int | str | None, ai_gradable: bool = True) -> EffectiveGrade:
    """The one rule: ``recorded`` (the reader's) when there is one, else ``ai_value`` (the AI's; None where it gave
    none or did not look) unless ``ai_gradable`` is False."""
    if recorded is not None:
        return EffectiveGrade(recorded, "reader")
    if not ai_gradable:
        return EffectiveGrade(None, "AI", gradable=False)
    return EffectiveGrade(ai_value, "AI" if ai_value is not None else "")


def effective_grade(doc: CaseDocument) -> EffectiveGrade:
    """The DR grade a report acts on (reader_else_ai); a photo the reader recorded ungradable has none, not gradable,
    and is followed up as one the AI's quality check found so."""
    if doc.grade.ungradable:
        return EffectiveGrade(None, "reader", gradable=False)
    ai = doc.ai
    return reader_else_ai(doc.grade.dr_grade, ai.dr_grade if ai is not None else None,
                          ai is None or image_gradable(ai))


def effective_oct_class(doc: CaseDocument) -> EffectiveGrade:
    """The OCT class a report acts on (as its ``grade``; reader_else_ai)."""
    return reader_else_ai(doc.grade.oct_class, ai_oct_class(doc.ai), doc.ai is None or image_gradable(doc.ai))
