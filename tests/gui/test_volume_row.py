"""An OCT volume's row in the case list summarises its B-scans (annotations.volume_summary): its class is the most
severe any B-scan holds, so the class filter finds it, and it counts as done once every B-scan the reader worked on
is submitted; the row follows a B-scan's edit before it is saved."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom import uid

from annotations.document import ReviewState
from app.main_window import MainWindow
from tests.dicom_files import write_dicom
from tests.gui.windows import reviewer_window

# Five B-scans, B-scan n (1-based) filled with grey 30 * n; the middle one (3) is the volume's own case.
VOLUME = np.stack([np.full((40, 60), 30 * (n + 1), np.uint8) for n in range(5)])


def _window(qtbot, tmp_path: Path) -> tuple[MainWindow, str]:
    images = tmp_path / "images"
    images.mkdir()
    write_dicom(images / "vol.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    window = reviewer_window(qtbot, tmp_path, images)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=30_000)
    return window, window.cases.current_id


def _go(qtbot, window: MainWindow, number: int) -> None:
    window.bscans.bar.slider.setValue(number)
    qtbot.waitUntil(lambda: window.cases.image is not None and int(window.cases.image[0, 0, 0]) == 30 * number
                    and window.bscans.bar.number == number, timeout=15_000)


def _classify(window: MainWindow, code: str) -> None:
    panel = window.findings
    panel.oct_class.setCurrentIndex(panel.oct_class.findData(code))
    panel.oct_class.activated.emit(panel.oct_class.currentIndex())


def _settle(qtbot, window: MainWindow) -> None:
    window.cases.flush()
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)


def test_bscans_off_the_centre_class_the_volumes_row_and_count_it_done(qtbot, tmp_path: Path) -> None:
    window, volume = _window(qtbot, tmp_path)
    for number in (1, 2, 4, 5):
        _go(qtbot, window, number)
        _classify(window, "CNV")
        assert window.cases.summaries[volume].reader_oct_class == "CNV"  # at once, before the B-scan is saved
        window.actions["mark_done"].trigger()
    _settle(qtbot, window)
    row = window.cases.summaries[volume]
    assert (row.review_state.value, row.reader_oct_class) == ("done", "CNV")
    assert window.case_list.count_label.text().endswith("1 done")
    window.case_list.set_filters(grade="CNV")
    _settle(qtbot, window)
    assert window.case_list.visible_case_ids() == [volume]


def test_a_volume_is_not_done_while_a_bscan_the_reader_classified_is_open(qtbot, tmp_path: Path) -> None:
    window, volume = _window(qtbot, tmp_path)
    _classify(window, "NORMAL")  # the middle B-scan, which the volume opens on
    window.actions["mark_done"].trigger()
    _go(qtbot, window, 4)
    _classify(window, "DME")
    window.cases.edits.set_review_state(ReviewState.IN_PROGRESS)
    _go(qtbot, window, 5)  # B-scan 4 is saved in progress
    _settle(qtbot, window)
    row = window.cases.summaries[volume]
    assert (row.review_state.value, row.reader_oct_class) == ("in_progress", "DME")
    assert window.case_list.count_label.text().endswith("0 done")
