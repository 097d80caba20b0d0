"""The work folders of "Retrain from reviewed cases" in a folder's sidecar (``.retinareview/retrain/TASK-STAMP``): the
exported copies of the reviewed photos, the checkpoint and the trained model, held by the window that trains there
(annotations.folder_claim: a lock that ends with the process, however it ends). A window killed or crashed mid-run
left its folder, a full copy of the photos, forever; the next run removes every one no live window holds."""
from __future__ import annotations

import shutil
from pathlib import Path

from annotations.folder_claim import FolderBusy, FolderClaim

WORK_FOLDER = "retrain"


def new_work_folder(sidecar: Path, name: str) -> tuple[Path, FolderClaim]:
    """A new work folder ``name`` in ``sidecar``, claimed (release the claim once the folder is done with), after
    removing the work folders no live window holds."""
    remove_abandoned(sidecar / WORK_FOLDER)
    folder = sidecar / WORK_FOLDER / name
    folder.mkdir(parents=True, exist_ok=True)
    claim = FolderClaim(folder)
    claim.acquire()
    return folder, claim


def remove_abandoned(parent: Path) -> list[Path]:
    """Remove the work folders in ``parent`` that no process holds; the ones removed."""
    removed = []
    folders = sorted(path for path in parent.iterdir() if path.is_dir() and not path.is_symlink()) \
        if parent.is_dir() else []
    for folder in folders:
        claim = FolderClaim(folder)
        try:
            claim.acquire()
        except FolderBusy:  # another window's run
            continue
        except OSError:
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            claim.release()
    return removed
