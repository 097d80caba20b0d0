"""The reader's own reading of the open case: grade, findings, patient and review state, each an undoable step of
the case's history (CaseController.execute); an unchanged value adds no step. Accepting the AI's grade asks first
(CaseController.confirm) when it would replace a grade the reader set. What is typed into a field (the findings, a
patient detail), recorded at every pause in the typing, is one step until the field or the case is left
(``end_typing``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject

from annotations.commands import Command, SetFindings, SetGrade, SetPatient, SetReviewState
from annotations.document import Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.grading import grade_from_ai, replaced_reader_values, with_dme_risk, with_dr_grade, with_ungradable
from widgets.clinical_terms import oct_class_name
from widgets.shown_lists import shown_items

if TYPE_CHECKING:
    from app.case_controller import CaseController


class CaseEdits(QObject):
    def __init__(self, cases: "CaseController") -> None:
        super().__init__(cases)
        self.cases = cases
        self._typing: Command | None = None  # the step the field being typed in is recorded in

    def set_grade(self, grade: ReaderGrade) -> None:
        self._set("grade", grade, SetGrade)

    def set_dr_grade(self, dr_grade: int) -> None:
        """The reader's DR grade from the keyboard (Case menu); an OCT scan has none."""
        doc = self.cases.doc
        if doc is not None and self.cases.modality is not Modality.OCT:
            self.set_grade(with_dr_grade(doc.grade, dr_grade))

    def set_ungradable(self) -> None:
        """The reader's outcome from the keyboard (Case menu): the photo cannot be graded; an OCT scan has none."""
        doc = self.cases.doc
        if doc is not None and self.cases.modality is not Modality.OCT:
            self.set_grade(with_ungradable(doc.grade))

    def set_dme_risk(self, dme_risk: int) -> None:
        """The reader's DME risk from the keyboard (Case menu); an OCT scan has none."""
        doc = self.cases.doc
        if doc is not None and self.cases.modality is not Modality.OCT:
            self.set_grade(with_dme_risk(doc.grade, dme_risk))

    def set_findings(self, text: str) -> None:
        """The findings set at once: a step of their own (typed ones: ``type_findings``)."""
        self._set("findings_text", text, SetFindings)

    def set_patient(self, patient: PatientInfo) -> None:
        """The patient details set at once (a sex or eye picked): a step of their own."""
        self._set("patient", patient, SetPatient)

    def type_findings(self, text: str) -> None:
        """The findings as typed so far: they join the step of the typing until ``end_typing``."""
        self._type("findings_text", text, SetFindings)

    def type_patient(self, patient: PatientInfo) -> None:
        """The patient details as typed so far: they join the step of the typing until ``end_typing``."""
        self._type("patient", patient, SetPatient)

    def end_typing(self) -> None:
        """The field typed in was left, or the case (CaseController._close_case): what is typed next is a step of
        its own, never one of a history no longer open."""
        self._typing = None

    def set_review_state(self, state: ReviewState) -> None:
        """Done submits the case, picked in the Review box as by Ctrl+Enter: saved at once, as its grade then is the
        one first submitted, kept before the AI a blind reader's submission shows can change it."""
        self._set("review_state", state, SetReviewState)
        if state is ReviewState.DONE:
            self.cases.save(wait=False)

    def _set(self, field: str, value: object, command: Callable[[Any], Command]) -> None:
        doc = self.cases.doc
        if doc is not None and value != getattr(doc, field):
            self.cases.execute(command(value))

    def _type(self, field: str, value: object, command: Callable[[Any], Command]) -> None:
        cases = self.cases
        if cases.doc is not None and cases.history is not None and value != getattr(cases.doc, field):
            self._typing = cases.history.execute_joined(command(value), self._typing)

    def accept_ai_grade(self) -> bool:
        """Copy the AI's DR grade (or OCT class) into the reader's grade; False when there is none, or when it
        would replace a grade the reader set and ``confirm`` says no."""
        cases = self.cases
        if cases.doc is None:
            return False
        grade = grade_from_ai(cases.doc.grade, cases.doc.ai, cases.modality is Modality.OCT)
        if grade is None:
            return False
        replaced = replaced_reader_values(cases.doc.grade, grade)
        changes = {"dr_grade": self.tr("DR grade {before} → {after}"),
                   "oct_class": self.tr("OCT class {before} → {after}")}
        named = {"dr_grade": str, "oct_class": oct_class_name}  # a class by its name, as the findings panel shows it
        values = shown_items(changes[value.field].format(before=named[value.field](value.before),
                                                         after=named[value.field](value.after)) for value in replaced)
        question = self.tr("You graded this case yourself. Accepting the AI grade changes {values}.\n\n"
                           "Replace your grade with the AI's?").format(values=values)
        if replaced and not cases.confirm(self.tr("Replace your grade?"), question):
            return False
        self.set_grade(grade)
        return True

    def mark_done(self) -> None:
        """Submit the case: done, and saved without waiting for the disk (set_review_state)."""
        self.set_review_state(ReviewState.DONE)
