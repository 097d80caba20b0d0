"""Annotation tools in the main window: the tool bar, the history panel, the Annotate menu and its keys, the
AI candidate review, boxes from masks, the previous case's boxes (app.previous_boxes), "Save VOC next to images"
and the import and export dialogs.

It makes the Qt-free tools of annotations/tools for each opened case (they edit through the case's History),
puts their canvas adapters on the canvas, and turns keys into tool calls. The main window needs one line:
``self.annotation = AnnotationController(self)`` after its own actions are connected.
"""
from __future__ import annotations

import copy

from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow
from shiboken6 import isValid

from annotations.case_scopes import export_scopes
from annotations.classes import ALL_CLASSES, LesionClass
from annotations.commands import Change
from annotations.document import CaseDocument
from annotations.fov import FieldOfViewLookup
from annotations.history import History
from annotations.pixel_spacing import PixelSpacing
from annotations.tools import (AreaTool, BoxTool, CandidateReview, RulerTool, ToolContext, ToolSettings,
                               add_boxes_from_masks, ai_magic_area, find_candidates, make_tools)
from annotations.formats.label_map import parse_label_map
from annotations.output_folder import default_export_folder
from annotations.queued_work import QueuedWork
from annotations.reading.consensus import settle_agreed
from annotations.reading.consensus_export import consensus_case_ids, settled_consensus
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.export_source import ExportSource
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from app.field_of_view_ahead import FieldOfViewAhead
from app.import_steps import ImportSteps
from app.previous_boxes import PreviousBoxes
from app.settings import Settings
from widgets.domain_messages import shown_os_reason
from widgets.export_dialog import ExportDialog
from widgets.import_dialog import ImportDialog
from widgets.history_panel import HistoryPanel
from widgets.keyboard_focus import give_keys
from widgets.shown_lists import shown_items
from widgets.tool_bar import AnnotationToolBar
from widgets.tool_bar_rows import ToolBarRows
from widgets.tool_bars_shown import ToolBarsShown
from widgets.tool_options_bar import ToolOptionsBar
from widgets.tools.candidate_view import CandidateView
from widgets.tools.measure_view import MeasureToolView
from widgets.tools.tool_view import BoxToolView, ToolView
from widgets.tools.waiting_view import WaitingView

VOC_NEXT_TO_IMAGES = "annotation/voc_next_to_images"
# Tool bar choices kept between runs, with the class.
KEPT_TOOL_SETTINGS = ("size", "tolerance", "magic_threshold", "inside_fov", "mask_opacity")
DUPLICATE_OFFSET_PX = 12  # screen pixels between a box and its duplicate (Ctrl+D), whatever the zoom

# (name, text translated where shown, keys, canvas only): canvas-only keys work while the canvas has focus, so the
# same keys still edit text in the findings panel and move through the case list.
ANNOTATE_ACTIONS: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    ("brush_larger", QT_TRANSLATE_NOOP("AnnotationController", "Larger brush"), ("]",), False),
    ("brush_smaller", QT_TRANSLATE_NOOP("AnnotationController", "Smaller brush"), ("[",), False),
    ("boxes_from_masks", QT_TRANSLATE_NOOP("AnnotationController", "Boxes from masks (visible classes)"),
     ("Ctrl+B",), False),
    ("duplicate_box", QT_TRANSLATE_NOOP("AnnotationController", "Duplicate selected box"), ("Ctrl+D",), False),
    ("copy_previous_boxes", QT_TRANSLATE_NOOP("AnnotationController", "Copy the previous case's boxes"), ("Ctrl+V",),
     False),
    ("toggle_difficult", QT_TRANSLATE_NOOP("AnnotationController", "Toggle box \"difficult\""), ("Ctrl+Shift+D",),
     False),
    ("review_largest", QT_TRANSLATE_NOOP("AnnotationController", "Review AI candidates, largest first"),
     ("C",), False),
    ("review_uncertain", QT_TRANSLATE_NOOP("AnnotationController", "Review AI candidates, least certain first"),
     ("Shift+C",), False),
    ("key_Return", QT_TRANSLATE_NOOP("AnnotationController", "Accept candidate / close polygon"),
     ("Return", "Enter"), True),
    ("key_Backspace",
     QT_TRANSLATE_NOOP("AnnotationController", "Reject candidate / drop last polygon corner / delete selected box"),
     ("Backspace",), True),
    ("key_Delete", QT_TRANSLATE_NOOP("AnnotationController", "Delete selected box"), ("Delete",), True),
    ("key_Escape", QT_TRANSLATE_NOOP("AnnotationController", "Cancel / stop reviewing / stop listing the folder"),
     ("Escape",), True),
    ("key_Right", QT_TRANSLATE_NOOP("AnnotationController", "Next candidate / nudge box right"), ("Right",), True),
    ("key_Left", QT_TRANSLATE_NOOP("AnnotationController", "Previous candidate / nudge box left"), ("Left",), True),
    ("key_Up", QT_TRANSLATE_NOOP("AnnotationController", "Nudge box up"), ("Up",), True),
    ("key_Down", QT_TRANSLATE_NOOP("AnnotationController", "Nudge box down"), ("Down",), True),
    ("export", QT_TRANSLATE_NOOP("AnnotationController", "Export labels…"), ("Ctrl+E",), False),
    ("import", QT_TRANSLATE_NOOP("AnnotationController", "Import labels…"), ("Ctrl+Shift+I",), False),
)


class AnnotationController(QObject):
    labels_imported = Signal()  # an import through Annotate ▸ Import labels ended (its cases saved)
    half_made_changed = Signal()  # the tool came to hold, or no longer holds, an edit Ctrl+Z takes back
    hidden_drawn = Signal(list)  # a press draws on these hidden layers (LayerStack's names): app.drawn_layers_shown
    escape_unused = Signal()  # Esc on the canvas that neither a tool nor the candidate review used: the window's own

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.canvas = window.canvas
        self.cases = window.cases
        self.settings = ToolSettings()
        self.tool_name = "none"
        self._measurement_said = ""  # the status bar's sentence of the last measurement, as shown
        self.views: dict[str, ToolView] = {}
        self.review: CandidateReview | None = None
        self._review_view: CandidateView | None = None
        # The export dialogs open, each with the settling it queued in an arbiter's window: several may be (they are
        # not modal), each leaves the list once closed (it is deleted then)
        self._exports: list[tuple[ExportDialog, QueuedWork[int] | None]] = []
        self._store = getattr(getattr(window, "settings", None), "store", None)  # QSettings, when there is one

        self.tool_bar = AnnotationToolBar(self.settings, window)
        self.options_bar = ToolOptionsBar(self.settings, window)
        self._restore_tool_settings()
        self.settings.add_listener(self._show_mask_opacity)  # recolours only when it changed
        self._show_mask_opacity()
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.tool_bar)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.options_bar)
        self.tool_bar_rows = ToolBarRows(window, self.tool_bar, self.options_bar)
        self.tool_bars_shown = ToolBarsShown((self.tool_bar, self.options_bar))
        self.tool_bar.tool_chosen.connect(self.choose_tool)
        self.options_bar.keys_returned.connect(lambda: give_keys(self.canvas))  # back to where they are used
        self.history_panel = HistoryPanel()
        self.history_panel.go_to = self.cases.go_to  # what is still being typed is recorded first
        self.history_dock = QDockWidget(self.tr("History"), window)
        self.history_dock.setObjectName("history_dock")
        self.history_dock.setWidget(self.history_panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.previous_boxes = PreviousBoxes(window)
        self.fov_ahead = FieldOfViewAhead()
        self.actions = self._build_actions()

        self.cases.case_loading.connect(self._on_case_loading)
        self.cases.case_opened.connect(self._on_case_opened)
        self.cases.image_loaded.connect(self._on_image_loaded)
        self.cases.document_changed.connect(self._on_change)
        self.cases.about_to_save.connect(self._write_voc_next_to_image)
        self.cases.workspace_to_close.connect(self._on_workspace_to_close)
        self.cases.workspace_closing.connect(self._on_workspace_closing)
        self.cases.workspace_closed.connect(self._on_workspace_closed)
        self.cases.case_failed.connect(self._on_case_failed)

    def _restore_tool_settings(self) -> None:
        """Class, brush size, tolerance, magic-brush threshold and the field-of-view limit as the reader left them."""
        keeper = getattr(self.window, "settings", None)
        if not isinstance(keeper, Settings):
            return
        defaults: dict[str, Any] = {name: getattr(self.settings, name) for name in KEPT_TOOL_SETTINGS}
        values = keeper.tool_values(defaults | {"cls": int(self.settings.cls)})
        values["cls"] = LesionClass(values["cls"]) if values["cls"] in LesionClass._value2member_map_ \
            else self.settings.cls
        self.settings.update(**values)
        self.settings.add_listener(lambda: keeper.save_tool_values(
            {name: getattr(self.settings, name) for name in KEPT_TOOL_SETTINGS} | {"cls": int(self.settings.cls)}))

    def _show_mask_opacity(self) -> None:
        self.canvas.set_mask_opacity(self.settings.mask_opacity)

    # -- menu and keys -----------------------------------------------------------------------------------------
    def _build_actions(self) -> dict[str, QAction]:
        menu = self.window.menuBar().addMenu(self.tr("&Annotate"))
        # The tools and the classes are sub-menus (their keys work from the window): 16 more rows made the menu
        # taller than a 1366 x 768 laptop at 125 % scaling leaves it, where Qt splits a menu into columns.
        for title, group in ((self.tr("&Tool"), self.tool_bar.tool_actions),
                             (self.tr("Lesion &class"), self.tool_bar.class_actions)):
            sub_menu = menu.addMenu(title)
            for action in group.values():
                sub_menu.addAction(action)
                self.window.addAction(action)
        menu.addSeparator()
        actions: dict[str, QAction] = {}
        for name, text, keys, canvas_only in ANNOTATE_ACTIONS:
            action = QAction(self.tr(text), self.window)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(key) for key in keys])
            if canvas_only:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.canvas.addAction(action)
            else:
                menu.addAction(action)
                self.window.addAction(action)
            actions[name] = action
        handlers = {"brush_larger": self.settings.grow_size, "brush_smaller": self.settings.shrink_size,
                    "boxes_from_masks": self.boxes_from_masks, "toggle_difficult": self.toggle_difficult,
                    "duplicate_box": self.duplicate_selected, "copy_previous_boxes": self.previous_boxes.copy,
                    "review_largest": partial(self.start_review, "largest"),
                    "review_uncertain": partial(self.start_review, "uncertain"), "export": self.show_export,
                    "import": self.show_import}
        for name, handler in handlers.items():
            actions[name].triggered.connect(lambda _=False, fn=handler: fn())
        for name in actions:
            if name.startswith("key_"):
                actions[name].triggered.connect(lambda _=False, key=name[4:]: self._canvas_key(key))
        menu.addSeparator()
        relabel_menu = menu.addMenu(self.tr("Re&label selected box as"))
        # A class key only picks the class of the next box or stroke; relabelling the selected box is its own key,
        # so picking a class right after drawing a box never changes that box by surprise. Ctrl, not Shift: Shift
        # turns the digit into another character on most keyboards, and the shortcut would never fire.
        for cls in ALL_CLASSES:
            action = QAction(cls.name, self.window)
            action.setObjectName(f"relabel_{cls.name}")
            action.setShortcut(QKeySequence(f"Ctrl+{cls.value}"))
            action.triggered.connect(lambda _=False, c=cls: self.relabel_selected(c))
            relabel_menu.addAction(action)
            self.window.addAction(action)
            actions[action.objectName()] = action
        voc_action = QAction(self.tr("Save VOC next to images"), self.window)
        voc_action.setObjectName("voc_next_to_images")
        voc_action.setCheckable(True)
        voc_action.setToolTip(self.tr("On save, also write IMAGE.xml beside each image, as labelImg does"))
        voc_action.setChecked(self._store is not None and str(self._store.value(VOC_NEXT_TO_IMAGES, "false"))
                              .lower() == "true")
        voc_action.toggled.connect(self._remember_voc_choice)
        menu.addSeparator()
        menu.addAction(voc_action)
        actions["voc_next_to_images"] = voc_action
        return actions

    def take_back_half_made(self) -> bool:
        """Ctrl+Z with an edit half made on the canvas (a box drawn or dragged, a lasso, a polygon's corners) takes
        that back (Tool.take_back), not a step beneath it: a box drag's steps are one open group, which no undo can
        split, and a step undone unseen went from redo once the edit was finished; whether there was one."""
        view = self.views.get(self.tool_name)
        return view is not None and self.cases.history is not None and view.take_back()

    def holds_half_made(self) -> bool:
        """Whether Ctrl+Z would take back an edit half made on the canvas (take_back_half_made)."""
        view = self.views.get(self.tool_name)
        return view is not None and self.cases.history is not None and view.tool.can_take_back

    def key(self, name: str) -> bool:
        """A canvas key: a half-made edit first, then the candidate review, then the tool's own use of it."""
        view = self.views.get(self.tool_name)
        busy = view is not None and view.tool.busy
        if self.review is not None and not busy:
            handled = {"Return": self.review.accept, "Enter": self.review.accept,
                       "Backspace": self.review.reject, "Right": self.review.skip, "Left": self.review.back,
                       "Escape": self.stop_review}.get(name)
            if handled is not None:
                handled()
                self._show_candidate()
                return True
        if view is None:
            return False
        handled = view.key(name)
        if handled and name == "Escape" and getattr(view.tool, "measurement", None) is None:
            self._forget_measurement()  # the measurement went from the canvas: its sentence goes too
        return handled

    def _canvas_key(self, name: str) -> None:
        if not self.key(name) and name == "Escape":
            self.escape_unused.emit()  # e.g. stops the folder's listing

    # -- tools ---------------------------------------------------------------------------------------------------
    def choose_tool(self, name: str) -> None:
        if name != self.tool_name:
            self._forget_measurement()  # a measurement's drawing goes with its tool, and so does its sentence
        self.tool_name = name
        self.tool_bar.set_tool(name)
        self.canvas.set_tool(self.views.get(name))

    def _on_case_loading(self, _case_id: str) -> None:
        """The case is read from the store: the tools let go of the case left (a stroke now would edit it, unseen),
        and wait as for its pixels."""
        self._on_case_opened(None, None)

    def _on_case_opened(self, doc: CaseDocument | None, history: History | None) -> None:
        self._use_history(None)  # the tools come back with the pixels (fill needs them; no edits on a preview)
        if self.tool_name != "none":  # meanwhile a left-drag keeps the view still and says why nothing is drawn
            self.canvas.set_tool(WaitingView(self.window.show_message, self._still_loading()))
        self.history_panel.set_history(history)

    @property
    def export_dialogs(self) -> list[ExportDialog]:
        """The export dialogs open (a copy): closing the folder asks about each one's running export first
        (app.export_closing)."""
        return [dialog for dialog, _settling in self._exports]

    def _on_workspace_to_close(self) -> None:
        """Every open export dialog's settling (show_export) is given up before the folder's saves are waited for,
        which would wait for it to its end (~0.13 s a case on 12 MP photos). Harmless where the unsaved-edits
        question then keeps the folder open: the dialog's export reads the agreed cases the settling did not store
        from the readings (settled_consensus). An export running has been stopped (may_close), or its worker's
        Cancel decides (QueuedState.give_up)."""
        for _dialog, settling in self._exports:
            if settling is not None:
                settling.give_up()

    def _on_workspace_closing(self) -> None:
        """Its exports read the store that closes."""
        for dialog in self.export_dialogs:
            if isValid(dialog):
                dialog.close()

    def _on_workspace_closed(self) -> None:
        self._use_history(None)
        self.history_panel.set_history(None)

    def _on_case_failed(self, _case_id: str, _message: str) -> None:
        self._use_history(None)  # no tools on a case that cannot be shown
        self.history_panel.set_history(self.cases.history)  # its own when its pixels failed, else none

    def _still_loading(self) -> str:
        return self.tr("The photo is still loading: draw again in a moment")

    def _on_image_loaded(self, case_id: str, image: np.ndarray) -> None:
        history = self.cases.history
        if history is not None and self.cases.current_id == case_id:
            self._use_history(history)
            bar = self.window.statusBar()
            if bar.currentMessage() == self._still_loading():  # the photo is here: no longer true, even for 15 s
                bar.clearMessage()

    def _use_history(self, history: History | None) -> None:
        self._forget_measurement()
        self.stop_review()
        self.canvas.set_tool(None)
        self.views = {}
        fov = FieldOfViewLookup(self._image)
        self.fov_ahead.work_out(self._image() if history is not None else None, fov)
        if history is None:
            return
        context = ToolContext(history, self.settings, image=self._image, magic=ai_magic_area(history), fov=fov,
                              pixel_spacing=self._pixel_spacing,
                              shown=lambda cls: self.canvas.is_layer_visible(cls.name),
                              boxes_shown=lambda: self.canvas.is_layer_visible("boxes"))
        message = self.window.show_message
        for name, tool in make_tools(context).items():
            if isinstance(tool, BoxTool):
                relabel = {cls: self.actions[f"relabel_{cls.name}"] for cls in ALL_CLASSES}
                self.views[name] = BoxToolView(tool, message, duplicate=self.actions["duplicate_box"],
                                                delete=self.actions["key_Delete"],
                                                difficult=self.actions["toggle_difficult"], relabel=relabel)
            elif isinstance(tool, (RulerTool, AreaTool)):
                self.views[name] = MeasureToolView(tool, self._say_measurement)
            else:
                self.views[name] = ToolView(tool, message)
            self.views[name].on_half_made = self.half_made_changed.emit
            self.views[name].on_hidden_drawn = self.hidden_drawn.emit
        self.canvas.set_tool(self.views.get(self.tool_name))

    def shutdown(self) -> None:
        """The window closes: no field of view is worked out any more."""
        self.fov_ahead.shutdown()

    def _say_measurement(self, text: str) -> None:
        self.window.show_message(text)
        self._measurement_said = self.window.statusBar().currentMessage()

    def _forget_measurement(self) -> None:
        """A measurement's sentence belongs to its case: it goes with the case, not at the status bar's timeout."""
        bar = self.window.statusBar()
        if self._measurement_said and bar.currentMessage() == self._measurement_said:
            bar.clearMessage()
        self._measurement_said = ""

    def _image(self) -> np.ndarray | None:
        doc, image = self.cases.doc, self.cases.image
        if doc is None or image is None or image.shape[:2] != (doc.height, doc.width):
            return None
        return image

    def _pixel_spacing(self) -> PixelSpacing | None:
        """The open image's pixel size as its file records it: the pixels it was decoded with are the case's."""
        return self.cases.pixel_spacing if self._image() is not None else None

    def _on_change(self, change: Change) -> None:
        view = self.views.get(self.tool_name)
        if change.kind == "boxes" and view is not None:
            view.refresh()
        if change.kind == "ai" and self.review is not None:
            self.stop_review()
            self.window.show_message(self.tr("The AI result changed; start the candidate review again (C)"))

    def relabel_selected(self, cls: LesionClass) -> None:
        view = self.views.get("box")
        box = view.tool.selected if view is not None else None
        if box is None:
            self.window.show_message(self.tr("Select a box first (box tool, W), then relabel it"))
        elif view.tool.set_class(cls):
            view.refresh()

    def toggle_difficult(self) -> None:
        view = self.views.get("box")
        if view is None or not view.tool.toggle_difficult():
            self.window.show_message(self.tr("Select a box first (box tool, W), then mark it difficult"))
        else:
            view.refresh()

    def duplicate_selected(self) -> None:
        view = self.views.get("box")
        offset = round(DUPLICATE_OFFSET_PX / max(self.canvas.zoom_level(), 1e-6))
        if view is None or not view.tool.duplicate_selected(offset):
            self.window.show_message(self.tr("Select a box first (box tool, W), then duplicate it"))
        else:
            view.refresh()

    def boxes_from_masks(self) -> None:
        history = self.cases.history
        if history is None:
            return
        classes = [cls for cls in ALL_CLASSES if self.canvas.is_layer_visible(cls.name)]
        added = add_boxes_from_masks(history, classes)
        names = shown_items(cls.name for cls in classes)
        text = (self.tr("Added {count} box(es) from the {classes} masks") if added
                else self.tr("No new boxes: every {classes} component already has one"))
        self.window.show_message(text.format(count=added, classes=names))

    # -- AI candidate review -------------------------------------------------------------------------------------
    def start_review(self, order: str) -> None:
        history = self.cases.history
        if history is None or not self.views:
            return
        if history.doc.ai is None or history.doc.ai.mask is None:
            self.window.show_message(self.tr("No AI lesions to review: run the analysis (F5) first"))
            return
        self.stop_review()
        self.review = CandidateReview(history, find_candidates(history.doc, order))
        self._review_view = CandidateView(self.canvas)
        give_keys(self.canvas)  # from a floating panel too: Enter, Backspace and the arrows are the canvas's
        self._show_candidate()

    def stop_review(self) -> None:
        """End the candidate review; its message goes from the status bar with it."""
        if self._review_view is not None:
            self._review_view.close()
            self.window.statusBar().clearMessage()
        self.review, self._review_view = None, None

    def _show_candidate(self) -> None:
        if self.review is None or self._review_view is None:
            return
        candidate = self.review.current
        self._review_view.show(candidate)
        if candidate is None:
            total = len(self.review.candidates)
            self.stop_review()
            self.window.show_message(self.tr("All {count} AI candidate(s) reviewed").format(count=total))
            return
        certainty = "" if candidate.certainty is None else f", p={candidate.certainty:.2f}"
        self.window.show_message(self.tr(
            "AI candidate {cls} ({area} px{certainty}), {left} left: Enter accept, Backspace reject, → skip, "
            "← back, Esc stop").format(cls=candidate.cls.name, area=candidate.area, certainty=certainty,
                                        left=self.review.remaining))

    # -- saving and export ---------------------------------------------------------------------------------------
    def _remember_voc_choice(self, on: bool) -> None:
        if self._store is not None:
            self._store.setValue(VOC_NEXT_TO_IMAGES, "true" if on else "false")

    def _write_voc_next_to_image(self, changed: bool) -> None:
        """With "Save VOC next to images" on, the case's boxes beside its photo, as labelImg keeps them. For a case
        with no change (browsed past with D / A) a refusal is not said: a labelImg file there not imported yet is
        kept (Workspace.write_voc_beside_image), and nothing was to be saved; its next save says it."""
        ws, doc = self.cases.workspace, self.cases.doc
        if not self.actions["voc_next_to_images"].isChecked() or ws is None or doc is None or ws.read_only:
            return
        xml = ws.voc_beside_image(doc)
        if not doc.boxes and not xml.exists():
            return

        def write(snapshot: CaseDocument) -> None:
            try:
                ws.write_voc_beside_image(snapshot)
            except WorkspaceError:  # refused (the folder leads out through a link, a file it did not write): says so
                if changed:
                    raise
            except OSError as exc:
                raise WorkspaceError(self.tr("Could not write {file}: {error}; check the folder is writable").format(
                    file=xml, error=shown_os_reason(exc))) from exc

        self.cases.storage.submit(write, copy.deepcopy(doc), failed=self.window.show_message)

    def show_export(self) -> ExportDialog | None:
        ws = self.cases.workspace
        if ws is None:
            self.window.show_message(self.tr("Open a folder of images first (Ctrl+O)"))
            return None
        if not self.cases.save():  # the export reads saved labels
            return None
        consensus = self.cases.holds_consensus

        def prepare(state: Any) -> ExportSource | None:
            """Once per export, however many formats: sorting out the consensus compares every agreed case; the
            settling queued below is waited for first."""
            return settled_consensus(ws, settling.result, state) if settling is not None else None

        def run(fmt: str, out_dir: Path, case_ids: list[str], state: Any, overwrite: bool = False,
                prepared: ExportSource | None = None) -> Any:
            return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite, source=prepared)

        settings = getattr(self.window, "settings", None)
        dialog = ExportDialog(run, None, default_export_folder(Path(ws.folder)), self.window, prepare,
                              settings.export_formats() if settings is not None else ())
        if settings is not None:
            dialog.formats_chosen.connect(settings.save_export_formats)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        case_list = getattr(self.window, "case_list", None)
        listed = {"shown": case_list.visible_case_ids(), "selection": case_list.selected_case_ids()} \
            if case_list is not None else {"shown": [], "selection": []}
        source = self.cases.summaries

        def counted(scopes: dict[str, list[str]]) -> None:
            if isValid(dialog):  # not closed meanwhile
                dialog.set_scopes(scopes | listed)

        # "All" and "done" read every case: on the storage worker, after the save above has landed; the arbiter's
        # done cases are the settled consensus (consensus_case_ids: agreed cases stored or not yet), counted before
        # the settling, so the export can start, and show the settling's progress, while it runs.
        self.cases.storage.submit(lambda: export_scopes(source.facts(worker=True),
                                                        consensus_case_ids(ws.folder) if consensus else None),
                                  done=counted)
        settling = self._settle_consensus(ws) if consensus else None
        opened = (dialog, settling)
        self._exports.append(opened)  # closing the folder gives its settling up, and asks about its export first
        dialog.finished.connect(lambda _result: self._exports.remove(opened))
        if settling is not None:
            # Closed without exporting, nobody waits for the settling (the arbiter's list and a retrain queue their
            # own): it stops between cases, so a folder closing after does not wait for it. The cases it stored
            # until then stay stored: each is a whole consensus, the readers' agreement, as the next settling's.
            dialog.finished.connect(settling.give_up)
        return dialog

    def _settle_consensus(self, ws: Workspace) -> QueuedWork[int]:
        """An arbiter's export writes the consensus (annotations.reading.consensus_export): the agreed cases are
        stored as the consensus first, on the storage queue in order with saves, as before a retrain; the export
        waits for it, showing its progress, and its Cancel stops it between cases (the window says why it failed).
        Stopped (None), it may have stored some: they are shown anew as when it ends (settling_ended)."""
        actor = self.cases.reader or "arbiter"
        return QueuedWork(self.cases.storage.submit, lambda state: settle_agreed(ws, actor, state=state),
                          done=partial(self.cases.settling_ended, ws),
                          failed=self.window.show_message)

    def show_import(self, fmt: str = "", source: Path | None = None) -> ImportDialog | None:
        """The import writes saved cases, so the open case is saved first; what it put into the cases held here
        becomes an undo step of each (ImportSteps). ``fmt`` and ``source``: the format and the folder the dialog
        opens with (the labelImg files beside the photos: app.labelimg_note)."""
        ws = self.cases.workspace
        if ws is None:
            self.window.show_message(self.tr("Open a folder of images first (Ctrl+O)"))
            return None
        if not self.cases.save():
            return None
        steps = ImportSteps(self.cases)

        def run(fmt: str, source: Path, label_map: str, state: Any) -> Any:
            return import_labels(ws, source, fmt, parse_label_map(label_map) if label_map else None, state,
                                 actor=self.cases.reader or "import", saved=steps.heard)

        dialog = ImportDialog(run, parent=self.window, submit=self.cases.storage.submit)  # in order with saves
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(True)  # no editing while cases are being rewritten
        dialog.finished_import.connect(lambda _text: dialog.add_to_summary(steps.put_in()))
        dialog.finished_import.connect(lambda _text: self.labels_imported.emit())
        if fmt:
            dialog.choose_format(fmt)
        if source is not None:
            dialog.source_edit.setText(str(source))
        dialog.show()
        return dialog
