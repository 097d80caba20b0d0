"""Analysis > Reader agreement: computes the open folder's agreement figures on a background worker, its progress
and Cancel in widgets.agreement_progress meanwhile, and shows them in widgets.agreement_dialog (the same figures as
``retina-review agreement``). The window's closing cancels it and waits for the worker (it went on reading the
folder's readings to the end: 25 s after the window had gone, for 150 double-read 12 MP cases). The folder's closing
(another folder opened) cancels it too, as it stops the folder's analyses: the person left the folder it compares,
its figures would show over the next one, and it took the cores the next folder's opening needs. Figures shown
already stay: their dialog names its folder."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.case_controller import CaseController
from app.tasks import Task, TaskRunner, WorkerState
from inference.agreement import folder_agreement
from widgets.agreement_dialog import AgreementDialog
from widgets.agreement_progress import AgreementProgress
from widgets.domain_messages import shown_message


def _compute(inputs: tuple[Path, Path], state: WorkerState) -> dict:
    folder, seen_in = inputs
    return folder_agreement(folder, None, state, seen_in)


class AgreementController(QObject):
    message = Signal(str)
    dialog_shown = Signal(object)  # the AgreementDialog

    def __init__(self, cases: CaseController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.parent_widget = parent
        self.runner = TaskRunner("agreement", self)
        self.dialog: AgreementDialog | None = None
        self.progress: AgreementProgress | None = None  # while it is computed
        cases.workspace_closed.connect(self._folder_closed)

    def open_dialog(self) -> Task | None:
        """Start computing for the open folder (a computation under way starts again, the last edits counted); its
        progress shows at once, the figures when they are ready."""
        workspace = self.cases.workspace
        if workspace is None:
            self.message.emit(self.tr("Open a folder first: agreement compares its readers."))
            return None
        if not self.cases.save():  # the open case's last edits count
            return None
        self._end_progress()
        # a reader's window (not the arbiter's) counts only the cases that reader submitted: blind reading
        task = self.runner.run(_compute, (workspace.folder, workspace.sidecar), name="agreement")
        progress = self.progress = AgreementProgress(workspace.folder.name, self.parent_widget)
        progress.cancel_requested.connect(lambda: self._cancel(task))
        task.progress.connect(lambda fraction, _case: progress.show_fraction(fraction))
        task.finished.connect(self._show)
        task.failed.connect(lambda error: self.message.emit(self.tr("Agreement failed: {error}").format(
            error=shown_message(error))))
        task.ended.connect(lambda: self._ended(progress))
        progress.show()
        return task

    def shutdown(self) -> None:
        """The window closes: the computation is cancelled, and waited for (about a tenth of a second: one case)."""
        self._end_progress()
        self.runner.shutdown()

    def _folder_closed(self) -> None:
        """The folder compared closed: its computation stops, its progress goes, nothing said (the status bar is
        the next folder's by then)."""
        self._end_progress()
        self.runner.cancel()

    def _cancel(self, task: Task) -> None:
        """The person's Cancel (or the progress closed)."""
        task.cancel()
        self.message.emit(self.tr("Reader agreement cancelled."))

    def _ended(self, progress: AgreementProgress) -> None:
        """A computation ended (its figures shown, or it failed or was cancelled): its progress goes, unless another
        computation's replaced it already."""
        if progress is self.progress:
            self._end_progress()

    def _end_progress(self) -> None:
        """Close the progress shown, cancelling nothing: the figures are in, or another computation replaces it."""
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.cancel_requested.disconnect()
            progress.accept()
            progress.deleteLater()

    def _show(self, report: dict) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = AgreementDialog(report, self.parent_widget)
        self.dialog.show()
        self.dialog_shown.emit(self.dialog)
