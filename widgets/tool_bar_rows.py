"""Two tool bars on one row while the window is wide enough for both, the second on a row of its own below the first
otherwise: Qt would squeeze both and put the controls that do not fit behind each bar's » menu (the tool options
at 1366 px in English). A bar the reader moved elsewhere (another side, floating, to or from a row of its own) is
left where it is."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMainWindow, QToolBar


class ToolBarRows(QObject):
    def __init__(self, window: QMainWindow, first: QToolBar, second: QToolBar) -> None:
        super().__init__(window)
        self.window, self.first, self.second = window, first, second
        self.placed: bool | None = None  # the row break this rule last left; another one is the reader's drag
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.arrange()
        return False

    def arrange(self) -> None:
        window, bars = self.window, (self.first, self.second)
        if any(bar.isFloating() or window.toolBarArea(bar) != Qt.ToolBarArea.TopToolBarArea for bar in bars):
            return
        # The break goes before the bar on the right (or below): the reader may have dragged the second before the
        # first, and a break before a row's first bar does nothing. Ties (not laid out yet): the second.
        later = max(reversed(bars), key=lambda bar: (bar.y(), bar.x()))
        broken = window.toolBarBreak(later)
        if self.placed is not None and broken != self.placed:
            return  # the reader's rows stay (until they drag them back as this rule left them)
        self.placed = sum(bar.sizeHint().width() for bar in bars) > window.width()
        if self.placed and not broken:
            window.insertToolBarBreak(later)
        elif not self.placed and broken:
            window.removeToolBarBreak(later)
