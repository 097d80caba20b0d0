"""Case > Arbitrate…: in double reading, shows the open case's two readings side by side (prepared on a
background worker) and stores the arbiter's decision as the case's consensus (annotations.reading.consensus).
An arbiter's window holds the consensus store (annotations.reading.readers.open_as), so the decision goes
through it, and is a step of the case's history: Ctrl+Z takes it back, in the store too (app.decision_steps).
"Save and correct labels" then leaves the consensus open on the canvas: the arbiter corrects its
masks and boxes with every tool and undo; each save that changes them is noted in its record
(app.consensus_corrections). The dialog's panes, once resized, are drawn at their new size on a worker of their own
(side_by_side.render_panes), so that drawing them never cancels a preparation."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QWidget

from annotations.graded_fields import GradeField, arbitrated_grade
from annotations.reading.consensus import arbitrate, draft_from
from annotations.reading.decision_step import StoredConsensus, stored_consensus
from annotations.wording import fill
from annotations.reading.disagreement import submitted_readings
from annotations.reading.readers import main_sidecar
from annotations.reading.settings import load_settings
from annotations.reading.side_by_side import ArbitrationCase, Pane, Size, prepare_arbitration, render_panes
from annotations.workspace import WorkspaceError
from app.agreed_settling import AgreedSettling
from app.arbitrated_revision import ArbitratedRevisionNote
from app.consensus_corrections import ConsensusCorrections
from app.decision_steps import DecisionSteps
from app.reader_watch import ReaderWatch
from app.case_controller import CaseController
from app.settings import Settings
from app.tasks import Task, TaskRunner, WorkerState
from widgets.arbitration_dialog import ArbitrationDialog
from widgets.domain_messages import shown_message
from widgets.qimage_convert import rgb_to_shown


def _prepare(inputs: tuple[Path, str], state: WorkerState) -> ArbitrationCase:
    return prepare_arbitration(*inputs)


def _render(inputs: tuple[ArbitrationCase, dict[Pane, Size]], state: WorkerState) -> dict[Pane, QImage]:
    return {pane: rgb_to_shown(rgb) for pane, rgb in render_panes(*inputs, cancelled=state.is_cancelled).items()}


def _no_step(_error: str) -> None:
    """The decision is shown as the store holds it, without an undo step (ArbitrationController._decided)."""


class ArbitrationController(QObject):
    message = Signal(str)
    dialog_shown = Signal(object)  # the ArbitrationDialog
    arbitrated = Signal(str)  # case id

    def __init__(self, cases: CaseController, settings: Settings | None = None, parent: QWidget | None = None,
                 true_shape: Callable[[], bool] = lambda: False) -> None:
        """``true_shape``: whether B-scans are drawn at their true shape (the reader's View choice), asked each
        time a dialog opens."""
        super().__init__(parent)
        self.cases = cases
        self.true_shape = true_shape
        self.settings = settings  # where the dialog's size and split are kept (None: each opens at the default)
        self.parent_widget = parent
        self.runner = TaskRunner("arbitration", self)
        self.panes_runner = TaskRunner("arbitration panes", self)
        self.dialog: ArbitrationDialog | None = None
        self.action: QAction | None = None
        self.corrections = ConsensusCorrections(cases, self)  # a save of the consensus that changed its labels
        self.corrections.message.connect(self.message)
        self.steps = DecisionSteps(cases, self)  # each decision a step of its case's history: undone with Ctrl+Z
        self.steps.message.connect(self.message)
        self.settling = AgreedSettling(cases, self)  # agreed cases are settled, not left to the arbiter
        self.watch = ReaderWatch(cases, self)  # readers' submissions made meanwhile, also on another machine
        self.watch.saved_elsewhere.connect(self.settling.forget)
        self.revision_note = ArbitratedRevisionNote(cases, self)  # a reader revising a decided case is told
        self.revision_note.message.connect(self.message)
        cases.workspace_closed.connect(self._close_dialog)

    def shutdown(self) -> None:
        """The window closes: the watch stops, an open dialog closes undecided, and the workers are left."""
        self.watch.shutdown()
        self._close_dialog()
        self.runner.shutdown()
        self.panes_runner.shutdown()

    def _close_dialog(self) -> None:
        """The dialog, or its preparation, closes undecided (keeping its size and split) with its folder: its
        readings are that folder's, and a decision would be stored in the next folder opened, whose cases may bear
        the same names."""
        self.runner.cancel()
        if self.dialog is not None:
            self.dialog.close()  # _dialog_ended follows

    def bind_action(self, action: QAction) -> None:
        """Case ▸ Arbitrate case: enabled only where it can act, its tool tip saying why not elsewhere."""
        self.action = action
        for signal in (self.cases.case_loading, self.cases.case_opened, self.cases.case_failed,
                       self.cases.workspace_opened, self.cases.workspace_closed,
                       self.cases.listing.reading_states_changed, self.cases.listing.finished):
            signal.connect(lambda *_: self.update_action())
        self.update_action()

    def update_action(self) -> None:
        if self.action is None:
            return
        why_not = self._why_not()
        self.action.setEnabled(why_not is None)
        self.action.setToolTip(why_not or self.tr("Both readings side by side, then the consensus: whose labels, "
                                                  "which grade"))

    def _why_not(self, settings_known: bool = True) -> str | None:
        """Why the open case cannot be arbitrated (None: it can). ``settings_known``: the window's idea of the
        folder's reading mode will do (else the folder's settings are read again)."""
        workspace, case_id = self.cases.workspace, self.cases.current_id
        if workspace is None or case_id is None:
            return self.tr("Open a case first.")
        if not (self.cases.double_reading if settings_known else load_settings(workspace.folder).double):
            return self.tr("This folder is read by a single reader: there is nothing to arbitrate. "
                           "(retina-review reading FOLDER --mode double switches it to double reading.)")
        if workspace.sidecar != main_sidecar(workspace.folder):
            return self.tr("You opened this folder as one of its readers; only its arbiters arbitrate "
                           "(retina-review reading FOLDER --arbiters NAME names them).")
        state = self.cases.listing.known_state(case_id)
        if state is None:
            return None  # not known (yet, or the listing stopped before it): preparing the case finds out
        submitted = submitted_readings(state)
        if submitted < 2:
            return self.tr("{case}: {count} of 2 readings submitted; arbitration waits for both readers").format(
                case=self._shown_case(), count=submitted)
        return None

    def open_for_current(self) -> Task | None:
        try:
            why_not = self._why_not(settings_known=False)
        except WorkspaceError as exc:
            self.message.emit(shown_message(str(exc)))
            return None
        if why_not is not None:
            self.message.emit(why_not)
            return None
        workspace, case_id = self.cases.workspace, self.cases.current_id
        shown = self._shown_case()
        task = self.runner.run(_prepare, (workspace.folder, case_id), name="arbitration")
        task.finished.connect(self._show)
        task.failed.connect(lambda error: self.message.emit(self.tr("Cannot arbitrate {case}: {error}").format(
            case=shown, error=shown_message(error))))
        return task

    def _shown_case(self) -> str:
        """The open case as messages name it (a volume's B-scan by its number, as the B-scan bar shows it), from its
        row, so a case that could not be opened is named too."""
        return self.cases.case_name(self.cases.current_id or "")

    def _show(self, case: ArbitrationCase) -> None:
        if self.dialog is not None:
            self.dialog.close()  # _dialog_ended follows
        dialog = self.dialog = ArbitrationDialog(case, self.cases.case_name(case.case_id), self.parent_widget,
                                                       self.true_shape())
        if self.settings is not None:
            dialog.restore_layout(*self.settings.arbitration_layout())
            dialog.finished.connect(lambda _result: self.settings.save_arbitration_layout(*dialog.layout_state()))
        dialog.finished.connect(lambda _result: self._dialog_ended(dialog))
        dialog.render_wanted.connect(lambda wanted: self._render(dialog, wanted))
        dialog.decided.connect(lambda index, settled: self._decide_in(dialog, case, index, settled, False))
        dialog.decided_to_correct.connect(lambda index, settled: self._decide_in(dialog, case, index, settled, True))
        dialog.show()
        self.dialog_shown.emit(dialog)

    def _dialog_ended(self, dialog: ArbitrationDialog) -> None:
        """A closed dialog goes, with its case (a full-size photo) and its panes' pixels: the main window, its parent,
        would keep every dialog ever opened."""
        self.panes_runner.cancel()
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _render(self, dialog: ArbitrationDialog, wanted: dict[Pane, Size]) -> None:
        task = self.panes_runner.run(_render, (dialog.case, wanted), name="arbitration panes")
        task.finished.connect(dialog.show_rendered)

    def _decide_in(self, dialog: ArbitrationDialog, case: ArbitrationCase, index: int,
                   settled: dict[GradeField, Any], correct: bool) -> None:
        """The dialog closes once its decision is stored; on a failure it stays open, the arbiter's choice in it."""
        if self.decide(case, index, settled, correct):
            dialog.accept()

    def decide(self, case: ArbitrationCase, index: int, settled: dict[GradeField, Any], correct: bool = False) -> bool:
        """Store the chosen reading's labels with the arbiter's grade (``settled``: the values of the fields the
        case's kind compares, arbitrated_grade) as the consensus, through the storage queue,
        and wait until it is written (``arbitrated`` follows; a failure is a message); whether it was stored.
        ``correct``: the arbiter goes on to correct those labels on the canvas (the case is opened there).

        Waiting is what keeps the decision: the open case is shown as decided before the arbiter can edit it again,
        so a later edit corrects the decision. Left queued, an edit of the document as it was before, saved when the
        arbiter moves on, would land after the decision and replace it. The wait is for everything queued before the
        decision too (a settling batch, the scan's index writes), as opening a case in their window waits."""
        workspace = self.cases.workspace
        if workspace is None:
            return False
        arbiter = self.cases.reader or "arbiter"
        chosen = case.readings[index]
        draft = draft_from(chosen)
        draft.grade = arbitrated_grade(draft.grade, settled)
        if not self.cases.save():  # the arbiter's own edits of the open case come first
            return False
        stored: list[bool] = []
        kept: list[StoredConsensus] = []  # the case as stored before and after: the decision's undo step
        storage = self.cases.storage
        # A store that cannot be read back (a damaged case file, which the decision replaces) leaves no undo step.
        storage.submit(stored_consensus, workspace, case.case_id, done=kept.append, failed=_no_step)
        storage.submit(arbitrate, workspace, draft, arbiter, case.readings, chosen.reader,  # the consensus store's
                       done=lambda _record: stored.append(True), failed=self.message.emit)
        storage.submit(stored_consensus, workspace, case.case_id, done=kept.append, failed=_no_step)
        self.cases.flush()
        if stored:
            self._decided(case, arbiter, correct, kept)
        return bool(stored)

    def _decided(self, case: ArbitrationCase, arbiter: str, correct: bool, kept: list[StoredConsensus]) -> None:
        """The decision is stored: show it as a step of the case's history (Ctrl+Z undoes it), or where the store
        could not be read back, as the store holds it; open the case for correcting its labels."""
        if len(kept) == 2:
            self.steps.record(case.case_id, *kept, arbiter)
        elif self.cases.current_id == case.case_id:
            self.cases.reopen_case()  # show the decision
        else:  # the arbiter moved on while the dialog was open: a kept history, and its row, hold the case as before
            self.cases.histories.take(case.case_id)  # the decision supersedes even edits of it not saved
            self.cases.stored_elsewhere({case.case_id})
        if correct and self.cases.current_id != case.case_id:
            self.cases.select_case(case.case_id)
        image = self.cases.case_name(case.case_id)
        if correct:
            self.message.emit(self.tr("{image}: correct the consensus labels on the canvas (Ctrl+Z undoes); "
                                      "Ctrl+S saves them as the arbitrated result").format(image=image))
        else:
            self.message.emit(fill(self.tr("{image}: the consensus is {arbiter}'s decision"),
                                   image=image, arbiter=arbiter))
        self.arbitrated.emit(case.case_id)
