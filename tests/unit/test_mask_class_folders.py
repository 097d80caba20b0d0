"""The official IDRiD download keeps each class's masks in a folder of its own (``1. Microaneurysms/IDRiD_01_MA.tif``
… ``5. Optic Disc/IDRiD_01_OD.tif``): an import of the folder holding them reads them, the file's class suffix
deciding the class, as it reads the same files kept in one folder (was: "no labels to import")."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.masks import class_folders_in, write_class_masks
from annotations.workspace import Workspace
from app.cli import main

SHAPE = (24, 40)
IDRID_FOLDERS = {LesionClass.MA: "1. Microaneurysms", LesionClass.HE: "2. Haemorrhages",
                 LesionClass.EX: "3. Hard Exudates", LesionClass.SE: "4. Soft Exudates",
                 LesionClass.OD: "5. Optic Disc"}


def _red_on_black(bits: np.ndarray, cls: LesionClass) -> Image.Image:
    """One class of ``bits`` as IDRiD's TIFFs hold it: red on black RGB."""
    rgb = np.zeros(SHAPE + (3,), np.uint8)
    rgb[..., 0][(bits & cls.bit) != 0] = 255
    return Image.fromarray(rgb)


def _idrid_tree(root: Path, stems: tuple[str, ...]) -> dict[str, np.ndarray]:
    """IDRiD's ground truth layout under ``root``: a folder per class, one TIFF per photo there (no SE for the
    second photo, as IDRiD marks SE on some photos only); the masks by stem."""
    written = {}
    for number, stem in enumerate(stems):
        bits = np.zeros(SHAPE, np.uint8)
        for cls in LesionClass:
            if cls is LesionClass.SE and number == 1:
                continue
            bits[2 * cls.value + number:2 * cls.value + number + 3, 2:9 + cls.value] |= np.uint8(cls.bit)
            folder = root / IDRID_FOLDERS[cls]
            folder.mkdir(parents=True, exist_ok=True)
            _red_on_black(bits, cls).save(folder / f"{stem}_{cls.name}.tif")
        written[stem] = bits
    return written


def _photos(folder: Path, stems: tuple[str, ...]) -> None:
    folder.mkdir()
    rng = np.random.default_rng(0)
    for stem in stems:
        Image.fromarray(rng.integers(0, 256, SHAPE + (3,), dtype=np.uint8)).save(folder / f"{stem}.jpg")


def _masks(folder: Path) -> dict[str, np.ndarray]:
    with Workspace.open(folder) as ws:
        return {case.image_path: ws.load_case(case.case_id).mask for case in ws.cases() if case.saved}


def test_the_masks_in_idrids_class_folders_come_in_each_to_its_photo(tmp_path: Path, capsys) -> None:
    written = _idrid_tree(tmp_path / "a. Training Set", ("IDRiD_01", "IDRiD_02", "IDRiD_03"))
    _photos(tmp_path / "photos", ("IDRiD_01", "IDRiD_02"))
    assert main(["import", str(tmp_path / "photos"), "--from", str(tmp_path / "a. Training Set"),
                 "--format", "masks"]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 case(s)" in out and "no labels" not in out
    assert "5 label file(s) matched no image, e.g. 1. Microaneurysms/IDRiD_03_MA.tif" in out  # IDRiD_03's
    found = _masks(tmp_path / "photos")
    assert list(found) == ["IDRiD_01.jpg", "IDRiD_02.jpg"]
    for stem in ("IDRiD_01", "IDRiD_02"):
        np.testing.assert_array_equal(found[f"{stem}.jpg"], written[stem])  # the optic disc's too


def test_a_folder_of_several_classes_is_no_class_folder(tmp_path: Path) -> None:
    """The photos' folders mirrored (P1/eye_MA.png, P1/eye_HE.png …) are no class's: masks.class_folders_in
    leaves them to the import's own rule (the mirror of the photo's folder)."""
    _idrid_tree(tmp_path, ("IDRiD_01",))
    (tmp_path / "P1").mkdir()
    write_class_masks(tmp_path / "P1", "eye", np.zeros(SHAPE, np.uint8))  # MA, HE, EX, SE
    (tmp_path / "photos").mkdir()
    assert class_folders_in(tmp_path) == {tmp_path / name: cls for cls, name in IDRID_FOLDERS.items()}


def test_a_class_found_twice_for_a_photo_names_both_and_reads_neither(tmp_path: Path, capsys) -> None:
    _idrid_tree(tmp_path / "labels", ("IDRiD_01",))
    _photos(tmp_path / "photos", ("IDRiD_01",))
    extra = tmp_path / "labels" / "IDRiD_01_HE.png"
    Image.new("L", SHAPE[::-1]).save(extra)
    command = ["import", str(tmp_path / "photos"), "--from", str(tmp_path / "labels"), "--format", "masks"]
    assert main(command) == 2  # nothing imported
    out = capsys.readouterr().out
    assert "2. Haemorrhages/IDRiD_01_HE.tif: IDRiD_01_HE.png is the photo's HE mask too; none of its masks was " \
           "read: keep one of the two and import again" in out and "matched no image" not in out
    assert _masks(tmp_path / "photos") == {}
