"""A DICOM header on a slow network share is read off the GUI thread where a case is opened: coming back to a
volume on the B-scan left (its B-scan count read anew where the file changed since the folder's scan), and a case
that cannot be shown (what its header says it is: a photo's or an OCT scan's rows and Modality entry). Both were
read on the GUI thread, the second twice, and the window froze for each."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pydicom import uid

from annotations.dicom import reader
from tests.dicom_files import write_dicom
from tests.gui.slow_share import on_gui_thread, slow_stat
from tests.gui.test_failed_case_state import _oct_rows
from tests.gui.test_main_window import _ids, _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_position import _leave_on_bscan_6, _on_bscan, _on_photo, _volume
from tests.gui.test_oct_volume_slider import _key, folder  # noqa: F401 - fixture

READ_S = 0.5  # each header read on the share


def _slow(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """Makes reader.``name`` (a header read) take READ_S; the names of the files it reads on the GUI thread."""
    read_on_gui_thread: list[str] = []
    real: Callable[[Path], object] = getattr(reader, name)

    def slow(path: Path) -> object:
        if on_gui_thread():
            read_on_gui_thread.append(Path(path).name)
        time.sleep(READ_S)
        return real(path)
    monkeypatch.setattr(reader, name, slow)
    return read_on_gui_thread


def _exported_again(volume: Path) -> None:
    stat = volume.stat()
    os.utime(volume, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # its B-scan count is read anew


def test_coming_back_to_the_bscan_left_in_a_volume_changed_since_reads_its_header_off_the_gui_thread(
        qtbot, settings, folder: Path, monkeypatch: pytest.MonkeyPatch, ticks: list[float]) -> None:
    window = _window(qtbot, settings, folder)
    left = _leave_on_bscan_6(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_D)
    _on_photo(qtbot, window)
    _exported_again(folder / "a_volume.dcm")
    read_on_gui_thread = _slow(monkeypatch, "read_dicom_header")
    started = time.monotonic()
    _key(qtbot, window, Qt.Key.Key_A)
    assert time.monotonic() - started < READ_S  # no read waited for
    _on_bscan(qtbot, window, 6)
    assert window.cases.current_id == left and read_on_gui_thread == []
    assert len([tick for tick in ticks if tick >= started]) >= 3  # the event loop turned meanwhile
    window.close()


def test_a_case_that_cannot_be_shown_is_shown_as_its_header_says_read_off_the_gui_thread(
        qtbot, settings, folder: Path, monkeypatch: pytest.MonkeyPatch, ticks: list[float]) -> None:
    scan = write_dicom(folder / "c_scan.dcm", np.full((40, 120), 90, np.uint8), uid.OphthalmicTomographyImageStorage)
    scan.write_bytes(scan.read_bytes()[:-1000])  # cut short: its pixels cannot be shown, its header says OCT
    window = _window(qtbot, settings, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    read_on_gui_thread = _slow(monkeypatch, "file_header_modality")
    started = time.monotonic()
    with qtbot.waitSignal(window.cases.case_failed, timeout=10_000):
        window.cases.select_case(_ids(window)["c_scan.dcm"])
    assert read_on_gui_thread == [] and len([tick for tick in ticks if tick >= started]) >= 3
    assert _oct_rows(window) and window.actions["modality_oct"].isChecked()  # as its header says
    assert "c_scan.dcm" in window.notice.text()
    window.close()


def test_a_volume_changed_since_the_scan_shows_and_steps_its_bscans_reading_its_header_off_the_gui_thread(
        qtbot, settings, folder: Path, monkeypatch: pytest.MonkeyPatch, ticks: list[float]) -> None:
    """The B-scan bar's count (BScanController.count) and a slider step read it on the GUI thread: a freeze as the
    volume opened and at its first step."""
    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 4)
    _key(qtbot, window, Qt.Key.Key_D)
    _on_photo(qtbot, window)
    _exported_again(folder / "a_volume.dcm")
    read_on_gui_thread = _slow(monkeypatch, "read_dicom_header")
    started = time.monotonic()
    _key(qtbot, window, Qt.Key.Key_A)
    assert time.monotonic() - started < READ_S  # no read waited for
    _on_bscan(qtbot, window, 4)  # the bar as its header counts them
    stepped = time.monotonic()
    window.bscans.bar.slider.setValue(3)
    assert time.monotonic() - stepped < READ_S
    _on_bscan(qtbot, window, 3)
    assert read_on_gui_thread == [] and len([tick for tick in ticks if tick >= started]) >= 3
    window.close()


@pytest.mark.parametrize("frames", [7, 1], ids=["still-a-volume", "now-one-picture"])
def test_a_bscan_that_cannot_be_shown_tells_its_volume_apart_reading_its_header_off_the_gui_thread(
        qtbot, settings, folder: Path, monkeypatch: pytest.MonkeyPatch, frames: int) -> None:
    """A B-scan whose pixels fail marks its volume's row failed only where the volume holds no other B-scans now
    (CaseRows.failed): that count was read on the GUI thread for a file changed since the scan."""
    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 4)
    volume = _volume(window)
    if frames == 1:
        write_dicom(folder / "a_volume.dcm", np.full((40, 60), 90, np.uint8), uid.OphthalmicTomographyImageStorage)
    _exported_again(folder / "a_volume.dcm")
    read_on_gui_thread = _slow(monkeypatch, "read_dicom_header")
    started = time.monotonic()
    window.cases.rows.failed(volume, "'a_volume.dcm' cannot be shown")
    assert time.monotonic() - started < READ_S and read_on_gui_thread == []
    window.cases.storage.flush()  # the count read on the storage worker, and told
    shown = window.cases.summaries[volume].error
    assert shown == (None if frames > 1 else "'a_volume.dcm' cannot be shown")  # the other B-scans still open
    assert read_on_gui_thread == []
    window.close()


def test_a_slider_step_looks_at_the_volume_off_the_gui_thread(
        qtbot, settings, folder: Path, monkeypatch: pytest.MonkeyPatch, ticks: list[float]) -> None:
    """Whether the volume changed since its B-scans were counted was a stat on the GUI thread at each step: on a
    share slow to answer, or away, each step of the slider waited for it."""
    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 4)
    looked_on_gui_thread = slow_stat(monkeypatch, lambda path: path == folder / "a_volume.dcm", READ_S)
    started = time.monotonic()
    window.bscans.bar.slider.setValue(5)
    assert time.monotonic() - started < READ_S
    _on_bscan(qtbot, window, 5)
    assert looked_on_gui_thread == [] and len([tick for tick in ticks if tick >= started]) >= 3
    window.close()


def test_coming_back_to_the_bscan_left_looks_at_the_volume_off_the_gui_thread(
        qtbot, settings, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the volume changed since the folder's scan (which B-scan it holds) was a stat on the GUI thread as A
    came back to the B-scan left in it."""
    window = _window(qtbot, settings, folder)
    left = _leave_on_bscan_6(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_D)
    _on_photo(qtbot, window)
    looked_on_gui_thread = slow_stat(monkeypatch, lambda path: path == folder / "a_volume.dcm", READ_S)
    started = time.monotonic()
    _key(qtbot, window, Qt.Key.Key_A)
    assert time.monotonic() - started < READ_S
    _on_bscan(qtbot, window, 6)
    assert window.cases.current_id == left and looked_on_gui_thread == []
    window.close()
