"""What a B-scan's saved case file says before it is opened: a B-scan of an OCT volume (annotations.frames) has no
row in the case index (its volume's row summarises them all, its own case too: annotations.volume_summary), so its
review state and whether it holds an AI result are read from its small case.json. The one place that reads them
(Analyse all's scope, and the blind-AI rule for a result that arrives)."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.document import ReviewState
from annotations.workspace import WorkspaceError
from annotations.workspace.sidecar import CaseFiles


@dataclass(frozen=True)
class SavedBscan:
    review_state: ReviewState = ReviewState.TODO
    analysed: bool = False  # holds an AI result


def saved_bscan(files: CaseFiles, case_id: str) -> SavedBscan:
    """The B-scan's saved state; to do and not analysed when it is unsaved or its file is damaged (storing a result
    there then fails and says so, and nothing shows the reader submitted it)."""
    if not files.exists(case_id):
        return SavedBscan()
    try:
        data = files.read_json(case_id)
        return SavedBscan(ReviewState(data.get("review_state", ReviewState.TODO.value)), data.get("ai") is not None)
    except (OSError, ValueError, WorkspaceError):
        return SavedBscan()
