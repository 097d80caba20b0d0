"""Thumbnails and canvas previews: small, upright (EXIF), and only where a quick decode pays."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid

from annotations import previews
from annotations.previews import PREVIEW_MIN_SIDE, decode_preview, read_thumbnail
from tests.dicom_files import per_frame_groups, write_dicom


def _photo(path: Path, width: int, height: int, orientation: int | None = None) -> Path:
    image = Image.fromarray(np.full((height, width, 3), (200, 90, 30), np.uint8))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif)
    return path


def test_a_thumbnail_fits_its_box_and_is_upright(tmp_path: Path) -> None:
    thumb = read_thumbnail(_photo(tmp_path / "a.jpg", 3000, 2000, orientation=6), (120, 80))  # rotated 90 degrees
    assert thumb.shape[0] <= 80 and thumb.shape[1] <= 120 and thumb.shape[0] > thumb.shape[1]


def test_a_preview_only_for_large_jpegs(tmp_path: Path) -> None:
    large = decode_preview(_photo(tmp_path / "large.jpg", PREVIEW_MIN_SIDE * 2, 1500), side=1024)
    assert large is not None and 1024 <= large.shape[1] < PREVIEW_MIN_SIDE * 2
    assert decode_preview(_photo(tmp_path / "small.jpg", 800, 600)) is None
    Image.new("RGB", (PREVIEW_MIN_SIDE * 2, 100)).save(tmp_path / "large.png")
    assert decode_preview(tmp_path / "large.png") is None
    assert decode_preview(tmp_path / "missing.jpg") is None


def test_no_preview_of_a_dicom_file_opens_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_dicom(tmp_path / "vol.dcm", np.zeros((3, 24, 32), np.uint8), uid.OphthalmicTomographyImageStorage,
                frames=True)
    opened: list[str] = []
    monkeypatch.setattr(previews, "open_image", lambda path: opened.append(str(path)))
    # a volume or one of its B-scans opens at each step of the slider, on the GUI thread: Pillow reads no DICOM
    assert decode_preview(tmp_path / "vol.dcm") is None and decode_preview(tmp_path / "vol.dcm#frame=2") is None
    assert opened == []


def test_a_bscans_thumbnail_has_square_pixels_whatever_its_spacing(tmp_path: Path) -> None:
    """Pixels three times as wide as deep (per_frame_groups: 11.7 µm across, 3.9 µm down) are shown square in the
    case list, as devices show them: the thumbnails are kept without the canvas's View ▸ B-scan at true shape."""
    volume = np.zeros((3, 40, 60), np.uint8)
    measured = write_dicom(tmp_path / "measured.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True,
                           header={"PerFrameFunctionalGroupsSequence": per_frame_groups(3)})
    assert read_thumbnail(measured, (120, 80)).shape[:2] == (40, 60)
    unmeasured = write_dicom(tmp_path / "plain.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    assert read_thumbnail(unmeasured, (120, 80)).shape[:2] == (40, 60)
