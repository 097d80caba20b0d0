"""Coming back to an OCT volume shows the B-scan the reader left it on, each B-scan being a case of its own: after
D/A, a click on its row, the folder opened again or recovered after a crash; a volume never visited (or no longer
holding that B-scan) opens on its middle one."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from pydicom import uid

from annotations.document import ReaderGrade
from annotations.workspace import Workspace
from app.main_window import MainWindow
from app.settings import Settings
from tests.dicom_files import write_dicom
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_slider import _key, _shown_bscan, folder  # noqa: F401 - fixture
from tests.unit.test_workspace_recovery import fake_dead_owner


def _volume(window: MainWindow) -> str:
    return next(s.case_id for s in window.cases.summaries.values() if s.image_path == "a_volume.dcm")


def _on_bscan(qtbot, window: MainWindow, number: int, count: int = 7) -> None:
    """Wait until B-scan ``number`` is on screen, the slider at it and the list on its volume's row."""
    _shown_bscan(qtbot, window, number)
    assert window.bscans.bar.number == number and window.bscans.bar.slider.value() == number
    assert window.bscans.bar.label.text() == f"B-scan {number} / {count}"
    assert window.case_list.current_case_id() == _volume(window)


def _on_photo(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.cases.image is not None and window.cases.doc.image_path == "b_photo.png",
                    timeout=10_000)


def _leave_on_bscan_6(qtbot, window: MainWindow) -> str:
    """Move the volume's slider to B-scan 6 and label it: its case id."""
    window.bscans.bar.slider.setValue(6)
    _on_bscan(qtbot, window, 6)
    window.cases.edits.set_grade(ReaderGrade(oct_class="CNV"))
    return window.cases.current_id


def test_d_then_a_comes_back_to_the_bscan_left(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 4)  # never visited: the middle one
    left = _leave_on_bscan_6(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_D)
    _on_photo(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_A)
    _on_bscan(qtbot, window, 6)
    assert window.cases.current_id == left and window.cases.doc.grade.oct_class == "CNV"
    _key(qtbot, window, Qt.Key.Key_A)  # the first row already: the B-scan open stays, not its middle one
    qtbot.wait(200)
    assert window.cases.current_id == left

    window.bscans.bar.slider.setValue(4)  # left on its middle B-scan, the volume comes back there
    _on_bscan(qtbot, window, 4)
    _key(qtbot, window, Qt.Key.Key_D)
    _on_photo(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_A)
    _on_bscan(qtbot, window, 4)
    assert window.cases.current_id == _volume(window)
    window.close()


def test_clicking_the_volumes_row_comes_back_to_the_bscan_left(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    left = _leave_on_bscan_6(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_D)
    _on_photo(qtbot, window)
    table, model = window.case_list.table, window.case_list.model
    row = table.visualRect(model.index(model.row_of(_volume(window)), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    _on_bscan(qtbot, window, 6)
    assert window.cases.current_id == left
    window.close()


def test_the_folder_opened_again_opens_on_the_bscan_left(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    left = _leave_on_bscan_6(qtbot, window)
    window.close()

    again = _window(qtbot, settings, folder)
    _on_bscan(qtbot, again, 6)
    assert again.cases.current_id == left and again.cases.doc.grade.oct_class == "CNV"
    again.close()


def test_a_volume_no_longer_holding_the_bscan_left_opens_on_its_middle_one(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    _leave_on_bscan_6(qtbot, window)
    window.close()
    shorter = np.stack([np.full((40, 60), 30 * (n + 1), np.uint8) for n in range(3)])
    write_dicom(folder / "a_volume.dcm", shorter, uid.OphthalmicTomographyImageStorage, frames=True)

    again = _window(qtbot, settings, folder)  # not "B-scan 6 cannot be shown"
    _on_bscan(qtbot, again, 2, count=3)
    assert again.cases.current_id == _volume(again) and again.cases.open_error is None
    again.close()


def test_after_a_crash_on_a_bscan_the_folder_opens_on_it_recovered(qtbot, settings: Settings, folder) -> None:
    """The window had B-scan 6 open (remembered, as every case opened is) and autosaved, then was killed: the
    recovery names that B-scan, and the folder opens on it with the recovered edit."""
    with Workspace.open(folder) as ws:
        volume = next(c.case_id for c in ws.cases() if c.image_path == "a_volume.dcm")
    crashed = Workspace.open(folder)
    doc = crashed.load_case(crashed.bscan_case_id(volume, 6))
    doc.grade = ReaderGrade(oct_class="DME")
    assert crashed.autosave(doc)
    fake_dead_owner(crashed.sidecar / "lock")  # never saved nor closed
    settings.save_last_case(folder, doc.case_id)

    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 6)
    assert window.cases.current_id == doc.case_id and window.cases.doc.grade.oct_class == "DME"
    assert any("'a_volume.dcm', B-scan 6" in text for text in window.cases.workspace.messages)
    window.close()
