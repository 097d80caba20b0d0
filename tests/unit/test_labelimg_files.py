"""A folder labelled in labelImg (NAME.xml beside NAME.jpg) shows none of its boxes until they are imported: the
window tells the person which photos have such a file not imported yet. An import that read the whole file, and the
files "Save VOC next to images" wrote, no longer count, until edited in labelImg again; the photos' own names
decide, a label file is read only where it changed since its import."""
from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.labelimg_files import unimported_labelimg_files


def _photo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((40, 60, 3), 90, np.uint8)).save(path)


def _labelimg_file(path: Path, name: str = "haemorrhage") -> None:
    path.write_text(f"<annotation><filename>{path.stem}.jpg</filename><size><width>60</width><height>40</height>"
                    f"<depth>3</depth></size><object><name>{name}</name><bndbox><xmin>4</xmin><ymin>4</ymin>"
                    "<xmax>20</xmax><ymax>20</ymax></bndbox></object></annotation>\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("a.jpg", "b.jpg", "c.jpg", "sub/d.jpg"):
        _photo(tmp_path / name)
    for name in ("a.xml", "b.xml", "sub/d.xml"):
        _labelimg_file(tmp_path / name)
    (tmp_path / "orphan.xml").write_text("<annotation/>")  # no photo of its name: nobody's boxes
    return tmp_path


def _case_id(ws: Workspace, image: str) -> str:
    return next(c.case_id for c in ws.cases() if c.image_path == image)


def test_the_labelimg_files_beside_photos_are_found_until_imported(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        assert unimported_labelimg_files(ws) == ["a.xml", "b.xml", "sub/d.xml"]
        assert unimported_labelimg_files(ws, only={"b.jpg", "c.jpg"}) == ["b.xml"]  # images opened, not the folder
        summary = import_labels(ws, folder, "voc", {"haemorrhage": LesionClass.HE})
        assert summary.cases == 3
        assert unimported_labelimg_files(ws) == []


def test_a_file_the_import_could_not_read_whole_still_counts(folder: Path) -> None:
    """Its unknown class names were left out (no label map): the boxes are not in the case."""
    with Workspace.open(folder) as ws:
        import_labels(ws, folder, "voc")
        assert unimported_labelimg_files(ws) == ["a.xml", "b.xml", "sub/d.xml"]


def test_the_files_save_voc_next_to_images_wrote_do_not_count(tmp_path: Path) -> None:
    _photo(tmp_path / "a.jpg")
    _photo(tmp_path / "b.jpg")
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(_case_id(ws, "a.jpg"))
        doc.boxes.append(Box(LesionClass.EX, 3, 3, 12, 12))
        ws.save_case(doc, "tester")
        ws.write_voc_beside_image(doc)
        assert (tmp_path / "a.xml").is_file()
        assert unimported_labelimg_files(ws) == []


def test_two_photos_of_one_name_share_the_file(tmp_path: Path) -> None:
    """a.jpg and a.png both name a.xml: it is said once, and no longer once either of them imported it."""
    _photo(tmp_path / "a.jpg")
    _photo(tmp_path / "a.png")
    _labelimg_file(tmp_path / "a.xml", "HE")
    with Workspace.open(tmp_path) as ws:
        assert unimported_labelimg_files(ws) == ["a.xml"]
        ws.adopt_voc_beside_image(ws.load_case(_case_id(ws, "a.png")), tmp_path / "a.xml")
        assert unimported_labelimg_files(ws) == []


@pytest.mark.parametrize("photo", ["a.jpg", "sub/b.c.png", "x y/eye.JPG"])
def test_a_photos_file_is_named_as_the_import_looks_for_it(photo: str) -> None:
    from annotations.workspace.label_names import beside_image
    from annotations.workspace.labelimg_files import _xml_name

    folder, _slash, name = photo.rpartition("/")
    assert "/".join(filter(None, (folder, _xml_name(name)))) == str(beside_image(photo, ".xml"))


def test_a_file_edited_in_labelimg_after_its_import_counts_again(folder: Path) -> None:
    """Its new boxes are not shown until imported again; one only touched (a copy of the folder) does not count."""
    with Workspace.open(folder) as ws:
        import_labels(ws, folder, "voc", {"haemorrhage": LesionClass.HE})
        later = time.time() + 60
        _labelimg_file(folder / "b.xml", "exudate")  # the person went on in labelImg
        for name in ("a.xml", "b.xml"):
            os.utime(folder / name, (later, later))
        assert unimported_labelimg_files(ws) == ["b.xml"]
        import_labels(ws, folder, "voc", {"exudate": LesionClass.EX})
        assert unimported_labelimg_files(ws) == []
