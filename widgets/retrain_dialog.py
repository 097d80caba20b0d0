"""The "Retrain from reviewed cases" dialog: choose task, epochs and input size; watch progress and the loss curve;
cancel, or finish early keeping what it learned; then compare the current model with the new one on the held-out
images and choose which to keep.

A thin view: it emits what the person asked for (``start_requested``, ``cancel_requested``, ``finish_requested``,
``use_new_requested``, ``keep_current_requested``) and shows what the controller tells it. It is not modal; closing
it while training runs asks whether to stop the training or keep it going in the background (the menu action shows
it again).
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QProgressBar, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from annotations.stage_clock import StageClock
from widgets.domain_messages import shown_message
from widgets.known_texts import KnownTexts
from widgets.loss_curve import LossCurve
from widgets.mnemonic import escape_mnemonic
from widgets.screen_room import grow_within_room, open_fitted
from widgets.training_progress import TRAINING_PROGRESS, TRAINING_STEP
from widgets.transfer_progress import EXPORT_PROGRESS

WARNING_STYLE = "color: #b00020;"
LOSS_CURVE_HEIGHT = 200  # px at most, while training
LOSS_CURVE_HEIGHT_BESIDE_RESULTS = 120  # px at most, beside the comparison
# A candidates model averaging a class with a model being retrained: (candidates model, class code, lesion model).
Blend = tuple[str, str, str]
# training's last word, "saved {folder}": the work folder's long path means nothing to the person (shown in words)
SAVED = re.compile(r"saved .+", re.DOTALL)
# What inference.training (retrain.py, retrain_results.metric_rows) writes into the comparison: metric names,
# model labels and notes, shown in the interface's language. Per-class rows ("Dice MA") are a metric and a class
# code and stay as they are; a class's box rows say theirs in words.
RESULT_TEXTS = KnownTexts("RetrainDialog", (
    QT_TRANSLATE_NOOP("RetrainDialog", "Mean Dice"), QT_TRANSLATE_NOOP("RetrainDialog", "Mean IoU"),
    QT_TRANSLATE_NOOP("RetrainDialog", "Mean AUPR"), QT_TRANSLATE_NOOP("RetrainDialog", "Accuracy"),
    QT_TRANSLATE_NOOP("RetrainDialog", "Quadratic weighted kappa"), QT_TRANSLATE_NOOP("RetrainDialog", "Sensitivity"),
    QT_TRANSLATE_NOOP("RetrainDialog", "Specificity"), QT_TRANSLATE_NOOP("RetrainDialog", "ROC AUC"),
    QT_TRANSLATE_NOOP("RetrainDialog", "Held-out images"),
    QT_TRANSLATE_NOOP("RetrainDialog", "Box hit rate {cls}"),
    QT_TRANSLATE_NOOP("RetrainDialog", "Positives outside boxes {cls}"),
    QT_TRANSLATE_NOOP("RetrainDialog", "none installed"), QT_TRANSLATE_NOOP("RetrainDialog", "classical detector"),
    QT_TRANSLATE_NOOP("RetrainDialog", "current model unusable"), QT_TRANSLATE_NOOP("RetrainDialog", "device unusable"),
    QT_TRANSLATE_NOOP("RetrainDialog", "not scored"),
    QT_TRANSLATE_NOOP("RetrainDialog", "The DR grade model answers for referable DR (grade 2 or more)."),
    QT_TRANSLATE_NOOP("RetrainDialog", "No learned lesion model is installed; the program uses the classical "
                                       "detector."),
    QT_TRANSLATE_NOOP("RetrainDialog", "No learned {task} model is installed; the program derives it from the "
                                       "lesion findings by ICDR rules, so there is no model to compare with.")),
    {"DR grade": QT_TRANSLATE_NOOP("RetrainDialog", "DR grade"),
     "Referable DR": QT_TRANSLATE_NOOP("RetrainDialog", "Referable DR")})


class RetrainDialog(QDialog):
    start_requested = Signal(str, int, int)  # task, epochs, input size
    cancel_requested = Signal()
    finish_requested = Signal()  # stop training after its step, keep and score the model so far
    use_new_requested = Signal()
    keep_current_requested = Signal()
    go_back_requested = Signal()  # to the model the last one used replaced

    def __init__(self, tasks: Sequence[tuple[str, str, int]], parent: QWidget | None = None) -> None:
        """``tasks``: (task word, label, default input size) for each task that can be retrained."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Retrain from reviewed cases"))
        self.setModal(False)
        self.running = False
        # whether closing while running asks to stop the training: the controller's run is live (not shut down)
        self.run_is_live = False
        self.stopping = False  # Cancel or Finish now pressed during the run
        self.cases_label = QLabel()
        self.cases_label.setWordWrap(True)

        self.task_box = QComboBox()
        for word, label, size in tasks:
            self.task_box.addItem(label, (word, size))
        self.epochs_box = QSpinBox()
        self.epochs_box.setRange(1, 500)
        self.epochs_box.setValue(10)
        self.size_box = QSpinBox()
        self.size_box.setRange(32, 2048)
        self.size_box.setSingleStep(32)
        self.size_box.setSuffix(self.tr(" px"))
        # above the default side a lesion model trains on crops of it (inference.training.retrain_start)
        self.size_box.setToolTip(self.tr("Side of the square image the model sees; a multiple of 32. Offered: the "
                                         "size of the model in use, which retraining fine-tunes. Larger sees finer "
                                         "detail; a lesion model larger than its default size trains on crops of "
                                         "that size, so a training step costs the same and only scoring whole "
                                         "images takes longer."))
        # a retrained lesion model in use stops what averages with the current one (show_blends)
        self.blend_task = ""
        self.blends: Sequence[Blend] = ()
        self.blend_label = QLabel()
        self.blend_label.setWordWrap(True)
        self.blend_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the names
        self.task_box.currentIndexChanged.connect(self._task_changed)
        self._task_changed()
        self.options = QGroupBox(self.tr("Training"))
        form = QFormLayout(self.options)
        form.addRow(self.tr("&Task"), self.task_box)
        form.addRow(self.tr("&Epochs"), self.epochs_box)
        form.addRow(self.tr("&Input size"), self.size_box)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # a model's name
        self.loss_curve = LossCurve()
        self.loss_curve.setMaximumHeight(LOSS_CURVE_HEIGHT)
        # a stage silent for seconds (torch loading, a large photo prepared) shows them, so it reads as alive
        self.stage_clock = StageClock()
        self.stage_text = ""
        self.stage_timer = QTimer(self)
        self.stage_timer.setInterval(1000)
        self.stage_timer.timeout.connect(self._tick)

        self.results = QGroupBox(self.tr("Held-out images: current model vs new model"))
        # a finished run waiting for a choice outlives the folder it learned from (show_source_folder)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setStyleSheet(WARNING_STYLE)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setVisible(False)
        self.models_label = QLabel()
        self.models_label.setWordWrap(True)
        self.models_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Metric"), self.tr("Current"), self.tr("New")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        # why keeping the current model is advised (inference.training.retrain_adoption); "Use" then asks first
        self.doubt_label = QLabel()
        self.doubt_label.setWordWrap(True)
        self.doubt_label.setStyleSheet(WARNING_STYLE)
        self.doubt = ""
        self.headline: tuple[str, str, str] = ("", "", "")
        results_layout = QVBoxLayout(self.results)
        results_layout.addWidget(self.folder_label)
        results_layout.addWidget(self.models_label)
        results_layout.addWidget(self.table)
        results_layout.addWidget(self.notes_label)
        results_layout.addWidget(self.doubt_label)

        self.start_button = QPushButton(self.tr("&Start training"))
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Ca&ncel training"))
        self.finish_button = QPushButton()  # "Finish now" (show_running)
        self.finish_button.setToolTip(self.tr("Stop training after the current step and keep what it has learned: "
                                              "the new model is checked and compared with the current one as "
                                              "after a whole run"))
        self.use_button = QPushButton(self.tr("&Use the new model"))
        self.keep_button = QPushButton(self.tr("&Keep the current one"))
        self.go_back_button = QPushButton()  # "Go back to NAME" (offer_go_back)
        self._go_back_to = ""  # the model used before the one in use, offered back wherever Start is
        self.close_button = QPushButton(self.tr("&Close"))
        self.start_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self._cancel)
        self.finish_button.clicked.connect(self._finish)
        self.use_button.clicked.connect(self._use)
        self.keep_button.clicked.connect(self.keep_current_requested)
        self.go_back_button.clicked.connect(self.go_back_requested)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.go_back_button, self.start_button, self.finish_button, self.cancel_button,
                       self.use_button, self.keep_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.cases_label)
        layout.addWidget(self.options)
        layout.addWidget(self.blend_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.loss_curve, 1)
        layout.addWidget(self.results, 100)
        layout.addStretch(1)  # takes the room while the results are hidden
        layout.addLayout(buttons)
        open_fitted(self, QSize(560, 720))
        self.show_setup()
        self.show_cases(0, 1)

    # what the controller shows ----------------------------------------------------------------------------
    def show_setup(self) -> None:
        """Ready to start: the options, and Start as the line on the cases allows (show_cases)."""
        self.running = False
        self.options.setEnabled(True)
        self._show_buttons(start=True)
        self.progress_bar.setVisible(False)
        self._show_results_box(False)

    def show_cases(self, done_cases: int | None, minimum: int, consensus: bool = False,
                   oct_scans: int | None = 0) -> None:
        """The line on the cases to learn from in the folder open now, and whether Start is offered: with fewer
        than ``minimum`` done cases, say that more are needed and do not start. ``consensus``: a double-read folder,
        ``done_cases`` its settled consensus (None while it is being counted); readers may submit more meanwhile, so
        starting stays possible and the minimum is checked then. ``oct_scans``: how many of the done (or settled)
        cases are OCT scans, which a fundus retrain leaves out (None while they are being counted: starting stays
        possible, the export counts them again). A run, or its comparison, shown stays as it is."""
        fundus = (done_cases or 0) - (oct_scans or 0)
        enough = consensus or fundus >= minimum
        self.cases_label.setStyleSheet("" if enough else WARNING_STYLE)
        if consensus and done_cases is None:
            self.cases_label.setText(self._counting_text(minimum))
        elif consensus and oct_scans is None:
            self.cases_label.setText(self.tr(
                "Double reading: retraining learns from the folder's consensus, not from one reader's labels. "
                "{count} case(s) have a settled consensus (arbitrated, or agreed by both readers); counting the OCT "
                "scans among them, which retraining leaves out…").format(count=done_cases))
        elif consensus and oct_scans:
            self.cases_label.setText(self.tr(
                "Double reading: retraining learns from the folder's consensus, not from one reader's labels. "
                "{count} case(s) have a settled consensus (arbitrated, or agreed by both readers); {oct} of them are "
                "OCT scans, which are left out (the models retrained here read fundus photos). At least {minimum} "
                "fundus photos are needed.").format(count=done_cases, oct=oct_scans, minimum=minimum))
        elif consensus:
            self.cases_label.setText(self.tr(
                "Double reading: retraining learns from the folder's consensus, not from one reader's labels. "
                "{count} case(s) have a settled consensus (arbitrated, or agreed by both readers). At least "
                "{minimum} are needed.").format(count=done_cases, minimum=minimum))
        elif oct_scans is None:
            self.cases_label.setText(self.tr("{done} reviewed cases are marked done; counting the OCT scans among "
                                             "them, which retraining leaves out…").format(done=done_cases))
        elif enough and oct_scans:
            self.cases_label.setText(self.tr("{done} reviewed cases are marked done; {oct} of them are OCT scans, "
                                             "which are left out (the models retrained here read fundus photos). "
                                             "The {fundus} fundus photos will be exported and split into training, "
                                             "validation and held-out images. AI candidates you rejected count as "
                                             "hard negatives.").format(done=done_cases, oct=oct_scans, fundus=fundus))
        elif enough:
            self.cases_label.setText(self.tr("{done} reviewed cases are marked done; they will be exported and "
                                             "split into training, validation and held-out images. AI candidates "
                                             "you rejected count as hard negatives.").format(done=done_cases))
        elif oct_scans:
            self.cases_label.setText(self.tr("More reviewed fundus photos are needed: {done} case(s) are marked "
                                             "done, {oct} of them OCT scans, which are left out; retraining needs at "
                                             "least {minimum} fundus photos. Review photos and mark them done "
                                             "(Ctrl+Enter), then try again.").format(done=done_cases, oct=oct_scans,
                                                                                      minimum=minimum))
        else:
            self.cases_label.setText(self.tr("More reviewed cases are needed: {done} case(s) are marked done, "
                                             "retraining needs at least {minimum}. Review cases and mark them "
                                             "done (Ctrl+Enter), then try again.").format(done=done_cases,
                                                                                           minimum=minimum))
        self.start_button.setEnabled(enough)

    def show_no_folder(self) -> None:
        """No folder is open: nothing to count or learn from yet (the line, as show_cases)."""
        self.cases_label.setText(self.tr("Open a folder of reviewed cases first (File ▸ Open folder); retraining "
                                         "learns from the cases marked done in it."))
        self.cases_label.setStyleSheet(WARNING_STYLE)
        self.start_button.setEnabled(False)

    def show_count_progress(self, minimum: int, message: str) -> None:
        """While a double-read folder's consensus is counted (its agreed cases compared: seconds for a big folder),
        the case it is at, under the counting text."""
        self.cases_label.setText(f"{self._counting_text(minimum)}\n{EXPORT_PROGRESS(message)}")

    def _counting_text(self, minimum: int) -> str:
        return self.tr("Double reading: retraining learns from the folder's consensus, not from one reader's labels. "
                       "Counting the cases with a settled consensus (at least {minimum} are needed)…").format(
                           minimum=minimum)

    def show_blends(self, task: str, blends: Sequence[Blend]) -> None:
        """The candidates models that average a class with ``task``'s model in use now (the lesion model's): said
        while ``task`` is chosen, since a retrained model in its place stops them."""
        self.blend_task, self.blends = task, blends
        self._show_blend_note()

    def show_count_failed(self, error: str) -> None:
        """The settled consensus could not be counted; starting stays possible (training says why it cannot)."""
        self.cases_label.setText(self.tr(
            "Double reading: retraining learns from the folder's consensus, not from one reader's labels. The cases "
            "with a settled consensus could not be counted: {error}").format(error=shown_message(error)))
        self.cases_label.setStyleSheet(WARNING_STYLE)

    def show_running(self) -> None:
        self.running = True
        self.options.setEnabled(False)
        self.loss_curve.clear()
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(True)
        self.status_label.setStyleSheet("")
        self.status_label.setToolTip("")  # the models folder of the last "Use" (show_decided) is not this run's
        self._say_stage(self.tr("Exporting the reviewed cases…"))
        self.stage_timer.start()
        self._show_results_box(False)
        self.cancel_button.setText(self.tr("Ca&ncel training"))
        self.cancel_button.setEnabled(True)
        self.finish_button.setText(self.tr("&Finish now"))
        self.finish_button.setEnabled(False)  # until the first step: there is nothing learned to keep yet
        self.stopping = False
        self._show_buttons(cancel=True)

    def show_finishing(self) -> None:
        """"Finish now" was asked: said at once, the training stops after its current step."""
        self.finish_button.setText(self.tr("Finishing after this step…"))
        self.finish_button.setEnabled(False)
        self.stopping = True

    def set_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(round(fraction * 1000))
        if TRAINING_STEP.match(message) is None:  # past the last step: the held-out figures, the comparison
            self.finish_button.setEnabled(False)
        self._say_stage(self.tr("the new model is saved") if SAVED.fullmatch(message)
                        else EXPORT_PROGRESS(TRAINING_PROGRESS(message)))

    def add_loss_point(self, step: int, loss: float) -> None:
        self.loss_curve.add_point(step, loss)
        self.finish_button.setEnabled(not self.stopping)

    def show_results(self, before_label: str, after_label: str, rows: Sequence[tuple[str, str, str]],
                     notes: Sequence[str], drawn: bool = False, unusable_why: str = "", doubt: str = "",
                     headline: tuple[str, str, str] = ("", "", "")) -> None:
        """``drawn``: the columns score what the analysis draws with each model as the lesion model, not the models
        alone. ``unusable_why``: why the new model cannot be used (it does not load); it is then not offered.
        ``doubt``: why keeping the current model is advised (shown in red; keeping is then the default button and
        using the new one asks first, showing ``headline``: the headline row, metric, current and new)."""
        self.running = False
        self.stage_timer.stop()
        self.progress_bar.setValue(1000)
        self.status_label.setStyleSheet(WARNING_STYLE if unusable_why else "")
        self.status_label.setText(unusable_why or self.tr("Training finished. Compare the two models, then choose."))
        columns = (self.tr("Current: what the analysis draws now ({before})\nNew: what it would draw with {after}")
                   if drawn else self.tr("Current: {before}\nNew: {after}"))
        self.models_label.setText(columns.format(before=RESULT_TEXTS(before_label), after=RESULT_TEXTS(after_label)))
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(RESULT_TEXTS(text))
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.notes_label.setText("\n".join(RESULT_TEXTS.match(note) or shown_message(note) for note in notes))
        self.doubt, self.headline = ("", ("", "", "")) if unusable_why else (doubt, headline)
        self.doubt_label.setText(self.doubt)
        self.doubt_label.setVisible(bool(self.doubt))
        self._show_results_box(True)
        self._show_buttons(use=not unusable_why, keep=True)
        self.keep_button.setDefault(bool(self.doubt))

    def _show_results_box(self, shown: bool) -> None:
        """The comparison takes the room of the run's options (disabled by then; the new model's card keeps them)
        and a shorter loss curve: at the dialog's size it showed 2.5 rows of its table and cut its last note."""
        before = self.size()
        self.results.setVisible(shown)
        self.options.setVisible(not shown)
        self.loss_curve.setMaximumHeight(LOSS_CURVE_HEIGHT_BESIDE_RESULTS if shown else LOSS_CURVE_HEIGHT)
        grow_within_room(self, before)

    def show_source_folder(self, folder: str) -> None:
        """The folder whose cases the comparison shown learned from and was scored on, said while another folder (or
        none) is open; "": the open folder's."""
        self.folder_label.setText(self.tr("This comparison comes from the cases of {folder}, not from the folder open "
                                          "now: the new model learned from them.").format(folder=folder))
        self.folder_label.setVisible(bool(folder))

    def show_failed(self, text: str) -> None:
        self._stopped(self.tr("Retraining failed: {error}").format(error=shown_message(text)), WARNING_STYLE)

    def show_refused(self, text: str) -> None:
        """Not started (``text`` says why, in the interface's language): nothing ran, so not "failed"."""
        self._stopped(text, WARNING_STYLE)

    def show_use_failed(self, text: str) -> None:
        """The new model could not be installed (``text`` says why): the comparison and its choice stay."""
        self.status_label.setStyleSheet(WARNING_STYLE)
        self.status_label.setText(self.tr("The new model could not be installed: {error}. The comparison is kept: "
                                          "fix that and use the new model again, or keep the current one.").format(
                                              error=text))
        self._show_buttons(use=True, keep=True)

    def show_aside_failed(self, text: str) -> None:
        """The new model could not be set aside as the current one is kept (``text`` says why): the comparison and its
        choice stay; keeping the current one again tries once more, and discards the new model if that fails."""
        self.status_label.setStyleSheet(WARNING_STYLE)
        self.status_label.setText(self.tr("The new model could not be set aside: {error}. It is still waiting for your "
                                          "choice: fix that and keep the current one again (the new model is then "
                                          "discarded if it still cannot be set aside), or use it.").format(error=text))
        self._show_buttons(use=True, keep=True)

    def show_cancelled(self) -> None:
        self._stopped(self.tr("Training cancelled; the current model stays in use."), "")

    def offer_go_back(self, model: str, explained: str = "") -> None:
        """``model``: the name of the model used before the one in use, offered back whenever a new run can start
        (the dialog opened again, a run stopped, a choice made: _show_buttons); "": nothing to go back to.
        ``explained``: what going back does, the button's tooltip."""
        self._go_back_to = model
        self.go_back_button.setText(self.tr("&Go back to {model}").format(model=escape_mnemonic(model)))
        self.go_back_button.setToolTip(explained)

    def show_decided(self, text: str, stopped: Sequence[Blend] = (), model: str = "", folder: str = "") -> None:
        """After "use" or "keep": say what happened (``stopped``: what no longer averages with the model replaced by
        ``model``, the new one, installed in ``folder``: the text says "your models folder", its tooltip the long
        path); a new run can start."""
        self.running = False
        self.status_label.setStyleSheet("")
        self.status_label.setToolTip(self.tr("Your models folder: {folder}").format(folder=folder) if folder else "")
        self.status_label.setText("\n".join([text, *(self.tr(
            "{candidates} no longer averages its {cls} with {partner}: {cls} comes from {model} alone until "
            "{candidates} is retrained beside it on the command line (docs/models.md, “After retraining the lesion "
            "model”).").format(candidates=candidates, cls=cls, partner=partner, model=model)
            for candidates, cls, partner in stopped)]))
        self.options.setEnabled(True)
        self._show_buttons(start=True)

    def clear_status(self) -> None:
        """No line under the options, as when the dialog was first opened."""
        self.status_label.setStyleSheet("")
        self.status_label.setToolTip("")
        self.status_label.setText("")

    # internals --------------------------------------------------------------------------------------------
    def _stopped(self, text: str, style: str) -> None:
        self.running = False
        self.stage_timer.stop()
        self.progress_bar.setVisible(False)  # as before a start: a bar left part-way would read as work half done
        self.status_label.setStyleSheet(style)
        self.status_label.setText(text)
        self.options.setEnabled(True)
        self._show_buttons(start=True)

    def _say_stage(self, text: str) -> None:
        self.stage_text = text
        self.stage_clock.said(text)
        self._tick()

    def _tick(self) -> None:
        """The stage's text, with its seconds once it has been silent a while."""
        seconds = self.stage_clock.silent_seconds()
        self.status_label.setText(self.stage_text if seconds is None else self.tr("{stage} ({seconds} s)").format(
            stage=self.stage_text, seconds=seconds))

    def _show_buttons(self, start: bool = False, cancel: bool = False, use: bool = False, keep: bool = False) -> None:
        self.go_back_button.setVisible(start and bool(self._go_back_to))  # going back ends no run and drops no choice
        self.start_button.setVisible(start)
        self.start_button.setDefault(start)
        self.cancel_button.setVisible(cancel)
        self.finish_button.setVisible(cancel)
        self.use_button.setVisible(use)
        self.keep_button.setVisible(keep)

    def set_input_sizes(self, sizes: Mapping[str, int]) -> None:
        """Task word -> the input size to offer (inference.training.retrain_start); the shown one follows unless the
        person changed it."""
        shown = self.task_box.currentData()
        for index in range(self.task_box.count()):
            word, size = self.task_box.itemData(index)
            self.task_box.setItemData(index, (word, sizes.get(word, size)))
        if shown is not None and self.size_box.value() == shown[1]:
            self.size_box.setValue(self.task_box.currentData()[1])

    def _task_changed(self) -> None:
        data = self.task_box.currentData()
        if data is not None:
            self.size_box.setValue(data[1])
        self._show_blend_note()

    def _show_blend_note(self) -> None:
        data = self.task_box.currentData()
        blends = self.blends if data is not None and data[0] == self.blend_task else ()
        self.blend_label.setText("\n".join(self.tr(
            "{candidates} averages its {cls} with {partner}: once the retrained model is used instead, {cls} comes "
            "from it alone until {candidates} is retrained beside it on the command line (docs/models.md, “After "
            "retraining the lesion model”).").format(candidates=candidates, cls=cls, partner=partner)
            for candidates, cls, partner in blends))
        self.blend_label.setVisible(bool(blends))

    def _use(self) -> None:
        """Straight away, unless the new model is doubted: then only once the person confirmed, seeing both
        figures (No is the default)."""
        metric, current, new = self.headline
        if self.doubt and QMessageBox.question(
                self, self.tr("Use the new model?"),
                self.tr("{doubt}.\n\n{metric}: current model {current}, new model {new}.\n\nUse the new model "
                        "anyway?").format(doubt=self.doubt, metric=RESULT_TEXTS(metric), current=RESULT_TEXTS(current),
                                          new=RESULT_TEXTS(new)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self.use_new_requested.emit()

    def reject(self) -> None:
        """Closing (Close, the title bar, Esc) while training runs asks whether to stop it (its work folder then goes)
        or keep training in the background, as closing did before, unasked: the menu shows the dialog again."""
        if self.running and self.run_is_live:
            asked = QMessageBox(QMessageBox.Icon.Question, self.tr("Training is running"),
                                self.tr("Stop the training? The model being trained and its work folder are "
                                        "discarded; the current model stays in use."), parent=self)
            stop = asked.addButton(self.tr("Stop the training"), QMessageBox.ButtonRole.DestructiveRole)
            asked.addButton(self.tr("Keep training in the background"), QMessageBox.ButtonRole.RejectRole)
            asked.exec()
            if asked.clickedButton() is stop:
                self._cancel()
        super().reject()

    def _cancel(self) -> None:
        """Said at once: the run stops at its next check (the training process between steps), seconds later."""
        self.cancel_button.setText(self.tr("Stopping the training…"))
        self.cancel_button.setEnabled(False)
        self.finish_button.setEnabled(False)
        self.stopping = True
        self.cancel_requested.emit()

    def _finish(self) -> None:
        self.show_finishing()
        self.finish_requested.emit()

    def _start(self) -> None:
        word, _ = self.task_box.currentData()
        size = self.size_box.value() - self.size_box.value() % 32 or 32
        self.start_requested.emit(word, self.epochs_box.value(), size)
