"""The case controller's image loader: a preview (or None) with the size it is given within open(), the full photo
through the event loop after every listener of the request has run, a stale photo never, and a failure naming the
file; a B-scan's pixel size comes with its pixels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid

import annotations.dicom.reader
from annotations.frames import with_frame
from annotations.pixel_spacing import PixelSpacing
from app.image_loader import CaseImageLoader, decode_and_classify
from tests.dicom_files import per_frame_groups, write_dicom


@pytest.fixture
def loader(qtbot) -> CaseImageLoader:
    loader = CaseImageLoader()
    yield loader
    loader.shutdown()


def test_a_placeholder_at_once_then_the_preview_then_the_full_photo_all_read_off_the_gui_thread(
        qtbot, loader, tmp_path: Path) -> None:
    """Nothing of the file is read inside open(), on the GUI thread (a network share's read froze the window): the
    placeholder of the case's size at once, the reduced decode from the worker, then the full photo."""
    path = tmp_path / "large.jpg"
    Image.fromarray(np.full((1400, 2100, 3), 120, dtype=np.uint8)).save(path, quality=80)
    previews, delivered = [], []
    loader.preview.connect(lambda case_id, rgb, width, height: previews.append(
        (case_id, None if rgb is None else rgb.shape[1], width, height)))
    loader.loaded.connect(lambda case_id, rgb, *_: delivered.append((case_id, rgb.shape)))
    loader.open("large", path, (2100, 1400))
    assert previews == [("large", None, 2100, 1400)] and delivered == []  # not inside open()
    qtbot.waitUntil(lambda: delivered == [("large", (1400, 2100, 3))], timeout=5_000)
    assert len(previews) == 2 and previews[1][0] == "large" and previews[1][1] < 2100 and previews[1][2:] == (2100,
                                                                                                              1400)


def test_a_newer_request_drops_the_older_photo(qtbot, loader, tmp_path: Path) -> None:
    for name, side in (("a", 30), ("b", 40)):
        Image.fromarray(np.full((side, side, 3), 90, dtype=np.uint8)).save(tmp_path / f"{name}.png")
    delivered = []
    loader.loaded.connect(lambda case_id, rgb, *_: delivered.append(case_id))
    loader.open("a", tmp_path / "a.png", (30, 30))
    loader.open("b", tmp_path / "b.png", (40, 40))
    qtbot.waitUntil(lambda: delivered == ["b"], timeout=5_000)
    qtbot.wait(50)
    assert delivered == ["b"]


def test_a_missing_photo_fails_naming_it(qtbot, loader, tmp_path: Path) -> None:
    with qtbot.waitSignal(loader.failed, timeout=5_000) as failed:
        loader.open("gone", tmp_path / "gone.jpg", (60, 40))
    assert failed.args[0] == "gone" and "gone.jpg" in failed.args[1] and "not found" in failed.args[1]


def test_a_photo_not_of_its_cases_size_fails_naming_it(qtbot, loader, tmp_path: Path) -> None:
    Image.fromarray(np.full((50, 70, 3), 90, dtype=np.uint8)).save(tmp_path / "eye.png")  # replaced since saved
    with qtbot.waitSignal(loader.failed, timeout=5_000) as failed:  # not a silent wait for pixels that never fit
        loader.open("eye", tmp_path / "eye.png", (60, 40))
    assert failed.args == ["eye", f"{tmp_path / 'eye.png'}: the image is 70x50 pixels, but its case was labelled on "
                                  "a 60x40 image — put back the image it was labelled on; its labels are kept"]


def test_a_bscan_step_reads_its_volumes_header_for_the_pixels_and_their_size_once(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    """The B-scan slider's step: the pixel size comes from the header the decode read, not from another read of the
    file, which converted the per-frame functional groups again: a step took twice as long on a volume of
    1024 B-scans (bench_bscan_step)."""
    from pydicom import uid

    bscans = np.stack([np.full((40, 60), 30 * number, np.uint8) for number in (1, 2, 3)])
    volume = write_dicom(tmp_path / "volume.dcm", bscans, uid.OphthalmicTomographyImageStorage, frames=True,
                         header={"PerFrameFunctionalGroupsSequence": per_frame_groups(3, 0.0039, 0.0117)})
    read_headers = []
    read_header = annotations.dicom.reader._read_header
    monkeypatch.setattr(annotations.dicom.reader, "_read_header",
                        lambda path, handle: read_headers.append(path) or read_header(path, handle))
    rgb, looks_like_oct, spacing = decode_and_classify((with_frame(str(volume), 3), (60, 40)))
    assert rgb[0, 0, 0] == 90 and looks_like_oct and spacing == PixelSpacing(0.0039, 0.0117)
    # the decode's, which gives the pixel size too; image_looks_like_oct keeps only the storage class and Modality
    # tag of the header (annotations.dicom.reader.file_header_modality: no per-frame groups converted)
    assert read_headers == [volume]


@pytest.mark.shared_data
def test_a_real_fullsize_photo(qtbot, loader, shared_data: Path) -> None:
    path = sorted((shared_data / "fullsize").glob("*.jpg"))[0]
    previews = []
    loader.preview.connect(lambda case_id, rgb, width, height: previews.append((rgb is not None and rgb.shape, width,
                                                                                height)))
    with qtbot.waitSignal(loader.loaded, timeout=10_000) as loaded:
        loader.open("real", path, (4288, 2848))
    assert previews == [(False, 4288, 2848), ((712, 1072, 3), 4288, 2848)]  # the placeholder, then the preview
    assert loaded.args[1].shape == (2848, 4288, 3)
