"""`import --format indexed|masks` with the photos' folder as --from: photos are never read as labels; each is
skipped by name, and the label files beside them still come in."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats import FormatError
from annotations.formats.masks import (NotALabelImage, read_class_mask, read_indexed_png, write_class_masks,
                                      write_indexed_png)
from annotations.workspace import Workspace
from app.cli import main

SHAPE = (24, 40)


def photo(path: Path, grey: bool = False, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    Image.fromarray(rng.integers(0, 256, SHAPE if grey else SHAPE + (3,), dtype=np.uint8)).save(path)


def masks_by_image(folder: Path) -> dict[str, np.ndarray]:
    with Workspace.open(folder) as ws:
        return {c.image_path: ws.load_case(c.case_id).mask for c in ws.cases() if c.saved}


def test_indexed_from_the_photo_folder_skips_the_photos_by_name(tmp_path: Path, capsys) -> None:
    photo(tmp_path / "colour.png")
    photo(tmp_path / "grey.png", grey=True)  # greyscale: only its values tell it from a label image
    photo(tmp_path / "labelled.jpg")
    label = np.zeros(SHAPE, np.uint8)
    label[2:5, 3:9] = LesionClass.EX.bit
    write_indexed_png(tmp_path / "labelled.png", label)  # beside its photo
    assert main(["import", str(tmp_path), "--from", str(tmp_path), "--format", "indexed"]) == 0
    out = capsys.readouterr().out
    assert "skipped 2 image(s) that are no label images" in out and "'colour.png', 'grey.png'" in out
    assert "indexed mask has" not in out  # not reported as broken label files
    found = masks_by_image(tmp_path)
    assert "colour.png" not in found and "grey.png" not in found
    np.testing.assert_array_equal(found["labelled.jpg"], label)


def test_a_photo_does_not_hide_the_label_file_of_its_name(tmp_path: Path, capsys) -> None:
    """The photo p1.png sits where its label file would (--from the photos' folder): the label in a sub-folder,
    the only label image of that stem, is the one read."""
    photo(tmp_path / "p1.png")
    label = np.zeros(SHAPE, np.uint8)
    label[0:3, 0:3] = LesionClass.MA.bit
    (tmp_path / "labels").mkdir()
    write_indexed_png(tmp_path / "labels" / "p1.png", label)
    assert main(["import", str(tmp_path), "--from", str(tmp_path), "--format", "indexed"]) == 0
    assert "skipped 1 image(s) that are no label images (a photo, or values that are no class number): 'p1.png'" \
        in capsys.readouterr().out
    np.testing.assert_array_equal(masks_by_image(tmp_path)["p1.png"], label)


def test_masks_skip_a_photo_named_like_a_class_mask(tmp_path: Path, capsys) -> None:
    """A right-eye photo named eye_OD.png beside eye.png's masks is no optic disc mask; the real masks come in."""
    photo(tmp_path / "eye.png")
    photo(tmp_path / "eye_OD.png", seed=1)
    bits = np.zeros(SHAPE, np.uint8)
    bits[4:8, 4:8] = LesionClass.HE.bit
    (tmp_path / "masks").mkdir()
    write_class_masks(tmp_path / "masks", "eye", bits)
    for name in ("eye_MA.png", "eye_HE.png"):
        (tmp_path / name).write_bytes((tmp_path / "masks" / name).read_bytes())
    assert main(["import", str(tmp_path), "--from", str(tmp_path), "--format", "masks"]) == 0
    out = capsys.readouterr().out
    assert "skipped 1 image(s) that are no label images (a photo, or values that are no class number): 'eye_OD.png'" \
        in out and "matched no image" not in out  # the photos are no unmatched label files either
    np.testing.assert_array_equal(masks_by_image(tmp_path)["eye.png"], bits)


def test_class_masks_named_for_no_photo_are_counted_as_the_other_formats_count_theirs(tmp_path: Path,
                                                                                      capsys) -> None:
    """IDRiD's masks folder holds 17 photos' masks; imported into a folder of 3 of them, the other 14 sets came to
    nothing without a word, where a VOC or YOLO import says which label files matched no image."""
    photos, labels = tmp_path / "photos", tmp_path / "labels"
    photos.mkdir()
    labels.mkdir()
    photo(photos / "eye.png")
    bits = np.zeros(SHAPE, np.uint8)
    bits[4:8, 4:8] = LesionClass.HE.bit | LesionClass.EX.bit
    for stem in ("eye", "other", "third"):
        write_class_masks(labels, stem, bits)  # MA, HE, EX, SE each
    assert main(["import", str(photos), "--from", str(labels), "--format", "masks"]) == 0
    assert "8 label file(s) matched no image, e.g. other_EX.png" in capsys.readouterr().out
    np.testing.assert_array_equal(masks_by_image(photos)["eye.png"], bits)


def test_a_class_mask_of_more_than_one_colour_is_no_label_image(tmp_path: Path) -> None:
    two_colours = np.zeros(SHAPE + (3,), np.uint8)
    two_colours[0, 0] = (255, 0, 0)
    two_colours[1, 1] = (0, 255, 0)
    Image.fromarray(two_colours).save(tmp_path / "x_MA.png")
    with pytest.raises(NotALabelImage, match="looks like a photo, not a class mask.*move it out of the labels folder"):
        read_class_mask(tmp_path / "x_MA.png", SHAPE)
    two_colours[1, 1] = (255, 0, 0)  # red on black, as IDRiD's TIFFs
    Image.fromarray(two_colours).save(tmp_path / "x_MA.png")
    assert read_class_mask(tmp_path / "x_MA.png", SHAPE).sum() == 2


def test_shades_of_one_colour_are_a_mask_not_a_photo(tmp_path: Path) -> None:
    """An anti-aliased edge (255 with some 128) or a 0/1/2 tool export: every non-black pixel is the class."""
    anti_aliased = np.zeros(SHAPE, np.uint8)
    anti_aliased[5:10, 5:10] = 255
    anti_aliased[4, 5:10] = 128
    graded = np.zeros(SHAPE, np.uint8)
    graded[0:2, 0:2] = 1
    graded[20:22, 30:32] = 2
    dark_red = np.zeros(SHAPE + (3,), np.uint8)
    dark_red[3, 3:6] = (255, 0, 0)
    dark_red[4, 3:6] = (120, 0, 0)
    for name, data in (("a_EX.png", anti_aliased), ("b_HE.png", graded), ("c_MA.png", dark_red)):
        Image.fromarray(data).save(tmp_path / name)
        expected = data.any(axis=2) if data.ndim == 3 else data != 0
        np.testing.assert_array_equal(read_class_mask(tmp_path / name, SHAPE), expected)


def test_a_grey_photo_is_still_no_class_mask(tmp_path: Path) -> None:
    photo(tmp_path / "x_EX.png", grey=True)
    with pytest.raises(NotALabelImage):
        read_class_mask(tmp_path / "x_EX.png", SHAPE)


def test_an_indexed_label_with_an_ignore_value_is_named_not_skipped_as_a_photo(tmp_path: Path, capsys) -> None:
    photo(tmp_path / "eye.jpg")
    label = np.zeros(SHAPE, np.uint8)
    label[2:5, 3:9] = LesionClass.EX.value
    label[0, :] = 255  # "ignore"
    (tmp_path / "labels").mkdir()
    Image.fromarray(label).save(tmp_path / "labels" / "eye.png")
    with pytest.raises(FormatError, match=r"values \[255\]") as raised:
        read_indexed_png(tmp_path / "labels" / "eye.png", SHAPE)
    assert not isinstance(raised.value, NotALabelImage)
    assert main(["import", str(tmp_path), "--from", str(tmp_path / "labels"), "--format", "indexed"]) == 2
    out = capsys.readouterr().out
    assert "indexed mask has values [255]" in out and "no label images" not in out


def test_a_grey_photo_among_the_label_files_is_skipped_not_reported_broken(tmp_path: Path, capsys) -> None:
    """Only reading it tells a greyscale photo from a label image: it joins the photos skipped by name (under the
    import folder), and is not named as a label file that cannot be read."""
    (tmp_path / "photos").mkdir()
    photo(tmp_path / "photos" / "eye.jpg")
    (tmp_path / "labels" / "sub").mkdir(parents=True)
    photo(tmp_path / "labels" / "sub" / "eye.png", grey=True)
    assert main(["import", str(tmp_path), "--from", str(tmp_path / "labels"), "--format", "indexed"]) == 2
    warnings = [line.strip().removeprefix("warning: ") for line in capsys.readouterr().out.splitlines()]
    assert any("no label images" in line and line.endswith("'sub/eye.png'") for line in warnings)
    assert not any(line.startswith("sub/eye.png:") for line in warnings)
