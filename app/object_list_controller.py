"""The Objects dock of the main window: lists the open case's boxes and painted lesions, shows the one clicked
(its layer too, when View hides it; selects a box in the box tool, frames a lesion, zooms onto either, says its area
in mm²) and turns delete, relabel and the difficult flag into undoable edits. The list is rebuilt a moment after the
last edit, longer while the dock is hidden (finding lesion components on a 12-megapixel mask takes some tens of
milliseconds, too long for every brush movement); ``objects_listed`` hands the list on (the findings panel counts
the reader's painted lesions from it)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget

from annotations.classes import LesionClass
from annotations.commands import Change
from annotations.objects import BOX, CaseObject, delete_objects, list_objects, relabel_object, set_difficult
from annotations.tools import Measurement, case_scale
from widgets.object_list import ObjectList
from widgets.tools.measure_view import status_text
from widgets.tools.overlays import SelectionFrame

if TYPE_CHECKING:
    from app.main_window import MainWindow

REFRESH_DELAY_MS = 250  # the list shown: soon after an edit
HIDDEN_REFRESH_DELAY_MS = 1500  # only the findings' reader counts need it: wait for a real pause in the work
FRAME_MARGIN = 2.0
CONTEXT = 3.0  # the object fills about a third of the view: enough retina around it to judge it
MIN_VIEW_PX = 48  # a 3-pixel lesion is shown as if it were this wide
MAX_ZOOM = 12.0


class ObjectListController(QObject):
    objects_listed = Signal(list)  # list[CaseObject] of the open case, after every rebuild

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.cases = window.cases
        self.list = ObjectList()
        self.dock = QDockWidget(self.tr("Objects"), window)
        self.dock.setObjectName("objects_dock")
        self.dock.setWidget(self.list)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self._frame: SelectionFrame | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.cases.case_opened.connect(lambda doc, history: self._case_switched())
        self.cases.case_loading.connect(lambda _case_id: self._case_switched())  # not the case left's objects
        self.cases.workspace_closed.connect(self._case_switched)
        self.cases.document_changed.connect(self._on_change)
        self.list.object_chosen.connect(self.show_object)
        self.list.delete_requested.connect(self.delete_rows)
        self.list.relabel_requested.connect(self.relabel_row)
        self.list.difficult_requested.connect(self.flag_row)

    def refresh(self) -> None:
        """Rebuild the list from the open case now."""
        self._timer.stop()
        doc = self.cases.doc
        objects = list_objects(doc) if doc is not None else []
        self.list.show_objects(objects)
        self.objects_listed.emit(objects)

    def _case_switched(self) -> None:
        self._clear_frame()
        self.list.show_objects([])
        self._timer.start()

    def _on_change(self, change: Change) -> None:
        if change.kind in ("mask", "boxes"):
            self._timer.start(REFRESH_DELAY_MS if self.dock.isVisible() else HIDDEN_REFRESH_DELAY_MS)

    # -- actions on rows -----------------------------------------------------------------------------------------
    def show_object(self, row: int) -> None:
        obj = self._object(row)
        if obj is None:
            return
        canvas = self.window.canvas
        annotation = self.window.annotation
        self._clear_frame()
        for layer in ("boxes", obj.cls.name) if obj.kind == BOX else (obj.cls.name,):
            self.window.actions[f"layer_{layer}"].setChecked(True)  # hidden under View, it was framed unseen
        if obj.kind == BOX:
            annotation.choose_tool("box")
        view = annotation.views.get("box")
        if view is not None:  # a lesion's row deselects the box drawn before: the box keys must not act on it unseen
            view.tool.select(obj.box_uid if obj.kind == BOX else None)
            view.refresh()
        if obj.kind != BOX:
            y0, y1, x0, x1 = obj.bounds
            self._frame = SelectionFrame(canvas.scene(), handles=False)
            self._frame.show_frame(x0 - FRAME_MARGIN, y0 - FRAME_MARGIN, x1 + FRAME_MARGIN, y1 + FRAME_MARGIN,
                                   QColor(obj.cls.colour))
        y0, y1, x0, x1 = obj.bounds
        zoom = min(MAX_ZOOM, canvas.zoom_showing(max(x1 - x0, MIN_VIEW_PX / CONTEXT) * CONTEXT,
                                                 max(y1 - y0, MIN_VIEW_PX / CONTEXT) * CONTEXT))
        canvas.set_view(max(zoom, canvas.fit_zoom()), QPointF((x0 + x1) / 2, (y0 + y1) / 2))
        if self.cases.doc is not None:  # its area in mm², as the area tool gives it
            outline = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
            what = "box" if obj.kind == BOX else obj.cls.name
            scale = case_scale(self.cases.doc, self.cases.pixel_spacing)
            self.window.show_message(status_text(Measurement("area", outline, obj.area_px, scale, what),
                                                 transient=False))

    def delete_rows(self, rows: list[int]) -> None:
        history = self.cases.history
        objects = [obj for obj in map(self._object, rows) if obj is not None]
        if history is None or not objects:
            return
        self._clear_frame()
        delete_objects(history, objects)
        self.refresh()

    def relabel_row(self, row: int, cls: LesionClass) -> None:
        obj, history = self._object(row), self.cases.history
        if obj is not None and history is not None:
            relabel_object(history, obj, cls)
            self.refresh()

    def flag_row(self, row: int, difficult: bool) -> None:
        obj, history = self._object(row), self.cases.history
        if obj is not None and history is not None and set_difficult(history, obj, difficult):
            self.refresh()

    def _object(self, row: int) -> CaseObject | None:
        return self.list.objects[row] if 0 <= row < len(self.list.objects) else None

    def _clear_frame(self) -> None:
        if self._frame is not None:
            self._frame.remove()
            self._frame = None
