"""Ctrl+V, labelImg's "copy previous bounding boxes": the boxes of the case before this one in the case list (of an
OCT volume's B-scan: the B-scan before it) come onto this case as one undo step (annotations.tools.box_copies), and
the status bar says how many or why none.

The previous case's boxes come from its kept history when it was opened this session (unsaved edits included),
else from its saved file, read on the storage queue: after any save of it still queued, and never on the GUI
thread (a folder on a network share)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QObject

from annotations.document import Box
from annotations.frames import listed_case_id
from annotations.history import History
from annotations.image_io import ImageLoadError
from annotations.tools.box_copies import add_copies, boxes_to_copy
from annotations.workspace import Workspace, WorkspaceError

if TYPE_CHECKING:
    from app.main_window import MainWindow


def previous_case(order: Sequence[str], current: str | None) -> str | None:
    """The case before ``current`` in ``order``; None for the first one or a case not listed."""
    if current not in order:
        return None
    index = list(order).index(current)
    return order[index - 1] if index > 0 else None


class PreviousBoxes(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.cases = window.cases

    def copy(self) -> None:
        cases, history = self.cases, self.cases.history
        if history is None or cases.workspace is None or cases.current_id is None:
            self.window.show_message(self.tr("Open a case first"))
            return
        previous = self._previous(cases.workspace, cases.current_id)
        if previous is None:
            return
        kept = cases.histories.get(previous)
        if kept is not None:
            self._copy(history, previous, kept.doc.boxes)
            return
        cases.storage.submit(cases.workspace.case_files.saved_boxes, previous,
                             done=lambda boxes: self._copy(history, previous, boxes), failed=self.window.show_message)

    def _previous(self, workspace: Workspace, current: str) -> str | None:
        """The case whose boxes Ctrl+V copies: a volume's B-scan takes the B-scan before it (the list has one row
        for the whole volume), anything else the case before it in the list; None, said why, where there is none."""
        number = self.window.bscans.number(current)  # None for a photo
        if number is None:
            previous = previous_case(self.window.case_list.visible_case_ids(), listed_case_id(current))
            if previous is None:
                self.window.show_message(self.tr("No previous case to copy boxes from: this is the first case in "
                                                 "the list"))
            return previous
        if number == 1:
            self.window.show_message(self.tr("No previous B-scan to copy boxes from: this is the first B-scan of "
                                             "the volume") if self.window.bscans.called_bscans else
                                     self.tr("No previous frame to copy boxes from: this is the first frame of the "
                                             "photo"))
            return None
        try:
            volume = listed_case_id(current)  # its count as the bar has it: not read again here, on the GUI thread
            return workspace.bscan_case_id(volume, number - 1, self.cases.bscan_counts.known(volume))
        except (ImageLoadError, WorkspaceError) as exc:  # the volume's file changed since it was listed
            self.window.show_message(str(exc))
            return None

    def _copy(self, history: History, previous: str, boxes: Sequence[Box]) -> None:
        if history is not self.cases.history:
            return  # read from the file after the reader moved on: nothing is copied onto another case
        name = self.cases.case_name(previous)
        copies = boxes_to_copy(boxes, history.doc)
        count = add_copies(history, copies)
        if count:
            text = self.tr("Copied {count} box(es) from the previous case, {case}")
        elif not boxes:
            text = self.tr("No boxes copied: the previous case, {case}, has no boxes")
        elif copies.already_here:
            text = self.tr("No boxes copied: every box of the previous case, {case}, is already here")
        else:
            text = self.tr("No boxes copied: the boxes of the previous case, {case}, lie outside this photo")
        self.window.show_message(text.format(count=count, case=name))
