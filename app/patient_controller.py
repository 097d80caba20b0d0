"""The patient section in the main window: shows the open case's patient with the eye the AI suggests and the
patient's other cases (linked by patient ID), and records edits through the case's history (undoable)."""
from __future__ import annotations

from PySide6.QtCore import QObject

from annotations.commands import Change
from annotations.document import CaseDocument
from annotations.frames import listed_case_id
from annotations.patients import same_patient, suggested_eye
from app.case_controller import CaseController
from widgets.patient_panel import PatientPanel


class PatientController(QObject):
    def __init__(self, cases: CaseController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.panel = PatientPanel()
        self.panel.patient_edited.connect(cases.set_patient)
        cases.case_opened.connect(lambda doc, history: self.refresh())
        cases.case_failed.connect(lambda case_id, message: self.panel.show_patient(None))
        cases.workspace_closed.connect(lambda: self.panel.show_patient(None))
        cases.document_changed.connect(self._on_change)
        cases.about_to_save.connect(self.panel.commit_pending)

    def refresh(self) -> None:
        doc = self.cases.doc
        if doc is None:
            self.panel.show_patient(None)
            return
        self.panel.show_patient(doc.patient, suggested_eye(doc.ai, doc.width), self.other_cases(doc))

    def other_cases(self, doc: CaseDocument) -> list[str]:
        """"b.png OS" for each other case with the same patient ID."""
        summaries = self.cases.summaries
        shown = listed_case_id(doc.case_id)  # a B-scan's own volume is not another case of the patient
        pairs = [(s.case_id, s.patient_id) for s in summaries.values() if s.case_id != shown]
        return [" ".join(part for part in (summaries[case_id].image_path.rsplit("/", 1)[-1],
                                            summaries[case_id].eye) if part)
                for case_id in same_patient(doc.patient.patient_id, pairs)]

    def _on_change(self, change: Change) -> None:
        if change.kind in ("patient", "ai"):
            self.refresh()
