"""The B-scans of an OCT volume in the window: the slider under the canvas and Case ▸ Next/Previous B-scan (a
multi-frame photo's frames alike, each named a frame: annotations.case_names.called_bscans).

A volume is one row of the case list; each B-scan is a case of its own (annotations.frames), so moving the slider
opens that B-scan's case through the CaseController, which saves the one shown first and keeps its undo history,
as a case switch does. The list keeps the volume selected (MainWindow selects a case's listed row). In double
reading the bar names the B-scans whose readings disagree, as each is arbitrated on its own.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from annotations.case_names import called_bscans
from annotations.document import Modality
from annotations.frames import listed_case_id, shown_frame, split_bscan_case_id
from annotations.image_io import ImageLoadError
from annotations.reading.volume_states import bscans_needing_arbitration
from annotations.workspace import WorkspaceError
from widgets.bscan_bar import BScanBar

if TYPE_CHECKING:
    from app.main_window import MainWindow

# PageUp/PageDown step cases and [ ] the brush size, so the B-scan keys add Shift (and Ctrl+[ ]).
NEXT_KEYS = ("Shift+PgDown", "Ctrl+]")
PREVIOUS_KEYS = ("Shift+PgUp", "Ctrl+[")


class BScanController(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.cases = window.cases
        self.bar = BScanBar()
        self.called_bscans = True  # the shown file's frames are B-scans, else a photo's frames (case_names)
        self.next_action = self._action(NEXT_KEYS, 1)
        self.previous_action = self._action(PREVIOUS_KEYS, -1)
        self._name_steps()
        self.bar.bscan_chosen.connect(self.show_bscan)
        self.cases.case_opened.connect(lambda doc, history: self._case_shown(doc.case_id, doc.modality))
        self.cases.modality_changed.connect(lambda modality: self._case_shown(self.cases.current_id, modality))
        self.cases.case_failed.connect(lambda case_id, message: self._case_shown(case_id))
        self.cases.bscan_counts.counted.connect(self._count_read)
        self.cases.case_loading.connect(self._case_shown)  # at once, as its files are read: the slider is its volume's
        self.cases.workspace_closed.connect(lambda: self._case_shown(None))
        self.cases.listing.reading_states_changed.connect(self._show_disagreements)

    def _action(self, keys: tuple[str, ...], step: int) -> QAction:
        action = QAction(self.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setEnabled(False)
        action.triggered.connect(lambda: self.bar.step(step))
        self.window.addAction(action)
        return action

    def show_bscan(self, number: int) -> None:
        """Open B-scan ``number`` (1-based) of the volume shown (once its count is known: app.bscan_counts), unless
        another case was opened meanwhile."""
        workspace, current = self.cases.workspace, self.cases.current_id
        if workspace is None or current is None:
            return
        volume = listed_case_id(current)

        def open_bscan(count: int) -> None:
            if self.cases.current_id != current:
                return
            try:
                target = workspace.bscan_case_id(volume, number, count)
            except (ImageLoadError, WorkspaceError) as exc:
                self.window.show_message(str(exc))
                return
            self.cases.select_case(target)
        self.cases.bscan_counts.count(volume, open_bscan)

    def number(self, case_id: str) -> int | None:
        """The B-scan ``case_id`` is, as the bar numbers it (a volume's own case: its shown one); None for a photo."""
        volume, number = split_bscan_case_id(case_id)
        count = self.count(volume)
        return None if count == 1 else number or shown_frame(count)

    def count(self, case_id: str) -> int:
        """How many B-scans the listed case ``case_id`` holds (1 for a photo or an unreadable file): while it is read
        again from its header (app.bscan_counts), as its row lists it, the bar shown again once it is in."""
        known = self.cases.bscan_counts.known(case_id)
        if known is not None:
            return known
        summary = self.cases.summaries.get(case_id)
        return summary.frames if summary is not None and not summary.error else 1

    def _count_read(self, case_id: str) -> None:
        current = self.cases.current_id
        if current is not None and listed_case_id(current) == case_id:
            self._show_bar(current)

    def _case_shown(self, case_id: str | None, modality: Modality | None = None) -> None:
        self.called_bscans = called_bscans(modality)
        self._show_bar(case_id)

    def _show_bar(self, case_id: str | None) -> None:
        count = self.count(listed_case_id(case_id)) if case_id is not None else 1
        number = self.number(case_id) if case_id is not None else None
        self.bar.show_bscan(number or 1, count, self.called_bscans)  # a single image: 1 of 1
        self._name_steps()
        for action in (self.next_action, self.previous_action):
            action.setEnabled(count > 1)
        self._show_disagreements()

    def _name_steps(self) -> None:
        """Case ▸ Next/Previous as the bar names the frames: "Next B-scan" stepped a multi-frame photo's frames."""
        if self.called_bscans:
            self.next_action.setText(self.tr("Next &B-scan"))
            self.previous_action.setText(self.tr("Previous B-&scan"))
        else:
            self.next_action.setText(self.tr("Next fra&me"))
            self.previous_action.setText(self.tr("Previous fram&e"))

    def _show_disagreements(self) -> None:
        """In double reading, which B-scans of the volume shown need arbitration (each is arbitrated on its own)."""
        current = self.cases.current_id
        volume = listed_case_id(current) if current is not None else ""
        count = self.count(volume) if current is not None and self.cases.workspace is not None else 1
        states = self.cases.listing.reading_states
        self.bar.show_disagreements(bscans_needing_arbitration(states, volume, shown_frame(count)) if count > 1
                                    else [])
