"""Opening a folder for the review window, in one call that may run on a worker: the store the person works in
(readers.open_as: its lock, the index's integrity check, crash recovery), whether the folder is read twice, and
whether the AI is withheld from this reader. The window runs it on its storage worker, so a 100,000-case index is
checked without freezing it, and nothing reaches the store before the check passed."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotations.reading.blind import hides_ai_from
from annotations.reading.readers import holds_consensus, open_as
from annotations.reading.settings import load_settings
from annotations.workspace import Workspace


@dataclass(frozen=True)
class OpenedFolder:
    workspace: Workspace
    double: bool  # read by two readers
    blind_ai: bool  # a reader in blind double reading: no AI result until they submit the case
    arbiter: bool = False  # an arbiter in double reading: the window holds the consensus


def open_folder(folder: Path, person: str) -> OpenedFolder:
    """Open ``folder`` as ``person`` with the index as last saved (the window's scan brings it up to date).
    WorkspaceError or OSError say why it cannot be opened; the store is closed again (its lock released) when its
    reading settings cannot be read."""
    workspace = open_as(folder, person, scan=False)
    try:
        double = load_settings(workspace.folder).double
        return OpenedFolder(workspace, double, hides_ai_from(workspace.folder, workspace.sidecar),
                            holds_consensus(workspace, double))
    except BaseException:
        workspace.close()
        raise
