"""Retraining's work folders: one a killed window left (a full copy of the reviewed photos and a checkpoint) is
removed by the next run; one a live window holds stays."""
from __future__ import annotations

from pathlib import Path

from annotations.folder_claim import FolderClaim
from inference.training.retrain_work import WORK_FOLDER, new_work_folder


def test_the_next_run_removes_the_folders_no_window_holds(tmp_path: Path) -> None:
    sidecar = tmp_path / ".retinareview"
    abandoned = sidecar / WORK_FOLDER / "seg-20261205-164244"
    (abandoned / "model" / ".checkpoint").mkdir(parents=True)
    (abandoned / "data" / "images").mkdir(parents=True)
    (abandoned / "data" / "images" / "IDRiD_01.jpg").write_bytes(b"a patient's photo, copied")
    held = sidecar / WORK_FOLDER / "seg-20261205-170000"
    held.mkdir()
    other_window = FolderClaim(held)
    other_window.acquire()
    try:
        folder, claim = new_work_folder(sidecar, "seg-20261205-171500")
        assert folder.is_dir() and not abandoned.exists() and held.is_dir()
        assert sorted(p.name for p in (sidecar / WORK_FOLDER).iterdir()) == [held.name, folder.name]
        _, again = new_work_folder(sidecar, "seg-20261205-172000")  # this run's folder, still held, stays too
        assert folder.is_dir()
        claim.release()
        again.release()
    finally:
        other_window.release()


def test_a_sidecar_without_work_folders_is_left_as_it_is(tmp_path: Path) -> None:
    folder, claim = new_work_folder(tmp_path, "cls-20261205-171500")
    claim.release()
    assert [p.name for p in (tmp_path / WORK_FOLDER).iterdir()] == [folder.name]
