"""The review window: assembly and wiring only. Case list left, image canvas centre, findings right, status bar.

The logic lives in CaseController (workspace, document, history, saving), AnalysisController (the background
analysis) and the widgets; this file connects their signals and owns the menus built from app.actions.
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QProgressBar,
                               QPushButton, QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from annotations.case_scopes import AnalysisScope, analysis_scope
from annotations.case_source import CaseSource
from annotations.commands import Change
from annotations.dicom import DICOM_EXTENSIONS
from annotations.document import CaseDocument, Modality
from annotations.frames import listed_case_id
from annotations.history import History
from annotations.image_io import IMAGE_EXTENSIONS
from annotations.objects import painted_counts
from annotations.reading.readers import reading_role
from annotations.workspace import Workspace
from app import actions as action_table
from app.agreement_controller import AgreementController
from app.analysis_controller import AnalysisController, AnalysisItem, ModelInfo
from app.annotation_controller import AnnotationController
from app.arbitration_controller import ArbitrationController
from app.bscan_controller import BScanController
from app.case_controller import CaseController, neighbour
from app.i18n import LANGUAGE_NAMES
from app.inference_messages import shown_message
from app.lesion_source_rows import describe_lesion_sources
from app.object_list_controller import ObjectListController
from app.patient_controller import PatientController
from app.reading_controller import ReadingController
from app.report_controller import ReportController, describe_cjk_font
from app.retrain_controller import RetrainController
from app.settings import Settings, SettingsValues
from app.tasks import keep_the_gui_thread_responsive
from widgets.canvas import ImageCanvas
from widgets.case_list import CaseListWidget
from widgets.confirm import ask_choice, ask_yes_no
from widgets.findings_panel import FindingsPanel
from widgets.qimage_convert import rgb_to_qimage
from widgets.settings_dialog import SettingsDialog
from widgets.shortcuts_dialog import ShortcutsDialog

log = logging.getLogger(__name__)

APP_NAME = "RetinaReview"
LIST_REFRESH_MS = 400


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        keep_the_gui_thread_responsive()
        self.settings = settings or Settings()
        self.values: SettingsValues = self.settings.load()
        self.cases = CaseController(self.values.reader, self.values.autosave_s, self)
        self.cases.confirm = lambda title, question: ask_yes_no(self, title, question)
        # Asked (title, question, answers) before work already done is redone; the index answered, None: cancel.
        self.choose: Callable[[str, str, list[str]], int | None] = \
            lambda title, question, choices: ask_choice(self, title, question, choices)
        self.analysis = AnalysisController(self.values, self)
        self.reports = ReportController(self)
        self.retrain = RetrainController(self.cases, self.analysis, self.settings, self)
        self.retrain.settings_changed.connect(self.apply_settings)
        self.agreement = AgreementController(self.cases, self)
        self.arbitration = ArbitrationController(self.cases, self)
        self.reading = ReadingController(self.cases, self)
        self.bscans = BScanController(self)  # the slider over an OCT volume's B-scans
        self._announce_save: str | None = None  # the case whose Ctrl+S is waiting to be written
        self._list_refresh = QTimer(self, singleShot=True, interval=LIST_REFRESH_MS)
        self._list_refresh.timeout.connect(self._refresh_list)
        self.actions = action_table.build_actions(self)
        self._build_widgets()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.annotation = AnnotationController(self)  # tool bar, history panel, Annotate menu
        self.objects = ObjectListController(self)  # the Objects dock
        self.objects.objects_listed.connect(lambda objects: self.findings.show_reader_counts(painted_counts(objects)))
        self._place_annotation_parts()
        self.setAcceptDrops(True)
        self.resize(1500, 950)
        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)  # docks and tool bars where the reader left them
        self._update_title()

    # assembly ----------------------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.case_list = CaseListWidget(self.cases.listings)
        self.canvas = ImageCanvas()
        self.canvas.set_mask_source("both")  # the reader's mask filled, the AI's as outlines over it
        self.notice = QLabel(self._welcome())
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.setMargin(40)
        self.centre = QStackedWidget()
        self.centre.addWidget(self.notice)
        self.centre.addWidget(self.canvas)
        centre_with_bar = QWidget()
        centre_layout = QVBoxLayout(centre_with_bar)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.centre, 1)
        centre_layout.addWidget(self.bscans.bar)
        self.findings = FindingsPanel()
        accept_keys = self.actions["accept_ai"].shortcut().toString()
        self.findings.accept_button.setText(self.tr("Accept AI grade ({keys})").format(keys=accept_keys))
        self.patients = PatientController(self.cases, self)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.patients.panel)
        side_layout.addWidget(self.findings, 1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_dock = QDockWidget(self.tr("Findings"), self)
        self.findings_dock.setObjectName("findings_dock")
        self.findings_dock.setWidget(scroll)
        self.findings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                       | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.case_list, 0), (centre_with_bar, 1)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([560, 900])
        self.setCentralWidget(splitter)

    def _place_annotation_parts(self) -> None:
        """The history panel goes under the findings with the object list as a tab beside it, and Help stays the
        last menu."""
        self.splitDockWidget(self.findings_dock, self.annotation.history_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.annotation.history_dock, self.objects.dock)
        self.annotation.history_dock.raise_()
        self.resizeDocks([self.findings_dock], [360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findings_dock, self.annotation.history_dock], [700, 200], Qt.Orientation.Vertical)
        help_menu = self.help_menu.menuAction()
        self.menuBar().removeAction(help_menu)
        self.menuBar().addAction(help_menu)

    def _build_menus(self) -> None:
        menus: dict[str, object] = {}
        for spec in action_table.ACTIONS:
            if spec.menu not in menus:
                menus[spec.menu] = self.menuBar().addMenu(action_table.translated(spec.menu))
            menu = menus[spec.menu]
            if spec.menu == action_table.HELP:
                self.help_menu = menu
            if spec.name == "save":
                self.recent_menu = menu.addMenu(self.tr("Open &recent"))
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
            if spec.name in ("quit", "layer_MA", "modality_auto", "zoom_in", "cancel_analysis"):
                menu.addSeparator()
            menu.addAction(self.actions[spec.name])
            self.addAction(self.actions[spec.name])  # shortcuts work while the menu bar is hidden too
        menus["Case"].addSeparator()
        menus["Case"].addActions([self.bscans.next_action, self.bscans.previous_action])
        for name in ("layer_MA", "layer_HE", "layer_EX", "layer_SE", "layer_OD", "layer_boxes"):
            self.actions[name].setChecked(True)
        self.actions["modality_auto"].setChecked(True)
        self.actions["layer_heatmap"].setEnabled(False)
        self.actions["next_heatmap"].setEnabled(False)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(180)
        self.progress_text = QLabel()
        self.scan_label = QLabel()  # a folder's listing in progress; its own place, so messages stay readable
        self.scan_label.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.analysis.cancel)
        self.zoom_label, self.pixel_label = QLabel("–"), QLabel("")
        self.device_label = QLabel(self.tr("device: {device}").format(device="–"))
        self.model_label = QLabel(self.tr("model: {models}").format(models="–"))
        for widget in (self.scan_label, self.progress_text, self.progress, self.cancel_button, self.pixel_label,
                       self.zoom_label, self.device_label, self.model_label):
            bar.addPermanentWidget(widget)
        self._show_busy(False)

    def _connect(self) -> None:
        a, c, panel = self.actions, self.cases, self.findings
        action_table.connect_actions(a, {
            "open_folder": self.choose_folder, "open_files": self.choose_files, "save": self.save_case,
            "report": self.reports.open_report,
            "settings": self.edit_settings, "quit": self.close, "undo": c.undo, "redo": c.redo,
            "next_case": lambda: self.step_case(1), "previous_case": lambda: self.step_case(-1),
            "accept_ai": c.accept_ai_grade, "mark_done": c.mark_done,
            "zoom_in": lambda: self.canvas.zoom_by(1.25), "zoom_out": lambda: self.canvas.zoom_by(0.8),
            "zoom_fit": self.canvas.fit_to_window, "zoom_actual": self.canvas.zoom_1_to_1,
            "analyze": self.analyze_current, "analyze_all": self.analyze_all,
            "cancel_analysis": self.analysis.cancel, "shortcuts": self.show_shortcuts,
            "retrain": self.retrain.open_dialog, "agreement": self.agreement.open_dialog,
            "arbitrate": self.arbitration.open_for_current, "next_heatmap": panel.heat.next_source,
        })
        self.agreement.message.connect(self.show_message)
        self.arbitration.message.connect(self.show_message)
        self.reading.message.connect(self.show_message)
        for spec in action_table.ACTIONS:
            if spec.name.startswith("layer_"):
                a[spec.name].toggled.connect(lambda on, layer=spec.data: self.canvas.set_layer_visible(layer, on))
                self.canvas.set_layer_visible(spec.data, a[spec.name].isChecked())
            elif spec.name.startswith("modality_"):
                a[spec.name].triggered.connect(lambda _=False, mode=spec.data: self.choose_modality(mode))
        self.case_list.case_selected.connect(c.select_case)
        self.case_list.listed.connect(self._on_listed)
        c.cases_changed.connect(self._on_cases)
        c.cases_added.connect(self._on_cases_added)
        c.workspace_closed.connect(self._on_workspace_closed)
        c.scan_progress.connect(self._on_scan_progress)
        c.scan_finished.connect(self._on_scan_finished)
        self.case_list.thumbnail_wanted.connect(c.request_thumbnail)
        c.summary_changed.connect(self.case_list.update_case)
        c.thumbnail_ready.connect(lambda case_id, rgb: self.case_list.set_thumbnail(case_id, rgb_to_qimage(rgb)))
        c.case_opened.connect(self._on_case_opened)
        c.case_failed.connect(self._on_case_failed)
        c.preview_ready.connect(self._on_preview)
        c.image_loaded.connect(self._on_image_loaded)
        c.modality_changed.connect(self._on_modality)
        c.document_changed.connect(self._on_document_changed)
        c.dirty_changed.connect(self.setWindowModified)
        c.message.connect(self.show_message)
        c.saved.connect(self._on_case_saved)
        c.saved.connect(lambda _: self.case_list.refresh_counts())  # e.g. one more case done
        c.about_to_save.connect(panel.commit_pending)
        c.workspace_opened.connect(lambda ws: self.settings.add_recent_workspace(ws.folder))
        panel.grade_edited.connect(c.set_grade)
        panel.findings_edited.connect(c.set_findings)
        panel.review_state_edited.connect(c.set_review_state)
        panel.accept_ai_requested.connect(c.accept_ai_grade)
        panel.heat.shown_changed.connect(self.canvas.set_heatmap_source)
        panel.heat.picked.connect(lambda _: a["layer_heatmap"].setChecked(True))  # a choice is to be seen
        self.analysis.result_ready.connect(c.apply_ai_result)
        self.analysis.case_failed.connect(
            lambda case_id, error: self.show_message(self.tr("Analysis failed: {error}").format(
                error=shown_message(error))))
        self.analysis.progress.connect(self._on_progress)
        self.analysis.busy_changed.connect(self._show_busy)
        self.analysis.models_ready.connect(self._on_models)
        self.canvas.zoom_changed.connect(lambda zoom: self.zoom_label.setText(f"{zoom * 100:.0f}%"))
        self.canvas.cursor_moved.connect(self._on_cursor)

    # opening -----------------------------------------------------------------------------------------------
    def open_paths(self, paths: Sequence[str | Path]) -> bool:
        name = self.reading.ask_reader_name(paths)  # a double-read folder needs to know who reads
        if name:
            self.apply_settings(dataclasses.replace(self.values, reader=name))
        return self.cases.open_paths(paths)

    def _last_folder(self) -> str:
        """Where the file dialogs start: the folder used last."""
        recent = self.settings.recent_workspaces()
        return recent[0] if recent else ""

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of images"), self._last_folder())
        if folder:
            self.open_paths([folder])

    def choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(IMAGE_EXTENSIONS | DICOM_EXTENSIONS))
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open images"), self._last_folder(),
                                                self.tr("Images ({patterns});;All files (*)").format(patterns=patterns))
        if files:
            self.open_paths(files)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for folder in self.settings.recent_workspaces():
            self.recent_menu.addAction(folder, lambda f=folder: self.open_paths([f]))
        self.recent_menu.setEnabled(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.open_paths([url.toLocalFile() for url in event.mimeData().urls()])
        event.acceptProposedAction()

    # cases -------------------------------------------------------------------------------------------------
    def save_case(self) -> None:
        """Ctrl+S: queue the open case's save; the status bar says so once it is written (a failure says why
        through the controller's message)."""
        if self.cases.current_id is not None:
            self._announce_save = self.cases.current_id
            self.cases.save(wait=False)

    def _on_case_saved(self, case_id: str) -> None:
        summary = (self.cases.summaries.get(listed_case_id(case_id))  # a B-scan: its volume
                   if case_id == self._announce_save else None)
        if summary is not None:
            self._announce_save = None
            self.show_message(self.tr("Saved {file}").format(file=summary.image_path.rsplit("/", 1)[-1]))

    def step_case(self, step: int) -> None:
        current = self.cases.current_id
        target = neighbour(self.case_list.visible_case_ids(), current and listed_case_id(current), step)
        if target is not None:
            self.cases.select_case(target)

    def _on_cases(self, source: CaseSource) -> None:
        self.case_list.set_double_reading(self.cases.double_reading)
        self.case_list.set_source(source)  # listed when read (_on_listed)
        self._update_title()

    def _on_workspace_closed(self) -> None:
        self._list_refresh.stop()
        self.case_list.set_source(None)  # its index is closed

    def _on_cases_added(self) -> None:
        """A scan batch was written: the first one is listed at once (its first case opens); later ones a few
        times a second."""
        if self.cases.current_id is None:
            self.case_list.refresh()
        elif not self._list_refresh.isActive():
            self._list_refresh.start()

    def _refresh_list(self) -> None:
        """Re-read the list's order (on a worker); the next refresh waits several times as long as the last
        reading took, so that reading a 100,000-case list leaves the CPU mostly to the scan."""
        self.case_list.refresh()
        self._list_refresh.setInterval(max(LIST_REFRESH_MS, int(self.case_list.last_read_seconds * 5000)))

    def _on_listed(self) -> None:
        """The list shows a new listing: the first case of a folder opens; a folder found empty says so."""
        if self.cases.workspace is None or self.cases.current_id is not None:
            return
        order = self.case_list.visible_case_ids()
        if order:
            self.cases.select_case(order[0])
        elif not self.cases.listing.scanning:
            self._show_notice(self.tr("No images in this folder (JPEG, PNG, TIFF or BMP)."))

    def _on_scan_progress(self, done: int, total: int) -> None:
        self.scan_label.setText(self.tr("Listing the folder: {0} of {1} photos").format(done, total))
        self.scan_label.setVisible(done < total)

    def _on_scan_finished(self) -> None:
        self._list_refresh.stop()
        self._list_refresh.setInterval(LIST_REFRESH_MS)
        self.case_list.refresh()
        self.scan_label.hide()

    def _on_case_opened(self, doc: CaseDocument, history: History) -> None:
        self.case_list.select_case(listed_case_id(doc.case_id))  # a B-scan's row is its volume's
        self.analysis.case_switched(doc.case_id)
        self.canvas.set_document(None)
        # The photo's preview comes next (preview_ready, within this switch), then its full pixels. The document
        # (overlays) follows with the full pixels: building a 12-megapixel overlay takes tens of
        # milliseconds, which would delay the first paint of the preview.
        self.findings.show_document(doc, self.cases.modality is Modality.OCT)
        self._update_title()

    def _on_preview(self, case_id: str, rgb: np.ndarray | None, width: int, height: int) -> None:
        if case_id == self.cases.current_id:
            self.canvas.show_preview(rgb, width, height)  # a large JPEG shows reduced at once
            self.centre.setCurrentWidget(self.canvas)

    def _show_document_on_canvas(self) -> None:
        """The canvas takes the document once it shows an image of the document's size."""
        doc = self.cases.doc
        if doc is not None and self.canvas.image_size() == (doc.width, doc.height):
            self.canvas.set_document(doc)
            self.centre.setCurrentWidget(self.canvas)
            self._update_heatmap_actions()

    def _on_image_loaded(self, case_id: str, image: np.ndarray) -> None:
        self.canvas.set_image(image)
        self._show_document_on_canvas()
        doc = self.cases.doc
        if doc is not None and doc.ai is None and self.values.analyze_on_open and not self.analysis.batch_running:
            self.analysis.analyze_case(case_id, image, self.cases.modality)

    def _on_case_failed(self, case_id: str, message: str) -> None:
        message = shown_message(message)  # e.g. an ImageLoadError's text, which names the file
        self.case_list.select_case(listed_case_id(case_id))
        self.analysis.case_switched(case_id)
        self.findings.show_error(message)
        self._show_notice(self.tr("This case cannot be shown:\n\n{reason}").format(reason=message))
        self._update_title()

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.centre.setCurrentWidget(self.notice)

    def _on_document_changed(self, change: Change) -> None:
        doc = self.cases.doc
        if doc is None:
            return
        if change.kind in ("grade", "findings", "review", "ai"):
            self.findings.show_document(doc)
        if self.canvas.layers.document() is doc:
            self.canvas.apply_change(change)
        if change.kind == "ai":
            self._update_heatmap_actions()

    def _on_modality(self, modality: Modality) -> None:
        oct_mode = modality is Modality.OCT
        if oct_mode != self.findings.oct_mode:  # the reader's H choice stands while the modality stays
            self.actions["layer_heatmap"].setChecked(oct_mode)
        self.findings.set_oct_mode(oct_mode)
        self._update_heatmap_actions()
        for name in ("layer_MA", "layer_HE", "layer_EX", "layer_SE", "layer_OD", "layer_boxes"):
            self.actions[name].setEnabled(not oct_mode)
        if oct_mode:  # OCT scans get the heat map, not the lesion tools
            self.annotation.choose_tool("none")
        self.annotation.tool_bar.setVisible(not oct_mode)

    def _update_heatmap_actions(self) -> None:
        """H and Shift+H work when the findings panel has a heat map to show (Grad-CAM or a class's)."""
        self.actions["layer_heatmap"].setEnabled(self.findings.heat.shown_source() is not None)
        self.actions["next_heatmap"].setEnabled(len(self.findings.heat.available_sources()) > 1)

    def choose_modality(self, mode: str) -> None:
        for name in ("auto", "fundus", "oct"):
            self.actions[f"modality_{name}"].setChecked(name == mode)
        override = None if mode == "auto" else mode == "oct"
        before = self.cases.modality
        self.analysis.oct_override = override
        self.cases.set_oct_override(override)
        if self.cases.modality is not before and self.cases.image is not None and self.values.analyze_on_open:
            self.analyze_current()  # fundus and OCT analyses differ: the shown result must match the view

    # analysis ----------------------------------------------------------------------------------------------
    def analyze_current(self) -> None:
        case_id = self.cases.current_id
        if case_id is None or self.cases.workspace is None:
            return
        if self.cases.ai_hidden(case_id):
            self.show_message(self.tr("Blind reading: the AI's result is shown once you submit this case "
                                      "(mark it done)."))
            return
        source = self.cases.image if self.cases.image is not None else self.cases.workspace.image_file(case_id)
        self.analysis.analyze_case(case_id, source, self.cases.modality)

    def analyze_all(self) -> None:
        """Analyse the folder's cases that have no AI result yet; asks first whether to redo those that have one.
        Which cases those are is read on the storage worker (every case of a big folder), then asked here.
        Progress and Cancel are in the status bar, so browsing and grading go on meanwhile."""
        workspace = self.cases.workspace
        if workspace is None:
            return
        source, blind, folder = self.cases.summaries, self.cases.blind_ai, workspace.folder

        def read() -> tuple[AnalysisScope, list[AnalysisItem], list[AnalysisItem]]:
            scope = analysis_scope(source.facts(worker=True), blind)
            items = {f.case_id: AnalysisItem(f.case_id, folder / f.image_path) for f in scope.readable}
            return scope, list(items.values()), [items[f.case_id] for f in scope.new]

        self.show_message(self.tr("Counting the cases to analyse…"))
        self.cases.storage.submit(read, done=lambda found: self._analyze_scope(workspace, *found))

    def _analyze_scope(self, workspace: Workspace, scope: AnalysisScope, readable: list[AnalysisItem],
                       chosen: list[AnalysisItem]) -> None:
        """Ask, then analyse ``chosen`` (the cases with no AI result) or every ``readable`` case."""
        if self.cases.workspace is not workspace:
            return  # another folder was opened meanwhile
        if scope.analysed:
            if chosen:
                question = self.tr("{analysed} of {total} cases already have an AI result. Analyse only the {new} "
                                   "without one, or all {total} again?").format(
                    analysed=scope.analysed, total=len(readable), new=len(chosen))
                choices = [self.tr("Only the {new} new").format(new=len(chosen)),
                           self.tr("All {total} again").format(total=len(readable))]
            else:
                question = self.tr("All {total} cases already have an AI result. Analyse them all again?").format(
                    total=len(readable))
                choices = [self.tr("Analyse again")]
            answer = self.choose(self.tr("Analyse all"), question, choices)
            if answer is None:
                self.statusBar().clearMessage()
                return
            if not chosen or answer == 1:  # "Analyse again", or "All again"
                chosen = readable
        if not chosen:
            self.show_message(self.tr("No case to analyse."))
            return
        self.analysis.analyze_all(chosen)
        self.show_message(self.tr("Analysing {count} case(s); progress and Cancel are in the status bar.").format(
            count=len(chosen)))

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress_text.setText(message)

    def _show_busy(self, busy: bool) -> None:
        for widget in (self.progress, self.progress_text, self.cancel_button):
            widget.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def _on_models(self, info: ModelInfo) -> None:
        self.device_label.setText(self.tr("device: {device}").format(device=info.device))
        self.model_label.setText(self.tr("model: {models}").format(models=", ".join(map(shown_message, info.names))))

    def _on_cursor(self, x: int, y: int) -> None:
        image = self.cases.image
        if image is None or not (0 <= y < image.shape[0] and 0 <= x < image.shape[1]):
            self.pixel_label.setText("")
            return
        r, g, b = (int(v) for v in image[y, x])
        self.pixel_label.setText(self.tr("x {x} y {y}  RGB {r} {g} {b}").format(x=x, y=y, r=r, g=g, b=b))

    # dialogs and chrome ------------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        text = shown_message(text)  # the controllers pass on what annotations/ says (a failed save, a damaged index)
        log.info("%s", text)
        self.statusBar().showMessage(text, 15000)
        if self.cases.workspace is None:
            self._show_notice(f"{text}\n\n{self._welcome()}")

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_rows(), self).exec()

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        return (action_table.shortcut_rows() + action_table.other_shortcut_rows(self)
                + action_table.gesture_rows())

    def edit_settings(self) -> None:
        from inference.model_card import TASKS
        from inference.registry import ModelRegistry  # torch: not needed until the settings dialog opens

        installed: dict[str, list[str]] = {task: [] for task in TASKS}
        unusable: list[str] = []
        for entry in ModelRegistry().entries():
            if entry.card is not None:
                installed[entry.card.task].append(entry.name)
            else:
                unusable.append(shown_message(entry.error or ""))  # e.g. a damaged model.json, naming it
        dialog = SettingsDialog(self.values.to_dict(), ["cpu", "cuda", "mps"], installed, self,
                                describe_font=describe_cjk_font, reading=self.reading.folder_values(),
                                languages=LANGUAGE_NAMES, unusable_models=unusable,
                                describe_sources=describe_lesion_sources)
        if dialog.exec():
            reader_before = self.values.reader
            self.apply_settings(SettingsValues.from_dict(dialog.values()))
            self.reading.apply(reader_before, dialog.reading.folder_values())

    def apply_settings(self, values: SettingsValues) -> None:
        self.values = values
        self.settings.save(values)
        self.analysis.values = values
        self.cases.reader = values.reader
        self.cases.set_autosave_interval(values.autosave_s)

    def _update_title(self) -> None:
        workspace = self.cases.workspace
        parts = [APP_NAME]
        if workspace is not None:
            parts.insert(0, str(workspace.folder) + (self.tr(" (read-only)") if workspace.read_only else "")
                         + (f" — {self._who(workspace)}" if workspace.reader else ""))
            summary = self.cases.summaries.get(listed_case_id(self.cases.current_id or ""))
            if summary is not None:
                parts.insert(0, summary.image_path.rsplit("/", 1)[-1] + "[*]")
        self.setWindowTitle(" — ".join(parts))
        self.setWindowModified(self.cases.is_dirty)

    def _who(self, workspace: Workspace) -> str:
        """Who is working and as what ("Anna, reader" in a double-read folder)."""
        role = reading_role(workspace)
        if not role:
            return workspace.reader
        caption = self.tr("{name}, arbiter") if role == "arbiter" else self.tr("{name}, reader")
        return caption.format(name=workspace.reader)

    def _welcome(self) -> str:
        return self.tr("Open a folder of retinal images: File ▸ Open folder (Ctrl+O), drop a folder or images here, "
                       "or run  retina-review open PATH")

    def is_settled(self) -> bool:
        """Nothing is loading, being analysed or being written (used by --screenshot and tests)."""
        return not self.cases.loading and not self.analysis.busy and not self.cases.busy

    def closeEvent(self, event: QCloseEvent) -> None:
        self.retrain.shutdown()
        self.analysis.shutdown()
        self.cases.shutdown()
        self.settings.save_window_geometry(self.saveGeometry())
        self.settings.save_window_state(self.saveState())
        super().closeEvent(event)
