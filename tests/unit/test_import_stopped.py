"""An import stopped part-way (Ctrl+C, a case that cannot be saved) keeps the cases it saved and says how many: the
command line said only "interrupted" or the error, so a person could not tell that part of the folder was
imported (annotations.workspace.transfer.left_behind)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import left_behind
from app.cli import main
from tests.unit.test_export_stopped import labelled_folder

KEPT = "{count} case(s) in {folder} were imported before the import stopped; they are kept, and importing the same " \
       "labels again does not add them twice"


def voc_and_unlabelled(tmp_path: Path) -> tuple[Path, Path]:
    """A VOC export of four photos with a box each, and a folder of the same photos without labels."""
    labelled, voc, photos = tmp_path / "labelled", tmp_path / "voc", tmp_path / "photos"
    labelled_folder(labelled)
    assert main(["export", str(labelled), "--format", "voc", "--out", str(voc)]) == 0
    photos.mkdir()
    for photo in labelled.glob("*.png"):
        shutil.copy(photo, photos)
    return voc, photos


def boxed_cases(folder: Path) -> int:
    with Workspace.open(folder) as ws:
        return sum(bool(ws.load_case(case.case_id).boxes) for case in ws.cases())


def test_an_import_stopped_by_ctrl_c_says_how_many_cases_it_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    voc, photos = voc_and_unlabelled(tmp_path)
    capsys.readouterr()

    def progress(self: object, fraction: float, message: str = "") -> None:  # Ctrl+C at the third case
        if fraction >= 0.5:
            raise KeyboardInterrupt
    monkeypatch.setattr("app.progress_bar.TextProgressBar.progress", progress)
    assert main(["import", str(photos), "--from", str(voc), "--format", "voc"]) == 130
    err = capsys.readouterr().err
    assert err.endswith(KEPT.format(count=2, folder=photos) + "\ninterrupted\n")
    assert boxed_cases(photos) == 2


def test_an_import_failing_part_way_says_how_many_cases_it_kept(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    voc, photos = voc_and_unlabelled(tmp_path)
    save, saves = Workspace.save_case, []

    def save_case(self: Workspace, *args: object, **kwargs: object) -> None:  # the third save fails (a full disk)
        if len(saves) == 2:
            raise WorkspaceError("the disk is full")
        saves.append(args[0])
        save(self, *args, **kwargs)
    monkeypatch.setattr(Workspace, "save_case", save_case)
    with Workspace.open(photos) as ws, pytest.raises(WorkspaceError) as stopped:
        import_labels(ws, voc, "voc")
    left = left_behind(stopped.value)
    assert left is not None and left.texts() == [KEPT.format(count=2, folder=photos)]


def test_a_stop_right_after_a_case_is_saved_counts_that_case(tmp_path: Path) -> None:
    """Ctrl+C while the window took in the second case's labels (``saved``): that case was saved, yet not counted."""
    voc, photos = voc_and_unlabelled(tmp_path)
    heard = []

    def saved(labels: object) -> None:
        heard.append(labels)
        if len(heard) == 2:
            raise KeyboardInterrupt
    with Workspace.open(photos) as ws, pytest.raises(KeyboardInterrupt) as stopped:
        import_labels(ws, voc, "voc", saved=saved)
    left = left_behind(stopped.value)
    assert left is not None and left.texts() == [KEPT.format(count=2, folder=photos)]
    assert boxed_cases(photos) == 2
