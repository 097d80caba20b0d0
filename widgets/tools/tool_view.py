"""Canvas adapters for the Qt-free tools of annotations/tools: they turn the canvas's CanvasMouseEvents into
tool calls and keep the tool's previews (brush outline, lasso outline, box rubber band, selected box) on screen.

Edits themselves reach the canvas through the history's change listener, which redraws only the touched region.
"""
from __future__ import annotations

from typing import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QColor, QCursor
from PySide6.QtWidgets import QMenu

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.tools import BoxTool, BrushTool, FillTool, LassoTool, PolygonTool, Tool, ToolUnavailable
from annotations.tools.boxes import frame
from widgets.canvas import CanvasMouseEvent, CanvasTool, ImageCanvas
from widgets.clinical_terms import lesion_name
from widgets.tools.overlays import BrushOutline, OutlinePreview, SelectionFrame

CLASS_PAINTERS = (BrushTool, FillTool, LassoTool, PolygonTool)  # paint or erase the chosen class where pressed
HANDLE_REACH_PX = 6  # screen pixels around a box handle that grab it
CLOSE_REACH_PX = 9  # screen pixels around a polygon's first corner that close it
LEFT = Qt.MouseButton.LeftButton

_HANDLE_CURSORS = {
    "nw": Qt.CursorShape.SizeFDiagCursor, "se": Qt.CursorShape.SizeFDiagCursor,
    "ne": Qt.CursorShape.SizeBDiagCursor, "sw": Qt.CursorShape.SizeBDiagCursor,
    "n": Qt.CursorShape.SizeVerCursor, "s": Qt.CursorShape.SizeVerCursor,
    "e": Qt.CursorShape.SizeHorCursor, "w": Qt.CursorShape.SizeHorCursor,
    "move": Qt.CursorShape.SizeAllCursor,
}


class ToolView(CanvasTool):
    """Adapter for one tool. ``on_message`` receives what a person should read (e.g. "the photo is still
    loading"); ``refresh()`` redraws the previews after a change made elsewhere (undo, a key); ``on_half_made()`` is
    called when the tool comes to hold, or no longer holds, an edit Ctrl+Z takes back (Tool.can_take_back);
    ``on_hidden_drawn(layers)`` when a press starts drawing on layers the canvas hides (View ▸ Show HE off)."""

    def __init__(self, tool: Tool, on_message: Callable[[str], None] = lambda text: None) -> None:
        self.tool = tool
        self.on_message = on_message
        self.canvas: ImageCanvas | None = None
        self._pressed = False
        self._brush_outline: BrushOutline | None = None
        self._outline: OutlinePreview | None = None
        self.cursor = Qt.CursorShape.CrossCursor  # with the brush outline, the cross marks the pointer itself
        self.on_half_made: Callable[[], None] = lambda: None
        self.on_hidden_drawn: Callable[[list[str]], None] = lambda layers: None
        self._half_made = False

    # -- CanvasTool ------------------------------------------------------------------------------------------
    def activate(self, canvas: ImageCanvas) -> None:
        self.canvas = canvas
        self._brush_outline = BrushOutline(canvas.scene())
        self._outline = OutlinePreview(canvas.scene())
        self.tool.settings.add_listener(self.refresh)

    def deactivate(self, canvas: ImageCanvas) -> None:
        self.tool.cancel()
        self._note_half_made()
        self.tool.settings.remove_listener(self.refresh)
        self._pressed = False
        for item in (self._brush_outline, self._outline):
            if item is not None:
                item.remove()
        self._brush_outline = self._outline = None
        self.canvas = None

    def press(self, event: CanvasMouseEvent) -> None:
        if event.button != LEFT:
            return
        self._scale_reach()
        shift = bool(event.modifiers & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(event.modifiers & Qt.KeyboardModifier.ControlModifier)
        try:
            self.tool.press(event.x, event.y, shift=shift, ctrl=ctrl)
            self._pressed = True
        except ToolUnavailable as exc:
            self.on_message(str(exc))
        else:
            hidden = [layer for layer in self.drawn_layers() if self.canvas is not None
                      and not self.canvas.is_layer_visible(layer)]
            if hidden:
                self.on_hidden_drawn(hidden)
        self.refresh()

    def drawn_layers(self) -> tuple[str, ...]:
        """The layers a press just made draws on (LayerStack's names): a stroke on a hidden one went on unseen."""
        return (self.tool.settings.cls.name,) if isinstance(self.tool, CLASS_PAINTERS) else ()

    def move(self, event: CanvasMouseEvent) -> None:
        if self._pressed and event.buttons & LEFT:
            self.tool.drag(event.x, event.y)
        else:
            self._scale_reach()
            self.tool.hover(event.x, event.y)
        self.refresh()

    def jump(self, event: CanvasMouseEvent, travelled: bool = False) -> None:
        if self._pressed:
            self.tool.jump(event.x, event.y, travelled)
        else:
            self.tool.hover(event.x, event.y)
        self.refresh()

    @property
    def drawing(self) -> bool:
        return self.tool.busy

    def layers_shown_changed(self) -> None:
        self.refresh()  # the box tool's selection frame and cursor follow the boxes the view shows

    def release(self, event: CanvasMouseEvent) -> None:
        if event.button != LEFT or not self._pressed:
            return
        self._pressed = False
        try:
            self.tool.release(event.x, event.y)
        except ToolUnavailable as exc:
            self.on_message(str(exc))
        self.refresh()

    # -- keys (from the controller's actions) ------------------------------------------------------------
    def key(self, name: str) -> bool:
        handled = self.tool.key(name)
        if handled:
            self.refresh()
        return handled

    def take_back(self) -> bool:
        """Ctrl+Z on the tool's half-made edit (Tool.take_back); whether there was one."""
        taken = self.tool.take_back()
        if taken:
            self.refresh()
        return taken

    def _note_half_made(self) -> None:
        if self.tool.can_take_back != self._half_made:
            self._half_made = not self._half_made
            self.on_half_made()

    # -- previews --------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._note_half_made()  # each press, drag, release and key ends here
        if self.canvas is None or self._brush_outline is None or self._outline is None:
            return
        colour = QColor(self.tool.settings.cls.colour)
        pointer = self.tool.pointer
        if isinstance(self.tool, BrushTool) and pointer is not None:
            self._brush_outline.show_at(*pointer, self.tool.settings.size, colour)
        else:
            self._brush_outline.setVisible(False)
        points = getattr(self.tool, "preview_points", None)
        if points is not None:
            self._outline.show_points(points(), colour, getattr(self.tool, "closed", ()))
        elif not isinstance(self.tool, BoxTool):
            self._outline.clear()

    def _scale_reach(self) -> None:
        if self.canvas is not None and isinstance(self.tool, PolygonTool):
            self.tool.close_distance = CLOSE_REACH_PX / self.canvas.zoom_level()


def _show_keys(item: QAction, command: QAction) -> None:
    """A menu item shows the keys of the window's ``command`` it stands for."""
    item.setShortcuts(command.shortcuts())
    item.setShortcutVisibleInContextMenu(True)  # macOS hides a context menu's keys by default


class BoxToolView(ToolView):
    """The box tool's adapter adds the selection frame with handles, cursor shapes that say what a drag will
    do, and a right-click menu on a box (class, difficult, duplicate, delete). ``duplicate`` is the window's
    duplicate command: the menu runs it and shows its keys, so both stay where the window defines them;
    ``difficult``, ``delete`` and ``relabel`` (by class) are the window's difficult toggle, delete key and relabel
    commands (Ctrl+1 ...), whose keys the menu shows."""

    tool: BoxTool

    def __init__(self, tool: BoxTool, on_message: Callable[[str], None] = lambda text: None,
                 classes: tuple[LesionClass, ...] = ALL_CLASSES, duplicate: QAction | None = None,
                 delete: QAction | None = None, difficult: QAction | None = None,
                 relabel: Mapping[LesionClass, QAction] | None = None) -> None:
        super().__init__(tool, on_message)
        self.classes = classes
        self.relabel = relabel or {}
        self.duplicate = duplicate
        self.difficult = difficult
        self.delete = delete
        self._selection: SelectionFrame | None = None

    def activate(self, canvas: ImageCanvas) -> None:
        super().activate(canvas)
        self._selection = SelectionFrame(canvas.scene())

    def deactivate(self, canvas: ImageCanvas) -> None:
        if self._selection is not None:
            self._selection.remove()
            self._selection = None
        super().deactivate(canvas)

    def press(self, event: CanvasMouseEvent) -> None:
        if event.button == Qt.MouseButton.RightButton:
            self._scale_reach()
            box = self.tool.box_at(event.x, event.y)
            if box is not None:
                self.tool.select(box.uid)
                self.refresh()
                self.show_box_menu()
            return
        super().press(event)

    def show_box_menu(self) -> None:
        """The selected box's menu at the mouse pointer."""
        menu = self.box_menu()
        if menu is not None:
            menu.exec(QCursor.pos())
            menu.deleteLater()  # parented to the canvas, each right-click's menu would otherwise stay for good

    def box_menu(self) -> QMenu | None:
        """Class, difficult flag, duplicate and delete for the selected box; None when none is selected."""
        box = self.tool.selected
        if box is None or self.canvas is None:
            return None
        menu = QMenu(self.canvas)
        for cls in self.classes:
            action = menu.addAction(f"{cls.name} — {lesion_name(cls)}")  # not "1 MA": key 1 picks the next box's class
            action.setCheckable(True)
            action.setChecked(cls == box.label)
            if cls in self.relabel:
                _show_keys(action, self.relabel[cls])
            action.triggered.connect(lambda _=False, c=cls: self._relabel(c))
        menu.addSeparator()
        difficult = menu.addAction(QCoreApplication.translate("BoxToolView", "Difficult"))
        difficult.setCheckable(True)
        difficult.setChecked(box.difficult)
        if self.difficult is not None:
            _show_keys(difficult, self.difficult)
        difficult.triggered.connect(lambda: (self.tool.toggle_difficult(), self.refresh()))
        if self.duplicate is not None:
            duplicate = menu.addAction(QCoreApplication.translate("BoxToolView", "Duplicate box"))
            _show_keys(duplicate, self.duplicate)
            duplicate.triggered.connect(self.duplicate.trigger)
        delete = menu.addAction(QCoreApplication.translate("BoxToolView", "Delete box"))
        if self.delete is not None:
            _show_keys(delete, self.delete)
        delete.triggered.connect(lambda: (self.tool.delete_selected(), self.refresh()))
        return menu

    def drawn_layers(self) -> tuple[str, ...]:
        """The boxes, and the class of the box drawn, moved or resized."""
        box = None if self.tool.draft is not None else self.tool.selected
        return "boxes", (box.label if box is not None else self.tool.settings.cls).name

    def _relabel(self, cls: LesionClass) -> None:
        self.tool.set_class(cls)
        self.refresh()

    def _scale_reach(self) -> None:
        if self.canvas is not None:
            self.tool.handle_tolerance = HANDLE_REACH_PX / self.canvas.zoom_level()

    def refresh(self) -> None:
        super().refresh()
        if self.canvas is None or self._outline is None or self._selection is None:
            return
        if self.tool.draft is not None:
            self._outline.show_rect(*self.tool.draft, QColor(self.tool.settings.cls.colour))
        else:
            self._outline.clear()
        box = self.tool.selected
        if box is not None:
            self._selection.show_frame(*frame(box), QColor(box.label.colour))
        else:
            self._selection.clear()
        pointer = self.tool.pointer
        target = None if self.tool.busy or pointer is None else self.tool.hover_target(*pointer)
        self.cursor = _HANDLE_CURSORS.get(target or "", Qt.CursorShape.CrossCursor)
        self.canvas.viewport().setCursor(self.cursor)
