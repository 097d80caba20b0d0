"""The work folders of "Retrain from reviewed cases" in a folder's sidecar (``.retinareview/retrain/TASK-STAMP``): the
exported copies of the reviewed photos, the checkpoint and the trained model, held by the window that trains there
(annotations.folder_claim: a lock that ends with the process, however it ends). A window killed or crashed mid-run
left its folder, a full copy of the photos, forever; each new run removes (on a worker: several copies of photos)
those no live window holds. Where the disk or the system has no locks nothing is removed: a folder another window
trains in would look abandoned. The work folder is the program's own (annotations.workspace.confined): where it is
a link, even to a place a person chose for the copies, nothing is made or removed through it (the sweep removed the
folders the link led to, photos included). A folder open read-only keeps nothing next to its images: its runs work in
the user's cache folder (user_work_sidecar), swept alike."""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import platformdirs

from annotations.folder_claim import FolderBusy, FolderClaim
from annotations.workspace.confined import ConfinedFolder

WORK_FOLDER = "retrain"
YOUNG_SECONDS = 60  # a folder made this recently may not be claimed yet by the window that made it: left alone


def new_work_folder(sidecar: Path, name: str) -> tuple[Path, FolderClaim]:
    """A new work folder in ``sidecar`` named after ``name`` (made unique), claimed: release the claim once the folder
    is done with. Raises annotations.workspace.LinkRefused where the sidecar's WORK_FOLDER is a link."""
    parent = _own_folder(sidecar)
    ConfinedFolder(sidecar.parent).mkdir(parent)
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=parent))
    claim = FolderClaim(folder)
    claim.acquire()  # young (YOUNG_SECONDS): no other window's cleanup takes it meanwhile
    return folder, claim


def user_work_sidecar() -> Path:
    """Where a read-only folder's runs keep their work folders, made if need be: the user's cache folder
    (~/.cache/RetinaReview on Linux), not the system's temporary folder, where a killed run's copy of the photos stayed
    for good (nothing sweeps it)."""
    folder = platformdirs.user_cache_path("RetinaReview", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_abandoned(parent: Path) -> list[Path]:
    """Remove the work folders in ``parent`` (a sidecar's WORK_FOLDER) that a claim shows no process holds; the
    ones removed. Raises annotations.workspace.LinkRefused where ``parent`` is a link."""
    removed = []
    _own_folder(parent.parent)
    folders = sorted(path for path in parent.iterdir() if path.is_dir() and not path.is_symlink()) \
        if parent.is_dir() else []
    for folder in folders:
        try:
            if time.time() - folder.stat().st_mtime < YOUNG_SECONDS:
                continue
            claim = FolderClaim(folder)
            claim.acquire()
        except (FolderBusy, OSError):  # another window's run, or gone meanwhile
            continue
        try:
            if claim.held:  # a lock proves no one else holds it; without locks nothing does
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        finally:
            claim.release()
    return removed


def _own_folder(sidecar: Path) -> Path:
    """``sidecar``'s WORK_FOLDER, refused where it (or the sidecar) is a link or leads out of the workspace."""
    parent = sidecar / WORK_FOLDER
    confined = ConfinedFolder(sidecar.parent)
    confined.check_own_folder(sidecar)
    if parent.is_symlink() or parent.exists():
        confined.check_own_folder(parent)
    return parent
