"""View ▸ Modality: the open case's modality, which the reader corrects for that case alone (an undoable edit, saved
with it; CasePixels.choose). The fundus and OCT entries show what the open case is, also after an undo of the
choice and on every other case; "detect from image" is a command, setting the case back to what its pixels look
like. The entries are enabled while the case's pixels are shown: "detect" needs them, and the reader chooses on
what they see."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotations.document import CaseDocument, Modality
from annotations.history import History

if TYPE_CHECKING:
    from app.main_window import MainWindow


class ModalityMenu(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.cases = window.cases
        self.entries = [window.actions[f"modality_{name}"] for name in ("auto", "fundus", "oct")]
        cases = self.cases
        cases.case_opened.connect(self._on_case_opened)
        cases.image_loaded.connect(lambda *_: self._enable(True))
        cases.modality_changed.connect(self._show)
        cases.case_failed.connect(self._on_case_failed)
        cases.workspace_closed.connect(lambda: self._enable(False))
        self._enable(False)

    def choose(self, mode: str) -> None:
        """An entry's data: "auto", "fundus" or "oct"."""
        cases = self.cases
        before = cases.modality
        cases.pixels.choose(None if mode == "auto" else Modality(mode))
        self._show(cases.modality)  # also when nothing changed: the entry clicked is not left ticked wrongly
        if cases.modality is not before and self.window.values.analyze_on_open:
            # fundus and OCT analyses differ: the shown result must match the view
            self.window.analysis_actions.analyze_current()

    def _on_case_opened(self, doc: CaseDocument, _history: History) -> None:
        self._enable(False)  # until its pixels are shown
        self._show(doc.modality)

    def _on_case_failed(self, case_id: str, _message: str) -> None:
        self._enable(False)
        self._show(self.cases.pixels.failed_modality(case_id))

    def _show(self, modality: Modality) -> None:
        _auto, fundus, oct_scan = self.entries
        fundus.setChecked(modality is Modality.FUNDUS)
        oct_scan.setChecked(modality is Modality.OCT)

    def _enable(self, enabled: bool) -> None:
        for entry in self.entries:
            entry.setEnabled(enabled)
