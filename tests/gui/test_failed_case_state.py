"""The window after moving to a case that cannot be shown: nothing of the case before stays on screen (the findings
panel's photo or OCT rows, the zoom, a measurement's sentence), and F5 reads it again and says why it cannot be
analysed.

Set RETINA_REVIEW_SCREENSHOTS=DIR to save the window on a volume that cannot be shown, in English and Chinese."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid

from app.main_window import MainWindow
from tests.dicom_files import write_dicom, write_undecodable_volume
from tests.gui.screenshots import keep_screenshot, screenshot_folder
from tests.gui.test_annotation_tools import window_drag
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_main_window import _fundus, _ids, _window, fundus_folder, settings  # noqa: F401 - a fixture


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two photos, a photo cut short, one not an image at all, a volume, a volume whose shown B-scan does not decode,
    and a volume cut short in a folder called OCT (its header is refused: only its name tells it is a scan)."""
    images = fundus_folder(tmp_path, monkeypatch, ("a_photo.png", "b_photo.png"))
    jpeg = io.BytesIO()
    Image.fromarray(_fundus(9)).save(jpeg, "JPEG")
    (images / "c_cut.jpg").write_bytes(jpeg.getvalue()[: len(jpeg.getvalue()) // 3])
    write_dicom(images / "d_volume.dcm", np.full((5, 40, 60), 90, np.uint8), uid.OphthalmicTomographyImageStorage,
                frames=True)
    write_undecodable_volume(images / "e_volume.dcm")
    (images / "f_garbage.jpg").write_bytes(b"this is not an image")
    (images / "OCT").mkdir()
    scan = write_dicom(images / "OCT" / "scan.dcm", np.full((5, 40, 60), 90, np.uint8),
                       uid.OphthalmicTomographyImageStorage, frames=True)
    scan.write_bytes(scan.read_bytes()[:-4000])
    return images


def _fail_on(qtbot, window: MainWindow, image: str) -> None:
    with qtbot.waitSignal(window.cases.case_failed, timeout=10_000):
        window.cases.select_case(_ids(window)[image])


def _open(qtbot, window: MainWindow, image: str) -> None:
    window.cases.select_case(_ids(window)[image])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)


def _oct_rows(window: MainWindow) -> bool:
    """Whether the findings panel shows an OCT case's rows (its class), not a photo's (DR grade, lesions)."""
    panel = window.findings
    oct_rows = panel.oct_class.isVisible() and not panel.dr_grade.isVisible() and not panel.dme_risk.isVisible()
    photo_rows = not panel.oct_class.isVisible() and panel.dr_grade.isVisible() and panel.lesions.isVisible()
    assert oct_rows or photo_rows
    return oct_rows


def test_a_volume_that_cannot_be_shown_after_a_photo_gets_the_oct_rows_and_a_photo_after_a_volume_the_dr_rows(
        qtbot, settings, folder: Path) -> None:
    window = _window(qtbot, settings, folder)
    assert not _oct_rows(window)
    _fail_on(qtbot, window, "OCT/scan.dcm")  # refused by the folder's listing: the case never opens
    assert window.findings.ai_grade.text() == "Cannot open this case" and "scan.dcm" in window.notice.text()
    assert _oct_rows(window)
    _open(qtbot, window, "a_photo.png")
    _fail_on(qtbot, window, "e_volume.dcm")  # opens, then its pixels fail
    assert _oct_rows(window)

    _open(qtbot, window, "d_volume.dcm")
    assert _oct_rows(window)
    _fail_on(qtbot, window, "f_garbage.jpg")
    assert not _oct_rows(window)
    _open(qtbot, window, "d_volume.dcm")
    _fail_on(qtbot, window, "c_cut.jpg")
    assert not _oct_rows(window)


def test_a_dicom_file_that_cannot_be_shown_is_shown_as_its_header_says(qtbot, settings, folder: Path) -> None:
    """A photo (Modality OP) cut short in a folder called OCT got an OCT scan's rows, an OCT scan cut short named as
    a photo a photo's: the rule a decoded file's header answers decides them too."""
    grey = np.full((40, 120), 90, np.uint8)
    photo = write_dicom(folder / "OCT" / "photo.dcm", grey, uid.SecondaryCaptureImageStorage, header={"Modality": "OP"})
    scan = write_dicom(folder / "g_photo.dcm", grey, uid.OphthalmicTomographyImageStorage)
    for path in (photo, scan):
        path.write_bytes(path.read_bytes()[:-1000])
    window = _window(qtbot, settings, folder)
    _fail_on(qtbot, window, "OCT/photo.dcm")
    assert not _oct_rows(window) and window.actions["modality_fundus"].isChecked()
    _fail_on(qtbot, window, "g_photo.dcm")
    assert _oct_rows(window) and window.actions["modality_oct"].isChecked()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_screenshots_of_a_volume_that_cannot_be_shown_after_a_photo(qtbot, settings, folder: Path, language: str,
                                                                     request: pytest.FixtureRequest) -> None:
    if screenshot_folder() is None:
        pytest.skip("RETINA_REVIEW_SCREENSHOTS names no folder")
    if language == "zh":
        request.getfixturevalue("chinese")
    window = _window(qtbot, settings, folder)
    window.resize(1200, 800)
    window.canvas.zoom_by(8)
    window.annotation.choose_tool("ruler")
    window_drag(window, [(20, 20), (50, 60)])
    _fail_on(qtbot, window, "OCT/scan.dcm")
    keep_screenshot(window, f"failed-volume-after-photo-{language}.png")


def test_the_zoom_of_the_case_before_goes_with_it(qtbot, settings, folder: Path) -> None:
    window = _window(qtbot, settings, folder)
    window.canvas.zoom_by(8)
    zoom = window.status.zoom_label.text()
    assert zoom.endswith("%") and zoom != "–"
    _fail_on(qtbot, window, "c_cut.jpg")
    assert window.status.zoom_label.text() == "–"
    _open(qtbot, window, "b_photo.png")  # the same size: the canvas keeps its zoom, and says it again
    assert window.status.zoom_label.text() == f"{window.canvas.zoom_level() * 100:.0f}%"


@pytest.mark.parametrize("image", ["b_photo.png", "c_cut.jpg"])
def test_a_measurement_is_not_said_after_moving_to_another_case(qtbot, settings, folder: Path, image: str) -> None:
    window = _window(qtbot, settings, folder)
    window.annotation.choose_tool("ruler")
    window_drag(window, [(20, 20), (50, 60)])
    assert window.statusBar().currentMessage().startswith("Distance: 50.0 px")
    if image == "c_cut.jpg":
        _fail_on(qtbot, window, image)
    else:
        _open(qtbot, window, image)
    assert window.statusBar().currentMessage() == ""


def test_f5_on_a_case_that_cannot_be_shown_reads_it_again_says_why_and_starts_no_analysis(
        qtbot, settings, folder: Path, chinese) -> None:  # noqa: F811
    window = _window(qtbot, settings, folder)
    _fail_on(qtbot, window, "c_cut.jpg")
    started = []
    window.analysis.analyze_case = started.append
    window.actions["analyze"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("无法分析此病例："), timeout=10_000)
    message = window.statusBar().currentMessage()
    assert not started
    assert message.startswith("无法分析此病例：") and "c_cut.jpg" in message and "无法解码文件" in message
