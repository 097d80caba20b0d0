"""Edits of the reader's grade, findings text, review state, patient details, modality and the stored AI result."""
from __future__ import annotations

import dataclasses

from annotations.commands.base import Change, ChangeKind, Command
from annotations.document import AIResult, CaseDocument, Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.graded_fields import UNGRADED_WITH, GradeField, field_value
from annotations.wording import join_items

_MISSING = object()


class _SetAttribute(Command):
    """Replace one document attribute; the old value is taken when first applied."""

    kind: ChangeKind = "grade"

    def __init__(self, value: object) -> None:
        self.value = value
        self.old: object = _MISSING

    def apply(self, doc: CaseDocument) -> list[Change]:
        if self.old is _MISSING:
            self.old = getattr(doc, self.attribute)
            self.describe(self.old)
        setattr(doc, self.attribute, self.value)
        return [Change(self.kind)]

    def revert(self, doc: CaseDocument) -> list[Change]:
        assert self.old is not _MISSING, "revert before apply"
        setattr(doc, self.attribute, self.old)
        return [Change(self.kind)]

    def describe(self, old: object) -> None:
        """Refine ``text`` now that the old value is known."""


class _TypedAttribute(_SetAttribute):
    """An attribute typed into a field, recorded at every pause in the typing: a later value of the same attribute
    joins the step (History.execute_joined), which undoes to the value before the first."""

    def merge(self, later: Command) -> bool:
        if not isinstance(later, type(self)):
            return False
        self.value = later.value
        self.describe(self.old)  # named by what the whole step changes
        return True

    @property
    def changed(self) -> bool:
        """False once later typing has brought the value back to what it was before the step."""
        return self.old is _MISSING or self.value != self.old


class SetGrade(_SetAttribute):
    attribute, kind = "grade", "grade"

    def __init__(self, grade: ReaderGrade) -> None:
        super().__init__(dataclasses.replace(grade))  # a copy: later edits of the caller's object stay out
        self.text = "Set grade"

    def describe(self, old: object) -> None:
        assert isinstance(old, ReaderGrade) and isinstance(self.value, ReaderGrade)
        # an ungradable reading's DR grade is its outcome (UNGRADABLE), and the fields it clears are not changes
        fields = [(field, label) for field, label in _GRADE_FIELDS
                  if not ((old.ungradable or self.value.ungradable) and field in _CLEARED_BY_UNGRADABLE)]
        changed = [(label, _recorded(self.value, field)) for field, label in fields
                   if _recorded(self.value, field) != _recorded(old, field)]
        if len(changed) == 1 and changed[0][1] is None:
            self.text = f"Clear {changed[0][0]}"
        elif changed:
            self.text = "Set " + join_items(f"{label} {_shown(value)}" for label, value in changed)


_GRADE_FIELDS = (("dr_grade", "DR grade"), ("dme_risk", "DME risk"), ("referable", "referable"),
                 ("oct_class", "OCT class"))
_CLEARED_BY_UNGRADABLE = tuple(field.name.lower() for field in UNGRADED_WITH)


def _recorded(grade: ReaderGrade, field: str) -> object:
    return field_value(grade, GradeField.DR_GRADE) if field == "dr_grade" else getattr(grade, field)


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class SetFindings(_TypedAttribute):
    attribute, kind = "findings_text", "findings"

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = "Edit findings"

    @property
    def nbytes(self) -> int:
        return 256 + 2 * len(str(self.value)) + (2 * len(self.old) if isinstance(self.old, str) else 0)


_REVIEW_TEXT = {ReviewState.TODO: "Mark case to do", ReviewState.IN_PROGRESS: "Mark case in progress",
                ReviewState.DONE: "Mark case done"}


class SetReviewState(_SetAttribute):
    attribute, kind = "review_state", "review"

    def __init__(self, state: ReviewState) -> None:
        super().__init__(ReviewState(state))
        self.text = _REVIEW_TEXT[ReviewState(state)]


class SetPatient(_TypedAttribute):
    """Named by the one field it changes, in the patient panel's words; one changing several: "Edit patient
    details"."""

    attribute, kind = "patient", "patient"

    def __init__(self, patient: PatientInfo) -> None:
        super().__init__(dataclasses.replace(patient))
        self.text = _PATIENT_DETAILS

    def apply(self, doc: CaseDocument) -> list[Change]:
        if self.old is _MISSING:
            return super().apply(doc)
        doc.patient = _moved(doc.patient, self.old, self.value)  # a redo
        return [Change(self.kind)]

    def revert(self, doc: CaseDocument) -> list[Change]:
        assert self.old is not _MISSING, "revert before apply"
        doc.patient = _moved(doc.patient, self.value, self.old)
        return [Change(self.kind)]

    def describe(self, old: object) -> None:
        assert isinstance(old, PatientInfo) and isinstance(self.value, PatientInfo)
        changed = {_NAMED_AS.get(field.name, field.name) for field in dataclasses.fields(PatientInfo)
                   if getattr(old, field.name) != getattr(self.value, field.name)}
        if changed & _PATIENT_DATES:
            changed.discard("age")  # the age a changed date gives (patients.edited_age) goes with it
        self.text = _PATIENT_FIELD_TEXT[changed.pop()] if len(changed) == 1 else _PATIENT_DETAILS


def _moved(patient: PatientInfo, start: PatientInfo, end: PatientInfo) -> PatientInfo:
    """``patient`` with each detail still as ``start`` has it set to ``end``'s. A detail changed since stays: the
    B-scans of an OCT volume share one patient but each has its own history (app.case_controller), and Ctrl+Z on one
    took the whole volume back to all it held before its step, a correction made since on another B-scan lost. Within
    one history the patient is ``start`` whole, so it becomes ``end`` whole."""
    return dataclasses.replace(patient, **{field.name: getattr(end, field.name) for field in dataclasses.fields(patient)
                                           if getattr(patient, field.name) == getattr(start, field.name)})


_PATIENT_DETAILS = "Edit patient details"
_PATIENT_FIELD_TEXT = {"patient_id": "Edit patient ID", "name": "Edit patient name", "age": "Edit age",
                       "birth_date": "Edit birth date", "sex": "Edit sex", "eye": "Edit eye",
                       "exam_date": "Edit exam date"}
_PATIENT_DATES = {"birth_date", "exam_date"}
_NAMED_AS = {"ideographic_name": "name"}  # one name field shows both forms (patients.shown_name)


class SetModality(_SetAttribute):
    """Record whether the case is a fundus photo or an OCT scan (the view, tools and analysis follow it)."""

    attribute, kind = "modality", "modality"

    def __init__(self, modality: Modality) -> None:
        super().__init__(Modality(modality))
        self.text = "Mark as OCT" if self.value is Modality.OCT else "Mark as fundus"


class SetAIResult(_SetAttribute):
    """Store a new AI result (after an analysis); the result's arrays are kept, not copied."""

    attribute, kind = "ai", "ai"

    def __init__(self, result: AIResult | None) -> None:
        super().__init__(result)
        self.text = "Set AI result" if result is not None else "Clear AI result"

    @property
    def nbytes(self) -> int:
        arrays = [getattr(result, name) for result in (self.value, self.old) if isinstance(result, AIResult)
                  for name in ("mask", "cam")]
        return 1024 + sum(array.nbytes for array in arrays if array is not None)
