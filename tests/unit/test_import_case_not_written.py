"""An import where one case's files cannot be written for a reason of that case alone (permission denied: a
case.json locked by another program, a read-only case folder) leaves that case out, naming it and why, and imports
the others, as it does a case whose folder is a link. A full disk, which the next cases would meet too, still stops
it, saying what it kept (test_import_stopped)."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.workspace.sidecar import CaseFiles
from app.cli import main
from tests.unit.test_import_stopped import boxed_cases, voc_and_unlabelled


def _second_save_fails(monkeypatch: pytest.MonkeyPatch, error: OSError) -> None:
    save, saves = CaseFiles.save, []

    def failing(self: CaseFiles, doc, *args, **kwargs):  # noqa: ANN001, ANN202 - CaseFiles.save's
        saves.append(doc.image_path)
        if len(saves) == 2:
            raise error
        return save(self, doc, *args, **kwargs)
    monkeypatch.setattr(CaseFiles, "save", failing)


def test_a_case_whose_files_are_locked_is_left_out_and_named_the_others_imported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    voc, photos = voc_and_unlabelled(tmp_path)
    capsys.readouterr()
    _second_save_fails(monkeypatch, PermissionError(errno.EACCES, os.strerror(errno.EACCES), "case.json"))
    assert main(["import", str(photos), "--from", str(voc), "--format", "voc"]) == 1  # went through, not all of it
    out = capsys.readouterr().out
    assert "Imported 3 case(s)" in out and "saving 'b.png' failed" in out and "permission" in out.lower()
    assert boxed_cases(photos) == 3


def test_a_full_disk_still_stops_the_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    voc, photos = voc_and_unlabelled(tmp_path)
    capsys.readouterr()
    _second_save_fails(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert main(["import", str(photos), "--from", str(voc), "--format", "voc"]) == 2
    assert "1 case(s) in" in capsys.readouterr().err and boxed_cases(photos) == 1


@pytest.mark.parametrize("error, advice", [
    (PermissionError(errno.EACCES, os.strerror(errno.EACCES), "case.json"),
     "Check that the folder can be written to, then import again."),
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "Free disk space, then import again.")])
def test_a_case_the_import_could_not_save_advises_importing_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: OSError,
        advice: str) -> None:
    """The advice was a save's ("then save again"): the imported labels are in no window to save."""
    voc, photos = voc_and_unlabelled(tmp_path)
    capsys.readouterr()
    _second_save_fails(monkeypatch, error)
    main(["import", str(photos), "--from", str(voc), "--format", "voc"])
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert advice in said and "save again" not in said


def test_a_label_file_left_out_ends_the_import_as_one_that_went_through_not_all_of_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged VOC file, or a mask not the photo's size, was named in a warning while the import exited 0, as if
    every label had gone in; a case it could not write exits 1. Either is a run that went through, not all of it."""
    voc, photos = voc_and_unlabelled(tmp_path)
    first, second = sorted(photos.glob("*.png"))[:2]
    (voc / f"{first.stem}.xml").write_text("<annotation><size>")  # cut short
    assert main(["import", str(photos), "--from", str(voc), "--format", "voc"]) == 1
    assert boxed_cases(photos) == 3
    masks = tmp_path / "masks"
    masks.mkdir()
    for photo, grown in ((first, 5), (second, 0)):
        width, height = Image.open(photo).size
        mask = np.zeros((height + grown, width + grown), np.uint8)
        mask[1:4, 1:4] = 255
        Image.fromarray(mask).save(masks / f"{photo.stem}_EX.png")
    capsys.readouterr()
    assert main(["import", str(photos), "--from", str(masks), "--format", "masks"]) == 1
    out = capsys.readouterr().out
    assert "Imported 1 case(s)" in out and f"{first.stem}_EX.png: mask is" in out
