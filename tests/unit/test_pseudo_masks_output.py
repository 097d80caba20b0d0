"""`python -m inference.training.pseudo_masks DATA` writes DATA/masks/NAME_HE.png … through an OutputFolder: a mask
painted by hand there (a data set export's) was replaced unasked; now it stops the run before any mask is written,
unless --overwrite, and an earlier run's mask changed since is kept beside and named."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats.voc import annotation_from_case, voc_bytes
from inference.training.pseudo_masks import main
from tests.unit.test_kept_aside_write_fails import fail_writing


def box_labelled(data: Path) -> Path:
    """p1.png with an HE box in voc/, as a data set export writes them."""
    for folder in ("images", "voc"):
        (data / folder).mkdir(parents=True)
    Image.fromarray(np.full((48, 64, 3), 90, np.uint8)).save(data / "images" / "p1.png")
    doc = CaseDocument("p1", "p1.png", 64, 48, boxes=[Box(LesionClass.HE, 4, 4, 20, 20)])
    (data / "voc" / "p1.xml").write_bytes(voc_bytes(annotation_from_case(doc, Path("images/p1.png"))))
    return data


def painted(path: Path) -> bytes:
    mask = np.zeros((48, 64), np.uint8)
    mask[5:9, 5:9] = 255
    path.parent.mkdir(exist_ok=True)
    Image.fromarray(mask).save(path)
    return path.read_bytes()


def test_a_painted_mask_stops_the_run_before_any_mask_is_written_unless_overwrite(tmp_path: Path, capsys) -> None:
    data = box_labelled(tmp_path / "data")
    mask = data / "masks" / "p1_HE.png"
    by_hand = painted(mask)
    assert main([str(data), "--label-map", "HE=HE"]) == 2
    assert "p1_HE.png: already exists" in capsys.readouterr().err
    assert mask.read_bytes() == by_hand and sorted(p.name for p in mask.parent.iterdir()) == ["p1_HE.png"]
    assert main([str(data), "--label-map", "HE=HE", "--overwrite"]) == 2  # a painted mask: kept, even asked
    assert "p1_HE.png: is an image the program did not write here" in capsys.readouterr().err
    assert mask.read_bytes() == by_hand and not (data / "masks" / "p1_EX.png").exists()


def test_an_earlier_runs_mask_changed_since_is_kept_beside_and_named(tmp_path: Path, capsys) -> None:
    data = box_labelled(tmp_path / "data")
    assert main([str(data), "--label-map", "HE=HE"]) == 0
    mask = data / "masks" / "p1_HE.png"
    touched_up = painted(mask)
    assert main([str(data), "--label-map", "HE=HE", "--overwrite"]) == 0
    (kept,) = mask.parent.glob("p1_HE.png.edited-*")
    assert kept.read_bytes() == touched_up
    assert f"e.g. masks/p1_HE.png as masks/{kept.name}" in capsys.readouterr().err


def test_a_data_set_export_again_sweeps_the_pseudo_masks_as_its_own_labels(tmp_path: Path, capsys) -> None:
    """DATA's written-files list records the masks (job pseudo_masks). A data set export into DATA again with
    --overwrite removes them where unchanged, as it removes its own earlier case files: they were drawn from the
    earlier export's boxes, and a case's left without its photo would be read by training as two more photos
    (NAME_HE.png is a mask only beside an image NAME)."""
    from app.cli import main as cli
    from inference.dataset import load_index
    from tests.unit.test_export_stopped import labelled_folder

    photos, data = labelled_folder(tmp_path / "photos"), tmp_path / "data"
    assert cli(["export", str(photos), "--format", "dataset", "--out", str(data)]) == 0
    assert main([str(data), "--label-map", "HE=HE", "--include-held-out"]) == 0
    assert len(list((data / "masks").iterdir())) == 8
    (photos / "d.png").unlink()
    capsys.readouterr()
    assert cli(["export", str(photos), "--format", "dataset", "--out", str(data), "--overwrite"]) == 1  # d skipped
    assert not list((data / "masks").iterdir()) and sorted(load_index(data).samples) == ["a", "b", "c"]
    assert "removed 10 file(s) an earlier export wrote" in capsys.readouterr().out


@pytest.mark.parametrize("stop", [OSError(28, "No space left on device"), KeyboardInterrupt()],
                         ids=["full disk", "Ctrl-C"])
def test_a_run_stopped_after_keeping_an_edited_mask_aside_still_names_it(tmp_path: Path, stop: BaseException,
                                                                         capsys, monkeypatch: pytest.MonkeyPatch
                                                                         ) -> None:
    """p1_HE.png, touched up since, is kept aside and written anew; then p1_EX.png cannot be written (a full disk)
    or the run is stopped: the error alone left the kept mask unsaid (write_pseudo_masks' folder, built inside it,
    never reached main)."""
    data = box_labelled(tmp_path / "data")
    assert main([str(data), "--label-map", "HE=HE"]) == 0
    painted(data / "masks" / "p1_HE.png")
    fail_writing(monkeypatch, "p1_EX.png", stop)
    capsys.readouterr()
    assert main([str(data), "--label-map", "HE=HE", "--overwrite"]) == (2 if isinstance(stop, OSError) else 130)
    (kept,) = (data / "masks").glob("p1_HE.png.edited-*")
    said = capsys.readouterr().err
    last = "error: " if isinstance(stop, OSError) else "interrupted"  # Ctrl-C: one line, as the commands, no traceback
    assert said.splitlines()[-1].startswith(last) and "Traceback" not in said
    assert "p1_EX.png: cannot be written (the disk is full)" in said or isinstance(stop, KeyboardInterrupt)
    assert f"e.g. masks/p1_HE.png as masks/{kept.name}" in said
