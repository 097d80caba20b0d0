"""The folder beside the photos where RetinaReview keeps an opened folder's own files: its index, the saved labels,
autosave snapshots, the readers' stores. A scan of the folder skips it (annotations.workspace.scan); no output goes
into it (annotations.output_folder.refuse_store)."""
from __future__ import annotations

import os
from pathlib import Path

SIDECAR_NAME = ".retinareview"


def in_store(path: str | os.PathLike) -> bool:
    """Whether ``path``, links resolved, is a SIDECAR_NAME folder or lies inside one (its name in any case: macOS
    and Windows ignore it)."""
    return any(part.casefold() == SIDECAR_NAME for part in Path(os.path.realpath(path)).parts)
