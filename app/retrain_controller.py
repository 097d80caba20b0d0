"""Analysis > Retrain from reviewed cases: gathers the cases marked done (in double reading the folder's
consensus: annotations.reading.training_source), runs inference.training.retrain on its own background worker (which
trains in a child process: a crash in training shows as an error, never ends the window; cancel terminates the
child), feeds the dialog (progress, loss per step, cancel, before/after table) and, when the person
says so, installs the new model in the user models folder and makes it the settings' model for its task; when the
person keeps the current model, the new one is set aside in the models folder's set-aside folder, listed nowhere.

The export and the model under training live in a work folder in the workspace sidecar
(``.retinareview/retrain/TASK-STAMP``; for a read-only workspace, in the user's cache folder), never in the models
folder, so a model nobody accepted can never be picked up as "the first installed one". The work folder is
removed once the person chose, cancelled, or the run failed, and by the next run where a window killed mid-run left
it (inference.training.retrain_work).
"""
from __future__ import annotations

import shutil
import threading
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from annotations.case_source import CaseSource
from annotations.folder_claim import FolderClaim
from annotations.queued_work import QueuedWork
from annotations.reading.consensus_export import ConsensusScope, consensus_scope
from annotations.reading.settings import load_settings
from annotations.reading.training_source import settle_for_training
from annotations.workspace import Workspace, WorkspaceError
from app.analysis_controller import AnalysisController
from app.case_controller import CaseController
from app.inference_messages import shown_message
from app.settings import Settings, SettingsValues
from app.tasks import Task, TaskRunner
from inference.model_card import ModelError
from inference.model_plan import stopping_blends
from inference.training.config import TASKS
from inference.training.retrain_adoption import adoption
from inference.training.retrain_export import EXPORT_SHARE
from inference.training.retrain_going_back import (Replaced, aside_path, can_go_back, keep_aside, replaced,
                                                   set_aside)
from inference.training.retrain_modality import consensus_fundus_count, fundus_count
from inference.training.retrain_results import (MIN_DONE_CASES, LossPoint, RetrainOutcome, RetrainRefusal,
                                                RetrainRequest, metric_rows)
from inference.training.retrain_start import offered_input_size
from inference.training.retrain_work import new_work_folder, remove_abandoned, user_work_sidecar
from widgets.confirm import ask_yes_no
from widgets.domain_messages import shown_os_reason
from widgets.retrain_dialog import Blend, RetrainDialog
from widgets.shown_lists import shown_items

SHUTDOWN_WAIT_MS = 15_000  # the training process's grace (train_process.STOP_GRACE_S, 5 s), a step, and the kill
# The tasks that can be retrained (inference.training.retrain_results.TASK_LABELS) as the dialog names them.
TASK_NAMES = {"seg": QT_TRANSLATE_NOOP("RetrainController", "Lesion segmentation"),
              "grade": QT_TRANSLATE_NOOP("RetrainController", "DR grade"),
              "referable": QT_TRANSLATE_NOOP("RetrainController", "Referable DR")}
# The same, mid-sentence ("Now using NAME for {task}"): lower-casing the names above said "dr grade".
TASK_WORDS = {"seg": QT_TRANSLATE_NOOP("RetrainController", "lesion segmentation"),
              "grade": QT_TRANSLATE_NOOP("RetrainController", "DR grade"),
              "referable": QT_TRANSLATE_NOOP("RetrainController", "referable DR")}
# The held-out part both models were scored on (inference.evaluation.held_out) as the notes name it.
# What went before a model used, when no learned model was in use (retrain_going_back.Replaced.model "").
NO_MODEL_NAMES = {"seg": QT_TRANSLATE_NOOP("RetrainController", "the classical detector"),
                  "grade": QT_TRANSLATE_NOOP("RetrainController", "the ICDR rules"),
                  "referable": QT_TRANSLATE_NOOP("RetrainController", "the ICDR rules")}
SPLIT_NAMES = {"test": QT_TRANSLATE_NOOP("RetrainController", "test"),
               "val": QT_TRANSLATE_NOOP("RetrainController", "validation"),
               "all": QT_TRANSLATE_NOOP("RetrainController", "all")}


HELD_OUT_NAMED = 8  # held-out images named in the comparison's notes; more are "…"


class RetrainController(QObject):
    settings_changed = Signal(object)  # SettingsValues, after "Use the new model"
    model_installed = Signal(object)  # Path of the installed model folder

    def __init__(self, cases: CaseController, analysis: AnalysisController, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases, self.analysis, self.settings = cases, analysis, settings
        self.parent_widget = parent
        self.runner = TaskRunner("retrain", self)
        # the double-read folder's settled consensus, counted off the GUI thread: every agreed case's masks are
        # compared (seconds for a big folder)
        self.counter = TaskRunner("consensus-count", self)
        self.dialog: RetrainDialog | None = None
        self._cases_line_for: Workspace | None = None  # the folder whose cases the dialog's line counts
        self.outcome: RetrainOutcome | None = None  # a finished run waiting for the person's choice
        self._aside_failed = False  # setting the new model aside failed once: a second failure discards it
        self.work_dir: Path | None = None
        self._work_claim: FolderClaim | None = None  # held while the work folder is in use (retrain_work)
        self.finish_early = threading.Event()  # the running request's "Finish now" (RetrainRequest.finish_early)
        # what the last model used replaced, for "Go back to NAME": kept in the settings, so offered after a restart
        self.replaced: Replaced | None = settings.replaced_model()
        # (task, settings' choice) the dialog's last "Now using …" / "Back to …" line says is in use (_decided)
        self._said_in_use: tuple[str, str] | None = None
        self.training_options: dict[str, Any] = {}  # further TrainConfig fields (encoder, batch_size …)
        self._saved_while_running: set[str] = set()  # cases saved once the export read the store: not learned
        self._exported = False  # the running request's export is done (its progress passed EXPORT_SHARE)
        cases.saved.connect(self._note_saved)
        cases.workspace_closed.connect(self.cancel)
        cases.workspace_closed.connect(self.counter.cancel)
        # a new model waiting for a choice stays (it can still be used), its comparison naming the folder it came from
        cases.workspace_closed.connect(self._folder_changed)
        cases.workspace_opened.connect(self._folder_changed)
        app = QCoreApplication.instance()
        if app is not None:  # quitting mid-run must not wait for the whole training
            app.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        return self.runner.current is not None

    def _note_saved(self, case_id: str) -> None:
        if self.running and self._exported:
            self._saved_while_running.add(case_id)

    def done_case_ids(self) -> list[str]:
        """From the index (a query, not every case's summary: quick at 100,000 cases)."""
        summaries = self.cases.summaries
        return summaries.done_ids() if isinstance(summaries, CaseSource) else []

    def open_dialog(self) -> RetrainDialog:
        """Show the dialog (creating it once, or again when its window was deleted); a run in progress or a result
        waiting for a choice stays on it."""
        made = self._live_dialog() is None
        if made:
            sizes = self._input_sizes()
            self.dialog = RetrainDialog([(word, self.tr(name), sizes[word]) for word, name in TASK_NAMES.items()],
                                        self.parent_widget)
            self.dialog.start_requested.connect(self.start)
            self.dialog.cancel_requested.connect(self.cancel)
            self.dialog.finish_requested.connect(self.finish_now)
            self.dialog.use_new_requested.connect(self.use_new_model)
            self.dialog.keep_current_requested.connect(self.keep_current)
            self.dialog.go_back_requested.connect(self.go_back)
            if self.outcome is not None:  # finished while no dialog was there to show it
                self._show_outcome(self.dialog, self.outcome)
            elif self.running:
                self.dialog.show_running()
                self.dialog.run_is_live = True
                if self.finish_early.is_set():
                    self.dialog.show_finishing()
        gone = self._going_back()
        if gone is None:
            self.dialog.offer_go_back("")
        else:  # after a restart the dialog has no line saying which model is in use: the button's tooltip says it
            self.dialog.offer_go_back(self._previous_name(gone), self.tr(
                "Use {model} again for {task}; {model_used}, in use now, is set aside in your models folder, not "
                "deleted.").format(model=self._previous_name(gone), task=self.tr(TASK_WORDS[gone.task]),
                                   model_used=gone.installed.name))
        if not self.running and self.outcome is None:
            self._forget_said_in_use_if_stale()
            self._show_setup()
        elif made or self._cases_line_for is not self.cases.workspace:  # or the folder changed while it was hidden
            self._show_cases()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _live_dialog(self) -> RetrainDialog | None:
        """The dialog, or None when there is none or its window was deleted (closing the main window deletes it):
        a run ending late, or a count arriving late, must not touch deleted widgets."""
        if self.dialog is not None and not isValid(self.dialog):
            self.dialog = None
        return self.dialog

    def _double_read(self) -> bool:
        workspace = self.cases.workspace
        try:
            return workspace is not None and load_settings(workspace.folder).double
        except WorkspaceError:
            return False

    def _show_setup(self) -> None:
        """The options, with the line on the open folder's cases to learn from (_show_cases)."""
        assert self.dialog is not None
        self.dialog.show_setup()
        self._show_cases()
        self.dialog.set_input_sizes(self._input_sizes())  # the model in use may have changed since it was created
        self.dialog.show_blends("seg", self._blends())

    def _show_cases(self) -> None:
        """The line on the cases to learn from in the folder open now: the reader's done cases, or in double reading
        the settled consensus (annotations.reading.consensus_export), shown once counted, also while training runs
        or its comparison waits (the folder may have changed since it was started)."""
        assert self.dialog is not None
        workspace = self._cases_line_for = self.cases.workspace
        if workspace is None:
            self.dialog.show_no_folder()
        elif self._double_read():
            self.dialog.show_cases(None, MIN_DONE_CASES, consensus=True)
            count = self.counter.run(consensus_scope, workspace.folder, name="consensus count")
            count.progress.connect(lambda _, message: self._counting(workspace, message))
            count.finished.connect(lambda counted: self._counted(workspace, counted))
            count.failed.connect(lambda error: self._counted(workspace, None, error))
        else:
            self._show_done(workspace, self.done_case_ids())

    def _show_done(self, workspace: Workspace, done: list[str]) -> None:
        """The cases marked done, and, once counted, the OCT scans among them, which the export leaves out
        (retrain_modality: each case's small file read, on the storage worker after the saves before it)."""
        assert self.dialog is not None
        if len(done) < MIN_DONE_CASES:  # too few whatever they are
            self.dialog.show_cases(len(done), MIN_DONE_CASES)
            return
        self.dialog.show_cases(len(done), MIN_DONE_CASES, oct_scans=None)
        self._count_fundus(workspace, len(done), False, fundus_count, done)

    def _counting(self, workspace: Workspace, message: str) -> None:
        dialog = self._live_dialog()
        if dialog is not None and workspace is self.cases.workspace:
            dialog.show_count_progress(MIN_DONE_CASES, message)

    def _counted(self, workspace: Workspace, scope: ConsensusScope | None, error: str = "") -> None:
        """A count for a folder closed since was cancelled: not shown. The OCT scans among the settled cases, which
        the export leaves out, are counted next, as single reading's are (_show_done)."""
        dialog = self._live_dialog()
        if dialog is None or workspace is not self.cases.workspace:
            return
        if error or scope is None:
            dialog.show_count_failed(error)
            return
        count = len(scope.case_ids)
        dialog.show_cases(count, MIN_DONE_CASES, consensus=True, oct_scans=None if count else 0)
        if count:
            self._count_fundus(workspace, count, True, consensus_fundus_count, scope)

    def _count_fundus(self, workspace: Workspace, total: int, consensus: bool, count: Callable[..., int],
                      cases: Any) -> None:
        """Count on the storage worker how many of the ``total`` cases to learn from are fundus photos
        (``count(workspace, cases)``, retrain_modality) and show the OCT scans the export leaves out. A count that
        failed shows none (the export says then what it leaves out); one for a folder closed since, or while the
        consensus is counted again (the dialog opened again: that count follows) is dropped."""
        def counted(fundus: int | None) -> None:
            dialog = self._live_dialog()
            if dialog is None or workspace is not self.cases.workspace or self.counter.current is not None:
                return
            dialog.show_cases(total, MIN_DONE_CASES, consensus=consensus,
                              oct_scans=0 if fundus is None else total - fundus)

        self.cases.storage.submit(count, workspace, cases, done=counted, failed=lambda _error: counted(None))

    def start(self, task: str, epochs: int, size: int) -> Task | None:
        """Export the done cases and train on the background worker; None (and a message) when it cannot start."""
        dialog = self.open_dialog()
        workspace = self.cases.workspace
        if self.running:
            return None
        if workspace is None:  # the dialog says to open one (show_no_folder)
            return None
        if not self.cases.save():  # the open case's last edits belong in the export: nothing starts without them
            dialog.show_refused(self._unsaved_refusal(workspace))
            return None
        case_ids = self.done_case_ids()
        double = self._double_read()  # the consensus is counted, and its labels read, on the worker
        if len(case_ids) < MIN_DONE_CASES and not double:
            self._show_setup()
            return None
        self._discard_work()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        # nothing may be written next to a read-only folder's images: its runs work in the user's cache folder
        sidecar = user_work_sidecar() if workspace.read_only else workspace.sidecar
        try:
            self.work_dir, self._work_claim = new_work_folder(sidecar, f"{task}-{stamp}")
        except WorkspaceError as exc:  # a link: nothing is copied or swept through it
            dialog.show_refused(shown_message(str(exc)))
            return None
        self.cases.storage.submit(remove_abandoned, self.work_dir.parent, done=lambda _removed: None,
                                  failed=lambda _error: None)  # a killed window's copies of the photos
        settled = None
        if self._double_read():  # agreed cases become the consensus in order with the window's saves
            settled = QueuedWork(self.cases.storage.submit, partial(settle_for_training, workspace, "retrain"),
                                 done=partial(self.cases.settling_ended, workspace),
                                 failed=lambda _error: None)  # the run reports a failure; its Cancel stops it
        self._saved_while_running, self._exported = set(), False
        request = RetrainRequest(workspace, case_ids, task, self.work_dir, epochs, size,
                                 self.analysis.values.analysis_settings(),
                                 f"retrained-{task}-{stamp}", dict(self.training_options), settled)
        self.finish_early = request.finish_early
        self._said_in_use = None  # the run's texts replace the line
        dialog.show_running()
        dialog.run_is_live = True  # closing it asks whether to stop
        job = self.runner.run(_run_retrain, request, name="retrain")
        job.progress.connect(self._on_progress)
        job.partial.connect(self._on_partial)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        return job

    def _unsaved_refusal(self, workspace: Workspace) -> str:
        """Why a run cannot start while the open case's last edits are not saved: a read-only folder never saves
        them (undone, the run learns from the cases as saved); another failure names its file in the status bar."""
        if workspace.read_only:
            return self.tr("Retraining cannot start: the open case has unsaved edits, and this folder is open "
                           "read-only, so they cannot be saved for the training to learn from. Undo them to retrain "
                           "on the cases as saved.")
        return self.tr("Retraining cannot start: the open case could not be saved (the status bar says why), and "
                       "its last edits belong in the training. Save it, then start again.")

    def cancel(self) -> None:
        self.runner.cancel()

    def finish_now(self) -> None:
        """Training stops after its current step; the model so far is checked and scored as after a whole run."""
        if self.running:
            self.finish_early.set()

    def use_new_model(self) -> Path | None:
        """Install the new model in the user models folder and make it the settings' model for its task."""
        from inference.registry import install_model, user_models_dir  # torch: loaded when a model is installed

        outcome, dialog = self.outcome, self.open_dialog()
        if outcome is None or outcome.unusable_why:  # a model that does not load is never offered
            return None
        # before the install: the first installed model may be the one in use, and the new one comes before it
        stopped = self._blends() if outcome.task == "seg" else []
        before = replaced(outcome.task, self.analysis.values.analysis_settings(), outcome.model_dir)
        try:
            installed = install_model(outcome.model_dir, outcome.after.label)
        except OSError as exc:
            dialog.show_use_failed(self.tr("could not copy the model into {folder} ({error})").format(
                folder=user_models_dir(), error=shown_os_reason(exc)))
            return None
        # by its name, as the Settings dialog lists it: a path would read there as "(not installed)"
        values = self._choose(outcome.task, installed.name)
        self._keep_replaced(Replaced(before.task, before.choice, before.model, installed))
        self._decided(self.tr("Now using {model} for {task} (installed in your models folder). Analyse a case to see "
                              "it.").format(model=installed.name, task=self.tr(TASK_WORDS[outcome.task])),
                      stopped, installed.name, str(installed.parent), in_use=(outcome.task, installed.name))
        self.model_installed.emit(installed)
        self.settings_changed.emit(values)
        return installed

    def go_back(self) -> Path | None:
        """Use again what the last model used replaced: its settings choice restored, the retrained model set aside
        (not deleted: retrain_going_back). Where it was set aside; None when nothing was replaced or it cannot be
        moved (the dialog says why, and the new model stays in use)."""
        gone, dialog = self._going_back(), self.open_dialog()
        if gone is None:
            return None
        previous = self._previous_name(gone)
        try:
            aside = set_aside(gone.installed)
        except (OSError, WorkspaceError) as exc:  # a full disk; the set-aside folder a link
            dialog.show_decided(self.tr("Could not go back to {model}: {model_used} could not be set aside ({error}); "
                                        "it stays in use.").format(model=previous, model_used=gone.installed.name,
                                                                   error=_shown_reason(exc)))
            return None
        self._keep_replaced(None)
        values = self._choose(gone.task, gone.choice)
        self._decided(self.tr("Back to {model} for {task}. {model_used} was set aside, not deleted, in your models "
                              "folder's “{folder}” folder.").format(
                                  model=previous, task=self.tr(TASK_WORDS[gone.task]),
                                  model_used=gone.installed.name, folder=aside.parent.name),
                      folder=str(aside.parent), in_use=(gone.task, gone.choice))
        self.settings_changed.emit(values)
        return aside

    def _going_back(self) -> Replaced | None:
        """What "Go back to NAME" returns to; None when nothing was replaced, or going back no longer makes sense
        (retrain_going_back.can_go_back: a model removed by hand, another chosen in Settings since, a folder the
        settings name outside the models folder)."""
        gone = self.replaced
        if gone is None or not can_go_back(gone, self.analysis.values.analysis_settings()):
            return None
        return gone

    def _keep_replaced(self, gone: Replaced | None) -> None:
        self.replaced = gone
        self.settings.save_replaced_model(gone)

    def _choose(self, task: str, choice: str) -> SettingsValues:
        """The settings with ``choice`` as ``task``'s model, saved and in use for the next analysis."""
        values = SettingsValues.from_dict(self.analysis.values.to_dict())
        values.models[TASKS[task]] = choice
        self.settings.save(values)
        self.analysis.values = values  # its model cache is keyed on the choice: the next analysis loads it
        return values

    def _previous_name(self, gone: Replaced) -> str:
        return gone.model or self.tr(NO_MODEL_NAMES[gone.task])

    def keep_current(self, closing: bool = False) -> None:
        """The model in use stays; the new one is set aside in the models folder's set-aside folder, not discarded, to
        be used later (retrain_going_back.keep_aside). One that does not load is discarded; so is one that cannot be
        set aside when the person, told so once, keeps the current model again. ``closing``: the window closes
        (keep_on_close): what was done is shown on the dialog only where it is open, not raised."""
        outcome = self.outcome
        if outcome is None or outcome.unusable_why:
            self._decided(self.tr("Kept the current model; the new one was discarded."), shown=not closing)
            return
        try:
            aside = keep_aside(outcome.model_dir, outcome.after.label)
        except (OSError, WorkspaceError, ModelError) as exc:  # a full disk; the set-aside folder a link; its card
            if self._aside_failed:
                self._decided(self.tr("Kept the current model; the new one could not be set aside ({error}) and was "
                                      "discarded.").format(error=_shown_reason(exc)), shown=not closing)
            else:
                self._aside_failed = True
                self.open_dialog().show_aside_failed(_shown_reason(exc))
            return
        self._decided(self.tr("Kept the current model. The new one, {model}, was set aside, not deleted, in your "
                              "models folder's “{folder}” folder: to use it later, move it into your models folder "
                              "and choose it in Settings.").format(model=aside.name, folder=aside.parent.name),
                      folder=str(aside.parent), shown=not closing)

    def _decided(self, text: str, stopped: Sequence[Blend] = (), model: str = "", folder: str = "",
                 in_use: tuple[str, str] | None = None, shown: bool = True) -> None:
        """``in_use``: (task, settings' choice) that ``text`` says is in use now; ``shown``: the dialog is opened
        (raised) to say it, else said only on a dialog still there."""
        self.outcome = None
        self._aside_failed = False
        self._discard_work()
        # back to the options, going back offered while a model used replaced another (open_dialog)
        dialog = self.open_dialog() if shown else self._live_dialog()
        if dialog is not None:
            dialog.show_decided(text, stopped, model, folder)
        self._said_in_use = in_use

    def _forget_said_in_use_if_stale(self) -> None:
        """The dialog opened again keeps its line on the last choice as a record, but not once another model was
        chosen in Settings since: the line would read as naming the model in use."""
        if self._said_in_use is None or self.dialog is None:
            return
        task, choice = self._said_in_use
        if self.analysis.values.models.get(TASKS[task], "") != choice:
            self.dialog.clear_status()
            self._said_in_use = None

    def _input_sizes(self) -> dict[str, int]:
        """Per task the input size the dialog offers: the model in use's when retraining fine-tunes it."""
        settings = self.analysis.values.analysis_settings()
        return {word: offered_input_size(word, settings, self.training_options) for word in TASK_NAMES}

    def _blends(self) -> list[Blend]:
        """The candidates models averaging a class with the lesion model in use that any other lesion model in its
        place, a retrained one too, stops until they are trained beside it (read from the cards: no torch)."""
        return stopping_blends(self.analysis.values.analysis_settings())

    def folder_may_close(self, folder: Path) -> bool:
        """Whether ``folder`` may close (the window closing, another folder opened, reading settings that open it
        again): training on it stops when it closes (workspace_closed), so a run is asked about first, once, by
        MainWindow._folder_may_close; it was stopped unasked when another folder opened. A run being stopped already
        is not asked about."""
        task = self.runner.current
        if task is None or task.is_cancelled:
            return True
        return ask_yes_no(self.parent_widget, self.tr("Retrain from reviewed cases"), self.tr(
            "Training a new model is running on {folder}. Stop it and close {folder}? The model being trained is "
            "discarded; the current model stays in use.").format(folder=folder.name or folder))

    def may_close(self) -> bool:
        """Whether the window may close with a new model waiting for the person's choice: only once they said so.
        Closing keeps the current model, the new one set aside as "Keep the current one" sets it (keep_on_close):
        closing discarded hours of training. One that does not load is discarded, as keeping the current one
        discards it, and so is one that could not be set aside once already if it still cannot be. It outlives its
        folder, not the window; training running is asked about by the folder's closing (folder_may_close)."""
        if self.outcome is None:
            return True
        if self.outcome.unusable_why or self._aside_failed:  # keeping the current one may discard it
            question = self.tr("A retrained model is waiting for your choice. Close and discard it? The current model "
                               "stays in use.")
        else:
            question = self.tr("A retrained model is waiting for your choice. Close and keep the current model? The "
                               "new one is set aside, not deleted, in {folder}: to use it later, move it into your "
                               "models folder and choose it in Settings.").format(folder=aside_path())
        return ask_yes_no(self.parent_widget, self.tr("Retrain from reviewed cases"), question)

    def keep_on_close(self) -> bool:
        """The window closes, may_close said so: a new model waiting for the person's choice is kept as "Keep the
        current one" keeps it (keep_current). False where it could not be set aside the first time: the dialog says
        why, and the window stays open for the choice (closing again discards it, as keeping again would)."""
        if self.outcome is not None:
            self.keep_current(closing=True)
        return self.outcome is None

    def shutdown(self) -> None:
        if (dialog := self._live_dialog()) is not None:
            dialog.run_is_live = False  # its window goes: nothing more is asked
        self.counter.shutdown()
        # the training process gets STOP_GRACE_S to stop before it is killed: waited for, so its folder goes too
        if self.runner.shutdown(SHUTDOWN_WAIT_MS):  # one that did not stop may still be writing its work folder
            self._discard_work()

    # task signals (GUI thread) ----------------------------------------------------------------------------
    def _on_progress(self, fraction: float, message: str) -> None:
        self._exported = self._exported or fraction >= EXPORT_SHARE
        if (dialog := self._live_dialog()) is not None:
            dialog.set_progress(fraction, message)

    def _on_partial(self, item: Any) -> None:
        if isinstance(item, LossPoint) and (dialog := self._live_dialog()) is not None:
            dialog.add_loss_point(item.step, item.loss)

    def _on_finished(self, outcome: RetrainOutcome | RetrainRefusal) -> None:
        """Shown on the dialog, raised (made again when its window was deleted); with the window the dialog belongs
        to gone, it waits for the dialog to be opened again. A refusal (nothing to learn from: nothing was exported)
        is said as the reason it did not start, not as a failure."""
        if isinstance(outcome, RetrainRefusal):
            self._discard_work()
            if (dialog := self._live_dialog()) is not None:
                dialog.show_refused("\n".join(shown_message(text) for text in [outcome.why, *outcome.notes]))
            return
        self.outcome, self._aside_failed = outcome, False
        if self.parent_widget is not None and not isValid(self.parent_widget):
            return
        if (dialog := self._live_dialog()) is not None:
            self._show_outcome(dialog, outcome)
        self.open_dialog()

    def _show_outcome(self, dialog: RetrainDialog, outcome: RetrainOutcome) -> None:
        # Current has no figures when no model is installed or the comparison could not be scored; the lesion
        # comparison scores what the analysis draws (inference.training.retrain_drawn)
        compared = outcome.before.metrics is not None
        drawn = compared and outcome.task == "seg"
        scored = (self.tr("Both models scored on the {split} split ({count} image(s))") if compared
                  else self.tr("The new model scored on the {split} split ({count} image(s))"))
        notes = [scored.format(split=self.tr(SPLIT_NAMES.get(outcome.split, outcome.split)),
                               count=len(outcome.held_out))]
        if drawn:
            notes.append(self.tr("Both columns include the candidates models and the classical detector where they "
                                 "would draw beside the lesion model."))
        # what inference/ says (why Current has no figures, a held-out part too small) in the interface's language
        notes += [shown_message(n) for n in [outcome.before.note, outcome.after.note, *outcome.notes] if n]
        if self._saved_while_running:  # marked done or edited meanwhile: nothing said that the model lacks them
            notes.append(self.tr("{count} case(s) were saved while the model trained: their changes may not be in "
                                 "it (retrain to include them)").format(count=len(self._saved_while_running)))
        if outcome.held_out and outcome.split != "all":  # which photos, to look at (an "all" split: training's)
            named = outcome.held_out[:HELD_OUT_NAMED]
            notes.append(self.tr("Held-out images: {names}").format(
                names=shown_items(named) + ("…" if len(outcome.held_out) > len(named) else "")))
        dialog.show_source_folder(self._other_folder(outcome))
        advice = adoption(outcome)
        dialog.show_results(outcome.before.label, outcome.after.label,
                            metric_rows(outcome.task, outcome.before, outcome.after), notes, drawn,
                            shown_message(outcome.unusable_why) if outcome.unusable_why else "",
                            shown_message(advice.doubt) if advice.doubt else "", advice.headline)

    def _folder_changed(self, *_: Any) -> None:
        """The line on the cases follows the folder open now (counted again once a hidden dialog is shown); a
        comparison waiting names the folder it came from."""
        dialog = self._live_dialog()
        if dialog is None:
            return
        if dialog.isVisible():
            self._show_cases()
        if self.outcome is not None:
            dialog.show_source_folder(self._other_folder(self.outcome))

    def _other_folder(self, outcome: RetrainOutcome) -> str:
        """The folder ``outcome`` learned from when another folder, or none, is open now; else ""."""
        workspace = self.cases.workspace
        if outcome.folder is None or (workspace is not None and workspace.folder == outcome.folder):
            return ""
        return str(outcome.folder)

    def _on_failed(self, error: str) -> None:
        self._discard_work()
        if (dialog := self._live_dialog()) is not None:
            dialog.show_failed(shown_message(error))  # a model, a data set or a training run inference/ refused

    def _on_cancelled(self) -> None:
        self._discard_work()
        if (dialog := self._live_dialog()) is not None:
            dialog.show_cancelled()

    def _discard_work(self) -> None:
        if self.work_dir is not None:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.work_dir = None
        if self._work_claim is not None:
            self._work_claim.release()
            self._work_claim = None


def _shown_reason(error: Exception) -> str:
    """Why a model could not be set aside, in the interface's language: the system's reason, or the program's own
    (a link refused, a card unreadable)."""
    return shown_os_reason(error) if isinstance(error, OSError) else shown_message(str(error))


def _run_retrain(request: RetrainRequest, state: Any) -> RetrainOutcome | RetrainRefusal:
    """On the worker: torch and the trainers load there, the first time, not when the window opens."""
    from inference.training.retrain_export import run_retrain

    return run_retrain(request, state)
