"""The edit history of the open case as a list: the first row is the case as opened, then one row per step.
Rows after the current position (steps that were undone) are greyed; clicking a row goes to that state."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from annotations.history import History


class HistoryPanel(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_panel")
        self._history: History | None = None
        self.itemClicked.connect(self._go_to)

    def set_history(self, history: History | None) -> None:
        if self._history is not None:
            self._history.remove_stack_listener(self.refresh)
        self._history = history
        if history is not None:
            history.add_stack_listener(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        history = self._history
        if history is None:
            return
        undone = QBrush(QColor(140, 140, 140))
        for row, text in enumerate([self.tr("Case as opened"), *history.entries]):
            item = QListWidgetItem(text)
            if row > history.position:
                item.setForeground(undone)
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.addItem(item)
        self.setCurrentRow(history.position)
        self.scrollToItem(self.currentItem())

    def _go_to(self, item: QListWidgetItem) -> None:
        if self._history is not None:
            self._history.go_to(self.row(item))

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - arrows move through the history too
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._history is not None and self.currentRow() >= 0:
            self._history.go_to(self.currentRow())
