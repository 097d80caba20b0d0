"""A data set opened as it is: ``images/IDRiD_01.jpg`` with ``masks/IDRiD_01_MA.png`` … beside it (the idrid-seg
folder's layout, the dataset export's with its ``masks_indexed/``). The masks are the photos' label files, by the rule
training pairs them with (masks.class_mask_parts, photo_sorter): not cases (was: 102 cases for 17 photos), and an
import from the opened folder itself brings each photo its masks. A masks folder named for no photo there keeps its
files as photos."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.masks import write_class_masks, write_indexed_png
from annotations.workspace import Workspace
from annotations.workspace.scan import scan_images
from app.cli import main
from inference.dataset import index_folder

SHAPE = (24, 40)


def _data_set(folder: Path) -> dict[str, np.ndarray]:
    """images/a.jpg, images/b.jpg with their masks in masks/ (b's as TIFFs), as a data set keeps them."""
    (folder / "images").mkdir(parents=True)
    (folder / "masks").mkdir()
    rng = np.random.default_rng(0)
    written = {}
    for number, stem in enumerate(("a", "b")):
        Image.fromarray(rng.integers(0, 256, SHAPE + (3,), dtype=np.uint8)).save(folder / "images" / f"{stem}.jpg")
        bits = np.zeros(SHAPE, np.uint8)
        for cls in LesionClass:
            bits[2 * cls.value + number:2 * cls.value + number + 2, 3:9 + cls.value] |= np.uint8(cls.bit)
        write_class_masks(folder / "masks", stem, bits, ".tif" if number else ".png")
        written[f"images/{stem}.jpg"] = bits
    return written


def test_the_masks_beside_a_data_sets_images_are_no_cases(tmp_path: Path) -> None:
    _data_set(tmp_path / "set")
    assert scan_images(tmp_path / "set") == ["images/a.jpg", "images/b.jpg"]  # was: 12 cases


def test_the_scan_leaves_out_the_files_training_reads_as_masks(tmp_path: Path) -> None:
    """One rule: what the window lists is what training reads as photos, and every mask it pairs is no case."""
    _data_set(tmp_path / "set")
    Image.fromarray(np.zeros(SHAPE, np.uint8)).save(tmp_path / "set" / "masks" / "c_MA.png")  # no photo c
    samples = index_folder(tmp_path / "set")
    listed = scan_images(tmp_path / "set")
    assert sorted(sample.image.relative_to(tmp_path / "set").as_posix() for sample in samples.values()) == listed
    paired = {path.relative_to(tmp_path / "set").as_posix() for s in samples.values() for path in s.mask_files.values()}
    assert len(paired) == 10 and not paired & set(listed) and "masks/c_MA.png" in listed


def test_a_masks_folder_of_a_photo_in_the_folder_above_is_its_too(tmp_path: Path) -> None:
    folder = tmp_path / "eyes"
    folder.mkdir()
    Image.fromarray(np.zeros(SHAPE + (3,), np.uint8)).save(folder / "eye.jpg")
    (folder / "masks").mkdir()
    write_class_masks(folder / "masks", "eye", np.zeros(SHAPE, np.uint8))
    assert scan_images(folder) == ["eye.jpg"]


def test_a_masks_folder_named_for_no_photo_of_the_opened_folder_keeps_its_photos(tmp_path: Path) -> None:
    _data_set(tmp_path / "set")
    (tmp_path / "set" / "other" / "masks").mkdir(parents=True)
    write_class_masks(tmp_path / "set" / "other" / "masks", "z", np.zeros(SHAPE, np.uint8))  # no photo z
    assert scan_images(tmp_path / "set") == ["images/a.jpg", "images/b.jpg", "other/masks/z_EX.png",
                                             "other/masks/z_HE.png", "other/masks/z_MA.png", "other/masks/z_SE.png"]
    assert len(scan_images(tmp_path / "set" / "masks")) == 10  # the masks folder opened by itself: all it holds


def test_the_dataset_exports_indexed_masks_are_no_cases_either(tmp_path: Path) -> None:
    written = _data_set(tmp_path / "set")
    (tmp_path / "set" / "masks_indexed").mkdir()
    write_indexed_png(tmp_path / "set" / "masks_indexed" / "a.png", written["images/a.jpg"])
    Image.fromarray(np.zeros(SHAPE, np.uint8)).save(tmp_path / "set" / "masks_indexed" / "z.png")  # no photo z
    assert scan_images(tmp_path / "set") == ["images/a.jpg", "images/b.jpg", "masks_indexed/z.png"]


def test_an_import_from_the_opened_data_set_brings_each_photo_its_masks(tmp_path: Path, capsys) -> None:
    written = _data_set(tmp_path / "set")
    assert main(["import", str(tmp_path / "set"), "--from", str(tmp_path / "set"), "--format", "masks"]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 case(s)" in out and "warning" not in out, out  # was: "2 case(s) had no labels to import"
    with Workspace.open(tmp_path / "set") as ws:
        found = {case.image_path: ws.load_case(case.case_id).mask for case in ws.cases()}
    assert list(found) == ["images/a.jpg", "images/b.jpg"]
    for name, bits in written.items():
        np.testing.assert_array_equal(found[name], bits)


def test_a_mask_an_older_index_listed_keeps_what_was_recorded_on_it(tmp_path: Path) -> None:
    """masks/a_MA.png was a case while images/ held no a.jpg; once it does, the row says why it is no case."""
    folder = tmp_path / "set"
    (folder / "images").mkdir(parents=True)
    (folder / "masks").mkdir()
    Image.fromarray(np.zeros(SHAPE, np.uint8)).save(folder / "masks" / "a_MA.png")
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(case.case_id)
        doc.findings_text = "read as a photo"
        ws.save_case(doc)
    Image.fromarray(np.zeros(SHAPE + (3,), np.uint8)).save(folder / "images" / "a.jpg")
    with Workspace.open(folder) as ws:
        listed = {case.image_path: case for case in ws.cases()}
        assert ws.load_case(listed["masks/a_MA.png"].case_id).findings_text == "read as a photo"
    assert listed["images/a.jpg"].error is None
    assert listed["masks/a_MA.png"].error.startswith(f"{folder / 'masks' / 'a_MA.png'}: no longer listed as a case")


def test_the_real_idrid_seg_folder_lists_its_17_photos(shared_data: Path) -> None:
    listed = scan_images(shared_data / "idrid-seg")
    assert len(listed) == 17 and all(path.startswith("images/IDRiD_") for path in listed)  # was: 102
