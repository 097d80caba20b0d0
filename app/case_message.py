"""A status bar message about the open case, taken back once another case opens or the folder closes: it no longer
holds then, and said for its 15 s beside the next case, which it did not name, it seemed to be that case's."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from app.main_window import MainWindow


class CaseMessage(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self._said = ""  # as the status bar shows it
        window.cases.case_loading.connect(self.withdraw)
        window.cases.workspace_closed.connect(self.withdraw)

    def say(self, text: str) -> None:
        self.window.show_message(text)
        self._said = self.window.statusBar().currentMessage()

    def withdraw(self, *_: object) -> None:
        """The message goes unless another replaced it already."""
        bar = self.window.statusBar()
        if self._said and bar.currentMessage() == self._said:
            bar.clearMessage()
        self._said = ""
