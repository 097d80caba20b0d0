"""The review window: assembly and wiring only. Case list left, image canvas centre, findings right, status bar.

The logic lives in CaseController (workspace, document, history, saving), AnalysisController (the background
analysis), the widgets and the window's own controllers: app.window_layout builds the widgets and menus,
FolderOpening opens folders, CaseBrowsing keeps the case list in step, CaseDisplay shows the open case,
AnalysisActions starts analyses and WindowStatusBar shows progress; this file creates them and connects the rest.
"""
from __future__ import annotations

import dataclasses
import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow

from annotations.case_names import bscan_name
from annotations.frames import listed_case_id
from annotations.graded_fields import naming_value
from annotations.objects import marked_counts
from annotations.reading.readers import reading_role
from annotations.report_kind import ReportKind, report_kind
from annotations.workspace import Workspace
from app import actions as action_table
from app import analysis_closing, export_closing
from app.agreement_controller import AgreementController
from app.analysis_actions import AnalysisActions
from app.analysis_controller import AnalysisController
from app.annotation_controller import AnnotationController
from app.arbitration_controller import ArbitrationController
from app.bscan_controller import BScanController
from app.bscan_shape import BScanShape
from app.case_browsing import CaseBrowsing
from app.case_controller import CaseController
from app.case_display import CaseDisplay
from app.case_refusal import CaseRefusal
from app.dock_room import DockGivesWay
from app.drawn_layers_shown import show_drawn_layers
from app.folder_opening import FolderOpening
from app.greyed_keys import GreyedKeys
from app.i18n import LANGUAGE_NAMES
from app.inference_messages import shown_message
from app.labelimg_note import LabelImgNote
from app.lesion_source_rows import describe_lesion_sources
from app.modality_menu import ModalityMenu
from app.model_preload import ModelPreload
from app.object_list_controller import ObjectListController
from app.owed_reveal_keeper import OwedRevealKeeper
from app.read_only_note import ReadOnlyNote
from app.recovered_note import RecoveredNote
from app.reading_controller import ReadingController
from app.report_action import describe_cjk_font
from app.report_controller import ReportController
from app.retrain_controller import RetrainController
from app.settings import Settings, SettingsValues
from app.tasks import keep_the_gui_thread_responsive
from app.undo_actions import UndoActions
from app.unused_escape import UnusedEscape
from app.window_layout import add_panel_toggles, build_menus, build_widgets, place_annotation_parts
from app.window_status_bar import WindowStatusBar
from widgets.confirm import ask_yes_no
from widgets.eliding_status_bar import ElidingStatusBar
from widgets.keyboard_focus import bring_forward, give_keys
from widgets.screen_room import fits, free_room
from widgets.settings_dialog import SettingsDialog
from widgets.shortcuts_dialog import ShortcutsDialog
from widgets.unsaved_edits_box import CloseChoice, UnsavedEditsBox
from widgets.whole_in_view import scroll_whole_into_view

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QMenu, QStackedWidget

    from app.patient_controller import PatientController
    from widgets.canvas import ImageCanvas
    from widgets.case_list import CaseListWidget
    from widgets.findings_panel import FindingsPanel
    from widgets.note_bar import NoteBar
    from widgets.notice_page import NoticePage
    from widgets.ruled_splitter import RuledSplitter

log = logging.getLogger(__name__)

APP_NAME = "RetinaReview"
OPEN_COMMAND = "retina-review open PATH"  # the welcome's command, the same in every language
DEFAULT_SIZE = QSize(1500, 950)  # a first run's, where the screen holds it (show_first)
READER_TOOL_BARS = 1  # the window state's version: its hidden tool bars are the reader's (0: some were OCT's)


class MainWindow(QMainWindow):
    # The parts app.window_layout builds (build_widgets, build_menus).
    case_list: CaseListWidget
    canvas: ImageCanvas
    notice: NoticePage  # shown in the centre instead of the canvas: the welcome, or why a case cannot be shown
    note_bar: NoteBar  # over the centre: a note on the folder just opened (labelImg files not imported yet)
    read_only_bar: NoteBar  # over the centre: why the open folder is read-only
    recovered_bar: NoteBar  # over the centre: the cases a crash's recovery saved, still to check
    centre: QStackedWidget
    case_split: RuledSplitter  # the case list | the centre
    findings: FindingsPanel
    findings_dock: QDockWidget
    patients: PatientController
    help_menu: QMenu
    view_menu: QMenu

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        keep_the_gui_thread_responsive()
        self.settings = settings or Settings()
        self.values: SettingsValues = self.settings.load()
        self.cases = CaseController(self.values.reader, self.values.autosave_s, self)
        self.cases.confirm = lambda title, question: ask_yes_no(self, title, question)
        self.cases.ask_unsafe = self.ask_before_losing
        self.analysis = AnalysisController(self.values, self)
        self.case_refusal = CaseRefusal(self)  # why a key did nothing on the open case, said while it holds
        self.cases.may_close = self._folder_may_close
        self.preload = ModelPreload(self.cases, self.analysis)  # the models load when a folder opens
        self.analysis_actions = AnalysisActions(self)  # Analyse (F5) and Analyse all
        self.reports = ReportController(self)
        self.retrain = RetrainController(self.cases, self.analysis, self.settings, self)
        self.retrain.settings_changed.connect(self.apply_settings)
        self.agreement = AgreementController(self.cases, self)
        self.arbitration = ArbitrationController(self.cases, self.settings, self,
                                                 true_shape=lambda: self.values.bscan_true_shape)
        self.reading = ReadingController(self.cases, self)
        self.bscans = BScanController(self)  # the slider over an OCT volume's B-scans
        self.opening = FolderOpening(self)  # File ▸ Open…, drops and the command line
        self._announce_save: str | None = None  # the case whose Ctrl+S is waiting to be written
        self.actions = action_table.build_actions(self)
        build_widgets(self)
        build_menus(self)
        self.setStatusBar(ElidingStatusBar())  # a message too long for the bar ends in "…", whole in its tooltip
        self.status = WindowStatusBar(self)  # progress, cursor, zoom, device and models
        self._connect()
        self.undo_actions = UndoActions(self.actions["undo"], self.actions["redo"], self.cases)  # "Undo Paint HE"
        self.annotation = AnnotationController(self)  # tool bar, history panel, Annotate menu
        self.undo_actions.take_back_first(self.annotation.holds_half_made, self.annotation.half_made_changed)
        self.annotation.escape_unused.connect(self.escape_unused)  # Esc on the canvas that no tool used
        self.annotation.hidden_drawn.connect(partial(show_drawn_layers, self.actions, self.show_message))
        self.cases.layers_stepped.connect(partial(show_drawn_layers, self.actions, self.show_message))  # Ctrl+Z too
        self.objects = ObjectListController(self)  # the Objects dock
        self.labelimg_note = LabelImgNote(self, self.note_bar)  # labelImg boxes beside the photos, not imported
        self.read_only_note = ReadOnlyNote(self, self.read_only_bar)  # why the folder is read-only, said whole
        self.recovered_note = RecoveredNote(self, self.recovered_bar)  # a crash's recovered cases, until opened
        self.objects.objects_listed.connect(lambda objects: self.findings.show_reader_counts(  # none: no case open
            marked_counts(objects, self.cases.doc.mask) if objects else {}))
        self.resize(DEFAULT_SIZE)  # before the docks are sized: they share its height
        place_annotation_parts(self)
        add_panel_toggles(self)
        UnusedEscape(self, self.escape_unused)  # Esc no widget took: in the case list, with no case open, in a dock
        self.setAcceptDrops(True)
        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        self._restored = geometry is not None and self.restoreGeometry(geometry)
        if state is not None:
            if self.restoreState(state, READER_TOOL_BARS):  # docks and tool bars where the reader left them
                self.annotation.tool_bars_shown.restored()
            else:  # an earlier version's, which saved the bars an OCT scan hid as hidden: they follow the case
                self.restoreState(state)
        DockGivesWay(self, self.findings_dock)
        self.update_title()

    def _connect(self) -> None:
        a, c, panel = self.actions, self.cases, self.findings
        action_table.connect_actions(a, {
            "open_folder": self.opening.choose_folder, "open_files": self.opening.choose_files, "save": self.save_case,
            "rescan_folder": lambda: self.browsing.rescan(),
            "report": self.reports.open_report,
            "settings": self.edit_settings, "quit": self.close,
            "undo": lambda: self.annotation.take_back_half_made() or c.undo(), "redo": c.redo,
            "next_case": lambda: self.browsing.step_case(1), "previous_case": lambda: self.browsing.step_case(-1),
            "accept_ai": self.accept_ai_grade, "mark_done": self.mark_done, "write_findings": self.write_findings,
            "edit_patient": self.edit_patient,
            "zoom_in": lambda: self.canvas.zoom_by(1.25), "zoom_out": lambda: self.canvas.zoom_by(0.8),
            "zoom_fit": self.canvas.fit_to_window, "zoom_actual": self.canvas.zoom_1_to_1,
            "analyze": self.analysis_actions.analyze_current, "analyze_all": self.analysis_actions.analyze_all,
            "cancel_analysis": self.analysis.cancel, "shortcuts": self.show_shortcuts, "about": self.show_about,
            "retrain": self.retrain.open_dialog, "agreement": self.agreement.open_dialog,
            "arbitrate": self.arbitration.open_for_current, "next_heatmap": panel.heat.next_source,
            "reader_ungradable": partial(self.grade_by_key, c.edits.set_ungradable),
        })
        panel.findings_text.escaped.connect(lambda: give_keys(self.canvas))  # Esc after F2: the findings kept as typed
        self.patients.panel.keys_returned.connect(lambda: give_keys(self.canvas))  # Enter or Esc after F3: D moves on
        for keys in (panel.undo_keys, self.patients.panel.undo_keys):  # Redo: the case's steps undone since first
            keys.case_redo_step = lambda: c.history.redo_step if c.history is not None else None
        self.agreement.message.connect(self.show_message)
        self.arbitration.message.connect(self.show_message)
        self.arbitration.arbitrated.connect(self.cases.listing.update_reading_state)  # the list says "arbitrated"
        self.arbitration.bind_action(a["arbitrate"])  # enabled only for a case it can arbitrate
        self.reading.message.connect(self.show_message)
        self.reading.reader_kept.connect(
            lambda name: self.apply_settings(dataclasses.replace(self.values, reader=name)))  # the folder stayed open
        for spec in action_table.ACTIONS:
            if spec.name.startswith("layer_"):
                a[spec.name].toggled.connect(lambda on, layer=spec.data: self.canvas.set_layer_visible(layer, on))
                self.canvas.set_layer_visible(spec.data, a[spec.name].isChecked())
            elif spec.name.startswith("reader_grade_"):
                a[spec.name].triggered.connect(partial(self.grade_by_key,
                                                       partial(c.edits.set_dr_grade, int(spec.data))))
            elif spec.name.startswith("reader_dme_"):
                a[spec.name].triggered.connect(lambda _=False, risk=int(spec.data): self.grade_by_key(
                    partial(c.edits.set_dme_risk, risk), panel.dme_refusal))
            elif spec.name.startswith("modality_"):
                a[spec.name].triggered.connect(lambda _=False, mode=spec.data: self.modality_menu.choose(mode))
        greyed = GreyedKeys(self, self.case_refusal.say)
        for name in action_table.READER_GRADE_ACTIONS:  # greyed on an OCT scan alone, which grade_refusal names
            greyed.explain(a[name], panel.grade_refusal)
        self.browsing = CaseBrowsing(self)  # the case list kept in step with the folder; D/A
        self.display = CaseDisplay(self)  # the open case on the canvas and in the findings, or a notice
        self.modality_menu = ModalityMenu(self)  # View ▸ Modality: the open case's, chosen for it alone
        self.bscan_shape = BScanShape(self)  # View ▸ B-scan at true shape: the reader's, for every B-scan
        c.dirty_changed.connect(self.setWindowModified)
        c.message.connect(self.show_message)
        c.folder_taken_over.connect(self._folder_taken_over)
        c.saved.connect(self._on_case_saved)
        c.saver.nothing_to_save.connect(self._on_nothing_to_save)
        c.saved.connect(lambda _: self.case_list.refresh_counts())  # e.g. one more case done
        c.typing_due.connect(panel.commit_pending)
        panel.grade_edited.connect(c.edits.set_grade)
        panel.findings_edited.connect(c.edits.type_findings)
        panel.typing_ended.connect(c.edits.end_typing)
        panel.review_state_edited.connect(c.edits.set_review_state)
        panel.accept_ai_requested.connect(c.edits.accept_ai_grade)
        panel.heat.shown_changed.connect(self.canvas.set_heatmap_source)
        panel.heat.picked.connect(lambda _: a["layer_heatmap"].setChecked(True))  # a choice is to be seen
        self.analysis.result_ready.connect(c.ai_results.apply)
        c.workspace_closed.connect(self.analysis.folder_closed)  # jobs stop; owed reveals wait for its reopening:
        OwedRevealKeeper(c, self.analysis)

    # opening -----------------------------------------------------------------------------------------------
    def open_paths(self, paths: Sequence[str | Path]) -> bool:
        """Open a folder, or image files of one folder (FolderOpening.open_paths); False with a message."""
        return self.opening.open_paths(paths)

    def escape_unused(self) -> None:
        """Esc with no other use here (not a dialog's, a drawing's or a selection's, nor a text field's that takes the
        keyboard back to the image): while the folder is listed, it stops that, as the status bar's Stop does."""
        self.status.stop_scan()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.open_paths([url.toLocalFile() for url in event.mimeData().urls()])
        event.acceptProposedAction()

    # cases -------------------------------------------------------------------------------------------------
    def save_case(self) -> None:
        """Ctrl+S: queue the open case's save; the status bar says so once it is written, or at once when there
        was nothing to write (a failure says why through the controller's message)."""
        if self.cases.current_id is not None:
            self._announce_save = self.cases.current_id
            self.cases.save(wait=False)

    def write_findings(self) -> None:
        """F2: the keyboard goes to the findings box, scrolled into view."""
        bring_forward(self.findings_dock)
        scroll_whole_into_view(self.findings_dock.widget(), self.findings.findings_text)
        give_keys(self.findings.findings_text)

    def edit_patient(self) -> None:
        """F3: the patient details unfolded and scrolled into view, the keyboard in the patient ID (Tab goes on to the
        other fields; it took a dozen Tabs, and the fold a click)."""
        bring_forward(self.findings_dock)
        panel = self.patients.panel
        panel.set_expanded(True)
        scroll = self.findings_dock.widget()
        # the fold's header first, then the field: scrolled up only to the ID (Qt's 50 px margin), as from the
        # reader's grade after Ctrl+G, the header was half out of view on a laptop; the ID wins where both cannot fit
        scroll.ensureWidgetVisible(panel.toggle)
        scroll.ensureWidgetVisible(panel.patient_id)
        give_keys(panel.patient_id)
        panel.patient_id.selectAll()

    def grade_by_key(self, record: Callable[[], None], refused: Callable[[], str] | None = None) -> None:
        """Ctrl+G / Ctrl+M and a digit, or Ctrl+G, U (ungradable): the grade recorded as its box would record it (none
        where the box takes none: ``refused``, by default FindingsPanel.grade_refusal, which the status bar says),
        and shown."""
        refusal = (refused or self.findings.grade_refusal)()
        if refusal:
            self.case_refusal.say(refusal)
            return
        record()
        self.show_reader_grade()

    def show_reader_grade(self) -> None:
        """Ctrl+G / Ctrl+M: the grade just recorded by keyboard is scrolled into view (below the AI findings it is
        out of sight on a laptop screen); the keys stay where they were."""
        bring_forward(self.findings_dock)
        scroll = self.findings_dock.widget()
        across = scroll.horizontalScrollBar().value()
        for field_widget in (self.findings.dr_grade, self.findings.dme_risk):
            scroll.ensureWidgetVisible(field_widget)
        scroll.horizontalScrollBar().setValue(across)  # a narrow dock: down to the grade, not sideways

    def mark_done(self) -> None:
        """Ctrl+Enter: the case is done and the keyboard goes back to the case list, so that D moves on rather
        than typing into the findings; on the canvas it stays there, where the arrows nudge the box still selected
        (in the list they went through the cases) and Del deletes it."""
        self.cases.edits.mark_done()
        if not self.canvas.hasFocus():
            give_keys(self.case_list.table)
        doc = self.cases.doc
        kind = report_kind(doc) if doc is not None else None
        if doc is not None and naming_value(doc.grade, kind) is None:  # it was marked done in silence
            self.show_message(self.tr("Marked done without your OCT class: choose it in the findings")
                              if kind is ReportKind.OCT else
                              self.tr("Marked done without your DR grade: Ctrl+G and a digit records it"))

    def _on_case_saved(self, case_id: str) -> None:
        self._announce_save_of(case_id, self.tr("Saved {image}"))

    def _on_nothing_to_save(self, case_id: str) -> None:
        self._announce_save_of(case_id, self.tr("{image} has no unsaved changes"))

    def _announce_save_of(self, case_id: str, text: str) -> None:
        """Tell the outcome of the Ctrl+S waiting for ``case_id`` (other saves, e.g. on a case switch, say nothing),
        naming the case as every message does: a B-scan by its volume and number, not the volume alone."""
        workspace = self.cases.workspace
        if case_id != self._announce_save or workspace is None or listed_case_id(case_id) not in self.cases.summaries:
            return
        self._announce_save = None
        self.show_message(text.format(image=self.cases.case_name(case_id)))

    # dialogs and chrome ------------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        text = shown_message(text)  # the controllers pass on what annotations/ says (a failed save, a damaged index)
        log.info("%s", text)
        self.statusBar().showMessage(text, 15000)
        if self.cases.workspace is None:
            self.display.show_notice(f"{text}\n\n{self.welcome_text()}")

    def accept_ai_grade(self) -> None:
        """G: the AI's grade taken as the reader's, or the status bar says why it cannot be (the panel's button is
        disabled then, saying why; while the case's analysis is under way the status bar says that instead)."""
        refusal = self.findings.accept_refusal()
        doc = self.cases.doc
        if refusal and doc is not None and doc.ai is None and self.analysis.analysing(doc.case_id):
            self.case_refusal.say(self.tr("The AI is still analysing this scan: G takes its class once it is shown")
                                  if self.findings.oct_mode else
                                  self.tr("The AI is still analysing this case: G takes its grade once it is shown"))
        elif refusal:
            self.case_refusal.say(refusal)
        else:
            self.cases.edits.accept_ai_grade()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_rows(), self).exec()

    def show_about(self) -> None:
        from app.about_action import show_about  # reads the model cards when asked, as edit_settings does

        show_about(self.values.analysis_settings(), self.settings.store.fileName(), self)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        return (action_table.shortcut_rows() + action_table.other_shortcut_rows(self)
                + action_table.gesture_rows())

    def edit_settings(self) -> None:
        from inference.model_card import TASKS
        from inference.registry import ModelRegistry  # model cards only (no torch), read when the dialog opens

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
                                describe_sources=describe_lesion_sources, runner=self.reports.runner)
        if dialog.exec():
            reader_before = self.values.reader
            self.apply_settings(SettingsValues.from_dict(dialog.values()))
            self.reading.apply(reader_before, dialog.reading.folder_values())
        dialog.deleteLater()  # parented to the window: each Settings… left one behind for the session

    def apply_settings(self, values: SettingsValues) -> None:
        self.values = values
        self.settings.save(values)
        self.analysis.values = values
        if self.cases.workspace is not None:
            self.preload.start()  # the models of the new settings, unless they are those loaded
        self.cases.reader = values.reader
        self.cases.saver.set_autosave_interval(values.autosave_s)

    def update_title(self) -> None:
        workspace = self.cases.workspace
        parts = [APP_NAME]
        if workspace is not None:
            parts.insert(0, str(workspace.folder) + (self.tr(" (read-only)") if workspace.read_only else "")
                         + (f" — {self._who(workspace)}" if workspace.reader else ""))
            current = self.cases.current_id or ""
            summary = self.cases.summaries.get(listed_case_id(current))
            if summary is not None:
                number = self.bscans.number(current)  # a volume's: which of its B-scans is open
                doc = self.cases.doc  # a photo's frame is named a frame (case_names.called_bscans)
                modality = doc.modality if doc is not None and doc.case_id == current else None
                name = summary.file_name if number is None else bscan_name(summary.file_name, number,
                                                                           QCoreApplication.translate, modality)
                parts.insert(0, name + "[*]")
        self.setWindowTitle(" — ".join(parts))
        self.setWindowModified(self.cases.is_dirty)

    def _folder_taken_over(self, workspace: Workspace, _reason: str) -> None:
        """Said when found (the lock's renewal, or a check before a write), not at the next save: the title says
        read-only, and the read-only note why (app.read_only_note)."""
        if workspace is self.cases.workspace:
            self.update_title()

    def _who(self, workspace: Workspace) -> str:
        """Who is working and as what ("Anna, reader" in a double-read folder)."""
        role = reading_role(workspace, self.cases.double_reading)  # as the folder opened: its settings not read again
        if not role:
            return workspace.reader
        caption = self.tr("{name}, arbiter") if role == "arbiter" else self.tr("{name}, reader")
        return caption.format(name=workspace.reader)

    def welcome_text(self) -> str:
        # the command on a line of its own: run on with the sentence, it was broken in two where the sentence
        # wrapped ("retina-review" / "open PATH"); kept whole by no-break spaces, it widened the window's minimum
        return (self.tr("Open a folder of retinal images: File ▸ Open folder (Ctrl+O), drop a folder or images here, "
                        "or run") + f"\n{OPEN_COMMAND}")

    def show_first(self) -> None:
        """Show the window as the reader left it; on a first run, at its default size where the screen holds it
        (screen_room.fits), else maximised (a 1366 x 768 laptop, or a 1920 x 1080 one at 125 % scaling, is shorter
        than the default: the status bar would open under the task bar)."""
        if self._restored or fits(self.size(), free_room(self)):
            self.show()
        else:
            self.showMaximized()

    def is_settled(self) -> bool:
        """Nothing is loading, being analysed or being written, the models' preload included: a case with a stored
        result shows before the models are in, with the status bar still saying they load (used by --screenshot,
        the docs' screenshots and tests)."""
        return not self.cases.loading and not self.analysis.busy and not self.cases.busy and not self.preload.busy

    def ask_before_losing(self, unsafe: dict[str, str]) -> CloseChoice:
        """The folder is closing with edits that could be neither saved nor snapshotted (case_id -> the save's
        error): try again, close without them, or keep it open."""
        names = [self.cases.case_name(case_id) for case_id in unsafe]
        return UnsavedEditsBox(names, [shown_message(error) for error in unsafe.values()], self).choice()

    def _folder_may_close(self) -> bool:
        """The open folder closes (the window closing, another folder opened, reading settings that open it again):
        an Analyse all, a retraining or an export of its labels running is asked about first; an export is stopped
        before its store closes (it ran on against the closed store when another folder was opened), so it is asked
        last: a No to another question keeps it going. A retraining is stopped once all said yes, before the folder's
        saves are waited for: the agreed cases' settling it waits for is one of them, which ran to its end (minutes
        for a screening folder) with the window frozen, as it stops only once the retraining is cancelled."""
        folder = self.cases.workspace.folder
        if not (analysis_closing.may_close(self, self.analysis, folder) and self.retrain.folder_may_close(folder)
                and export_closing.may_close(self, self.annotation.export_dialogs)):
            return False
        self.retrain.cancel()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.retrain.may_close():  # a new model unchosen, which outlives its folder: set aside on closing
            event.ignore()
            return
        # an Analyse all, a retraining or an export running on the folder is asked about first (_folder_may_close),
        # then edits that could not be saved: the person keeps it open
        if not self.cases.close_workspace():
            event.ignore()
            return
        if not self.retrain.keep_on_close():  # the new model could not be set aside: its dialog says why
            event.ignore()
            return
        self.retrain.shutdown()
        self.annotation.shutdown()
        self.preload.shutdown()
        self.analysis.shutdown()
        self.agreement.shutdown()
        self.arbitration.shutdown()
        self.reports.shutdown()
        self.cases.shutdown()
        if self.case_split.dragged:  # this run: a list never dragged keeps following the window's rule
            self.settings.save_case_list_width(self.case_split.sizes()[0])
        self.settings.save_window_geometry(self.saveGeometry())
        self.annotation.tool_bars_shown.set_oct_mode(False)  # the reader's tool bars are saved, not the OCT mode's
        self.settings.save_window_state(self.saveState(READER_TOOL_BARS))
        super().closeEvent(event)
