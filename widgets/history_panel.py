"""The edit history of the open case as a list: the first row is the case as opened, then one row per step.
Rows after the current position (steps that were undone) are greyed; clicking a row goes to that state."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from annotations.classes import OCT_CLASSES
from annotations.followed_history import FollowedHistory
from annotations.history import History
from widgets.clinical_terms import oct_class_name
from widgets.domain_messages import WORDS
from widgets.known_texts import AsWritten, KnownTexts, ListOf, Named

# What one grade edit changes ("Set DR grade 3, referable yes" lists two), each shown in the interface's language
GRADE_CHANGES = KnownTexts("HistoryPanel", (
    QT_TRANSLATE_NOOP("HistoryPanel", "DR grade {grade}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "DME risk {risk}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "referable {referable}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "OCT class {oct}"),
), values={"yes": QT_TRANSLATE_NOOP("HistoryPanel", "yes"), "no": QT_TRANSLATE_NOOP("HistoryPanel", "no"),
           "none": QT_TRANSLATE_NOOP("HistoryPanel", "none")},
    parts={"oct": (Named(OCT_CLASSES, oct_class_name), AsWritten())})  # a class by its name, as the panel shows it

# The names annotations/ gives its edits, in English, as templates to show them in the interface's language
# (longer templates first: "Fill {cls}" would also match a text with the tolerance after it, "Erase {cls}"
# "Erase MA region").
EDIT_NAMES = KnownTexts("HistoryPanel", (
    QT_TRANSLATE_NOOP("HistoryPanel", "Add {cls} box"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Duplicate {cls} box"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Copy {count} box(es) from the previous case"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Delete box"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Delete {count} objects"),  # the object list's multi-row delete
    QT_TRANSLATE_NOOP("HistoryPanel", "Delete {cls} box"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Move box"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Resize box"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Relabel box as {cls}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Relabel box {old} → {new}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mark box difficult"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Unmark box difficult"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mark box truncated"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Unmark box truncated"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Set box flags"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Set grade"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Clear DR grade"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Clear DME risk"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Clear referable"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Clear OCT class"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Set {changes}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit findings"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mark case to do"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mark case in progress"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mark case done"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit patient details"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit patient ID"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit patient name"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit age"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit birth date"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit sex"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit eye"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Edit exam date"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mark as OCT"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mark as fundus"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Set AI result"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Clear AI result"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Paint {cls}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Fill {cls} (tolerance {tolerance})"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Unfill {cls} (tolerance {tolerance})"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Fill {cls} lasso"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Remove {cls} lasso"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Fill {cls} polygon"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Remove {cls} polygon"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Erase {cls} component"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Delete {cls} lesion"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Accept AI {cls} candidate"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Erase {cls} region"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Erase {cls}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Magic brush {cls}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Magic erase {cls}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Fill {cls}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Apply AI prediction"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Apply AI {classes}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Relabel {old} lesion as {new}"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Boxes from masks ({count})"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Reject AI {cls} candidate"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Import labels"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Arbitrate case"),
), parts={"changes": (ListOf(GRADE_CHANGES),), "classes": (WORDS,)})


class HistoryPanel(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_panel")
        self._entries: list[str] = []  # the step each row after the first shows, as the history names it
        self._followed = FollowedHistory(self.refresh)
        # Takes the history to a row's state; the window's records first what is still being typed (CaseController)
        self.go_to: Callable[[int], None] = self._go_to
        self.itemClicked.connect(lambda item: self.go_to(self.row(item)))

    def set_history(self, history: History | None) -> None:
        self._followed.follow(history)

    def refresh(self) -> None:
        """Show the followed history's steps. A row whose step is unchanged keeps its item: a stroke's start and end
        each refresh the panel, and rebuilding and translating a 500-step history every time took 25-30 ms."""
        history = self._followed.history
        entries = [] if history is None else history.entries
        while self.count() > len(entries) + (history is not None):
            self.takeItem(self.count() - 1)
        del self._entries[len(entries):]
        if history is None:
            return
        if not self.count():
            self.addItem(self.tr("Case as opened"))
        for row, entry in enumerate(entries, start=1):
            if row == self.count():
                self.addItem(EDIT_NAMES(entry))
                self._entries.append(entry)
            elif self._entries[row - 1] != entry:
                self.item(row).setText(EDIT_NAMES(entry))
                self._entries[row - 1] = entry
        position = history.position
        for row in range(self.count()):
            _show_undone(self.item(row), row > position)
        self.setCurrentRow(position)
        self.scrollToItem(self.currentItem())

    def _go_to(self, row: int) -> None:
        if self._followed.history is not None:
            self._followed.history.go_to(row)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - arrows move through the history too
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._followed.history is not None \
                and self.currentRow() >= 0:
            self.go_to(self.currentRow())


def _show_undone(item: QListWidgetItem, undone: bool) -> None:
    """Grey and italic for a step that was undone (redo takes it again), as the list's own for the others."""
    font = item.font()
    if font.italic() == undone:
        return
    font.setItalic(undone)
    item.setFont(font)
    if undone:
        item.setForeground(QBrush(QColor(140, 140, 140)))
    else:
        item.setData(Qt.ItemDataRole.ForegroundRole, None)
