"""The case controller's image loader: a preview (or None) with the size it is given within open(), the full photo
through the event loop after every listener of the request has run, a stale photo never, and a failure naming the
file; a B-scan's pixel size comes with its pixels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image
from pydicom import uid

import annotations.dicom.reader
import app.image_loader
from annotations.frames import with_frame
from annotations.pixel_spacing import PixelSpacing
from annotations.progress import Cancelled
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
    dcmread, file_reads = pydicom.dcmread, []
    monkeypatch.setattr(pydicom, "dcmread", lambda *args, **kwargs: file_reads.append(args[0]) or dcmread(*args,
                                                                                                         **kwargs))
    rgb, looks_like_oct, spacing, _header = decode_and_classify((with_frame(str(volume), 3), (60, 40)))
    assert rgb[0, 0, 0] == 90 and looks_like_oct and spacing == PixelSpacing(0.0039, 0.0117)
    # the decode's, which gives the pixel size and the modality too: image_looks_like_oct read the storage class and
    # Modality tag again (annotations.dicom.reader.file_header_modality), a round trip on a network share
    assert read_headers == [volume] and len(file_reads) == 1


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


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The sizes the loader's worker decoded at, each once its decode ended."""
    ended: list[tuple[int, int]] = []

    def counted(request, state=None):  # noqa: ANN001, ANN202 - decode_and_classify's own
        try:
            return decode_and_classify(request, state)
        finally:
            ended.append(request[1])
    monkeypatch.setattr(app.image_loader, "decode_and_classify", counted)
    return ended


def test_a_photo_decoded_ahead_shows_nothing_until_opened_at_its_size_then_without_a_second_decode(
        qtbot, loader, decodes, tmp_path: Path) -> None:
    """While its case's files are read: the photo decoded meanwhile waits for the case (whose read may fail)."""
    path = tmp_path / "large.jpg"
    Image.fromarray(np.full((1400, 2100, 3), 120, dtype=np.uint8)).save(path, quality=80)
    emitted = []
    loader.preview.connect(lambda case_id, rgb, *_: emitted.append(("preview", rgb is not None)))
    loader.loaded.connect(lambda case_id, rgb, *_: emitted.append(("loaded", rgb.shape)))
    loader.decode_ahead("large", path, (2100, 1400))
    qtbot.waitUntil(lambda: decodes == [(2100, 1400)], timeout=5_000)
    qtbot.wait(50)  # its results on their way
    assert emitted == []
    loader.open("large", path, (2100, 1400))
    assert emitted == [("preview", False)]  # the placeholder at once; what was decoded through the event loop
    qtbot.waitUntil(lambda: len(emitted) == 3, timeout=5_000)
    assert emitted[1:] == [("preview", True), ("loaded", (1400, 2100, 3))] and decodes == [(2100, 1400)]


def test_a_photo_decoded_ahead_at_a_size_not_its_documents_is_decoded_again(qtbot, loader, decodes,
                                                                            tmp_path: Path) -> None:
    """Listed at another size than its case's document says (replaced since it was labelled, listed since): decoded
    at the document's, which says what is wrong, not at the listed one's."""
    path = tmp_path / "a.png"
    Image.fromarray(np.full((40, 60, 3), 90, dtype=np.uint8)).save(path)
    failures, delivered = [], []
    loader.failed.connect(lambda case_id, message: failures.append(message))
    loader.loaded.connect(lambda case_id, rgb, *_: delivered.append(rgb.shape))
    loader.decode_ahead("a", path, (60, 40))
    loader.open("a", path, (30, 20))
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5_000)
    qtbot.wait(50)
    assert delivered == [] and "60" in failures[0] and "30" in failures[0] and (30, 20) in decodes


def test_a_decode_cancelled_during_its_preview_reads_no_full_photo(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Page Down held on a share: the case left's full photo (seconds to read) does not hold up the next case's."""
    path = tmp_path / "large.jpg"
    Image.fromarray(np.full((1400, 2100, 3), 120, dtype=np.uint8)).save(path, quality=80)
    full_reads: list[object] = []
    monkeypatch.setattr(app.image_loader, "decode_case_image", full_reads.append)

    class LeftDuringThePreview:
        cancelled = False

        def publish(self, _preview: np.ndarray) -> None:
            self.cancelled = True  # the reader moved on as the preview was decoded

        def is_cancelled(self) -> bool:
            return self.cancelled
    with pytest.raises(Cancelled):
        decode_and_classify((path, (2100, 1400)), LeftDuringThePreview())
    assert full_reads == []
