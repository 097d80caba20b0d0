"""`import` (and the window's import dialog) of labels for a saved case whose photo was damaged since (truncated,
unreadable): the labels went into the case checked against the size saved with it, not the photo's, and nobody was
told the photo could not be read. They still go in (the saved case knows the size its labels were drawn on, and an
export writes them), and the summary names the label file, the case, the size checked and what is wrong."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from app.cli import main
from tests.hostile_corpus import voc_file, voc_object
from tests.unit.test_formats_real_files import photos as grey_photos

LABEL_FILE = {"voc": "p2.xml", "yolo": "p2.txt", "labelme": "p2.json", "coco": "p2.png", "masks": "p2_MA.png",
              "indexed": "p2.png"}  # how the summary names p2's labels (COCO: its image in annotations.json)


def photos(folder: Path, names: tuple[str, ...]) -> None:
    folder.mkdir()
    grey_photos(folder, {name: (40, 24) for name in names})


def p2_labels(folder: Path) -> tuple[list[tuple], int]:
    with Workspace.open(folder) as ws:
        doc = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "p2.png"))
        return [(box.label, *box.coords()) for box in doc.boxes], int(np.count_nonzero(doc.mask))


def damage(photo: Path) -> None:
    photo.write_bytes(photo.read_bytes()[:30])  # its header cut short: the photo cannot be read


@pytest.mark.parametrize("fmt", list(LABEL_FILE))
def test_labels_for_a_saved_case_whose_photo_is_damaged_go_in_and_the_summary_says_so(tmp_path: Path, capsys,
                                                                                       fmt: str) -> None:
    images, labels = tmp_path / "images", tmp_path / "labels"
    photos(images, ("p1.png", "p2.png"))
    with Workspace.open(images) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
            doc.mask[3:6, 3:6] = LesionClass.MA.bit
            ws.save_case(doc)
    assert main(["export", str(images), "--format", fmt, "--out", str(labels)]) == 0  # the labels, sent out
    with Workspace.open(images) as ws:  # and erased in the case, later brought back by the import
        doc = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "p2.png"))
        doc.boxes, doc.mask[:] = [Box(LesionClass.EX, 1, 1, 4, 4)], 0
        ws.save_case(doc)
    damage(images / "p2.png")
    capsys.readouterr()
    assert main(["import", str(images), "--from", str(labels), "--format", fmt]) == 0
    said = capsys.readouterr().out
    boxes, pixels = p2_labels(images)
    assert (LesionClass.HE, 2, 2, 9, 9) in boxes if fmt in ("voc", "yolo", "labelme", "coco") else pixels == 9
    assert f"{LABEL_FILE[fmt]}: imported into 'p2.png', checked against the size saved with its labels (40x24) as " \
           f"the photo cannot be read: {images / 'p2.png'}: " in said


def test_labels_for_an_unsaved_case_whose_photo_is_damaged_are_skipped_naming_it(tmp_path: Path, capsys) -> None:
    """No saved case: nothing says the size the labels were drawn on, so they are not imported (as before)."""
    images, labels = tmp_path / "images", tmp_path / "labels"
    photos(images, ("p1.png", "p2.png"))
    photos(labels, ())
    voc_file(labels / "p2.xml", [voc_object("HE", 1, 1, 6, 6)], 40, 24, "p2.png")
    damage(images / "p2.png")
    assert main(["import", str(images), "--from", str(labels), "--format", "voc"]) == 2  # nothing imported
    said = capsys.readouterr().out
    assert f"skipped: {images / 'p2.png'}: " in said and "imported into" not in said


def test_labels_drawn_on_another_size_say_so_in_one_line_naming_the_saved_size(tmp_path: Path, capsys) -> None:
    """Labelled on an 80x48 image, the saved case 40x24, its photo unreadable: one line says the labels were scaled
    to the size saved with the case (not that the unreadable photo "is 40x24") and why that size was used."""
    images, labels = tmp_path / "images", tmp_path / "labels"
    photos(images, ("p1.png", "p2.png"))
    with Workspace.open(images) as ws:  # p2 saved: the case knows its size
        ws.save_case(ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "p2.png")))
    photos(labels, ())
    voc_file(labels / "p2.xml", [voc_object("HE", 4, 4, 18, 18)], 80, 48, "p2.png")
    damage(images / "p2.png")
    assert main(["import", str(images), "--from", str(labels), "--format", "voc"]) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "p2.xml" in line]
    assert (LesionClass.HE, 2, 2, 9, 9) in p2_labels(images)[0]
    assert len(said) == 1 and "p2.xml: labelled on a 80x48 image, imported into 'p2.png' scaled to the size saved " \
        f"with its labels (40x24) as the photo cannot be read: {images / 'p2.png'}: " in said[0]
