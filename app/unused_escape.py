"""Esc that no widget took, in the main window or in one of its docks, is the window's own (MainWindow.escape_unused:
it stops the folder's listing). A key a widget does not take goes to its parents up to its window: a floating dock
is a window of its own, so Esc in one, undocked, never reached the main window's keyPressEvent."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow


class UnusedEscape(QObject):
    def __init__(self, window: QMainWindow, escape_unused: Callable[[], None]) -> None:
        """Watch ``window`` and the docks it has now (docked or floating): their Esc calls ``escape_unused``."""
        super().__init__(window)
        self._escape_unused = escape_unused
        direct = Qt.FindChildOption.FindDirectChildrenOnly  # not one inside a dialog the window owns
        for watched in (window, *window.findChildren(QDockWidget, options=direct)):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """A key press reaches a dock or the window only where no widget inside took it (QApplication passes it
        on to the parent then)."""
        if event.type() != QEvent.Type.KeyPress or event.key() != Qt.Key.Key_Escape \
                or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        self._escape_unused()
        return True
