"""`export --format indexed --overwrite` into the folder of an earlier indexed export whose case p2 is no longer
written: its NAME.png stayed beside the new ones, labels nobody drew any more. It goes by the masks export's rule
(OutputFolder's manifest: written by an indexed export, for a case of this folder, unchanged); no other file does."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from app.cli import main
from tests.unit.test_masks_export_stale import (another_painted_folder, another_run_writes, change_p2, contents,  # noqa
                                                images, paint_p2)
from tests.unit.test_cli_import_export import labelled  # noqa: F401 - the fixture images uses

MASK_ENDINGS = ("_MA.png", "_HE.png", "_EX.png", "_SE.png", "_OD.png")  # a masks export's files


def export(folder: Path, out: Path, *more: str) -> int:
    return main(["export", str(folder), "--format", "indexed", "--out", str(out), *more])


@pytest.mark.parametrize("how", ["unlabelled", "named otherwise", "removed with its labels"])
def test_the_indexed_png_of_a_case_no_longer_written_goes_and_no_file_else(images: Path, tmp_path: Path,  # noqa: F811
                                                                           capsys, how: str) -> None:
    """p2 was exported, then its labels erased (left out as unlabelled), another photo took its name, or it went with
    its saved labels: the re-export with --overwrite left p2.png there. A file the person put there, a masks export's
    mask and another kind of run's file stay."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert export(images, out) == 0
    assert "p2.png" in contents(out)
    Image.new("L", (40, 24), 255).save(out / "mine.png")
    another_run_writes(out, "eye_prob_MA.png")
    assert main(["export", str(images), "--format", "masks", "--out", str(out)]) == 0
    masks_before = {name: data for name, data in contents(out).items() if name.endswith(MASK_ENDINGS)}
    assert "p2_HE.png" in masks_before
    change_p2(images, how)
    capsys.readouterr()
    assert export(images, out, "--overwrite") == 0
    left = contents(out)
    assert "p2.png" not in left
    assert {"mine.png", "eye_prob_MA.png"} <= set(left)
    assert {name: data for name, data in left.items() if name.endswith(MASK_ENDINGS)} == masks_before
    assert "removed 1 file(s) an earlier export wrote that this one no longer writes, e.g. p2.png" in \
        capsys.readouterr().out


def test_an_indexed_png_changed_since_stays_and_the_summary_says_so(images: Path, tmp_path: Path,  # noqa: F811
                                                                    capsys) -> None:
    """Someone painted p2.png after the export: not provably the program's any more, it stays, named."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert export(images, out) == 0
    theirs = np.full((24, 40), 3, np.uint8)
    Image.fromarray(theirs).save(out / "p2.png")
    change_p2(images, "unlabelled")
    capsys.readouterr()
    assert export(images, out, "--overwrite") == 0
    assert np.array_equal(np.asarray(Image.open(out / "p2.png")), theirs)
    said = capsys.readouterr().out
    assert "kept 1 file(s) an earlier export wrote that this one no longer writes, e.g. p2.png: changed since" in said
    assert "removed" not in said


def test_an_export_of_some_cases_keeps_the_indexed_pngs_of_the_others(images: Path, tmp_path: Path) -> None:  # noqa
    """The window exports a selection: the files an earlier export wrote for the cases left out are not stale."""
    out = tmp_path / "out"
    assert export(images, out) == 0
    before = contents(out)
    with Workspace.open(images) as ws:
        p1 = next(c.case_id for c in ws.cases() if c.image_path == "p1.png")
        export_labels(ws, "indexed", out, case_ids=[p1], overwrite=True)
    assert contents(out).keys() == before.keys()


def test_the_indexed_pngs_another_folder_exported_there_stay(images: Path, tmp_path: Path, capsys) -> None:  # noqa
    """Two folders' indexed PNGs gathered in one output folder: exporting the first again keeps the second's."""
    other = another_painted_folder(tmp_path / "other")
    out = tmp_path / "out"
    assert export(other, out) == 0
    theirs = contents(out)["q1.png"]
    assert export(images, out) == 0
    capsys.readouterr()
    assert export(images, out, "--overwrite") == 0
    assert contents(out)["q1.png"] == theirs
    assert "removed" not in capsys.readouterr().out
