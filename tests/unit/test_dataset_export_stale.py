"""`export --format dataset --overwrite` into the folder of an earlier data set export: its files of a class since
erased or a case since removed were left beside the new ones, so training read labels nobody drew any more. Those
the program proves it wrote (the output folder's manifest, unchanged) go; no other file is removed."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from app.cli import main
from tests.unit.test_masks_export_stale import images, paint_p2  # noqa: F401 - the fixture
from tests.unit.test_cli_import_export import labelled  # noqa: F401 - the fixture images uses

P2_FILES = ["images/p2.png", "masks/p2_EX.png", "masks/p2_HE.png", "masks/p2_MA.png", "masks/p2_SE.png",
            "masks_indexed/p2.png", "voc/p2.xml"]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` but the writer's own, by relative name."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".retinareview-output" not in p.parts}


def export(folder: Path, out: Path, *more: str) -> int:
    return main(["export", str(folder), "--format", "dataset", "--out", str(out), *more])


def test_the_mask_of_a_class_since_erased_is_removed(images: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    """p2's haemorrhage was painted, then the painting erased (its box stays, so HE gets no mask file now): the
    earlier masks/p2_HE.png said "haemorrhage here" to training beside the new masks."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert export(images, out) == 0
    assert "masks/p2_HE.png" in tree(out)
    paint_p2(images, LesionClass.MA.bit)
    capsys.readouterr()
    assert export(images, out, "--overwrite") == 0
    assert sorted(name for name in tree(out) if name.startswith("masks/p2")) == \
        ["masks/p2_EX.png", "masks/p2_MA.png", "masks/p2_SE.png"]
    assert "masks_indexed/p2.png" not in tree(out)  # HE boxed, not painted: it would say "none" inside the box
    assert "removed 2 file(s) an earlier export wrote that this one no longer writes, e.g. masks/p2_HE.png" in \
        capsys.readouterr().out


def test_the_files_of_a_case_since_removed_go_and_files_the_program_did_not_write_stay(  # noqa: F811
        images: Path, tmp_path: Path, capsys) -> None:
    """p2's photo was removed from the folder: its copy, masks and boxes stayed in the data set. A file the person
    put there and one of the earlier export's they changed since are not the program's to remove."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert export(images, out) == 0
    assert set(P2_FILES) <= set(tree(out))
    theirs = Image.new("L", (40, 24), 255)
    theirs.save(out / "masks" / "mine_MA.png")
    theirs.save(out / "masks" / "p2_MA.png")  # changed since the program wrote it
    (images / "p2.png").unlink()
    capsys.readouterr()
    assert export(images, out, "--overwrite") == 1  # p2 left out, named: its photo is gone
    left = tree(out)
    assert [name for name in P2_FILES if name in left] == ["masks/p2_MA.png"]
    assert "masks/mine_MA.png" in left
    said = capsys.readouterr().out
    assert "removed 6 file(s) an earlier export wrote" in said
    assert "kept 1 file(s) an earlier export wrote that this one no longer writes, e.g. masks/p2_MA.png" in said


def test_a_stale_mask_the_program_cannot_prove_its_own_refuses_the_export(images: Path, tmp_path: Path,  # noqa: F811
                                                                          capsys) -> None:
    """The erased class's mask was changed after the earlier export: removing it is not the program's to do, and
    leaving it would feed training a label beside the new masks. Refused before writing, naming it."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert export(images, out) == 0
    Image.fromarray(np.zeros((24, 40), np.uint8)).save(out / "masks" / "p2_HE.png")
    paint_p2(images, LesionClass.MA.bit)
    before = tree(out)
    capsys.readouterr()
    assert export(images, out, "--overwrite") != 0
    said = capsys.readouterr()
    assert "a mask this export no longer writes for its case (1 file(s): masks/p2_HE.png)" in said.out + said.err
    assert tree(out) == before


def test_the_files_of_cases_a_selection_leaves_out_go_and_the_summary_does_not_call_their_labels_gone(
        images: Path, tmp_path: Path) -> None:  # noqa: F811
    """The window exports p1 alone into an earlier data set of p1 and p2: p2's files go (a data set is one export's
    cases), and the summary said "training would read labels nobody drew any more", though p2's labels stand."""
    from annotations.workspace import Workspace
    from annotations.workspace.transfer import export_labels

    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert export(images, out) == 0
    with Workspace.open(images) as ws:
        p1 = next(c.case_id for c in ws.cases() if c.image_path == "p1.png")
        summary = export_labels(ws, "dataset", out, case_ids=[p1], overwrite=True)
    assert [name for name in P2_FILES if name in tree(out)] == []
    said = "\n".join(summary.warnings)
    assert f"removed {len(P2_FILES)} file(s) an earlier export wrote that this one no longer writes, e.g. " \
           "images/p2.png: a data set holds one export's cases, and left there, training would read cases or labels " \
           "this one leaves out" in said
    assert "nobody drew" not in said
