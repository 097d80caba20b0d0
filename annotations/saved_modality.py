"""The modality saved with a case, read before it is opened: what "Analyse all" analyses a case the window does not
hold as (app.case_pixels.CasePixels.recorded_modalities), as Analyse does the open case. Read from its small
case.json, on the analysis worker as each case comes up."""
from __future__ import annotations

from annotations.document import Modality
from annotations.workspace import WorkspaceError
from annotations.workspace.codec import modality_from_json
from annotations.workspace.sidecar import CaseFiles


def saved_modality(files: CaseFiles, case_id: str) -> Modality | None:
    """The modality recorded with ``case_id`` (the reader's choice, or what it was taken for when it was first
    saved); None when it was never saved, or its file or modality cannot be read: its image decides then (and
    storing its result says what is wrong with the file)."""
    if not files.exists(case_id):
        return None
    try:
        return modality_from_json(files.read_json(case_id))
    except (OSError, ValueError, WorkspaceError):
        return None
