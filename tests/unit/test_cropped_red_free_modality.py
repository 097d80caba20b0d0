"""A red-free photo cropped to no black surround shows no field of view, yet is no B-scan: its rows are alike (a
smooth background), where a B-scan's go from dark vitreous through bright layers to a fading choroid. Generated
images, lit in the ways a clinic's photos are; then grey CODRAS photos cropped, when the shared data is at hand."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from annotations.document import Modality
from annotations.image_io import load_image
from annotations.modality import LAYER_MIN_SPREAD, guess_modality, row_spread
from tests.unit.test_red_free_modality import b_scan, grey, red_free_photo


def middle_square(image: np.ndarray, share: float = 0.6) -> np.ndarray:
    """A square of ``share`` of the height from the middle (of a photo: no black surround left)."""
    side = round(image.shape[0] * share)
    top, left = (image.shape[0] - side) // 2, (image.shape[1] - side) // 2
    return np.ascontiguousarray(image[top:top + side, left:left + side])


def lit(image: np.ndarray, factor: float) -> np.ndarray:
    return grey(image[..., 0] * np.float32(factor))


def vignetted(image: np.ndarray) -> np.ndarray:
    """Half the light left in the corners, none of them black."""
    height, width = image.shape[:2]
    ys, xs = np.ogrid[:height, :width]
    reach = np.hypot(ys - height / 2, xs - width / 2) / np.hypot(height / 2, width / 2)
    return grey(image[..., 0] * (1 - 0.5 * reach ** 2))


def on_black_page(image: np.ndarray) -> np.ndarray:
    """Centred on a black 20:9 page, filling 80 % of its height: black above and below as well as beside."""
    height, width = image.shape[:2]
    page = np.zeros((round(height / 0.8), round(height / 0.8 * 20 / 9), 3), np.uint8)
    top, left = (page.shape[0] - height) // 2, (page.shape[1] - width) // 2
    page[top:top + height, left:left + width] = image
    return page


VARIANTS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "as taken": lambda image: image,
    "dark x0.2": lambda image: lit(image, 0.2),
    "over-exposed x2.5": lambda image: lit(image, 2.5),
    "vignetted": vignetted,
    "on a black page": on_black_page,
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("height, width, radius", [(400, 600, 240), (500, 500, 220)])
def test_a_red_free_photo_cropped_to_no_surround_is_a_fundus_photo(
        tmp_path: Path, variant: str, height: int, width: int, radius: float) -> None:
    photo = VARIANTS[variant](middle_square(red_free_photo(height, width, radius)))
    assert guess_modality(tmp_path / "photo.png", photo) is Modality.FUNDUS


def test_a_grey_photo_lit_to_its_corners_is_a_fundus_photo(tmp_path: Path) -> None:
    assert guess_modality(tmp_path / "photo.png", red_free_photo(400, 600, 400)) is Modality.FUNDUS


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("height", [496, 331])
def test_a_b_scan_lit_or_framed_alike_stays_a_b_scan(tmp_path: Path, variant: str, height: int) -> None:
    """Whole or cropped to a square of its middle: its rows still differ."""
    for scan in (b_scan(height), middle_square(b_scan(height), 0.8)):
        assert guess_modality(tmp_path / "scan.png", VARIANTS[variant](scan)) is Modality.OCT


def test_every_shared_grey_photo_cropped_is_told_from_a_b_scan(shared_data: Path) -> None:
    """Every tenth CODRAS photo, red-free (green alone) and cropped to the middle square, as taken and dark; the
    least spread of a shared B-scan's rows stays above the threshold."""
    photos = sorted((shared_data / "codras-idrid" / "images").glob("*.jpg"))[::10]
    scans = sorted((shared_data / "oct-sample").glob("*/*.jpeg"))
    assert len(photos) == 42 and len(scans) == 32
    wrong = []
    for photo in photos:
        red_free = grey(middle_square(load_image(photo))[..., 1])
        for name, image in (("cropped", red_free), ("cropped dark", lit(red_free, 0.2))):
            if guess_modality(photo, image) is not Modality.FUNDUS:
                wrong.append(f"{photo.name} {name} rows spread {row_spread(image):.2f}")
    assert not wrong
    assert min(row_spread(load_image(scan)) for scan in scans) > LAYER_MIN_SPREAD


@pytest.mark.parametrize("shape", [(1, 1, 3), (1, 300, 3), (300, 1, 3)], ids=["pixel", "row", "column"])
def test_an_image_a_pixel_thin_is_a_photo_not_an_error(shape: tuple[int, int, int]) -> None:
    """The window's hostile-image test opened a 1-pixel image: row_spread's sample had no columns and its maximum
    raised ValueError on the decode worker, so the case never showed."""
    image = np.full(shape, 120, np.uint8)
    assert row_spread(image) == 0.0 and guess_modality("thin.png", image) is Modality.FUNDUS
