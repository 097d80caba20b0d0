"""Labels drawn on a photo as stored, which its EXIF orientation shows turned a quarter: labelImg ignores the
orientation (its VOC file records the stored size), the program applies it. The labels are turned as the photo is
shown, onto the pixels they were drawn on; they were scaled from 40x24 to 24x40, off the lesion."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.exif_turns import TURNS, turned_box, turned_mask
from annotations.image_io import load_image
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels

STORED = (40, 24)  # width, height as the file stores the pixels
LESION = (5, 3, 12, 6)  # xmin, ymin, xmax, ymax on the stored pixels, inclusive


def _photo(folder: Path, orientation: int, name: str = "eye.png") -> Path:
    """A photo whose lesion (the bright pixels) lies at LESION as stored: a PNG's orientation in its eXIf chunk, a
    TIFF's in its own tag (Pillow turns a TIFF as it opens it)."""
    pixels = np.full((STORED[1], STORED[0], 3), 40, np.uint8)
    x0, y0, x1, y1 = LESION
    pixels[y0:y1 + 1, x0:x1 + 1] = 250
    image = Image.fromarray(pixels)
    exif = image.getexif()
    exif[0x0112] = orientation
    folder.mkdir()
    image.save(folder / name, **({"tiffinfo": exif} if name.endswith(".tif") else {"exif": exif}))
    return folder


def _lesion_as_shown(folder: Path, name: str = "eye.png") -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(load_image(folder / name)[:, :, 0] > 200)
    return xs.min(), ys.min(), xs.max(), ys.max()


def _voc(folder: Path, size: tuple[int, int], box: tuple[int, int, int, int]) -> Path:
    folder.mkdir()
    (folder / "eye.xml").write_text(
        f"<annotation><folder>photos</folder><filename>eye.png</filename><path>C:\\photos\\eye.png</path><size>"
        f"<width>{size[0]}</width><height>{size[1]}</height><depth>3</depth></size><object><name>EX</name>"
        "<bndbox>" + "".join(f"<{tag}>{v}</{tag}>" for tag, v in zip(("xmin", "ymin", "xmax", "ymax"), box))
        + "</bndbox></object></annotation>")
    return folder


def _cvat(folder: Path, size: tuple[int, int]) -> Path:
    """A CVAT file drawn on the stored pixels: the lesion as a mask (its box's run lengths, row by row)."""
    x0, y0, x1, y1 = LESION
    folder.mkdir()
    (folder / "annotations.xml").write_text(
        f'<annotations><version>1.1</version><image id="0" name="eye.png" width="{size[0]}" height="{size[1]}">'
        f'<mask label="HE" source="manual" occluded="0" rle="0, {(x1 - x0 + 1) * (y1 - y0 + 1)}" left="{x0}" '
        f'top="{y0}" width="{x1 - x0 + 1}" height="{y1 - y0 + 1}" z_order="0"/></image></annotations>')
    return folder


@pytest.mark.parametrize("orientation", [5, 6, 7, 8])
@pytest.mark.parametrize("name", ["eye.png", "eye.tif"])
def test_labelimg_boxes_on_the_stored_pixels_land_on_the_lesion_as_shown(tmp_path: Path, orientation: int,
                                                                         name: str) -> None:
    photos = _photo(tmp_path / "photos", orientation, name)
    with Workspace.open(photos) as ws:
        summary = import_labels(ws, _voc(tmp_path / "voc", STORED, LESION), "voc")
        (box,) = ws.load_case(ws.cases()[0].case_id).boxes
    assert box.coords() == _lesion_as_shown(photos, name)
    assert summary.warnings == [f"eye.xml: labelled on the photo as stored (40x24); '{name}' is shown turned by its "
                                "EXIF orientation, and the labels were turned with it"]


def test_a_cvat_mask_on_the_stored_pixels_is_painted_on_the_lesion_as_shown(tmp_path: Path) -> None:
    photos = _photo(tmp_path / "photos", 6)
    with Workspace.open(photos) as ws:
        import_labels(ws, _cvat(tmp_path / "cvat", STORED), "cvat")
        mask = ws.load_case(ws.cases()[0].case_id).mask
    np.testing.assert_array_equal(mask == LesionClass.HE.bit, load_image(photos / "eye.png")[:, :, 0] > 200)


def test_labels_drawn_on_the_photo_as_shown_stay_as_they_are(tmp_path: Path) -> None:
    """A tool that applies the orientation (labelme, CVAT) records the size shown: nothing to turn."""
    photos = _photo(tmp_path / "photos", 6)
    shown = _lesion_as_shown(photos)
    with Workspace.open(photos) as ws:
        summary = import_labels(ws, _voc(tmp_path / "voc", STORED[::-1], shown), "voc")
        assert [box.coords() for box in ws.load_case(ws.cases()[0].case_id).boxes] == [shown]
    assert summary.warnings == []


@pytest.mark.parametrize("orientation", sorted(TURNS))
def test_a_box_turns_as_its_pixels_do(orientation: int) -> None:
    """turned_box and turned_mask agree for every orientation; a VOC corner on the far edge (xmax == width) is the
    last pixel."""
    width, height = 7, 5
    box = Box(LesionClass.EX, 1, 2, width, 3)
    mask = np.zeros((height, width), np.uint8)
    mask[2:4, 1:width] = 1
    ys, xs = np.nonzero(turned_mask(mask, orientation))
    assert turned_box(box, orientation, width, height).coords() == (xs.min(), ys.min(), xs.max(), ys.max())


@pytest.mark.parametrize("orientation", [2, 3, 4])
def test_labels_on_a_photo_mirrored_or_turned_half_round_are_kept_and_said_to_be_checked(tmp_path: Path,
                                                                                       orientation: int) -> None:
    """A photo mirrored or turned half round keeps its size, so labels drawn on it as stored (labelImg) cannot be told
    from labels drawn as shown (this program's own export): they are imported as written, and the summary says to
    check them. Nothing said so: labelImg's boxes sat mirrored, off their lesions, unremarked."""
    photos = _photo(tmp_path / "photos", orientation)
    with Workspace.open(photos) as ws:
        summary = import_labels(ws, _voc(tmp_path / "voc", STORED, LESION), "voc")
        (box,) = ws.load_case(ws.cases()[0].case_id).boxes
    assert box.coords() == LESION
    assert summary.warnings == ["eye.xml: 'eye.png' is shown mirrored or turned half round by its EXIF orientation; "
                                "labels drawn on it in a tool that ignores the orientation (labelImg) lie mirrored or "
                                "turned from where they were drawn: check them on the photo"]


def test_labels_on_a_photo_without_an_orientation_say_nothing_of_one(tmp_path: Path) -> None:
    photos = _photo(tmp_path / "photos", 1)
    with Workspace.open(photos) as ws:
        assert import_labels(ws, _voc(tmp_path / "voc", STORED, LESION), "voc").warnings == []
