"""Where an export's labels come from: by default the workspace's own saved cases (ExportSource).

A double-read folder's consensus (annotations.reading.consensus_export) is the one other source: it writes some
cases from the readers' agreeing reading, leaves out the cases whose consensus is not settled, and says so. Both go
through the one export (annotations.workspace.transfer.export_labels).
"""
from __future__ import annotations

from typing import Sequence

from annotations.document import CaseDocument
from annotations.formats.grades_csv import GradedCase
from annotations.workspace.workspace import CaseSummary, Workspace


class ExportSource:
    """The workspace's saved labels, as they are."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def by_default(self, case: CaseSummary) -> bool:
        """Whether an export not told which cases takes up this listed case (to write it, or to leave it out)."""
        return case.saved

    def bscans(self) -> dict[str, list[str]]:
        """Volume case id -> its other B-scans an export of the volume takes up, in order (Workspace.saved_bscans:
        those with labels)."""
        return self.ws.saved_bscans()

    def load(self, case_id: str) -> CaseDocument:
        return self.ws.load_case(case_id)

    def graded(self, case_id: str) -> GradedCase:
        """The case's grades row, from its case file alone: no mask or AI arrays are decoded, so a damaged one does
        not keep its grade out of the grades CSV."""
        return GradedCase(case_id, self.ws.image_path(case_id), self.ws.case_files.saved_grade(case_id))

    def leaves_out(self, case_id: str) -> bool:
        """Whether a chosen case (or B-scan) is not to be written."""
        return False

    def notes(self, written: Sequence[str], left_out: Sequence[str]) -> list[str]:
        """Warnings for the summary about the cases written and those left out (leaves_out)."""
        return []
