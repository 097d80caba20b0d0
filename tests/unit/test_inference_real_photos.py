"""On the real photos in ../shared/data (skipped when absent): the field of view agrees across resolutions, and a
full-size photo is analysed with outputs at its original size."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.image_io import load_image, read_image_info
from inference.pipeline import analyze
from inference.preprocess import find_fov


def test_field_of_view_is_the_same_circle_at_both_resolutions(shared_data: Path) -> None:
    full_files = sorted((shared_data / "fullsize").glob("*.jpg"))
    if not full_files:
        pytest.skip("no full-size photos")
    full = load_image(full_files[0])
    small = load_image(shared_data / "codras-idrid" / "images" / full_files[0].name)
    scale = full.shape[1] / small.shape[1]
    big_fov, small_fov = find_fov(full), find_fov(small)
    assert big_fov.found and small_fov.found
    assert big_fov.radius > full.shape[0] / 2  # the circle is cut by the top and bottom edges
    tolerance = 0.01 * big_fov.radius
    assert abs(big_fov.cx - small_fov.cx * scale) < tolerance
    assert abs(big_fov.cy - small_fov.cy * scale) < tolerance
    assert abs(big_fov.radius - small_fov.radius * scale) < tolerance


def test_a_full_size_photo_without_models_gives_original_size_outputs(shared_data: Path) -> None:
    photos = sorted((shared_data / "fullsize").glob("*.jpg"))
    if not photos:
        pytest.skip("no full-size photos")
    outcome = analyze([photos[0]], None, None, "cpu")[0]
    assert outcome.error is None
    info = read_image_info(photos[0])
    assert outcome.result.mask.shape == (info.height, info.width)
    assert outcome.result.quality["gradable"] in (True, False)
    assert outcome.result.findings.field_of_view.found
