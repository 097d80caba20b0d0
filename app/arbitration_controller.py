"""Case > Arbitrate…: in double reading, shows the open case's two readings side by side (prepared on a
background worker) and stores the arbiter's decision as the case's consensus (annotations.reading.consensus).
An arbiter's window holds the consensus store (annotations.reading.readers.open_as), so the decision goes
through it. "Save and correct labels" then leaves the consensus open on the canvas: the arbiter corrects its
masks and boxes with every tool and undo, and each save of a settled case is the consensus, noted in its record."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from annotations.reading.consensus import arbitrate, draft_from, record_correction
from annotations.reading.readers import main_sidecar
from annotations.reading.settings import load_settings
from annotations.reading.side_by_side import ArbitrationCase, prepare_arbitration
from annotations.workspace import WorkspaceError
from app.agreed_settling import AgreedSettling
from app.case_controller import CaseController
from app.tasks import Task, TaskRunner, WorkerState
from widgets.arbitration_dialog import ArbitrationDialog
from widgets.domain_messages import shown_message


def _prepare(inputs: tuple[Path, str], state: WorkerState) -> ArbitrationCase:
    return prepare_arbitration(*inputs)


class ArbitrationController(QObject):
    message = Signal(str)
    dialog_shown = Signal(object)  # the ArbitrationDialog
    arbitrated = Signal(str)  # case id

    def __init__(self, cases: CaseController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.parent_widget = parent
        self.runner = TaskRunner("arbitration", self)
        self.dialog: ArbitrationDialog | None = None
        cases.saved.connect(self._note_correction)
        self.settling = AgreedSettling(cases, self)  # agreed cases are settled, not left to the arbiter
        self.settling.message.connect(self.message)

    def open_for_current(self) -> Task | None:
        workspace, case_id = self.cases.workspace, self.cases.current_id
        if workspace is None or case_id is None:
            self.message.emit(self.tr("Open a case first."))
            return None
        try:
            double = load_settings(workspace.folder).double
        except WorkspaceError as exc:
            self.message.emit(str(exc))
            return None
        if not double:
            self.message.emit(self.tr("This folder is read by a single reader: there is nothing to arbitrate. "
                                      "(retina-review reading FOLDER --mode double switches it to double reading.)"))
            return None
        if workspace.sidecar != main_sidecar(workspace.folder):
            self.message.emit(self.tr("You opened this folder as one of its readers; only its arbiters arbitrate "
                                      "(retina-review reading FOLDER --arbiters NAME names them)."))
            return None
        task = self.runner.run(_prepare, (workspace.folder, case_id), name="arbitration")
        task.finished.connect(self._show)
        task.failed.connect(lambda error: self.message.emit(self.tr("Cannot arbitrate: {error}").format(
            error=shown_message(error))))
        return task

    def _show(self, case: ArbitrationCase) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ArbitrationDialog(case, self.parent_widget)
        self.dialog.decided.connect(lambda index, grade, dme: self.decide(case, index, grade, dme))
        self.dialog.decided_to_correct.connect(
            lambda index, grade, dme: self.decide(case, index, grade, dme, correct=True))
        self.dialog.show()
        self.dialog_shown.emit(self.dialog)

    def decide(self, case: ArbitrationCase, index: int, dr_grade: int | None, dme_risk: int | None,
               correct: bool = False) -> bool:
        """Store the chosen reading's labels with the arbiter's grade as the consensus, through the storage queue
        (``arbitrated`` follows once it is written; a failure is a message); False when it cannot start.
        ``correct``: the arbiter goes on to correct those labels on the canvas (the case is opened there)."""
        workspace = self.cases.workspace
        if workspace is None:
            return False
        arbiter = self.cases.reader or "arbiter"
        chosen = case.readings[index]
        draft = draft_from(chosen)
        if (draft.grade.dr_grade, draft.grade.dme_risk) != (dr_grade, dme_risk):
            draft.grade.referable = None  # the reader's flag went with their grade; the ICDR rule decides anew
        draft.grade.dr_grade, draft.grade.dme_risk = dr_grade, dme_risk
        if not self.cases.save():  # the arbiter's own edits of the open case come first
            return False
        self.cases.storage.submit(arbitrate, workspace, draft, arbiter, case.readings,  # through the consensus store
                                  done=lambda _record: self._decided(case, arbiter, correct),
                                  failed=self.message.emit)
        return True

    def _decided(self, case: ArbitrationCase, arbiter: str, correct: bool) -> None:
        """The decision is stored: show it, or open the case for correcting its labels."""
        if self.cases.current_id is None:  # stored while the folder closes (its queue is flushed): nothing to show
            self.arbitrated.emit(case.case_id)
            return
        if self.cases.current_id == case.case_id:
            self.cases.reopen_case()  # show the decision
        else:  # the arbiter moved on meanwhile: a kept history holds the case as it was before the decision
            self.cases.histories.take(case.case_id)
            if correct:
                self.cases.select_case(case.case_id)
        if correct:
            self.message.emit(self.tr("{image}: correct the consensus labels on the canvas (Ctrl+Z undoes); "
                                      "Ctrl+S saves them as the arbitrated result").format(image=case.image_path))
        else:
            self.message.emit(self.tr("{image}: the consensus is {arbiter}'s decision").format(
                image=case.image_path, arbiter=arbiter))
        self.arbitrated.emit(case.case_id)

    def _note_correction(self, case_id: str) -> None:
        """A save through the consensus store of a settled case corrects its consensus: say so in its record."""
        workspace = self.cases.workspace
        if workspace is None or workspace.sidecar != main_sidecar(workspace.folder):
            return
        try:
            double = load_settings(workspace.folder).double
        except WorkspaceError as exc:
            self.message.emit(str(exc))
            return
        if double:  # after the save itself, in the same queue
            self.cases.storage.submit(record_correction, workspace.folder, case_id, self.cases.reader or "arbiter",
                                      failed=self.message.emit)
