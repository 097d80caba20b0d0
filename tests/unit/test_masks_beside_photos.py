"""Lesion masks kept beside their photos (``IDRiD_01.jpg`` with ``IDRiD_01_MA.tif``, ``IDRiD_01_EX.png`` … in one
folder, as data sets and annotators keep them) are the photo's label files: never cases of their own, nor photos
`analyze` runs on; an import from that folder brings them into their photo's case. Decided by the names alone
(masks.masks_beside_photos), with the per-class name rule the mask import reads (masks.class_mask_parts)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.masks import class_mask_parts, masks_beside_photos, write_class_masks
from annotations.workspace import Workspace
from annotations.workspace.scan import scan_images
from app.cli import main
from app.command_words import CommandWords
from app.commands.analyze import collect_images

SHAPE = (24, 40)
IDRID = ["IDRiD_01.jpg", "IDRiD_01_MA.tif", "IDRiD_01_HE.tif", "IDRiD_01_EX.png", "IDRiD_01_SE.png",
         "IDRiD_01_OD.png", "IDRiD_02.jpg", "IDRiD_02_MA.TIF", "IDRiD_02_HE.tiff", "IDRiD_02_OD.tif"]


def test_the_mask_name_rule_is_the_one_the_import_writes_and_reads() -> None:
    assert class_mask_parts("IDRiD_01_MA.tif") == ("IDRiD_01", LesionClass.MA)
    assert class_mask_parts("a.b_OD.PNG") == ("a.b", LesionClass.OD)
    for name in ("IDRiD_01.jpg", "IDRiD_01_MA.jpg", "IDRiD_01_ma.png", "_MA.png", "IDRiD_01_XX.png", "MA.png"):
        assert class_mask_parts(name) is None, name


def test_masks_beside_their_photo_are_its_label_files() -> None:
    assert masks_beside_photos(IDRID) == {name for name in IDRID if not name.endswith(".jpg")}


def test_a_photo_named_like_a_mask_with_no_photo_of_its_stem_beside_stays_a_photo() -> None:
    assert masks_beside_photos(["x_EX.png", "y.jpg", "y_MA.jpg", "y_ma.png"]) == set()
    assert masks_beside_photos(["x_EX.png", "x_EX_MA.png"]) == {"x_EX_MA.png"}  # x_EX.png's own mask


def test_an_eye_named_od_is_a_disc_mask_only_beside_a_lesion_mask_of_its_photo() -> None:
    """``_OD`` also names a right eye: eye_OD.png beside eye.png alone is a photo."""
    assert masks_beside_photos(["eye.png", "eye_OD.png"]) == set()
    assert masks_beside_photos(["eye.png", "eye_OD.png", "eye_HE.png"]) == {"eye_OD.png", "eye_HE.png"}


def _idrid_folder(folder: Path) -> dict[str, np.ndarray]:
    """Two photos, each with its masks beside it (five classes, as IDRiD names them); the masks by photo."""
    folder.mkdir()
    rng = np.random.default_rng(0)
    written = {}
    for number, stem in enumerate(("IDRiD_01", "IDRiD_02")):
        Image.fromarray(rng.integers(0, 256, SHAPE + (3,), dtype=np.uint8)).save(folder / f"{stem}.jpg")
        bits = np.zeros(SHAPE, np.uint8)
        for cls in LesionClass:
            bits[2 * cls.value + number:2 * cls.value + number + 2, 3:9 + cls.value] |= np.uint8(cls.bit)
        write_class_masks(folder, stem, bits, ".tif" if number else ".png")
        written[f"{stem}.jpg"] = bits
    return written


def test_a_folder_of_photos_with_their_masks_lists_the_photos_alone(tmp_path: Path) -> None:
    _idrid_folder(tmp_path / "idrid")
    assert scan_images(tmp_path / "idrid") == ["IDRiD_01.jpg", "IDRiD_02.jpg"]  # was: 12 cases


def test_analyze_of_such_a_folder_runs_on_the_photos_alone(tmp_path: Path) -> None:
    _idrid_folder(tmp_path / "idrid")
    images, problems, _ = collect_images([tmp_path / "idrid"], CommandWords(english=True))
    assert [path.name for path in images] == ["IDRiD_01.jpg", "IDRiD_02.jpg"] and problems == []


def test_an_import_from_the_photos_folder_brings_each_photo_its_masks(tmp_path: Path, capsys) -> None:
    written = _idrid_folder(tmp_path / "idrid")
    assert main(["import", str(tmp_path / "idrid"), "--from", str(tmp_path / "idrid"), "--format", "masks"]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 case(s)" in out and "warning" not in out  # was: "10 case(s) had no labels to import"
    with Workspace.open(tmp_path / "idrid") as ws:
        found = {case.image_path: ws.load_case(case.case_id).mask for case in ws.cases()}
    assert list(found) == ["IDRiD_01.jpg", "IDRiD_02.jpg"]
    for name, bits in written.items():
        np.testing.assert_array_equal(found[name], bits)


def test_a_mask_listed_as_a_case_before_keeps_what_was_recorded_on_it_and_says_why_it_is_no_case(
        tmp_path: Path) -> None:
    """eye_MA.png alone is a photo; once eye.png is beside it, it is eye.png's mask: what was recorded on it stays,
    and its row says it is no case any more, not that its file was not found (it is there)."""
    folder = tmp_path / "eyes"
    folder.mkdir()
    write_class_masks(folder, "eye", np.zeros(SHAPE, np.uint8))
    for name in ("eye_HE.png", "eye_EX.png", "eye_SE.png"):
        (folder / name).unlink()
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(case.case_id)
        doc.findings_text = "read as a photo"
        ws.save_case(doc)
    Image.fromarray(np.zeros(SHAPE + (3,), np.uint8)).save(folder / "eye.png")
    with Workspace.open(folder) as ws:
        listed = {case.image_path: case for case in ws.cases()}
        assert ws.load_case(listed["eye_MA.png"].case_id).findings_text == "read as a photo"
    assert listed["eye.png"].error is None
    assert listed["eye_MA.png"].error.startswith(f"{folder / 'eye_MA.png'}: no longer listed as a case (a lesion mask "
                                                 "kept beside its photo is that photo's label file")
