"""Folders of label images whatever their name: ``Masks/``, ``labels/``, ``groundtruths/`` or ``annotations/`` beside
``images/``, IDRiD's official download opened at its root (its groundtruths far from its photos), and a B-scan's masks
named as exports name them (``vol_b012_MA.png`` beside ``vol.tif``). Their masks are no cases in the window, no photos
`analyze` runs on (a folder of them named alone is said to be the masks of the photos beside it) and no images training
reads, and an import of masks from the opened folder finds them there: one rule by the names alone (photo_sorter)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.masks import write_class_masks
from annotations.frames import split_name_suffix
from annotations.workspace import Workspace
from annotations.workspace.scan import scan_images
from app.cli import main
from app.command_words import CommandWords
from app.commands.analyze import collect_images
from inference.dataset import index_folder

SHAPE = (24, 40)
IDRID_CLASSES = {"1. Microaneurysms": "MA", "2. Haemorrhages": "HE", "3. Hard Exudates": "EX",
                 "4. Soft Exudates": "SE", "5. Optic Disc": "OD"}


def _photo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.random.default_rng(len(path.name)).integers(0, 256, SHAPE + (3,), np.uint8)).save(path)


def _masks(folder: Path, stem: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    bits = np.zeros(SHAPE, np.uint8)
    bits[2:6, 3:9] = LesionClass.MA.bit | LesionClass.OD.bit
    write_class_masks(folder, stem, bits)


def _data_set(folder: Path, labels: str) -> None:
    for stem in ("a", "b"):
        _photo(folder / "images" / f"{stem}.jpg")
        _masks(folder / labels, stem)


def _trained_on(folder: Path) -> list[str]:
    return sorted(sample.image.relative_to(folder).as_posix() for sample in index_folder(folder).values())


@pytest.mark.parametrize("labels", ["Masks", "labels", "groundtruths", "annotations"])
def test_a_folder_of_masks_beside_images_is_no_cases_whatever_its_name(tmp_path: Path, labels: str) -> None:
    _data_set(tmp_path / "set", labels)
    assert scan_images(tmp_path / "set") == ["images/a.jpg", "images/b.jpg"]  # was: 12 cases
    assert _trained_on(tmp_path / "set") == ["images/a.jpg", "images/b.jpg"]
    assert sorted(index_folder(tmp_path / "set")["a"].mask_files) == list(LesionClass)


def test_analyze_of_the_images_with_their_labels_folder_runs_on_the_photos_alone(tmp_path: Path) -> None:
    _data_set(tmp_path / "set", "labels")
    images, problems, _ = collect_images([tmp_path / "set" / "images", tmp_path / "set" / "labels"],
                                         CommandWords(english=True))
    assert [path.name for path in images] == ["a.jpg", "b.jpg"]  # was: and the 10 masks
    assert problems == [f"{tmp_path / 'set' / 'labels'}: its 10 image(s) are lesion masks of the photos named, their "
                        "label files: not analysed"]
    _, problems, _ = collect_images([tmp_path / "set"], CommandWords(english=True))
    assert "2 image(s) in its sub-folders" in problems[-1], problems  # was: 12


def test_a_folder_holding_photos_too_is_told_apart_by_what_is_beside_them_only(tmp_path: Path) -> None:
    """A clinic's folder of photos may hold a name that reads as a mask: only a folder of labels alone is matched
    with the photos of other folders."""
    _data_set(tmp_path / "set", "labels")
    _photo(tmp_path / "set" / "other" / "visit.png")
    _masks(tmp_path / "set" / "other", "a")
    listed = scan_images(tmp_path / "set")
    assert listed == ["images/a.jpg", "images/b.jpg", "other/a_EX.png", "other/a_HE.png", "other/a_MA.png",
                      "other/a_OD.png", "other/a_SE.png", "other/visit.png"]
    assert _trained_on(tmp_path / "set") == listed


def test_a_folder_of_masks_of_no_photo_and_a_disc_alone_stay_photos(tmp_path: Path) -> None:
    """``z_MA.png`` names no photo; ``_OD`` also names a right eye, so ``right/a_OD.png`` with no lesion file of
    ``a`` anywhere is a photo (as beside its photo)."""
    _photo(tmp_path / "set" / "images" / "a.jpg")
    _masks(tmp_path / "set" / "labels", "z")
    _photo(tmp_path / "set" / "right" / "a_OD.png")
    listed = scan_images(tmp_path / "set")
    assert listed == ["images/a.jpg", "labels/z_EX.png", "labels/z_HE.png", "labels/z_MA.png", "labels/z_OD.png",
                      "labels/z_SE.png", "right/a_OD.png"]
    assert _trained_on(tmp_path / "set") == listed


def _official_idrid(root: Path) -> None:
    """IDRiD's segmentation download as published: photos and groundtruths in two trees, one folder per class."""
    seg = root / "A. Segmentation"
    for split, stems in (("a. Training Set", ("IDRiD_01", "IDRiD_02")), ("b. Testing Set", ("IDRiD_55",))):
        for stem in stems:
            _photo(seg / "1. Original Images" / split / f"{stem}.jpg")
            for number, (folder, cls) in enumerate(IDRID_CLASSES.items(), 1):
                place = seg / "2. All Segmentation Groundtruths" / split / folder
                place.mkdir(parents=True, exist_ok=True)
                red = np.zeros(SHAPE + (3,), np.uint8)
                red[3 * number:3 * number + 2, 5:20, 0] = 255
                Image.fromarray(red).save(place / f"{stem}_{cls}.tif")


def test_idrids_official_download_opened_at_its_root_lists_its_photos_alone(tmp_path: Path) -> None:
    _official_idrid(tmp_path / "IDRiD")
    photos = ["A. Segmentation/1. Original Images/a. Training Set/IDRiD_01.jpg",
              "A. Segmentation/1. Original Images/a. Training Set/IDRiD_02.jpg",
              "A. Segmentation/1. Original Images/b. Testing Set/IDRiD_55.jpg"]
    assert scan_images(tmp_path / "IDRiD") == photos  # was: and its 15 groundtruths, the optic discs' among them
    assert _trained_on(tmp_path / "IDRiD") == photos
    assert sorted(index_folder(tmp_path / "IDRiD")["IDRiD_55"].mask_files) == list(LesionClass)


def _volume(folder: Path) -> None:
    folder.mkdir(parents=True)
    frames = [Image.fromarray(np.full(SHAPE, 10 * number, np.uint8)) for number in range(1, 16)]
    frames[0].save(folder / "vol.tif", save_all=True, append_images=frames[1:])


def test_a_bscans_masks_named_as_exports_name_them_are_no_cases(tmp_path: Path) -> None:
    _volume(tmp_path / "scans")
    _masks(tmp_path / "scans", "vol_b012")
    _masks(tmp_path / "scans" / "labels", "vol_b003")
    assert scan_images(tmp_path / "scans") == ["vol.tif"]  # was: and vol_b012's 5 masks, vol_b003's 5
    images, problems, _ = collect_images([tmp_path / "scans"], CommandWords(english=True))
    assert [path.name for path in images] == ["vol.tif"] and problems == []
    assert _trained_on(tmp_path / "scans") == ["vol.tif"]


def test_a_bscans_name_is_read_back_as_exports_spell_it() -> None:
    assert split_name_suffix("vol_b012") == ("vol", 12)
    assert split_name_suffix("a_b_b123456") == ("a_b", 123456)
    for stem in ("vol_b12", "vol_b000", "vol_b1234567", "_b012", "vol_B012", "vol"):
        assert split_name_suffix(stem) == (stem, None), stem


def test_analyze_of_a_folder_of_labels_named_alone_says_whose_masks_they_are(tmp_path: Path, capsys) -> None:
    """`analyze DATA/labels` analysed each of its 10 masks as a photo: the photos beside, in DATA/images, are given to
    the sorter too."""
    _data_set(tmp_path / "set", "labels")
    labels, photos = tmp_path / "set" / "labels", tmp_path / "set" / "images"
    assert main(["analyze", str(labels), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {labels}: these are lesion masks of the photos in {photos}, not photos; name {photos} to analyse "
        "the photos", "error: no images to analyse (supported: .jpg .jpeg .png .tif .tiff .bmp, DICOM)"]
    assert not (tmp_path / "out").exists()


def test_a_mask_file_named_alone_is_said_to_be_one_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _data_set(tmp_path / "set", "Masks")
    monkeypatch.chdir(tmp_path / "set" / "Masks")
    words = CommandWords(english=True)
    images, problems, left_out = collect_images([Path("a_EX.png"), Path("b_MA.png"), Path("..", "images", "a.jpg")],
                                                words)
    assert images == [Path("..", "images", "a.jpg")] and left_out == [Path("a_EX.png"), Path("b_MA.png")]
    photos = tmp_path / "set" / "images"
    assert problems == [f".: the 2 image(s) named there ('a_EX.png', 'b_MA.png') are lesion masks of the photos in "
                        f"{photos}, not photos; name {photos} to analyse the photos"]
    images, problems, left_out = collect_images([Path(".")], words)  # the folder named from inside it
    assert images == [] and left_out == [Path(".")] and problems[0].startswith(f".: these are lesion masks of the "
                                                                                  f"photos in {photos}, not photos")
    (photos / "a.jpg").rename(tmp_path / "set" / "a.jpg")  # a photo with its masks in a folder below
    _, problems, left_out = collect_images([Path(".")], words)
    assert left_out == [Path(".")] and problems[0].startswith(f".: these are lesion masks of the photos in "
                                                              f"{tmp_path / 'set'}, {photos}, not photos")


def test_a_folder_of_labels_with_no_photo_beside_or_a_photo_among_them_is_analysed(tmp_path: Path) -> None:
    _data_set(tmp_path / "set", "labels")
    _photo(tmp_path / "set" / "labels" / "visit.jpg")  # a folder of photos and mask-named files: all photos
    words = CommandWords(english=True)
    images, problems, _ = collect_images([tmp_path / "set" / "labels"], words)
    assert len(images) == 11 and problems == []
    (tmp_path / "set" / "labels" / "visit.jpg").unlink()
    for photo in (tmp_path / "set" / "images").iterdir():
        photo.unlink()  # their photos gone: a folder whose images name no photo beside it is one of photos
    images, problems, _ = collect_images([tmp_path / "set" / "labels", tmp_path / "set" / "labels" / "a_EX.png"],
                                         words)
    assert len(images) == 11 and problems == []


def _imported(folder: Path, capsys: pytest.CaptureFixture[str], status: int = 0) -> tuple[str, dict[str, np.ndarray]]:
    """`import FOLDER --from FOLDER --format masks`: what it said, and each case's mask after."""
    assert main(["import", str(folder), "--from", str(folder), "--format", "masks"]) == status
    with Workspace.open(folder) as ws:
        return capsys.readouterr().out, {case.image_path: ws.load_case(case.case_id).mask for case in ws.cases()}


@pytest.mark.parametrize("labels", ["labels", "groundtruths"])
def test_an_import_from_the_opened_data_set_finds_the_masks_in_its_folder_of_labels(
        tmp_path: Path, labels: str, capsys: pytest.CaptureFixture[str]) -> None:
    _data_set(tmp_path / "set", labels)
    out, found = _imported(tmp_path / "set", capsys)
    assert "Imported 2 case(s)" in out and "warning" not in out, out  # was: "2 case(s) had no labels to import"
    bits = np.zeros(SHAPE, np.uint8)
    bits[2:6, 3:9] = LesionClass.MA.bit | LesionClass.OD.bit
    assert list(found) == ["images/a.jpg", "images/b.jpg"]
    for mask in found.values():
        np.testing.assert_array_equal(mask, bits)


def test_an_import_from_idrids_official_download_finds_its_groundtruths(tmp_path: Path, capsys) -> None:
    _official_idrid(tmp_path / "IDRiD")
    out, found = _imported(tmp_path / "IDRiD", capsys)
    assert "Imported 3 case(s)" in out and "warning" not in out, out  # was: "3 case(s) had no labels to import"
    for mask in found.values():  # each class's TIFF: red where _official_idrid drew it, in its own rows
        for number, cls in enumerate(IDRID_CLASSES.values(), 1):
            assert np.flatnonzero((mask & LesionClass[cls].bit).any(axis=1)).tolist() == [3 * number, 3 * number + 1]


def test_each_subsets_photo_gets_the_masks_nearest_it_and_a_class_found_twice_names_both(tmp_path: Path,
                                                                                          capsys) -> None:
    """train/ and test/ both hold a photo a.jpg: each its own subset's labels/, not both none (as a stem two photos
    share in one folder of labels would). Two folders of labels holding a's MA: neither is read, both named."""
    for subset in ("train", "test"):
        _data_set(tmp_path / "set" / subset, "labels")
    out, found = _imported(tmp_path / "set", capsys)
    assert "Imported 4 case(s)" in out and "warning" not in out, out
    assert all(mask.any() for mask in found.values())
    _masks(tmp_path / "set" / "train" / "groundtruths", "a")
    out, found = _imported(tmp_path / "set", capsys, status=1)
    assert "Imported 3 case(s)" in out and "warning: train/labels/a_MA.png: groundtruths/a_MA.png is the photo's MA " \
        "mask too; none of its masks was read" in out, out


def test_masks_in_a_folder_of_labels_two_photos_could_be_of_go_to_neither(tmp_path: Path, capsys) -> None:
    _data_set(tmp_path / "set", "labels")
    _photo(tmp_path / "set" / "other" / "a.png")
    out, found = _imported(tmp_path / "set", capsys, status=1)
    assert "Imported 1 case(s)" in out and not found["images/a.jpg"].any() and not found["other/a.png"].any()
    assert "labels/a_EX.png: not imported: named for no image exactly, and its name fits several: 'images/a.jpg', " \
        "'other/a.png'" in out, out
