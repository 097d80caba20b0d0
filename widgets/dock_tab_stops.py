"""Tab through docks tabbed one behind another (History and Objects): the dock whose field takes the keyboard comes
in front, so every Tab stop is in sight (Tab went into the Objects list behind the History, where Del deleted a box
the reader never saw listed). The tab bar Qt makes for such docks takes no Tab stop of its own: it showed nothing,
and Tab now reaches each dock's field, bringing its tab forward."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTabBar, QWidget


class DockTabStops(QObject):
    """Installed once on ``window``; it follows the keyboard for as long as the window lives."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        window.installEventFilter(self)  # the window makes a tab bar whenever docks are tabbed anew
        QApplication.instance().focusChanged.connect(self._bring_forward)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished and isinstance(event.child(), QTabBar):
            event.child().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # polished after its own constructor set TabFocus
        return False

    def _bring_forward(self, _old: QWidget | None, now: QWidget | None) -> None:
        dock = now
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not None and dock.parentWidget() is self._window and self._window.tabifiedDockWidgets(dock) \
                and dock.visibleRegion().isEmpty():  # tabbed behind another: "visible" all the same
            dock.raise_()
