"""`import` of labels named for a page of a multi-page TIFF as export names a volume's B-scan (vol_b003_MA.png,
vol_b002.xml): a TIFF that is no volume (colour pages: a photo series) opens as one picture, its first page, so the
import says that of the TIFF plainly instead of calling the files labels of no image. A TIFF of grey pages of one size
is a volume, whose pages take such labels (tests/unit/test_tiff_volume.py)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.image_io import tiff_pages
from app.cli import main

SHAPE = (20, 32)
SAID = "were not imported: it is a TIFF of {pages} pages, which opens as one picture, its first page"


def tiff(path: Path, pages: int, grey: bool = False) -> None:
    shape = SHAPE if grey else SHAPE + (3,)
    frames = [Image.fromarray(np.full(shape, 40 * number, np.uint8)) for number in range(pages)]
    frames[0].save(path, save_all=True, append_images=frames[1:])


def class_mask(path: Path) -> None:
    mask = np.zeros(SHAPE, np.uint8)
    mask[2:6, 3:9] = 255
    Image.fromarray(mask).save(path)


def test_tiff_pages_counts_the_pages_of_a_tiff_read_as_its_first_page_and_one_for_any_other_image(
        tmp_path: Path) -> None:
    tiff(tmp_path / "vol.tif", 5)
    tiff(tmp_path / "one.tiff", 1)
    tiff(tmp_path / "grey.tif", 5, grey=True)  # a volume: its pages are B-scans
    Image.new("L", (4, 4)).save(tmp_path / "a.png")
    names = ("vol.tif", "one.tiff", "grey.tif", "a.png", "gone.tif")
    assert [tiff_pages(tmp_path / name) for name in names] == [5, 1, 1, 1, 1]


def test_masks_named_for_a_page_name_the_tiff_and_what_to_do(tmp_path: Path, capsys) -> None:
    photos, labels = tmp_path / "photos", tmp_path / "labels"
    photos.mkdir()
    labels.mkdir()
    tiff(photos / "vol.tif", 5)
    class_mask(photos / "vol_b003_MA.png")  # beside the TIFF, as a helper met it
    class_mask(labels / "vol_b004_HE.png")
    class_mask(labels / "other_EX.png")  # named for no image at all: said as before
    assert main(["import", str(photos), "--from", str(photos), "--format", "masks"]) != 0  # nothing imported
    out = capsys.readouterr().out
    assert "1 label file(s) named for pages of 'vol.tif', e.g. vol_b003_MA.png, " + SAID.format(pages=5) in out
    assert "save the volume as DICOM, or each page as an image of its own" in out and "matched no image" not in out
    main(["import", str(photos), "--from", str(labels), "--format", "masks"])
    out = capsys.readouterr().out
    assert "1 label file(s) named for pages of 'vol.tif', e.g. vol_b004_HE.png, " + SAID.format(pages=5) in out
    assert "1 label file(s) matched no image, e.g. other_EX.png" in out


def test_voc_and_coco_labels_named_for_a_page_are_said_alike(tmp_path: Path, capsys) -> None:
    tiff(tmp_path / "vol.tif", 3)
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "vol_b002.xml").write_text(
        "<annotation><size><width>32</width><height>20</height><depth>3</depth></size><object><name>EX</name>"
        "<bndbox><xmin>2</xmin><ymin>2</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>")
    main(["import", str(tmp_path), "--from", str(labels), "--format", "voc"])
    out = capsys.readouterr().out
    assert "1 label file(s) named for pages of 'vol.tif', e.g. vol_b002.xml, " + SAID.format(pages=3) in out
    assert "matched no image" not in out
    coco = {"images": [{"id": 1, "file_name": "vol.tif#frame=2", "width": 32, "height": 20}],
            "categories": [{"id": 1, "name": "EX"}],
            "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [2, 2, 7, 7], "area": 49,
                             "iscrowd": 0}]}
    (labels / "annotations.json").write_text(json.dumps(coco))
    main(["import", str(tmp_path), "--from", str(labels / "annotations.json"), "--format", "coco"])
    out = capsys.readouterr().out
    assert "named for pages of 'vol.tif', e.g. " in out and SAID.format(pages=3) in out
    assert "matched no case" not in out


def test_a_tiff_of_one_page_is_no_volume_to_name(tmp_path: Path, capsys) -> None:
    tiff(tmp_path / "vol.tif", 1)
    class_mask(tmp_path / "vol_b003_MA.png")
    main(["import", str(tmp_path), "--from", str(tmp_path), "--format", "masks"])
    out = capsys.readouterr().out
    assert "1 label file(s) matched no image, e.g. vol_b003_MA.png" in out and "named for pages" not in out
