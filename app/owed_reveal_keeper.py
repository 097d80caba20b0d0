"""Keeps the blind reader's owed reveals (AnalysisController.owed) in the folder's store as they change, through
the storage queue, so a folder closed before they finished (or a crash) loses none: the folder opened again reveals
them, each with the result stored with its case (shown again unless the models or thresholds changed since)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotations.errors import FileProblem
from annotations.reading.owed_reveals import OwedReveal, load_owed_reveals, save_owed_reveals
from annotations.workspace import Workspace
from annotations.workspace.errors import WorkspaceError
from app.analysis_controller import AnalysisController, AnalysisItem

if TYPE_CHECKING:
    from app.case_controller import CaseController


class OwedRevealKeeper(QObject):
    def __init__(self, cases: "CaseController", analysis: AnalysisController) -> None:
        super().__init__(analysis)
        self.cases, self.analysis = cases, analysis
        analysis.owed_changed.connect(self._keep)
        cases.workspace_opened.connect(self._resume)

    def _keep(self) -> None:
        workspace = self.cases.workspace
        if workspace is None or workspace.read_only:
            return
        owed = [OwedReveal(item.case_id, item.modality) for item in self.analysis.owed()]
        self.cases.storage.submit(save_owed_reveals, workspace, owed)

    def _resume(self, workspace: Workspace) -> None:
        if workspace.read_only:
            return  # its reveals could not be stored: they wait for the folder opened to be written
        self.cases.storage.submit(_owed_items, workspace, done=lambda items: self._reveal(workspace, items))

    def _reveal(self, workspace: Workspace, items: list[AnalysisItem]) -> None:
        if self.cases.workspace is not workspace:
            return  # closed again meanwhile: the file still holds them
        for item in items:
            self.analysis.reveal_case(item)


def _owed_items(workspace: Workspace) -> list[AnalysisItem]:
    """On the storage worker: each kept reveal with its case's image and stored result (a case gone since, or one
    that cannot be read, is left out: the next change of the owed reveals drops it from the file)."""
    items = []
    for reveal in load_owed_reveals(workspace):
        try:
            stored = workspace.load_case(reveal.case_id, without_missing=True).ai  # a missing AI file: analysed again
            items.append(AnalysisItem.in_folder(reveal.case_id, workspace.folder, workspace.image_path(reveal.case_id),
                                                modality=reveal.modality, stored=stored,
                                                address=workspace.case_address(reveal.case_id)))
        except (WorkspaceError, FileProblem, OSError, ValueError):
            continue  # a case that cannot be read now is not revealed; opening it says why
    return items
