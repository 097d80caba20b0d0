"""A DICOM file's pixel size: Pixel Spacing at the top level (a photo), in the functional groups all frames share, or
in a frame's own (an OCT volume), read with the frame's pixels; a damaged or unbelievable value, or none, gives no
scale and the file still opens."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

import annotations.dicom.reader
from annotations.image_io import load_image, load_measured_image, read_image_info
from annotations.pixel_spacing import PixelSpacing, display_stretch, shown_size
from annotations.regular_files import open_regular
from tests.dicom_files import fundus_rgb, per_frame_groups, write_dicom

# Three B-scans of 40 rows (depth) by 60 columns; 3.9 µm between rows, 11.7 µm between columns (a Spectralis's)
VOLUME = np.stack([np.full((40, 60), 30 * (n + 1), np.uint8) for n in range(3)])
BSCAN = PixelSpacing(0.0039, 0.0117)


def recorded_pixel_spacing(path: Path | str) -> PixelSpacing | None:
    """The pixel size that comes with the pixels of the frame ``path`` addresses."""
    return load_measured_image(path)[1]


def _measures(row_col: list[float] | list[str], thickness: float | None = None) -> Sequence:
    """Functional groups holding a Pixel Measures Sequence of ``row_col``."""
    measures = Dataset()
    measures.PixelSpacing = row_col
    if thickness is not None:
        measures.SliceThickness = thickness
    group = Dataset()
    group.PixelMeasuresSequence = Sequence([measures])
    return Sequence([group])


def _volume(tmp_path: Path, header: dict) -> Path:
    return write_dicom(tmp_path / "vol.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True,
                       header=header)


def test_a_photo_records_its_pixel_size_at_the_top_level(tmp_path: Path) -> None:
    photo = write_dicom(tmp_path / "photo.dcm", fundus_rgb(), header={"PixelSpacing": [0.0065, 0.0065]})
    assert recorded_pixel_spacing(photo) == PixelSpacing(0.0065, 0.0065)


def test_a_volume_records_it_in_the_functional_groups_its_frames_share(tmp_path: Path) -> None:
    volume = _volume(tmp_path, {"SharedFunctionalGroupsSequence": _measures([0.0039, 0.0117], thickness=0.12)})
    assert recorded_pixel_spacing(volume) == BSCAN  # the shown B-scan
    assert recorded_pixel_spacing(f"{volume}#frame=3") == BSCAN


def test_a_frames_own_functional_group_decides_for_that_frame(tmp_path: Path) -> None:
    per_frame = Sequence([_measures([0.0039, 0.0117 * n])[0] for n in (1, 2, 3)])
    volume = _volume(tmp_path, {"PerFrameFunctionalGroupsSequence": per_frame,
                                "SharedFunctionalGroupsSequence": _measures([0.5, 0.5]),
                                "PixelSpacing": [0.5, 0.5]})
    assert recorded_pixel_spacing(f"{volume}#frame=1") == BSCAN
    assert recorded_pixel_spacing(f"{volume}#frame=3") == PixelSpacing(0.0039, 0.0351)
    assert recorded_pixel_spacing(f"{volume}#frame=2") == PixelSpacing(0.0039, 0.0234)
    assert recorded_pixel_spacing(volume) == PixelSpacing(0.0039, 0.0234)  # the shown one: the middle B-scan


def test_a_frame_group_without_pixel_measures_leaves_it_to_the_shared_ones(tmp_path: Path) -> None:
    per_frame = Sequence([Dataset() for _ in range(3)])  # e.g. only Frame Content in each frame's group
    volume = _volume(tmp_path, {"PerFrameFunctionalGroupsSequence": per_frame,
                                "SharedFunctionalGroupsSequence": _measures([0.0039, 0.0117])})
    assert recorded_pixel_spacing(volume) == BSCAN


def test_without_a_pixel_spacing_there_is_no_scale(tmp_path: Path) -> None:
    assert recorded_pixel_spacing(write_dicom(tmp_path / "photo.dcm", fundus_rgb())) is None
    assert recorded_pixel_spacing(_volume(tmp_path, {})) is None
    photo = tmp_path / "photo.png"
    Image.fromarray(fundus_rgb()).save(photo, dpi=(300, 300))  # a printer's dots per inch, not the retina's
    assert recorded_pixel_spacing(photo) is None


@pytest.mark.filterwarnings("ignore:Invalid value for VR DS")
@pytest.mark.parametrize("value", ["abc\\0.01", "0.01", "", "0\\0.01", "-0.0039\\0.0117", "nan\\0.01",
                                   "inf\\0.01", "0.01\\0.01\\0.01", "1\\1", "0.0000039\\0.0000117"],
                         ids=["not a number", "one value", "empty", "zero", "negative", "nan", "infinite",
                              "three values", "placeholder larger than an eye", "in metres, not mm"])
def test_a_damaged_or_unbelievable_pixel_spacing_gives_no_scale_and_the_file_opens(tmp_path: Path,
                                                                                    value: str) -> None:
    volume = _damaged(_volume(tmp_path, {"SharedFunctionalGroupsSequence": _measures(PLACEHOLDER)}), value)
    assert recorded_pixel_spacing(volume) is None
    info = read_image_info(volume)
    assert (info.width, info.height, info.frames) == (60, 40, 3)
    photo = _damaged(write_dicom(tmp_path / "photo.dcm", fundus_rgb(), header={"PixelSpacing": PLACEHOLDER}), value)
    assert recorded_pixel_spacing(photo) is None and load_image(photo).shape == (48, 64, 3)


PLACEHOLDER = ["1.2345678", "1.2345678"]  # written, then replaced in the file's bytes by the value tested


def _damaged(path: Path, value: str) -> Path:
    """``path`` with its Pixel Spacing (PLACEHOLDER) replaced by ``value`` as the file's bytes, padded to its length:
    a value pydicom would refuse to write."""
    written = b"1.2345678\\1.2345678 "
    data = path.read_bytes()
    assert data.count(written) == 1
    path.write_bytes(data.replace(written, value.encode().ljust(len(written))))
    return path


def test_a_frame_beyond_the_per_frame_groups_gives_no_scale_from_them(tmp_path: Path) -> None:
    per_frame = Sequence([_measures([0.0039, 0.0117])[0]])  # one group for three frames: a damaged header
    volume = _volume(tmp_path, {"PerFrameFunctionalGroupsSequence": per_frame,
                                "SharedFunctionalGroupsSequence": _measures([0.0039, 0.0234])})
    assert recorded_pixel_spacing(f"{volume}#frame=1") == BSCAN
    assert recorded_pixel_spacing(f"{volume}#frame=3") == PixelSpacing(0.0039, 0.0234)


def test_the_pixel_size_comes_from_the_read_that_decodes_the_frame(tmp_path: Path, monkeypatch) -> None:
    """A volume's per-frame functional groups (each B-scan's Pixel Measures, Frame Content, Plane Position and
    Orientation) are read whole for a B-scan's window: the pixel size is read from that header, not from a second
    read of the file (which doubled a B-scan step's time on a 1024-B-scan volume)."""
    volume = _volume(tmp_path, {"PerFrameFunctionalGroupsSequence": per_frame_groups(3)})
    opened = []
    monkeypatch.setattr(annotations.dicom.reader, "open_regular",
                        lambda path, **kwargs: opened.append(path) or open_regular(path, **kwargs))
    rgb, spacing = load_measured_image(f"{volume}#frame=2")
    assert spacing == BSCAN and rgb[0, 0, 0] == 60
    assert opened == [volume]


def test_a_bscan_at_true_shape_is_drawn_with_its_coarser_direction_stretched() -> None:
    assert display_stretch(BSCAN, True) == pytest.approx((3.0, 1.0))  # 11.7 µm across: three times as wide as deep
    assert display_stretch(PixelSpacing(0.008, 0.004), True) == (1.0, 2.0)  # coarser down: taller, every column kept
    assert shown_size(60, 40, BSCAN, True) == pytest.approx((180, 40))
    for square_or_unknown in (None, PixelSpacing(0.0065, 0.0065)):
        assert display_stretch(square_or_unknown, True) == (1.0, 1.0)
        assert shown_size(60, 40, square_or_unknown, True) == (60, 40)


def test_a_bscan_is_drawn_with_square_pixels_unless_asked_for_its_true_shape() -> None:
    """One screen pixel per image pixel, as OCT devices show a B-scan by default (HEYEX's "1:1 Pixel")."""
    assert display_stretch(BSCAN, False) == (1.0, 1.0)
    assert shown_size(60, 40, BSCAN, False) == (60, 40)
