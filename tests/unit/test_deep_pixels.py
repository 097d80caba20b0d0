"""16-bit and float images shown, analysed and thumbnailed as the device meant (deep_pixels): a 12-bit export in a
16-bit file, a float TIFF in 0-1, 16-bit colour, single pages and TIFF volumes, made from real photos and B-scans."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import pytest
from PIL import Image

from annotations.deep_pixels import full_scale
from annotations.document import Modality
from annotations.image_io import load_image
from annotations.modality import file_modality
from annotations.previews import read_thumbnail
from annotations.tiff_volume import volume_pages
from inference.preprocess import find_fov
from inference.quality import assess_quality

# the same 8-bit picture as each kind of file holds it
GREY_KINDS: dict[str, tuple[str, Callable[[np.ndarray], np.ndarray]]] = {
    "12-bit in 16 (TIFF)": (".tif", lambda grey: grey.astype(np.uint16) * 16),
    "12-bit in 16 (PNG)": (".png", lambda grey: grey.astype(np.uint16) * 16),
    "16-bit": (".tif", lambda grey: grey.astype(np.uint16) * 257),
    "float 0-1": (".tif", lambda grey: grey.astype(np.float32) / 255),
    "float 0-255": (".tif", lambda grey: grey.astype(np.float32)),
    "32-bit integer, 12-bit data": (".tif", lambda grey: grey.astype(np.int32) * 16),
}


def _photo(shared_data: Path) -> np.ndarray:
    return np.asarray(Image.open(shared_data / "codras-idrid" / "images" / "codras_0001.jpg").convert("RGB"))


def _scan(shared_data: Path) -> np.ndarray:
    return np.asarray(Image.open(sorted((shared_data / "oct-sample" / "DME").glob("*.jpeg"))[0]).convert("L"))


def _grey_file(path: Path, grey: np.ndarray, kind: str) -> Path:
    suffix, deepen = GREY_KINDS[kind]
    Image.fromarray(deepen(grey)).save(path.with_suffix(suffix))
    return path.with_suffix(suffix)


def _near(loaded: np.ndarray, expected: np.ndarray) -> bool:
    """Equal but for rounding (255 levels in 4095 do not fall on whole 8-bit levels)."""
    return loaded.shape == expected.shape and int(np.abs(loaded.astype(int) - expected).max()) <= 1


@pytest.mark.parametrize("kind", GREY_KINDS)
@pytest.mark.parametrize("picture", ["fundus photo", "B-scan"])
def test_a_deep_grey_file_shows_as_its_8_bit_self(shared_data: Path, tmp_path: Path, kind: str,
                                                   picture: str) -> None:
    grey = np.asarray(Image.fromarray(_photo(shared_data)).convert("L")) if picture == "fundus photo" \
        else _scan(shared_data)
    path = _grey_file(tmp_path / "deep", grey, kind)
    expected = np.repeat(grey[..., None], 3, axis=2)
    assert _near(load_image(path), expected)
    assert np.array_equal(read_thumbnail(path), _shrunk(load_image(path)))  # the case list's picture is the canvas's


@pytest.mark.parametrize("suffix,options", [(".png", []), (".tif", [cv2.IMWRITE_TIFF_COMPRESSION, 1]),
                                            (".tif", [cv2.IMWRITE_TIFF_COMPRESSION, 5])], ids=["PNG", "TIFF", "LZW"])
@pytest.mark.parametrize("bits", [12, 16])
def test_16_bit_colour_keeps_the_low_byte_of_each_channel(shared_data: Path, tmp_path: Path, suffix: str,
                                                          options: list[int], bits: int) -> None:
    """Pillow keeps the high byte alone: 12-bit data would show in 16 levels, black."""
    photo = _photo(shared_data)
    path = tmp_path / f"colour{suffix}"
    cv2.imwrite(str(path), photo[..., ::-1].astype(np.uint16) * (16 if bits == 12 else 257), options)
    assert _near(load_image(path), photo)
    assert np.array_equal(read_thumbnail(path), _shrunk(load_image(path)))


@pytest.mark.parametrize("kind", ["12-bit in 16 (TIFF)", "float 0-1"])
def test_each_b_scan_of_a_deep_tiff_volume_shows_as_its_8_bit_self(shared_data: Path, tmp_path: Path,
                                                                   kind: str) -> None:
    scans = [np.roll(_scan(shared_data), 40 * page, axis=1) for page in range(3)]
    deepen = GREY_KINDS[kind][1]
    path = tmp_path / "vol.tif"
    pages = [Image.fromarray(deepen(scan)) for scan in scans]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    assert volume_pages(Image.open(path), path) == 3
    for number, scan in enumerate(scans, start=1):
        expected = np.repeat(scan[..., None], 3, axis=2)
        page = load_image(f"{path}#frame={number}")
        assert _near(page, expected)
        assert np.array_equal(read_thumbnail(f"{path}#frame={number}"), _shrunk(page))


def test_a_float_b_scan_is_taken_for_oct_and_a_12_bit_photo_is_graded_on_its_own_brightness(
        shared_data: Path, tmp_path: Path) -> None:
    scan = _grey_file(tmp_path / "scan", _scan(shared_data), "float 0-1")
    assert file_modality(scan) is Modality.OCT
    photo = _photo(shared_data)
    grey = np.asarray(Image.fromarray(photo).convert("L"))
    deep = load_image(_grey_file(tmp_path / "photo", grey, "12-bit in 16 (TIFF)"))
    expected = np.repeat(grey[..., None], 3, axis=2)
    assert assess_quality(expected, find_fov(expected))["gradable"]
    assert assess_quality(deep, find_fov(deep))["gradable"]  # not "too dark"


def test_white_is_the_top_of_the_smallest_usual_range_that_holds_the_data() -> None:
    """A dark 12-bit photo stays as dark as its 8-bit copy; it is not stretched to its own brightest pixel."""
    assert full_scale(np.array([0, 1488], np.uint16)) == 4095
    assert full_scale(np.array([0, 4096], np.uint16)) == 16383
    assert full_scale(np.array([0, 1000], np.uint16)) == 1023
    assert full_scale(np.array([0, 200], np.uint16)) == 255
    assert full_scale(np.array([0.0, 0.4], np.float32)) == 1.0
    assert full_scale(np.array([0.0, 93.0], np.float32)) == 255
    assert full_scale(np.array([0, 70000], np.int32)) == 70000
    assert full_scale(np.array([np.nan, 0.5], np.float32)) == 1.0


def _shrunk(pixels: np.ndarray) -> np.ndarray:
    image = Image.fromarray(pixels)
    image.thumbnail((120, 80))
    return np.asarray(image)
