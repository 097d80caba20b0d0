"""Masks in a folder named for their class, each named as its photo (DDR's ``label/EX/007.tif`` of ``image/007.jpg``):
no cases in the window, masks to training and to an import of masks from the opened set, by one rule (mask_folders,
used by photo_sorter)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.masks import NotALabelImage, read_class_mask
from annotations.workspace import Workspace
from annotations.workspace.scan import scan_images
from app.cli import main
from inference.dataset import index_folder

SHAPE = (24, 40)
ROWS = {LesionClass.MA: 2, LesionClass.HE: 6, LesionClass.EX: 10, LesionClass.SE: 14}  # each class's painted row


def _photo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.random.default_rng(len(path.name)).integers(0, 256, SHAPE + (3,), np.uint8)).save(path)


def _ddr(root: Path, labels: str = "label") -> None:
    """DDR's lesion segmentation set: each subset's photos in image/, one folder per class in label/."""
    for subset, stem in (("train", "007-1796-100"), ("valid", "008-0001-100")):
        _photo(root / subset / "image" / f"{stem}.jpg")
        for cls, row in ROWS.items():
            mask = np.zeros(SHAPE, np.uint8)
            mask[row, 3:9] = 255
            (root / subset / labels / cls.name).mkdir(parents=True, exist_ok=True)
            Image.fromarray(mask).save(root / subset / labels / cls.name / f"{stem}.tif")


@pytest.mark.parametrize("labels", ["label", "Labels"])
def test_ddrs_class_folders_are_no_cases_and_training_reads_them_as_masks(tmp_path: Path, labels: str) -> None:
    _ddr(tmp_path / "DDR", labels)
    photos = ["train/image/007-1796-100.jpg", "valid/image/008-0001-100.jpg"]
    assert scan_images(tmp_path / "DDR") == photos  # was: and the 8 masks, each a case
    index = index_folder(tmp_path / "DDR")
    assert sorted(sample.image.relative_to(tmp_path / "DDR").as_posix() for sample in index.values()) == photos
    assert sorted(index["007-1796-100"].mask_files) == list(ROWS)


def test_an_import_from_the_opened_ddr_set_reads_each_class_folder(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _ddr(tmp_path / "DDR")
    assert main(["import", str(tmp_path / "DDR"), "--from", str(tmp_path / "DDR"), "--format", "masks"]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 case(s)" in out and "warning" not in out, out
    with Workspace.open(tmp_path / "DDR") as ws:
        cases = {case.image_path: ws.load_case(case.case_id).mask for case in ws.cases()}
    assert list(cases) == ["train/image/007-1796-100.jpg", "valid/image/008-0001-100.jpg"]
    for mask in cases.values():
        for cls, row in ROWS.items():
            assert np.flatnonzero((mask & cls.bit).any(axis=1)).tolist() == [row], cls


def test_folders_named_for_a_class_whose_images_name_no_photo_or_outside_a_folder_of_labels_stay_photos(
        tmp_path: Path) -> None:
    """A clinic's MA/ of photos, a label/EX/ of images no photo is named as, and right eyes in Labelled/OD/ beside
    the left eyes in Labelled/OS/ (OD is never a class's folder) are photos."""
    for place in ("clinic/images/a.jpg", "clinic/MA/a.jpg", "clinic/label/EX/z.png", "clinic/Labelled/OD/P1.jpg",
                  "clinic/Labelled/OS/P1.jpg"):
        _photo(tmp_path / place)
    listed = ["Labelled/OD/P1.jpg", "Labelled/OS/P1.jpg", "MA/a.jpg", "images/a.jpg", "label/EX/z.png"]
    assert scan_images(tmp_path / "clinic") == listed


def test_an_import_into_the_photos_folder_from_its_folder_of_class_folders_reads_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """DDR opened at train/image/, its masks imported --from train/label/: each class folder is that class's
    (masks.class_folders_in), and a mask named for no photo there is said."""
    _ddr(tmp_path / "DDR")
    train = tmp_path / "DDR" / "train"
    Image.fromarray(np.zeros(SHAPE, np.uint8)).save(train / "label" / "EX" / "other.tif")
    assert main(["import", str(train / "image"), "--from", str(train / "label"), "--format", "masks"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s)" in out and "1 label file(s) matched no image, e.g. EX/other.tif" in out, out
    with Workspace.open(train / "image") as ws:  # was: "1 case(s) had no labels to import"
        mask = ws.load_case(ws.cases()[0].case_id).mask
    for cls, row in ROWS.items():
        assert np.flatnonzero((mask & cls.bit).any(axis=1)).tolist() == [row], cls


def test_analyze_of_a_class_folder_named_alone_says_whose_masks_they_are(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`analyze DDR/train/label/EX` analysed its masks as photos: the photos lie two levels up, in train/image/."""
    _ddr(tmp_path / "DDR")
    ex, photos = tmp_path / "DDR" / "train" / "label" / "EX", tmp_path / "DDR" / "train" / "image"
    assert main(["analyze", str(ex), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"warning: {ex}: these are lesion masks of the photos in {photos}, not photos; name {photos} to analyse the "
        "photos")
    mask = ex / "007-1796-100.tif"
    assert main(["analyze", str(mask), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"warning: {ex}: the 1 image(s) named there ('007-1796-100.tif') are lesion masks of the photos in {photos}, "
        f"not photos; name {photos} to analyse the photos")
    assert not (tmp_path / "out").exists()


def test_analyze_of_the_folder_of_class_folders_says_whose_masks_they_hold(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """`analyze DDR/train/label` said its sub-folders' images were left out and to name each sub-folder, which was
    then refused as masks: they are the masks of train/image/'s photos. A sub-folder of photos there is still said."""
    _ddr(tmp_path / "DDR")
    label, photos = tmp_path / "DDR" / "train" / "label", tmp_path / "DDR" / "train" / "image"
    _photo(label / "extra" / "eye.png")
    assert main(["analyze", str(label), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.splitlines()[1:3] == [
        f"warning: {label}: 1 image(s) in its sub-folders are not analysed ('extra/eye.png'); name each sub-folder "
        "to analyse its images too",
        f"warning: {label}: the 4 image(s) in its sub-folders ('EX', 'HE', 'MA', ... (+1)) are lesion masks of the "
        f"photos in {photos}, not photos; name {photos} to analyse the photos"]
    assert not (tmp_path / "out").exists()


def test_a_jpeg_mask_in_a_class_folder_hidden_from_the_cases_is_imported_and_trained_on_thresholded(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """label/EX/P1.jpg is no case (named as its photo in a class's folder), and was read by nothing: the import said
    "1 case(s) had no labels", training refused it as a photo (JPEG's blurred edges hold many shades)."""
    _photo(tmp_path / "DDR" / "image" / "P1.jpg")
    mask = np.zeros(SHAPE, np.uint8)
    mask[6:14, 10:30] = 255
    (tmp_path / "DDR" / "label" / "EX").mkdir(parents=True)
    Image.fromarray(mask).save(tmp_path / "DDR" / "label" / "EX" / "P1.jpg", quality=75)
    assert scan_images(tmp_path / "DDR") == ["image/P1.jpg"]
    assert main(["import", str(tmp_path / "DDR"), "--from", str(tmp_path / "DDR"), "--format", "masks"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s)" in out and "1 mask(s) read from JPEG, their class where brighter than mid-grey " \
        "(JPEG blurs a mask's edges: save masks as PNG or TIFF to keep them exact): 'label/EX/P1.jpg'" in out, out
    with Workspace.open(tmp_path / "DDR") as ws:
        imported = ws.load_case(ws.cases()[0].case_id).mask
    assert np.array_equal((imported & LesionClass.EX.bit) != 0, mask > 0)  # was: none
    sample = index_folder(tmp_path / "DDR")["P1"]
    assert np.array_equal(read_class_mask(sample.mask_files[LesionClass.EX], SHAPE), mask > 0)  # was: NotALabelImage
    _photo(tmp_path / "DDR" / "label" / "HE" / "P1.jpg")  # a photo put there is still none
    with pytest.raises(NotALabelImage):
        read_class_mask(tmp_path / "DDR" / "label" / "HE" / "P1.jpg", SHAPE)
