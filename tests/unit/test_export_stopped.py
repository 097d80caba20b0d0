"""An export stopped part-way (a full disk, a damaged case, Cancel) keeps what it wrote and says how many files, and
where: annotations.workspace.transfer.left_behind, and the command line's `export`."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import annotations.output_folder
from annotations.atomic import atomic_write_bytes
from annotations.output_folder import UNFINISHED_MARKER, OutputError
from annotations.classes import LesionClass
from annotations.document import Box
from annotations.progress import Cancelled
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels, left_behind
from app.cli import main

NAMES = ("a.png", "b.png", "c.png", "d.png")


def labelled_folder(folder: Path) -> Path:
    """Four photos, each with a saved box."""
    folder.mkdir()
    for name in NAMES:
        Image.fromarray(np.full((20, 30, 3), 90, np.uint8)).save(folder / name)
    with Workspace.open(folder) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
            ws.save_case(doc)
    return folder


def disk_full_after(monkeypatch: pytest.MonkeyPatch, allowed: int) -> None:
    """Outputs fail as on a full disk once ``allowed`` files are written (the folder's unfinished marker, written
    before the first, is none)."""
    written = []

    def write(*args: object, **kwargs: object) -> None:
        if Path(args[0]).name != Path(UNFINISHED_MARKER).name:
            if len(written) >= allowed:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            written.append(args[0])
        atomic_write_bytes(*args, **kwargs)
    monkeypatch.setattr(annotations.output_folder, "atomic_write_bytes", write)


class CancelAt:
    """Cancels when the export reaches its ``case``-th case."""

    def __init__(self, case: int) -> None:
        self.case, self.seen = case, 0

    def progress(self, fraction: float, message: str = "") -> None:
        self.seen += 1

    def is_cancelled(self) -> bool:
        return self.seen >= self.case


def test_a_full_disk_part_way_says_how_many_files_were_kept(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        disk_full_after(monkeypatch, 2)
        with pytest.raises(OutputError) as raised:
            export_labels(ws, "voc", out)
    left = left_behind(raised.value)
    assert left is not None and (left.files, left.folder) == (2, out)
    assert left.format_text() == f"2 file(s) were written to {out} before the export stopped; they are kept"
    assert len(list(out.glob("*.xml"))) == 2


def test_a_cancel_part_way_says_how_many_files_were_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        with pytest.raises(Cancelled) as raised:
            export_labels(ws, "voc", out, CancelAt(3))
    left = left_behind(raised.value)
    assert left is not None and 0 < left.files == len(list(out.glob("*.xml"))) < len(NAMES)


def test_an_export_that_wrote_nothing_says_nothing_of_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        disk_full_after(monkeypatch, 0)
        with pytest.raises(OutputError) as raised:
            export_labels(ws, "voc", tmp_path / "out")
    assert left_behind(raised.value) is None


def test_the_export_command_says_what_it_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"
    disk_full_after(monkeypatch, 3)
    assert main(["export", str(images), "--format", "voc", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "the disk is full" in err
    assert err.rstrip().endswith(f"3 file(s) were written to {out} before the export stopped; they are kept")


def ctrl_c_at_the_third_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's progress bar raises KeyboardInterrupt at its third report, as Ctrl-C there would."""
    calls = []

    def progress(self: object, fraction: float, message: str = "") -> None:
        calls.append(fraction)
        if len(calls) == 3:
            raise KeyboardInterrupt
    monkeypatch.setattr("app.progress_bar.TextProgressBar.progress", progress)


def test_the_export_command_interrupted_says_what_it_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"
    ctrl_c_at_the_third_case(monkeypatch)
    assert main(["export", str(images), "--format", "voc", "--out", str(out)]) == 130
    err = capsys.readouterr().err
    assert f"2 file(s) were written to {out} before the export stopped; they are kept\ninterrupted" in err


def test_the_export_command_interrupted_before_any_file_says_nothing_of_kept_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"

    def progress(self: object, fraction: float, message: str = "") -> None:  # Ctrl-C at the first case
        raise KeyboardInterrupt
    monkeypatch.setattr("app.progress_bar.TextProgressBar.progress", progress)
    assert main(["export", str(images), "--format", "voc", "--out", str(out)]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "kept" not in err and "were written" not in err
