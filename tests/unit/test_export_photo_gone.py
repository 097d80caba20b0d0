"""A photo deleted or moved away while a data set export runs: its case is left out and named, as the case of a photo
gone before the export is, and the others make a whole data set (grades, splits); the export did stop there, its
data set without grades.csv or splits."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from annotations.formats import FormatError
from annotations.progress import NullState
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.unit.test_export_stopped import labelled_folder


class DeleteAtFirstCase(NullState):
    """Deletes ``photo`` as the export reaches its first case: after the cases were listed and checked."""

    def __init__(self, photo: Path) -> None:
        self.photo = photo

    def progress(self, fraction: float, message: str = "") -> None:
        if self.photo.exists() and "(1 of" in message:
            self.photo.unlink()


def test_a_photo_gone_during_a_data_set_export_leaves_out_its_case_alone(tmp_path: Path) -> None:
    folder, out = labelled_folder(tmp_path / "images"), tmp_path / "set"
    gone = folder / "b.png"
    with Workspace.open(folder) as ws:
        summary = export_labels(ws, "dataset", out, DeleteAtFirstCase(gone))
    assert (summary.cases, summary.skipped) == (3, 1)
    assert summary.warnings == [f"skipped (the data set needs the image): {gone}: cannot read the file: not found — "
                                "check that the file was not moved or deleted"]
    assert sorted(path.name for path in (out / "images").iterdir()) == ["a.png", "c.png", "d.png"]
    assert sorted(path.name for path in (out / "voc").iterdir()) == ["a.xml", "c.xml", "d.xml"]
    assert "b.png" not in (out / "grades.csv").read_text()
    assert sorted(line for split in (out / "splits").iterdir() for line in split.read_text().split()) == \
        ["a", "c", "d"]


class ShareLostAtFirstCase(NullState):
    """The share holding ``photo`` stops answering as the export reaches its first case: a look at the file, its
    opening and a read of it fail with ESTALE (the photo is still there, on a disk the system lost)."""

    def __init__(self, photo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.photo, self.monkeypatch = photo, monkeypatch

    def progress(self, fraction: float, message: str = "") -> None:
        if "(1 of" not in message:
            return
        stat, read_bytes, open_fd = os.stat, Path.read_bytes, os.open

        def refuse(path: object) -> None:
            if os.fspath(path) == str(self.photo):  # type: ignore[call-overload]
                raise OSError(errno.ESTALE, os.strerror(errno.ESTALE), str(self.photo))
        self.monkeypatch.setattr(os, "stat", lambda path, *args, **kw: refuse(path) or stat(path, *args, **kw))
        self.monkeypatch.setattr(Path, "read_bytes", lambda path: refuse(path) or read_bytes(path))
        self.monkeypatch.setattr(os, "open", lambda path, *args, **kw: refuse(path) or open_fd(path, *args, **kw))


def test_a_photo_on_a_share_lost_during_a_data_set_export_is_not_said_to_be_deleted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a photo not found counts as gone: one the system fails to look at (a share lost, a folder's permission)
    stops the export naming why, as its read did before; it was left out as "not found — check that the file was not
    moved or deleted", and so was every photo after it on that share."""
    folder, out = labelled_folder(tmp_path / "images"), tmp_path / "set"
    lost = folder / "b.png"
    with Workspace.open(folder) as ws:
        with pytest.raises(FormatError) as raised:
            export_labels(ws, "dataset", out, ShareLostAtFirstCase(lost, monkeypatch))
    assert str(raised.value) == (f"{lost}: cannot read the file (the connection to the network share was lost) — "
                                 "check that the disk or network share holding it is connected, then try again")
