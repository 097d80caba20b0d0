"""The patient section in the main window: shows the open case's patient with the eye the AI suggests and the
patient's other cases (linked by patient ID), and records edits through the case's history (undoable)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from annotations.commands import Change
from annotations.document import CaseDocument
from annotations.patients import case_with_eye, suggested_eye
from app.case_controller import CaseController
from app.settings import Settings
from widgets.patient_panel import PatientPanel


class PatientController(QObject):
    def __init__(self, cases: CaseController, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.panel = PatientPanel()
        self.panel.set_expanded(settings.patient_details_shown())  # shown or folded as the reader left them
        self.panel.expanded_changed.connect(settings.save_patient_details_shown)
        self.panel.patient_edited.connect(cases.edits.type_patient)
        self.panel.typing_ended.connect(cases.edits.end_typing)
        self.panel.patient_picked.connect(cases.edits.set_patient)
        cases.case_opened.connect(lambda doc, history: self.refresh())
        cases.case_loading.connect(lambda _case_id: self.refresh())  # no patient shown while the case is read
        # a file refused for its encoding: the patient its header names, not to edit (there is no case to record it)
        cases.case_failed.connect(lambda case_id, message: self.panel.show_patient(cases.open_patient,
                                                                                   editable=False))
        cases.workspace_closed.connect(lambda: self.panel.show_patient(None))
        cases.document_changed.connect(self._on_change)
        cases.typing_due.connect(self.panel.commit_pending)

    def refresh(self, same_case: bool = False) -> None:
        doc = self.cases.doc
        if doc is None:
            self.panel.show_patient(None)
            return
        self.panel.show_patient(doc.patient, suggested_eye(doc.ai, doc.width), self.other_cases(doc), same_case)

    def other_cases(self, doc: CaseDocument) -> list[str]:
        """"b.png OS (left eye)" for each other case with the same patient ID."""
        return [case_with_eye(summary.file_name, summary.case_eye, QCoreApplication.translate)
                for summary in self.cases.rows.same_patient(doc)]

    def _on_change(self, change: Change) -> None:
        if change.kind == "patient":
            self.refresh(same_case=True)
        elif change.kind == "ai" and self.cases.doc is not None:  # only the eye hint: a name may be half typed
            self.panel.show_suggested_eye(suggested_eye(self.cases.doc.ai, self.cases.doc.width))
