"""A label named for an image in one folder never lands on the image of the same name in another (OD/OS): a stem
matches only where one workspace image carries it; otherwise the label is left out with a warning naming it and
the images it fits."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid

from annotations.classes import LesionClass
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from tests.dicom_files import write_dicom
from tests.unit.test_oct_volume import VOLUME

EYES = ("OD", "OS")


def voc_text(name: str) -> str:
    return (f"<annotation><filename>{name}</filename><size><width>60</width><height>40</height><depth>3</depth></size>"
            "<object><name>HE</name><bndbox><xmin>5</xmin><ymin>5</ymin><xmax>20</xmax><ymax>20</ymax></bndbox>"
            "</object></annotation>")


def cvat_text(name: str) -> str:
    return ('<annotations><version>1.1</version>'
            f'<image id="0" name="{name}" width="60" height="40">'
            '<box label="HE" xtl="5" ytl="5" xbr="20" ybr="20"/></image></annotations>')


def eye_photos(folder: Path) -> Path:
    for eye in EYES:
        (folder / eye).mkdir(parents=True)
        Image.fromarray(np.full((40, 60, 3), 90, np.uint8)).save(folder / eye / "img1.jpg")
    return folder


def boxes_by_image(ws: Workspace) -> dict[str, list[LesionClass]]:
    return {c.image_path: [b.label for b in ws.load_case(c.case_id).boxes] for c in ws.cases()}


def write_labels(labels: Path, fmt: str, name: str) -> None:
    if fmt == "voc":
        path = labels / Path(name).with_suffix(".xml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(voc_text(Path(name).name))
    else:
        labels.mkdir(parents=True, exist_ok=True)
        (labels / "annotations.xml").write_text(cvat_text(name))


@pytest.mark.parametrize("fmt", ["voc", "cvat"])
def test_a_label_named_for_one_eye_goes_to_that_eye_only(tmp_path: Path, fmt: str) -> None:
    write_labels(tmp_path / "labels", fmt, "OD/img1.jpg")
    with Workspace.open(eye_photos(tmp_path / "photos")) as ws:
        summary = import_labels(ws, tmp_path / "labels", fmt)
        assert boxes_by_image(ws) == {"OD/img1.jpg": [LesionClass.HE], "OS/img1.jpg": []}
    assert summary.cases == 1


@pytest.mark.parametrize("fmt", ["voc", "cvat"])
def test_a_label_whose_stem_fits_both_eyes_is_left_out_with_a_warning(tmp_path: Path, fmt: str) -> None:
    write_labels(tmp_path / "labels", fmt, "img1.jpg")
    with Workspace.open(eye_photos(tmp_path / "photos")) as ws:
        summary = import_labels(ws, tmp_path / "labels", fmt)
        assert boxes_by_image(ws) == {"OD/img1.jpg": [], "OS/img1.jpg": []}
    fits = [w for w in summary.warnings if "fits several" in w]
    assert len(fits) == 1 and "img1" in fits[0] and "'OD/img1.jpg', 'OS/img1.jpg'" in fits[0]


def test_a_label_file_whose_stem_fits_both_eyes_is_named_under_the_import_folder(tmp_path: Path) -> None:
    """As the import's other warnings name a label file, not in full."""
    write_labels(tmp_path / "labels", "voc", "batch/img1.jpg")
    with Workspace.open(eye_photos(tmp_path / "photos")) as ws:
        summary = import_labels(ws, tmp_path / "labels", "voc")
    fits = [w for w in summary.warnings if "fits several" in w]
    assert len(fits) == 1 and fits[0].startswith("batch/img1.xml: not imported")


def test_a_stem_only_one_image_carries_still_matches(tmp_path: Path) -> None:
    photos = eye_photos(tmp_path / "photos")
    (photos / "OS" / "img1.jpg").rename(photos / "OS" / "img2.jpg")
    write_labels(tmp_path / "labels", "voc", "img1.jpg")
    with Workspace.open(photos) as ws:
        import_labels(ws, tmp_path / "labels", "voc")
        assert boxes_by_image(ws) == {"OD/img1.jpg": [LesionClass.HE], "OS/img2.jpg": []}


def eye_volumes(folder: Path) -> Path:
    for eye in EYES:
        (folder / eye).mkdir(parents=True)
        write_dicom(folder / eye / "vol.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    return folder


def labelled_bscans(ws: Workspace) -> dict[str, list[int]]:
    """Volume path -> the numbers of its B-scans that have boxes."""
    found: dict[str, list[int]] = {}
    for case in ws.cases():
        found[case.image_path] = [n for n in range(1, len(VOLUME) + 1)
                                  if ws.load_case(ws.bscan_case_id(case.case_id, n)).boxes]
    return found


@pytest.mark.parametrize("name, expected", [("OD/vol_b002.jpg", {"OD/vol.dcm": [2], "OS/vol.dcm": []}),
                                            ("vol_b002.jpg", {"OD/vol.dcm": [], "OS/vol.dcm": []})])
def test_bscans_of_two_volumes_of_one_name(tmp_path: Path, name: str, expected: dict) -> None:
    write_labels(tmp_path / "labels", "voc", name)
    with Workspace.open(eye_volumes(tmp_path / "scans")) as ws:
        summary = import_labels(ws, tmp_path / "labels", "voc")
        assert labelled_bscans(ws) == expected
    assert any("fits several" in w for w in summary.warnings) == (not expected["OD/vol.dcm"])


def test_a_label_whose_stem_fits_a_bscan_of_both_volumes_names_each_as_a_case(tmp_path: Path) -> None:
    """Named as every message names a case (annotations.case_names), not by the B-scans' addresses."""
    write_labels(tmp_path / "labels", "voc", "vol_b002.jpg")
    with Workspace.open(eye_volumes(tmp_path / "scans")) as ws:
        summary = import_labels(ws, tmp_path / "labels", "voc")
    fits = [w for w in summary.warnings if "fits several" in w]
    assert len(fits) == 1 and fits[0].endswith("fits several: 'OD/vol.dcm', B-scan 2, 'OS/vol.dcm', B-scan 2")
