"""The AI reveals a blind reader's submissions are owed (``owed-reveals.json`` in the reader's own sidecar): kept
while their analyses wait or run, so a folder closed (or a program that crashed) before they finished reveals them
when it is opened again. No reader's reveal silently vanishes."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

from annotations.document import Modality
from annotations.errors import FileProblem
from annotations.regular_files import read_regular_bytes
from annotations.workspace import Workspace
from annotations.workspace.confined import ConfinedFolder

OWED_FILE = "owed-reveals.json"
MAX_OWED_BYTES = 16 << 20  # some 200,000 case ids: a whole folder submitted while the models were missing


@dataclass(frozen=True)
class OwedReveal:
    case_id: str
    modality: Modality | None  # as the window showed the case; None: decided from the image


def save_owed_reveals(workspace: Workspace, owed: list[OwedReveal]) -> None:
    """Keep ``owed`` (all of them: the file is replaced) in the reader's sidecar."""
    data = [{"case_id": reveal.case_id, "modality": reveal.modality.value if reveal.modality else None}
            for reveal in owed]
    ConfinedFolder(workspace.folder).write_text(workspace.sidecar / OWED_FILE, json.dumps(data, ensure_ascii=False))


def load_owed_reveals(workspace: Workspace) -> list[OwedReveal]:
    """The reveals kept when the folder was last closed, oldest first; none when there is no file or it cannot be
    read (the reader's submitted cases then show their stored result, or are analysed when opened)."""
    path = workspace.sidecar / OWED_FILE
    if not os.path.lexists(path):
        return []
    try:
        data = json.loads(read_regular_bytes(path, MAX_OWED_BYTES, "owed reveals").decode("utf-8"))
        return [OwedReveal(str(entry["case_id"]), Modality(entry["modality"]) if entry.get("modality") else None)
                for entry in data]
    except (FileProblem, ValueError, TypeError, KeyError, AttributeError):
        return []
