"""The modality saved with a case, read from its small case file before the case is opened: the one rule for what a
case was recorded as, which the workspace's messages name a volume's frames by (Workspace.bscan_case_id) and
annotations.saved_modality analyses a case as. Here, in the workspace package, so that both can import it."""
from __future__ import annotations

from annotations.document import Modality
from annotations.workspace.codec import modality_from_json
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.sidecar import CaseFiles


def saved_modality(files: CaseFiles, case_id: str) -> Modality | None:
    """The modality recorded with ``case_id`` (the reader's choice, or what it was taken for when it was first
    saved); None when it was never saved, or its file or modality cannot be read: its image decides then (and
    storing its result, or opening it, says what is wrong with the file)."""
    if not files.exists(case_id):
        return None
    try:
        return modality_from_json(files.read_json(case_id))
    except (OSError, ValueError, WorkspaceError):
        return None
