"""Opening a folder for the review window, in one call that may run on a worker: the store the person works in
(readers.open_as: its lock, the index's integrity check, crash recovery), whether the folder is read twice, and
whether the AI is withheld from this reader. The window runs it on its storage worker, so a 100,000-case index is
checked without freezing it, and nothing reaches the store before the check passed."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotations.reading.blind import hides_ai_from
from annotations.reading.readers import CONSENSUS, holds_consensus, open_as, opens_consensus, reader_id, window_reader
from annotations.reading.settings import ReadingSettings, load_settings
from annotations.workspace import Workspace


@dataclass(frozen=True)
class WindowTerms:
    """What of a folder's reading settings the window a person opens it in works by. Settings changed elsewhere
    that change these leave an open window working by the old ones until the folder is opened again; other
    changes (another reader's arbiter role, the threshold in a reader's window) do not concern it."""

    store: str  # CONSENSUS (the main store) or the reader's id
    double: bool
    blind_ai: bool  # the AI is withheld from this reader until they submit (blind.hides_ai_from)
    threshold: float | None  # the consensus's list states are decided by it; None in any other window


def window_terms(settings: ReadingSettings, person: str) -> WindowTerms:
    if opens_consensus(settings, person):
        return WindowTerms(CONSENSUS, settings.double, False, settings.dice_threshold if settings.double else None)
    return WindowTerms(reader_id(window_reader(settings, person)), True, settings.blind_ai, None)


@dataclass(frozen=True)
class OpenedFolder:
    workspace: Workspace
    double: bool  # read by two readers
    blind_ai: bool  # a reader in blind double reading: no AI result until they submit the case
    arbiter: bool  # an arbiter in double reading: the window holds the consensus
    terms: WindowTerms  # what the window works by


def open_folder(folder: Path, person: str) -> OpenedFolder:
    """Open ``folder`` as ``person`` with the index as last saved (the window's scan brings it up to date).
    WorkspaceError or OSError say why it cannot be opened; the store is closed again (its lock released) when its
    reading settings cannot be read."""
    workspace = open_as(folder, person, scan=False)
    try:
        settings = load_settings(workspace.folder)
        return OpenedFolder(workspace, settings.double, hides_ai_from(workspace.folder, workspace.sidecar),
                            holds_consensus(workspace, settings.double), window_terms(settings, person))
    except BaseException:
        workspace.close()
        raise
