"""`export --format masks --overwrite` into a folder holding an earlier export: mask files of the same cases that
this export no longer writes (a class now known only by its boxes, an optic disc no longer painted)."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.output_folder import OutputFolder
from annotations.workspace import Workspace
from app.cli import main
from tests.unit.test_cli_import_export import LABEL_MAP, labelled  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("labelled")


def paint_p2(images: Path, bits: int) -> None:
    with Workspace.open(images) as ws:
        doc = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "p2.png"))
        doc.mask[:] = 0
        doc.mask[2:5, 2:5] = bits
        ws.save_case(doc)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def images(labelled, capsys) -> Path:  # noqa: F811 - the fixture imported above
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    capsys.readouterr()
    return images


def test_a_stale_mask_this_program_wrote_is_removed_and_the_summary_says_so(images: Path, tmp_path: Path,
                                                                             capsys) -> None:
    """p2's haemorrhage was painted, then the painting erased (its box stays): the re-export left the earlier
    p2_HE.png, saying "haemorrhage here" where nothing is painted any more, beside masks that leave HE to the boxes.
    The earlier export's own list (its manifest, the file unchanged) proves the file the program's: it goes."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert main(["export", str(images), "--format", "masks", "--out", str(out)]) == 0
    assert (out / "p2_HE.png").is_file()
    paint_p2(images, 0)
    capsys.readouterr()
    assert main(["export", str(images), "--format", "masks", "--out", str(out), "--overwrite"]) == 0
    assert not (out / "p2_HE.png").exists()
    assert sorted(name for name in contents(out) if name.startswith("p2")) == ["p2_EX.png", "p2_MA.png", "p2_SE.png"]
    assert "removed 1 mask file(s) an earlier export wrote that this one no longer writes, e.g. p2_HE.png" in \
        capsys.readouterr().out


@pytest.mark.parametrize("how", ["an older version's export", "edited since"])
def test_a_stale_mask_the_program_cannot_prove_its_own_refuses_the_export_naming_it(images: Path, tmp_path: Path,
                                                                                     capsys, how: str) -> None:
    """An empty p2_HE.png from before the rule that a class known only by its boxes gets no mask file (no manifest),
    or one the program wrote that someone changed since: --overwrite left it there, saying "no haemorrhage" inside
    the box. The program removes no file it cannot prove it made: it refuses before writing, naming the file."""
    out = tmp_path / "out"
    if how == "edited since":
        paint_p2(images, LesionClass.HE.bit)
        assert main(["export", str(images), "--format", "masks", "--out", str(out)]) == 0
        paint_p2(images, 0)
        Image.fromarray(np.zeros((24, 40), np.uint8)).save(out / "p2_HE.png")
    else:
        out.mkdir()
        for cls in ("MA", "HE", "EX", "SE"):
            Image.fromarray(np.zeros((24, 40), np.uint8)).save(out / f"p2_{cls}.png")
    before = contents(out)
    capsys.readouterr()
    assert main(["export", str(images), "--format", "masks", "--out", str(out), "--overwrite"]) != 0
    said = capsys.readouterr()
    if how == "edited since":
        assert "p2_HE.png: a mask this export no longer writes for its case (1 file(s): p2_HE.png)" in said.out + \
            said.err
        assert "remove these files, or choose an empty folder" in said.out + said.err
    else:  # masks no run is known to have written are a person's images: not replaced, even asked
        assert "p2_MA.png: is an image the program did not write here (" in said.err
    assert contents(out) == before  # nothing written, nothing removed


def test_a_stale_mask_changed_after_the_check_stays_and_the_summary_says_so(images: Path, tmp_path: Path, capsys,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """p2_HE.png was the program's when the export checked the folder, and someone painted it before the export
    reached p2: not provably the program's any more, it stayed (rightly), but unmentioned, beside masks that leave HE
    to the boxes. The summary names it now."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert main(["export", str(images), "--format", "masks", "--out", str(out)]) == 0
    paint_p2(images, 0)
    theirs = np.full((24, 40), 255, np.uint8)
    write_bytes = OutputFolder.write_bytes

    def writing_while_someone_paints(folder: OutputFolder, name: str, data: bytes, case: str = "") -> Path:
        if name == "p2_MA.png":  # checked, and at p2 now
            Image.fromarray(theirs).save(out / "p2_HE.png")
        return write_bytes(folder, name, data, case)

    monkeypatch.setattr(OutputFolder, "write_bytes", writing_while_someone_paints)
    capsys.readouterr()
    assert main(["export", str(images), "--format", "masks", "--out", str(out), "--overwrite"]) == 0
    assert np.array_equal(np.asarray(Image.open(out / "p2_HE.png")), theirs)
    said = capsys.readouterr().out
    assert "kept 1 file(s) an earlier export wrote that this one no longer writes, e.g. p2_HE.png: changed since" in \
        said
    assert "removed" not in said


def another_painted_folder(folder: Path) -> Path:
    """A second folder whose one photo, q1.png, has MA painted."""
    folder.mkdir()
    Image.fromarray(np.full((24, 40, 3), 70, np.uint8)).save(folder / "q1.png")
    with Workspace.open(folder) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[2:5, 2:5] = LesionClass.MA.bit
        ws.save_case(doc)
    return folder


def another_run_writes(out: Path, name: str) -> None:
    """A file the program wrote into ``out`` in a run other than a masks export (an analysis's probability map)."""
    folder = OutputFolder(out, overwrite=True)
    with folder.claimed():
        folder.write_bytes(name, b"not a masks export's")


def change_p2(images: Path, how: str) -> None:
    """What leaves an earlier masks export's p2_*.png written for no case the export writes any more."""
    if how == "named otherwise":  # a labelled p2.jpg beside p2.png: each is named by a tag of its path now
        Image.fromarray(np.full((24, 40, 3), 90, np.uint8)).save(images / "p2.jpg")
    with Workspace.open(images) as ws:
        case_id = next(c.case_id for c in ws.cases() if c.image_path == "p2.png")
        if how == "removed with its labels":  # the photo and its saved case deleted in a file manager
            (images / "p2.png").unlink()
            shutil.rmtree(ws.case_files.case_dir(case_id))
            return
        doc = ws.load_case(case_id if how == "unlabelled" else
                           next(c.case_id for c in ws.cases() if c.image_path == "p2.jpg"))
        doc.mask[:] = 0 if how == "unlabelled" else LesionClass.MA.bit
        doc.boxes.clear()
        ws.save_case(doc)


@pytest.mark.parametrize("how", ["unlabelled", "named otherwise", "removed with its labels"])
def test_the_masks_of_a_case_no_longer_written_go_and_no_file_else(images: Path, tmp_path: Path, capsys,
                                                                    how: str) -> None:
    """p2 was exported, then its labels erased (it is left out, as nobody labelled it), or another photo took its
    name, or it went with its saved labels: the re-export with --overwrite left p2's masks beside the others, labels
    nobody drew any more. The masks export now sweeps them as the dataset export does; a file the person put there,
    or another kind of run of the program wrote, stays."""
    out = tmp_path / "out"
    paint_p2(images, LesionClass.HE.bit)
    assert main(["export", str(images), "--format", "masks", "--out", str(out)]) == 0
    p2_masks = sorted(name for name in contents(out) if name.startswith("p2_"))
    assert "p2_HE.png" in p2_masks
    Image.new("L", (40, 24), 255).save(out / "mine_MA.png")
    another_run_writes(out, "eye_prob_MA.png")
    change_p2(images, how)
    capsys.readouterr()
    assert main(["export", str(images), "--format", "masks", "--out", str(out), "--overwrite"]) == 0
    left = contents(out)
    assert [name for name in p2_masks if name in left] == []
    assert {"mine_MA.png", "eye_prob_MA.png"} <= set(left)
    assert f"removed {len(p2_masks)} file(s) an earlier export wrote that this one no longer writes, e.g. " \
           f"{p2_masks[0]}" in capsys.readouterr().out


def test_an_export_of_some_cases_keeps_the_masks_of_the_others(images: Path, tmp_path: Path) -> None:
    """The window exports a selection: the masks an earlier export wrote for the cases left out are not stale."""
    from annotations.workspace.transfer import export_labels

    out = tmp_path / "out"
    assert main(["export", str(images), "--format", "masks", "--out", str(out)]) == 0
    before = contents(out)
    with Workspace.open(images) as ws:
        p1 = next(c.case_id for c in ws.cases() if c.image_path == "p1.png")
        export_labels(ws, "masks", out, case_ids=[p1], overwrite=True)
    assert contents(out).keys() == before.keys()


def test_the_masks_another_folder_exported_there_stay(images: Path, tmp_path: Path, capsys) -> None:
    """Two folders' masks gathered in one output folder (a clinic's and another's, for one training set): exporting
    the first again with --overwrite took the second's cases, none of them in the first folder, for cases since
    removed and swept their masks. A case another folder exported is not one this folder no longer has."""
    other = another_painted_folder(tmp_path / "other")
    out = tmp_path / "out"
    assert main(["export", str(other), "--format", "masks", "--out", str(out)]) == 0
    theirs = {name: data for name, data in contents(out).items() if name.startswith("q1_")}
    assert "q1_MA.png" in theirs
    assert main(["export", str(images), "--format", "masks", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["export", str(images), "--format", "masks", "--out", str(out), "--overwrite"]) == 0
    assert {name: data for name, data in contents(out).items() if name.startswith("q1_")} == theirs
    assert "removed" not in capsys.readouterr().out
