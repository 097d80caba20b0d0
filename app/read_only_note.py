"""Why the open folder is read-only (open in another window, a read-only disk, taken over by another computer), said
whole in a note over the photo (widgets.note_bar) for as long as the folder stays open. The status bar cut these
long reasons short ("…", whole only in its tooltip) and dropped them after 15 seconds; the title says "(read-only)"."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotations.workspace import Workspace
from app.inference_messages import shown_message
from widgets.note_bar import NoteBar

if TYPE_CHECKING:
    from app.main_window import MainWindow

log = logging.getLogger(__name__)


class ReadOnlyNote(QObject):
    def __init__(self, window: "MainWindow", bar: NoteBar) -> None:
        super().__init__(window)
        self.cases, self.bar = window.cases, bar
        self.cases.workspace_opened.connect(self._opened)
        self.cases.folder_taken_over.connect(self._taken_over)
        self.cases.workspace_closed.connect(bar.hide)

    def _opened(self, workspace: Workspace) -> None:
        if workspace.read_only:
            log.info("%s", self._show(workspace.read_only_reason))  # as the window logs each message it shows
        else:
            self.bar.hide()

    def _taken_over(self, workspace: Workspace, reason: str) -> None:
        if workspace is self.cases.workspace:
            self._show(reason)  # logged by the lock's renewal (annotations.workspace.lock_renewal), once

    def _show(self, reason: str) -> str:
        text = shown_message(reason)
        self.bar.show_note(text)
        return text
