"""The object list: one row per box and per painted lesion of the open case (kind, class, size, difficult), as
labelImg and CVAT list them. Clicking a row, or moving to it with the arrow keys, asks to show that object (a box
is then the one the box keys act on); Del deletes the selected rows; Ctrl+number relabels a painted lesion's
row (a box's is relabelled by the box keys); the right-click menu changes the class or the difficult flag. It
shows annotations.objects rows and announces what the person asked for; the app turns that into undoable edits."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QMenu, QTableWidget, QTableWidgetItem, QWidget)

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.objects import BOX, LESION, CaseObject
from widgets.clinical_terms import lesion_label, lesion_name

COLUMNS = (QT_TRANSLATE_NOOP("ObjectList", "Kind"), QT_TRANSLATE_NOOP("ObjectList", "Class"),
           QT_TRANSLATE_NOOP("ObjectList", "Size"), QT_TRANSLATE_NOOP("ObjectList", "Difficult"))
# In the units the rest of the window writes (the tool options' brush size, the status bar's areas): a Chinese
# list read "30×30 px, 352 px²" beside 12 像素.
BOX_SIZE = QT_TRANSLATE_NOOP("ObjectList", "{width}×{height} px")
PAINTED_SIZE = QT_TRANSLATE_NOOP("ObjectList", "{width}×{height} px, {area} px²")


def size_text(obj: CaseObject) -> str:
    """"30×12 px" for a box, "30×12 px, 352 px²" for a painted lesion (its pixels), in the interface language."""
    y0, y1, x0, x1 = obj.bounds
    template = PAINTED_SIZE if obj.kind == LESION else BOX_SIZE
    return QCoreApplication.translate("ObjectList", template).format(width=x1 - x0, height=y1 - y0, area=obj.area_px)


class ObjectList(QTableWidget):
    object_chosen = Signal(int)  # row: show (select and zoom to) that object
    delete_requested = Signal(list)  # rows
    relabel_requested = Signal(int, object)  # row, LesionClass
    difficult_requested = Signal(int, bool)  # row, flag

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("object_list")
        self.objects: list[CaseObject] = []
        self.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Sized once per rebuild (show_objects), not by the header at every cell set: that cost milliseconds per
        # cell beside a 12 MP photo's masks, seconds per rebuild after each stroke.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda pos: self.show_menu(self.rowAt(pos.y())))
        self.cellClicked.connect(lambda row, column: self.object_chosen.emit(row))

    def show_objects(self, objects: Sequence[CaseObject]) -> None:
        selected = self.selected_rows()
        self.objects = list(objects)
        self.setRowCount(len(self.objects))
        for row, obj in enumerate(self.objects):
            difficult = (self.tr("yes") if obj.difficult else "") if obj.kind == BOX else "–"
            texts = (self.tr("Box") if obj.kind == BOX else self.tr("Painted"), lesion_label(obj.cls), size_text(obj),
                     difficult)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setForeground(QBrush(QColor(obj.cls.colour).darker(150)))
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        for row in selected:
            if row < len(self.objects):
                self.selectRow(row)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedRows()})

    def _lesion_class_key(self, event: QKeyEvent) -> LesionClass | None:
        """The class Ctrl+number names while the row shown is a painted lesion's, else None: the window's relabel
        keys act on the selected box, which such a row has none of."""
        row = self.currentRow()
        if not 0 <= row < len(self.objects) or self.objects[row].kind == BOX or row not in self.selected_rows():
            return None
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        digit = event.key() - Qt.Key.Key_0
        known = {cls.value for cls in ALL_CLASSES}
        return LesionClass(digit) if modifiers == Qt.KeyboardModifier.ControlModifier and digit in known else None

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self._lesion_class_key(event) is not None):
            event.accept()  # keyPressEvent relabels the lesion, not the window's shortcut the box
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_rows():
            self.delete_requested.emit(self.selected_rows())
            return
        cls = self._lesion_class_key(event)
        if cls is not None:
            self.relabel_requested.emit(self.currentRow(), cls)
            return
        row = self.currentRow()
        super().keyPressEvent(event)
        if self.currentRow() != row and self.currentRow() >= 0:
            self.object_chosen.emit(self.currentRow())  # as labelImg's box list: the arrows show each as a click

    def show_menu(self, row: int) -> QMenu | None:
        """Pop up the class, difficult flag and delete for ``row``; returns the menu (None off the rows)."""
        if not 0 <= row < len(self.objects):
            return None
        obj = self.objects[row]
        menu = QMenu(self)
        for cls in ALL_CLASSES:
            action = menu.addAction(f"{cls.name} — {lesion_name(cls)}")  # not "1 MA": key 1 picks a class to draw
            action.setCheckable(True)
            action.setChecked(cls == obj.cls)
            action.triggered.connect(lambda _=False, c=cls: self.relabel_requested.emit(row, c))
        menu.addSeparator()
        if obj.kind == BOX:
            difficult = menu.addAction(self.tr("Difficult"))
            difficult.setCheckable(True)
            difficult.setChecked(obj.difficult)
            difficult.triggered.connect(lambda on: self.difficult_requested.emit(row, on))
        menu.addAction(self.tr("Delete")).triggered.connect(lambda: self.delete_requested.emit([row]))
        menu.popup(self.viewport().mapToGlobal(self.visualItemRect(self.item(row, 0)).center()))
        return menu
