"""Retraining's work folders: one a killed window left (a full copy of the reviewed photos and a checkpoint) is
removed by the next run; one a live window holds, one just made, and every one where there are no locks, stay."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations import folder_claim
from annotations.folder_claim import FolderClaim
from annotations.workspace.confined import LinkRefused
from inference.training.retrain_work import WORK_FOLDER, YOUNG_SECONDS, new_work_folder, remove_abandoned


def _abandoned(sidecar: Path, name: str) -> Path:
    folder = sidecar / WORK_FOLDER / name
    (folder / "model" / ".checkpoint").mkdir(parents=True)
    (folder / "data" / "images").mkdir(parents=True)
    (folder / "data" / "images" / "IDRiD_01.jpg").write_bytes(b"a patient's photo, copied")
    old = folder.stat().st_mtime - 2 * YOUNG_SECONDS
    os.utime(folder, (old, old))
    return folder


def test_the_next_run_removes_the_folders_no_window_holds(tmp_path: Path) -> None:
    sidecar = tmp_path / ".retinareview"
    abandoned = _abandoned(sidecar, "seg-20261205-164244")
    held = _abandoned(sidecar, "seg-20261205-170000")
    other_window = FolderClaim(held)
    other_window.acquire()
    try:
        folder, claim = new_work_folder(sidecar, "seg-20261205-171500")
        assert folder.name.startswith("seg-20261205-171500-") and abandoned.is_dir()  # removed apart, on a worker
        assert remove_abandoned(sidecar / WORK_FOLDER) == [abandoned]
        assert not abandoned.exists() and held.is_dir() and folder.is_dir()  # this run's, held, stays too
        claim.release()
        assert remove_abandoned(sidecar / WORK_FOLDER) == []  # just made: its window may not hold it yet
    finally:
        other_window.release()


def test_without_locks_no_folder_is_taken_for_abandoned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows, or a share without locks: every folder looked abandoned, another window's running one too."""
    monkeypatch.setattr(folder_claim, "fcntl", None)
    running = _abandoned(tmp_path, "seg-20261205-170000")
    assert remove_abandoned(tmp_path / WORK_FOLDER) == [] and running.is_dir()


def test_a_sidecar_without_work_folders_is_left_as_it_is(tmp_path: Path) -> None:
    assert remove_abandoned(tmp_path / WORK_FOLDER) == [] and not (tmp_path / WORK_FOLDER).exists()


@pytest.mark.parametrize("target", ["elsewhere", "photos"])
def test_a_work_folder_that_is_a_link_is_neither_made_in_nor_swept(tmp_path: Path, target: str) -> None:
    """A `.retinareview/retrain` linked to a person's folder (another disk for the copies, a colleague's zip), or to
    the photos' own folder: the sweep removed every folder there a minute old, the photos with theirs."""
    photos = tmp_path / "photos"
    (photos / "P001").mkdir(parents=True)
    (photos / "P001" / "OD.jpg").write_bytes(b"an original photo")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "Thesis").mkdir(parents=True)
    (elsewhere / "Thesis" / "ch1.tex").write_text("a person's work")
    for folder in (photos / "P001", elsewhere / "Thesis"):
        old = folder.stat().st_mtime - 2 * YOUNG_SECONDS
        os.utime(folder, (old, old))
    sidecar = photos / ".retinareview"
    sidecar.mkdir()
    (sidecar / WORK_FOLDER).symlink_to(photos if target == "photos" else elsewhere, target_is_directory=True)
    with pytest.raises(LinkRefused, match="is a link"):
        new_work_folder(sidecar, "seg-20261206-090000")
    with pytest.raises(LinkRefused, match="is a link"):
        remove_abandoned(sidecar / WORK_FOLDER)
    assert (photos / "P001" / "OD.jpg").read_bytes() == b"an original photo"
    assert (elsewhere / "Thesis" / "ch1.tex").is_file()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["Thesis"]
