"""Per-class mask files (PNG and TIFF, IDRiD naming) and the indexed PNG."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import ALL_CLASSES, LESION_CLASSES, LesionClass
from annotations.formats import FormatError
from annotations.formats.masks import (
    OVERLAP_BASE,
    class_mask_files,
    indexed_png_bytes,
    read_class_masks,
    read_indexed_png,
    write_class_masks,
    write_indexed_png,
)
from annotations.render import palette

MA, HE, EX, SE, OD = (LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE, LesionClass.OD)


def random_bits(shape=(37, 53), seed=0, classes=ALL_CLASSES) -> np.ndarray:
    rng = np.random.default_rng(seed)
    bits = np.zeros(shape, np.uint8)
    for cls in classes:
        bits |= (rng.random(shape) < 0.2).astype(np.uint8) * np.uint8(cls.bit)
    return bits


@pytest.mark.parametrize("ext", [".png", ".tif"])
def test_class_masks_round_trip_with_overlaps(tmp_path: Path, ext: str) -> None:
    bits = random_bits()
    assert np.any(((bits & HE.bit) != 0) & ((bits & EX.bit) != 0))  # overlaps exist and must survive
    written = write_class_masks(tmp_path, "IDRiD_01", bits, ext)
    assert [p.name for p in written] == [f"IDRiD_01_{c.name}{ext}" for c in ALL_CLASSES]
    with Image.open(written[0]) as image:
        assert image.mode == "L" and set(np.unique(np.asarray(image))) <= {0, 255}
    np.testing.assert_array_equal(read_class_masks(tmp_path, "IDRiD_01", bits.shape), bits)


def test_empty_lesion_classes_written_but_empty_optic_disc_not(tmp_path: Path) -> None:
    bits = random_bits(classes=(HE,))
    write_class_masks(tmp_path, "case", bits)
    assert sorted(class_mask_files(tmp_path, "case")) == list(LESION_CLASSES)
    np.testing.assert_array_equal(read_class_masks(tmp_path, "case", bits.shape), bits)


def test_reads_idrid_style_rgb_tiffs_and_missing_classes(tmp_path: Path) -> None:
    """IDRiD's ground truth is RGB TIFF with lesions in red, and not every class has a file."""
    bits = random_bits(classes=(MA, EX))
    for cls in (MA, EX):
        rgb = np.zeros(bits.shape + (3,), np.uint8)
        rgb[..., 0] = ((bits & cls.bit) != 0) * 255
        Image.fromarray(rgb).save(tmp_path / f"IDRiD_07_{cls.name}.tif")
    np.testing.assert_array_equal(read_class_masks(tmp_path, "IDRiD_07", bits.shape), bits)


def test_wrong_size_mask_names_file_and_both_sizes(tmp_path: Path) -> None:
    write_class_masks(tmp_path, "x", np.zeros((10, 20), np.uint8))
    with pytest.raises(FormatError) as info:
        read_class_masks(tmp_path, "x", (11, 20))
    assert info.value.path == str(tmp_path / "x_MA.png")
    assert "mask is 20x10 but the image is 20x11" in str(info.value)


def test_unreadable_mask_raises_format_error(tmp_path: Path) -> None:
    (tmp_path / "x_HE.png").write_bytes(b"not a png")
    with pytest.raises(FormatError, match="x_HE.png: not a readable mask image") as info:
        read_class_masks(tmp_path, "x", (4, 4))
    assert str(info.value).endswith("(unknown or damaged format)")  # not Pillow's words naming its file object


def test_indexed_png_uses_render_palette_and_round_trips_without_overlaps(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    values = rng.integers(0, 6, size=(29, 31))
    bits = np.zeros(values.shape, np.uint8)
    for cls in ALL_CLASSES:
        bits[values == cls.value] = cls.bit
    path = tmp_path / "case.png"
    write_indexed_png(path, bits)
    with Image.open(path) as image:
        assert image.mode == "P"
        assert image.getpalette()[: 3 * 6] == palette()[: 3 * 6]
        np.testing.assert_array_equal(np.asarray(image), values)  # index = LesionClass value
    np.testing.assert_array_equal(read_indexed_png(path, values.shape), bits)


def test_indexed_png_overlaps_smaller_lesion_wins(tmp_path: Path) -> None:
    pairs = [(MA, HE), (HE, EX), (EX, SE), (SE, OD), (MA, OD)]  # (winner, loser)
    bits = np.zeros((1, len(pairs)), np.uint8)
    for column, (winner, loser) in enumerate(pairs):
        bits[0, column] = winner.bit | loser.bit
    write_indexed_png(tmp_path / "o.png", bits)
    back = read_indexed_png(tmp_path / "o.png")
    assert back[0].tolist() == [winner.bit for winner, _ in pairs]


def test_indexed_png_keeping_overlaps_round_trips_every_combination_in_the_winners_colour(tmp_path: Path) -> None:
    bits = random_bits((41, 43), seed=5)
    assert len(np.unique(bits)) > 20  # most of the 31 class combinations occur
    path = tmp_path / "analysis_mask.png"
    path.write_bytes(indexed_png_bytes(bits, keep_overlaps=True))
    np.testing.assert_array_equal(read_indexed_png(path, bits.shape), bits)
    with Image.open(path) as image:
        index, colours = np.asarray(image), image.getpalette()
    single = np.isin(bits, [cls.bit for cls in ALL_CLASSES])
    plain = np.zeros_like(bits)
    for cls in ALL_CLASSES:
        plain[bits == cls.bit] = cls.value
    np.testing.assert_array_equal(index[single], plain[single])  # one class: the plain class number
    overlap = bits == (MA.bit | OD.bit)
    assert (index[overlap] == OVERLAP_BASE + (MA.bit | OD.bit)).all()
    value = OVERLAP_BASE + (MA.bit | OD.bit)
    assert colours[3 * value:3 * value + 3] == palette()[3 * MA.value:3 * MA.value + 3]  # drawn as MA, who wins


def test_indexed_png_refuses_values_that_are_no_class(tmp_path: Path) -> None:
    Image.fromarray(np.array([[0, 1, 9]], np.uint8)).save(tmp_path / "bad.png")
    with pytest.raises(FormatError, match=r"values \[9\]"):
        read_indexed_png(tmp_path / "bad.png")
    Image.fromarray(np.zeros((2, 2, 3), np.uint8)).save(tmp_path / "rgb.png")
    with pytest.raises(FormatError, match="mode RGB"):
        read_indexed_png(tmp_path / "rgb.png")
    with pytest.raises(FormatError, match="mask is 3x1 but the image is 3x2"):
        read_indexed_png(tmp_path / "bad.png", (2, 3))


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=".jpg"):
        write_class_masks(tmp_path, "x", np.zeros((2, 2), np.uint8), ".jpg")


@pytest.mark.parametrize("mode, pixels", [
    ("LA", lambda drawn: [np.where(drawn, 255, 0), np.full(drawn.shape, 255)]),  # grey with an opaque alpha (GIMP)
    ("RGBA", lambda drawn: [np.full(drawn.shape, 255)] * 3 + [np.where(drawn, 255, 0)]),  # white, drawn in alpha
    ("RGBA", lambda drawn: [np.where(drawn, 255, 0)] * 3 + [np.full(drawn.shape, 255)]),  # opaque, drawn in white
])
def test_a_mask_with_an_alpha_band_is_the_opaque_non_black_pixels(tmp_path: Path, mode: str, pixels) -> None:
    """A transparent pixel is not the class, whatever colour it keeps; an opaque alpha marks no pixel by itself. A
    grey mask with alpha (LA) was refused as a photo, and a white layer drawn in its alpha was the class everywhere."""
    drawn = np.zeros((20, 30), bool)
    drawn[4:9, 6:17] = True
    Image.fromarray(np.dstack(pixels(drawn)).astype(np.uint8), mode).save(tmp_path / "img_EX.png")
    np.testing.assert_array_equal(read_class_masks(tmp_path, "img", (20, 30)), np.where(drawn, EX.bit, 0))
