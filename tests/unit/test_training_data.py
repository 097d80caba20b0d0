"""Dataset readers and training targets: export layout, IDRiD folders, VOC boxes as weak masks, class folders."""
from __future__ import annotations

import errno
import os
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument, ReaderGrade, ReviewState
from annotations.formats.dataset import export_dataset
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP, parse_label_map
from annotations.messages import CUT_SHORT
from inference.dataset import DataError, grade_label, index_folder, load_index
from inference.model_card import BACKGROUND, ModelCard
from inference.targets import IGNORE, has_segmentation_labels, read_mask_bits, segmentation_item
from tests.unit.test_training_fixtures import (lesion_image, write_class_folders, write_grade_set, write_mask_set,
                                               write_voc_set)

CARD = ModelCard(name="t", task="lesion-segmentation", architecture="unet", encoder="resnet18",
                 classes=[BACKGROUND, "HE", "EX"], input_size=(64, 64))


def test_export_layout_reads_masks_and_split_lists(tmp_path: Path) -> None:
    index = load_index(write_mask_set(tmp_path, count=6))
    assert index.split_source.startswith("splits folder")
    assert [len(index.split(s)) for s in ("train", "val", "test")] == [4, 1, 1]
    sample = index.samples["case00"]
    assert set(sample.mask_files) == {LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE}
    _, bits = lesion_image(0)
    assert np.array_equal(read_mask_bits(sample, bits.shape), bits)


def test_the_programs_own_export_round_trips_into_training_samples(tmp_path: Path) -> None:
    """Painted+done, untouched, boxed-only and done-without-paint cases, as the review produces them."""
    sources, cases = [], []
    for i, (paint, boxes, state, grade) in enumerate([(True, False, ReviewState.DONE, 2),
                                                      (False, False, ReviewState.TODO, None),
                                                      (False, True, ReviewState.IN_PROGRESS, None),
                                                      (False, False, ReviewState.DONE, 0)]):
        image, bits = lesion_image(i)
        source = tmp_path / "originals" / f"eye{i}.png"
        source.parent.mkdir(exist_ok=True)
        Image.fromarray(image).save(source)
        doc = CaseDocument(f"c{i}", source.name, image.shape[1], image.shape[0], review_state=state,
                           mask=bits if paint else None, grade=ReaderGrade(dr_grade=grade))
        if boxes:
            doc.boxes = [Box(LesionClass.EX, 40, 40, 50, 50)]
        if paint:
            doc.rejected_candidates = [Box(LesionClass.HE, 30, 40, 34, 44, score=0.7)]
        sources.append(source)
        cases.append(doc)
    export_dataset(cases, sources, tmp_path / "export", splits=(1.0, 0.0, 0.0))
    index = load_index(tmp_path / "export")
    painted, untouched, boxed, clean = (index.samples[f"eye{i}"] for i in range(4))
    assert painted.has_masks and clean.has_masks and not boxed.has_masks
    assert not has_segmentation_labels(untouched)  # an unreviewed case teaches nothing
    assert [b.label for b in boxed.boxes] == [LesionClass.EX]
    assert [grade_label(s, "dr-grade", list("01234")) for s in (painted, untouched, clean)] == [2, None, 0]
    assert len(painted.hard_negatives) == 1
    card = ModelCard(name="t", task="lesion-segmentation", architecture="unet", encoder="resnet18",
                     classes=[BACKGROUND, "HE", "EX"], input_size=(64, 64))
    item = segmentation_item(painted, card)
    (y, x), = item.hard_negatives
    assert 16 < y < 48 and 0 < x < 32  # the rejected box left of centre, in model-input pixels
    assert (segmentation_item(clean, card).labels == 0).all()


def test_a_damaged_hard_negatives_file_says_to_export_again(tmp_path: Path) -> None:
    """Only the program's export writes the file: exporting again replaces it, not fixing it by hand."""
    damaged = write_mask_set(tmp_path) / "hard_negatives.json"
    damaged.write_text("not json", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_index(tmp_path)
    assert str(raised.value).startswith(f"{damaged}: not a hard-negatives file as the export writes it (")
    assert str(raised.value).endswith(
        "; export the cases again (retina-review export FOLDER --format dataset --out DIR)")


def test_a_hard_negatives_file_cut_short_says_so_in_words(tmp_path: Path) -> None:
    """It said json's own "(Unterminated string starting at: line 1 column 2 (char 1))", in Chinese too."""
    damaged = write_mask_set(tmp_path) / "hard_negatives.json"
    damaged.write_text('{"IDRiD_01": [{"label', encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_index(tmp_path)
    assert f"writes it ({CUT_SHORT}); export" in str(raised.value)


def test_idrid_layout_with_one_folder_per_lesion(tmp_path: Path) -> None:
    image, bits = lesion_image(2)
    Image.fromarray(image).save(tmp_path / "IDRiD_01.jpg")
    for cls, folder in ((LesionClass.HE, "2. Haemorrhages"), (LesionClass.EX, "3. Hard Exudates")):
        (tmp_path / folder).mkdir()
        Image.fromarray(((bits & cls.bit) != 0).astype(np.uint8) * 255).save(
            tmp_path / folder / f"IDRiD_01_{cls.name}.tif")
    samples = index_folder(tmp_path)
    assert list(samples) == ["IDRiD_01"]  # the mask files are not taken for images
    assert np.array_equal(read_mask_bits(samples["IDRiD_01"], bits.shape), bits)


@pytest.mark.parametrize("layout", ["ddr", "fgadr", "e-ophtha"])
def test_public_lesion_sets_with_a_folder_per_class_give_masks(tmp_path: Path, layout: str) -> None:
    """DDR (label/EX/NAME.tif), FGADR (HardExudate_Masks/NAME.png) and e-ophtha (Annotation_EX/PATIENT/NAME.png)
    name a mask as its image: read as two images of one name before, the index refused the set."""
    image, bits = lesion_image(3)
    photo, folders = {"ddr": ("train/image/007-01.jpg", {LesionClass.HE: "train/label/HE", LesionClass.EX:
                                                         "train/label/EX"}),
                      "fgadr": ("Original_Images/007-01.png", {LesionClass.HE: "Hemohedge_Masks",
                                                               LesionClass.EX: "HardExudate_Masks"}),
                      "e-ophtha": ("EX/E01/007-01.jpg", {LesionClass.EX: "Annotation_EX/E01"})}[layout]
    (tmp_path / photo).parent.mkdir(parents=True)
    Image.fromarray(image).save(tmp_path / photo)
    for cls, folder in folders.items():
        (tmp_path / folder).mkdir(parents=True)
        mask = tmp_path / folder / ("007-01.tif" if layout == "ddr" else "007-01.png")
        Image.fromarray(((bits & cls.bit) != 0).astype(np.uint8) * 255).save(mask)
    samples = index_folder(tmp_path)
    assert list(samples) == ["007-01"]
    wanted = sum(cls.bit for cls in folders)
    assert np.array_equal(read_mask_bits(samples["007-01"], bits.shape), bits & wanted)


def test_a_clinics_right_eye_folder_is_no_optic_disc_mask(tmp_path: Path) -> None:
    """OD/P001.jpg beside OS/P001.jpg are two photos of one name (refused as such), not a photo and its disc."""
    for folder in ("OD", "OS"):
        (tmp_path / folder).mkdir()
        Image.fromarray(lesion_image(1)[0]).save(tmp_path / folder / "P001.jpg")
    with pytest.raises(DataError, match="a second image named 'P001'"):
        index_folder(tmp_path)


def test_masked_sample_targets_follow_the_painted_lesions(tmp_path: Path) -> None:
    sample = load_index(write_mask_set(tmp_path, count=3, with_splits=False)).samples["case01"]
    item = segmentation_item(sample, CARD)
    assert item.image.shape == (64, 64, 3) and item.labels.shape == (64, 64)
    assert not (item.labels == IGNORE).any() and set(np.unique(item.labels)) == {0, 1, 2}
    # exudates are yellow: the pixels labelled EX are the bright yellow ones of the prepared image
    exudate = item.labels == 2
    assert item.image[exudate][:, 2].mean() < 120 < item.image[exudate][:, 1].mean()


def test_voc_boxes_become_weak_targets(tmp_path: Path) -> None:
    index = load_index(write_voc_set(tmp_path, count=3), parse_label_map(IDRID_CODRAS_LABEL_MAP))
    sample = index.samples["img0"]
    assert {box.label for box in sample.boxes} == {LesionClass.HE, LesionClass.EX}
    item = segmentation_item(sample, CARD, "weak")
    uncertain = item.labels == IGNORE
    assert uncertain.any() and (item.labels[~uncertain] == 0).all()  # outside boxes: certain background
    assert set(np.unique(item.allowed[uncertain])) <= {0b010, 0b100, 0b110}  # HE and/or EX may be there
    assert (item.allowed[~uncertain] == 0).all()
    filled = segmentation_item(sample, CARD, "fill")
    assert not (filled.labels == IGNORE).any() and np.array_equal(filled.labels != 0, uncertain)


def test_unknown_voc_names_without_label_map_give_no_boxes(tmp_path: Path) -> None:
    sample = load_index(write_voc_set(tmp_path, count=1)).samples["img0"]
    assert sample.boxes == []


def test_grades_csv_and_class_folders_give_labels(tmp_path: Path) -> None:
    grades = load_index(write_grade_set(tmp_path / "g", count=4))
    assert [grade_label(grades.samples[f"g{i}"], "dr-grade", list("01234")) for i in range(4)] == [0, 2, 0, 2]
    assert grade_label(grades.samples["g1"], "referable", ["no", "yes"]) == 1
    classes = ["CNV", "DME", "DRUSEN", "NORMAL"]
    oct_index = load_index(write_class_folders(tmp_path / "o", per_class=3), class_names=classes)
    assert grade_label(oct_index.samples["DRUSEN-1020-1"], "oct", classes) == 2
    # the seeded split keeps a patient's scans together and covers every image once
    assert sorted(n for names in oct_index.splits.values() for n in names) == sorted(oct_index.samples)


@pytest.mark.parametrize("file, header, rows", [
    ("trainLabels.csv", "image,level", ["p0,0", "p1,3", "p2,4"]),  # EyePACS (Kaggle 2015)
    ("train.csv", "id_code,diagnosis", ["p0,0", "p1,3", "p2,4"]),  # APTOS 2019
    ("messidor_data.csv", "image_id,adjudicated_dr_grade,adjudicated_dme,adjudicated_gradable",
     ["p0.png,0,1,1", "p1.png,3,1,1", "p2.png,4,0,1", "p3.png,,,0"]),  # Messidor-2 (p3 ungradable; p0 DME)
    ("DR_Seg_Grading_Label.csv", "p0.png,0", ["p1.png,3", "p2.png,4"]),  # FGADR's Seg-set: no header at all
])
def test_public_grading_sets_labels_are_read_as_idrids(tmp_path: Path, file: str, header: str, rows: list) -> None:
    """Training a grading model on a public set's own label file: the index read only IDRiD's column names."""
    for i in range(4):
        Image.fromarray(lesion_image(i)[0]).save(tmp_path / f"p{i}.png")
    (tmp_path / file).write_text("\n".join([header, *rows]) + "\n")
    placeholder = ",".join(header.split(",")[:2]) + "\n" + "".join(f"t{i},0\n" for i in range(2))
    for name in ("sample_submission.csv", "sampleSubmission.csv"):  # Kaggle's: every test photo grade 0
        (tmp_path / name).write_text(placeholder)
    for i in range(2):
        Image.fromarray(lesion_image(i)[0]).save(tmp_path / f"t{i}.png")
    index = load_index(tmp_path)
    assert grade_label(index.samples["t0"], "dr-grade", list("01234")) is None
    assert [grade_label(index.samples[f"p{i}"], "dr-grade", list("01234")) for i in range(4)] == [0, 3, 4, None]
    assert grade_label(index.samples["p1"], "referable", ["no", "yes"]) == 1
    # Messidor-2's DME refers a grade-0 eye; the others have no DME column
    assert grade_label(index.samples["p0"], "referable", ["no", "yes"]) == int(file == "messidor_data.csv")


def test_published_test_folders_are_kept_as_the_test_split(tmp_path: Path) -> None:
    for folder, count in (("a. Training Set", 6), ("b. Testing Set", 2)):
        (tmp_path / folder).mkdir()
        for i in range(count):
            Image.fromarray(lesion_image(i)[0]).save(tmp_path / folder / f"{folder[0]}{i}.png")
    (tmp_path / "contest photos").mkdir()  # "contest" is no test folder
    Image.fromarray(lesion_image(9)[0]).save(tmp_path / "contest photos" / "c0.png")
    index = load_index(tmp_path)
    assert sorted(index.splits["test"]) == ["b0", "b1"]
    assert sorted(index.splits["train"] + index.splits["val"]) == ["a0", "a1", "a2", "a3", "a4", "a5", "c0"]
    assert index.split_source.startswith("test from folder names")


def test_seeded_split_is_reproducible(tmp_path: Path) -> None:
    write_voc_set(tmp_path, count=5)
    assert load_index(tmp_path, seed=3).splits == load_index(tmp_path, seed=3).splits


def test_missing_or_empty_folder_names_it(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not a folder"):
        index_folder(tmp_path / "absent")
    with pytest.raises(DataError, match="no images"):
        index_folder(tmp_path)


def test_a_split_list_saved_with_a_byte_order_mark_keeps_its_first_name(tmp_path: Path) -> None:
    root = write_mask_set(tmp_path, count=3)
    (root / "splits" / "val.txt").write_text("case01\n", encoding="utf-8-sig")  # Windows Notepad's UTF-8
    assert load_index(root).splits["val"] == ["case01"]


def test_a_split_list_that_is_not_utf8_or_cannot_be_read_is_named_with_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_mask_set(tmp_path, count=3)
    val = root / "splits" / "val.txt"
    val.write_bytes("case01\n".encode("utf-16"))  # Notepad's "Unicode"
    with pytest.raises(DataError, match=rf"^{re.escape(str(val))}: not a split list in UTF-8 text \(.+\); save it as "
                                        "UTF-8 text, one image name a line$"):
        load_index(root)
    val.write_text("case01\n", encoding="utf-8")
    real_open = os.open

    def unreadable(path: str | os.PathLike, *args: object) -> int:
        if Path(path) == val:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args)
    monkeypatch.setattr(os, "open", unreadable)
    with pytest.raises(DataError, match=rf"^{re.escape(str(val))}: cannot read the file \(permission denied\)"):
        load_index(root)


def _write_class_masks(folders: dict[LesionClass, Path], stem: str, bits: np.ndarray, suffix: str) -> None:
    for cls, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(((bits & cls.bit) != 0).astype(np.uint8) * 255).save(folder / f"{stem}_{cls.name}{suffix}")


def overlapping_bits(image_shape: tuple[int, int]) -> np.ndarray:
    """An MA inside an HE (classes overlap: multi-label masks), an EX, and a disc."""
    bits = np.zeros(image_shape, np.uint8)
    bits[20:30, 20:30] |= LesionClass.HE.bit
    bits[24:26, 24:26] |= LesionClass.MA.bit
    bits[40:46, 60:66] |= LesionClass.EX.bit
    bits[10:22, 70:82] |= LesionClass.OD.bit
    return bits


def test_the_official_idrid_layout_reads_every_class_and_keeps_its_testing_set_apart(tmp_path: Path) -> None:
    root = tmp_path / "A. Segmentation"
    truth = root / "2. All Segmentation Groundtruths"
    folders = {LesionClass.MA: "1. Microaneurysms", LesionClass.HE: "2. Haemorrhages",
               LesionClass.EX: "3. Hard Exudates", LesionClass.SE: "4. Soft Exudates", LesionClass.OD: "5. Optic Disc"}
    expected = {}
    for split, numbers in (("a. Training Set", range(1, 5)), ("b. Testing Set", range(55, 57))):
        for number in numbers:
            stem = f"IDRiD_{number:02d}"
            image, _ = lesion_image(number)
            (root / "1. Original Images" / split).mkdir(parents=True, exist_ok=True)
            Image.fromarray(image).save(root / "1. Original Images" / split / f"{stem}.jpg")
            expected[stem] = overlapping_bits(image.shape[:2])
            _write_class_masks({cls: truth / split / name for cls, name in folders.items()}, stem, expected[stem],
                               ".tif")
    index = load_index(root)
    assert sorted(index.splits["test"]) == ["IDRiD_55", "IDRiD_56"]
    assert len(index.splits["train"]) + len(index.splits["val"]) == 4
    for stem, bits in expected.items():
        sample = index.samples[stem]
        assert set(sample.mask_files) == set(folders)
        assert np.array_equal(read_mask_bits(sample, bits.shape), bits), "every class, overlaps kept"


def test_the_idrid_seg_layout_with_a_splits_folder_gives_a_disc_channel_and_smallest_lesion_wins(
        tmp_path: Path) -> None:
    from inference.training.card import segmentation_classes

    for number in (1, 2, 3):
        stem = f"IDRiD_{number:02d}"
        image, _ = lesion_image(number)
        (tmp_path / "images").mkdir(exist_ok=True)
        Image.fromarray(image).save(tmp_path / "images" / f"{stem}.jpg")
        _write_class_masks({cls: tmp_path / "masks" for cls in LesionClass}, stem,
                           overlapping_bits(image.shape[:2]), ".png")
    splits = tmp_path / "my-splits"
    splits.mkdir()
    for name, names in (("train", "IDRiD_01\nIDRiD_02\n"), ("val", "IDRiD_03\n"), ("test", "")):
        (splits / f"{name}.txt").write_text(names)
    index = load_index(tmp_path, splits_dir=splits)
    assert [s.name for s in index.split("val")] == ["IDRiD_03"]
    assert segmentation_classes(index.split("train")) == ["MA", "HE", "EX", "SE", "OD"]
    card = ModelCard(name="t", task="lesion-segmentation", architecture="unet", encoder="resnet18",
                     classes=[BACKGROUND, "MA", "HE", "EX", "SE", "OD"], input_size=(96, 96),
                     preprocessing=replace(CARD.preprocessing, crop_fov=False))
    item = segmentation_item(index.samples["IDRiD_01"], card)
    assert {int(v) for v in np.unique(item.labels)} == {0, 1, 2, 3, 5}
    assert np.count_nonzero(item.labels == 1), "the microaneurysm inside the haemorrhage stays MA"


def test_a_voc_box_folder_holds_out_what_evaluate_boxes_holds_out(tmp_path: Path) -> None:
    """One held-out rule: `train` and `evaluate` never score on images that `evaluate boxes` calls held out
    differently (CODRAS-like folder: no splits/, no test folder)."""
    from inference.box_pairs import held_out_ids

    root = write_voc_set(tmp_path / "voc-set", count=11)
    index = load_index(root, parse_label_map(IDRID_CODRAS_LABEL_MAP))
    assert sorted(index.splits["test"]) == sorted(held_out_ids(root)) == ["img0", "img10", "img5"]
    assert sorted(index.splits["train"] + index.splits["val"]) == sorted(f"img{i}" for i in range(11) if i % 5)
    assert "divisible by 5" in index.split_source


def test_idrids_grading_set_numbers_its_test_photos_as_its_training_ones(tmp_path: Path) -> None:
    """IDRiD_001 is a training and a test photo of the grading set, each graded in its own CSV: the index refused the
    set ("a second image"), and one CSV's grades would have overwritten the other's."""
    root = tmp_path / "B. Disease Grading"
    for folder, csv_name, grade in (("a. Training Set", "a. IDRiD_Disease Grading_Training Labels.csv", 1),
                                    ("b. Testing Set", "b. IDRiD_Disease Grading_Testing Labels.csv", 4)):
        (root / "1. Original Images" / folder).mkdir(parents=True)
        for i in (1, 2):
            Image.fromarray(lesion_image(i)[0]).save(root / "1. Original Images" / folder / f"IDRiD_00{i}.jpg")
        (root / "2. Groundtruths").mkdir(exist_ok=True)
        rows = "".join(f"IDRiD_00{i},{grade},0\n" for i in (1, 2))
        (root / "2. Groundtruths" / csv_name).write_text("Image name,Retinopathy grade,Risk of macular edema \n" + rows)
    index = load_index(root)
    assert sorted(index.splits["test"]) == ["IDRiD_001_test", "IDRiD_002_test"]
    assert [grade_label(index.samples[name], "dr-grade", list("01234")) for name in ("IDRiD_001", "IDRiD_001_test")] \
        == [1, 4]


def test_fgadrs_irma_and_new_vessel_masks_are_neither_masks_nor_photos(tmp_path: Path) -> None:
    image, bits = lesion_image(4)
    for folder in ("Original_Images", "HardExudate_Masks", "IRMA_Masks", "Neovascularization_Masks"):
        (tmp_path / folder).mkdir()
        Image.fromarray(image if folder == "Original_Images" else ((bits & LesionClass.EX.bit) != 0).astype(
            np.uint8) * 255).save(tmp_path / folder / "0001.png")
    samples = index_folder(tmp_path)
    assert list(samples) == ["0001"] and list(samples["0001"].mask_files) == [LesionClass.EX]


def test_published_validation_folders_are_the_val_split_beside_a_test_folder(tmp_path: Path) -> None:
    """DDR's train/valid/test: its own validation photos, not a seeded draw of the training ones."""
    for folder, count in (("train", 4), ("valid", 2), ("test", 2), ("invalid", 1)):  # "invalid" is no val folder
        (tmp_path / folder).mkdir()
        for i in range(count):
            Image.fromarray(lesion_image(i)[0]).save(tmp_path / folder / f"{folder[:2]}{i}.png")
    index = load_index(tmp_path)
    assert index.splits == {"train": ["in0", "tr0", "tr1", "tr2", "tr3"], "val": ["va0", "va1"], "test": ["te0", "te1"]}
    assert index.split_source == "test from folder names, val from folder names"


def test_e_ophthas_patient_folders_keep_a_patients_photos_in_one_split(tmp_path: Path) -> None:
    for patient in range(6):
        folder = tmp_path / "EX" / f"E000040{patient}"
        folder.mkdir(parents=True)
        for photo in range(3):
            Image.fromarray(lesion_image(photo)[0]).save(folder / f"C{patient}{photo}.jpg")
    index = load_index(tmp_path)
    side = {name: split for split, names in index.splits.items() for name in names}
    assert all(len({side[f"C{patient}{photo}"] for photo in range(3)}) == 1 for patient in range(6))


def _photo(path: Path, seed: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(lesion_image(seed)[0]).save(path)


def _mask(path: Path, bits: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(bits.astype(np.uint8) * 255).save(path)


def test_a_test_photo_named_as_a_training_photo_takes_only_its_own_sides_labels(tmp_path: Path) -> None:
    """Each of the two keeps the grades, masks and boxes of its side: the test photo took the training photo's grade
    where its own CSV had none, and the training photo the test photo's masks and boxes."""
    _photo(tmp_path / "train" / "X.png")
    _photo(tmp_path / "test" / "X.png", 1)
    bits = lesion_image(0)[1] != 0
    _mask(tmp_path / "train" / "X_EX.png", bits)
    _mask(tmp_path / "test" / "X_HE.png", bits)
    (tmp_path / "test" / "X.xml").write_text("<annotation><size><width>272</width><height>256</height></size>"
                                             "<object><name>EX</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax>"
                                             "<ymax>9</ymax></bndbox></object></annotation>")
    (tmp_path / "grades.csv").write_text("Image name,Retinopathy grade\nX,2\n")  # no test side in its name
    samples = index_folder(tmp_path)
    assert list(samples["X"].mask_files) == [LesionClass.EX] and list(samples["X_test"].mask_files) == [LesionClass.HE]
    assert samples["X"].voc is None and samples["X_test"].voc == tmp_path / "test" / "X.xml"
    assert samples["X"].grade.dr_grade == 2 and samples["X_test"].grade is None


def test_a_twin_whose_name_another_photo_has_is_refused(tmp_path: Path) -> None:
    for path in ("train/X.png", "test/X.png", "train/X_test.png"):
        _photo(tmp_path / path)
    with pytest.raises(DataError, match="a second image named 'X_test'"):
        index_folder(tmp_path)


def test_a_clinics_folder_named_for_a_class_holds_photos(tmp_path: Path) -> None:
    """A class's short name (DDR's label/EX/) counts only in a folder of labels or masks: MA/P001.jpg beside
    OS/P001.jpg are two photos of one name, not a photo and its microaneurysm mask."""
    _photo(tmp_path / "MA" / "P001.jpg")
    _photo(tmp_path / "OS" / "P001.jpg")
    with pytest.raises(DataError, match="a second image named 'P001'"):
        index_folder(tmp_path)


def test_a_csv_with_one_column_of_a_public_pair_is_no_grades_file(tmp_path: Path) -> None:
    """A clinic's notes (image, diagnosis in words) stopped the index with a grade error: only a set's own pair of
    columns (image and level; id_code and diagnosis; image_id and adjudicated_dr_grade) makes a grades file."""
    _photo(tmp_path / "a.png")
    (tmp_path / "notes.csv").write_text("image,diagnosis\na,moderate NPDR\n")
    assert index_folder(tmp_path)["a"].grade is None


def test_a_val_folder_is_the_validation_split_only_beside_a_published_test_folder(tmp_path: Path) -> None:
    for name in ("c0005", "c0006", "c0007", "c0008"):  # CODRAS-style: the test split is every fifth photo
        _photo(tmp_path / "val" / f"{name}.png")
        (tmp_path / "val" / f"{name}.xml").write_text("<annotation><size><width>272</width><height>256</height>"
                                                      "</size></annotation>")
    index = load_index(tmp_path)
    assert index.splits["test"] == ["c0005"] and "val from folder names" not in index.split_source


def test_a_headerless_grades_file_is_read_whole_and_a_header_alike_is_still_a_header(tmp_path: Path) -> None:
    """FGADR's grades have no header: its first photo's grade was taken for column names and the file refused."""
    from annotations.formats.grades_csv import read_grades_csv

    (tmp_path / "fgadr.csv").write_text("0001_2.png,3\n0002_2.png,0\n")
    assert {name: grade.dr_grade for name, grade in read_grades_csv(tmp_path / "fgadr.csv").items()} == {
        "0001_2.png": 3, "0002_2.png": 0}
    (tmp_path / "idrid.csv").write_text("Image name,Retinopathy grade\nIDRiD_01,2\n")
    assert read_grades_csv(tmp_path / "idrid.csv")["IDRiD_01"].dr_grade == 2
