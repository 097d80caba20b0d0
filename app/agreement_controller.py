"""Analysis > Reader agreement: computes the open folder's agreement figures on a background worker and shows
them in widgets.agreement_dialog (the same figures as ``retina-review agreement``)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.case_controller import CaseController
from app.tasks import Task, TaskRunner, WorkerState
from inference.agreement import folder_agreement
from widgets.agreement_dialog import AgreementDialog
from widgets.domain_messages import shown_message


def _compute(folder: Path, state: WorkerState) -> dict:
    return folder_agreement(folder, None, state)


class AgreementController(QObject):
    message = Signal(str)
    dialog_shown = Signal(object)  # the AgreementDialog

    def __init__(self, cases: CaseController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.parent_widget = parent
        self.runner = TaskRunner("agreement", self)
        self.dialog: AgreementDialog | None = None

    def open_dialog(self) -> Task | None:
        """Start computing for the open folder; the dialog opens when the figures are ready."""
        workspace = self.cases.workspace
        if workspace is None:
            self.message.emit(self.tr("Open a folder first: agreement compares its readers."))
            return None
        if not self.cases.save():  # the open case's last edits count
            return None
        self.message.emit(self.tr("Computing reader agreement…"))
        task = self.runner.run(_compute, workspace.folder, name="agreement")
        task.finished.connect(self._show)
        task.failed.connect(lambda error: self.message.emit(self.tr("Agreement failed: {error}").format(
            error=shown_message(error))))
        return task

    def _show(self, report: dict) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = AgreementDialog(report, self.parent_widget)
        self.dialog.show()
        self.dialog_shown.emit(self.dialog)
