"""A grey image is an OCT B-scan unless it shows a fundus camera's round field of view: a red-free (green filter)
photo is grey too. Generated images, then every shared B-scan and grey versions of the shared fundus photos."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import Modality
from annotations.image_io import load_image
from annotations.modality import field_of_view_fit, guess_modality


def grey(values: np.ndarray) -> np.ndarray:
    """An (H, W, 3) uint8 image with equal channels, as a grey file is loaded (a view: 12 MP photos are copied
    once only)."""
    values = values if values.dtype == np.uint8 else np.clip(values, 0, 255).astype(np.uint8)
    return np.broadcast_to(values[..., None], (*values.shape, 3))


def red_free_photo(height: int, width: int, radius: float, seed: int = 0) -> np.ndarray:
    """A grey disc on black, darker towards its rim, with vessel-like dark lines and a bright optic disc."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[:height, :width].astype(float)
    distance = np.hypot(ys - height / 2, xs - width / 2)
    field = 100 - 50 * (distance / radius) ** 2 + rng.normal(0, 4, (height, width))
    for phase in (0.0, 1.5, 3.0):
        field[np.abs(ys - height / 2 - radius * 0.6 * np.sin(xs / radius * 2 + phase)) < 2] -= 35
    field[np.hypot(ys - height / 2, xs - width / 2 - radius * 0.5) < radius * 0.15] = 230
    return grey(np.where(distance < radius, field, 0))


def b_scan(height: int = 496, width: int = 512, seed: int = 0) -> np.ndarray:
    """A speckled band of retinal layers across the whole width, curved at a fovea, over a fading choroid, with dark
    noise above and below."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[:height, :width].astype(float)
    depth = ys - height * 0.3 - 25 * np.exp(-(((xs - width / 2) / (width * 0.08)) ** 2))
    layers = 110 + 40 * np.sin(depth / 9)
    layers[(depth > 95) & (depth < 110)] = 230  # the pigment epithelium
    tissue = np.where(depth < 0, 25, np.where(depth < 110, layers, 140 * np.exp(-(depth - 110) / 70)))
    return grey(tissue * rng.gamma(4, 0.25, (height, width)))


@pytest.mark.parametrize("height, width, radius", [
    (400, 600, 240),  # cut at the top and bottom, as IDRiD's 4288x2848 photos are
    (500, 500, 220),  # whole, on a square frame
    (480, 560, 300),  # cut at the sides too, black in the corners
])
def test_a_grey_disc_on_black_is_a_fundus_photo(tmp_path: Path, height: int, width: int, radius: float) -> None:
    assert guess_modality(tmp_path / "photo.png", red_free_photo(height, width, radius)) is Modality.FUNDUS


@pytest.mark.parametrize("height", [496, 331])
def test_a_speckled_band_of_layers_is_a_b_scan(tmp_path: Path, height: int) -> None:
    assert guess_modality(tmp_path / "scan.png", b_scan(height)) is Modality.OCT


def on_phone_screen(photo: np.ndarray, aspect: float = 20 / 9) -> np.ndarray:
    """A photo centred on a black frame as wide as a smartphone's screen (a fundus adapter's picture)."""
    height, width = photo.shape[:2]
    framed = np.zeros((height, round(height * aspect), 3), np.uint8)
    left = (framed.shape[1] - width) // 2
    framed[:, left:left + width] = photo
    return framed


def test_a_field_of_view_on_a_wide_black_frame_is_a_fundus_photo(tmp_path: Path) -> None:
    """A smartphone's fundus photo on a 20:9 screen, red-free, or in colour but under-exposed (a fifth of the light:
    its channels differ by little), is no B-scan, though grey-ish and over twice as wide as high."""
    red_free = red_free_photo(400, 440, 190)
    dim_colour = np.clip(red_free * np.array([1.6, 1.0, 0.4]) * 0.2, 0, 255).astype(np.uint8)
    for name, photo in (("red-free", red_free), ("dim colour", dim_colour)):
        assert guess_modality(tmp_path / "photo.png", on_phone_screen(photo)) is Modality.FUNDUS, name


def test_a_wide_b_scan_stays_a_b_scan(tmp_path: Path) -> None:
    """Wide itself, or on a wide black page: the dark page beside it is no fundus camera's surround."""
    for name, scan in (("wide", b_scan(496, 1024)), ("on a page", on_phone_screen(b_scan(496, 512)))):
        assert guess_modality(tmp_path / "scan.png", scan) is Modality.OCT, name


def test_a_grey_image_with_neither_a_field_of_view_nor_layers_is_no_b_scan(tmp_path: Path) -> None:
    """Its rows are alike, as a photo's cropped to no surround are (test_cropped_red_free_modality)."""
    flat = grey(np.full((300, 400), 90))
    noise = grey(np.random.default_rng(1).uniform(0, 255, (300, 400)))
    for image in (flat, noise):
        assert guess_modality(tmp_path / "image.png", image) is Modality.FUNDUS


def test_every_shared_b_scan_and_grey_fundus_photo_is_told_apart(shared_data: Path, tmp_path: Path) -> None:
    """The 32 Kermany B-scans (copied under neutral names: their folder's name alone would say OCT) and IDRiD photos
    as luminance and as the green channel alone (red-free), at 4288x2848 (fullsize), 2144x1424 (idrid-seg, decoded
    at half size to keep the test quick) and 1024x680 (every tenth CODRAS photo)."""
    scans = sorted((shared_data / "oct-sample").glob("*/*.jpeg"))
    photos = [(path, None) for path in sorted((shared_data / "fullsize").glob("*.jpg"))]
    photos += [(path, 4_000_000) for path in sorted((shared_data / "idrid-seg" / "images").glob("*.jpg"))]
    photos += [(path, None) for path in sorted((shared_data / "codras-idrid" / "images").glob("*.jpg"))[::10]]
    assert len(scans) == 32 and len(photos) == 3 + 17 + 42
    wrong = []
    (tmp_path / "scans").mkdir()
    for number, scan in enumerate(scans):
        copy = shutil.copyfile(scan, tmp_path / "scans" / f"scan_{number}.jpeg")
        image = load_image(copy)
        if guess_modality(copy, image) is not Modality.OCT:
            wrong.append(f"{scan.name} fit {field_of_view_fit(image):.2f}")
    for photo, max_pixels in photos:
        colour = load_image(photo, max_pixels)
        luminance = np.asarray(Image.fromarray(colour).convert("L"))
        for kind, image in (("luminance", grey(luminance)), ("green", grey(colour[..., 1]))):
            if guess_modality(photo, image) is not Modality.FUNDUS:
                wrong.append(f"{photo.name} {kind} fit {field_of_view_fit(image):.2f}")
    assert not wrong
