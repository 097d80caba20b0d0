"""The findings dock gives way to the photo when the window narrows (app.window_shares.narrowed_dock_width): restored
from a run on a wider screen, or the window moved to a laptop's; the reader's drags in a window of one size stand."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow

from app.window_shares import narrowed_dock_width


class DockGivesWay(QObject):
    def __init__(self, window: QMainWindow, dock: QDockWidget) -> None:
        super().__init__(window)
        self._window, self._dock = window, dock
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and isinstance(event, QResizeEvent) and self._dock.isVisible() \
                and not self._dock.isFloating() and event.size().width() < event.oldSize().width():
            width = narrowed_dock_width(event.size().width(), self._dock.width())
            if width is not None:  # asked before the window lays out its new size
                self._window.resizeDocks([self._dock], [width], Qt.Orientation.Horizontal)
        return super().eventFilter(watched, event)
