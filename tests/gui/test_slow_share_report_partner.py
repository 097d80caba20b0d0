"""A folder on a slow network share: Ctrl+P read the other eye's case.json on the GUI thread before it asked "Report
both eyes?" (0.4 s a file, the window frozen). It is read on the storage worker now; the question and the dialog
follow once it is read, for the report asked for last and the case still open, never with another case's partner."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from annotations.document import PatientInfo
from annotations.workspace import Workspace
from app.main_window import MainWindow
from tests.gui.test_main_window import _window, fundus_folder, settings  # noqa: F401 - fixture
from tests.gui.test_slow_share_case_open import READ_S, SlowShare
from widgets.report_dialog import ReportDialog

EYES = {"a.png": ("P-1", "OD"), "b.png": ("P-1", "OS"), "c.png": ("P-2", "OD"), "d.png": ("P-2", "OS")}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two patients' two eyes each, recorded by an earlier session: none of them kept by the window."""
    images = fundus_folder(tmp_path, monkeypatch, tuple(EYES))
    with Workspace.open(images) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            patient_id, eye = EYES[case.image_path]
            doc.patient = PatientInfo(patient_id=patient_id, eye=eye)
            ws.save_case(doc)
    return images


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The questions asked (answered Yes) and the report dialogs run."""
    seen: dict[str, list] = {"asked": [], "dialogs": []}
    monkeypatch.setattr(QMessageBox, "question", lambda *args: seen["asked"].append(args[2])
                        or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(ReportDialog, "exec", lambda dialog: seen["dialogs"].append(dialog) or 0)
    return seen


def _ctrl_p(qtbot, window: MainWindow) -> float:  # noqa: ANN001 - pytest-qt's qtbot
    """Presses Ctrl+P; how long the window took to take the next key."""
    started = time.monotonic()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    return time.monotonic() - started


def _settled(qtbot, window: MainWindow) -> None:  # noqa: ANN001 - pytest-qt's qtbot
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.storage.busy, timeout=20_000)
    qtbot.wait(50)  # what the storage worker answered last lands from the event loop


def _images(window: MainWindow) -> list[str]:
    return [doc.image_path for doc in window.reports.docs]


def test_ctrl_p_asks_for_both_eyes_once_the_other_eyes_case_is_read_off_the_gui_thread(
        qtbot, settings, folder: Path, shown: dict[str, list], monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, settings, folder)
    _settled(qtbot, window)  # the folder listed, its thumbnails read: nothing else is said in the status bar
    assert window.cases.doc.image_path == "a.png"
    share = SlowShare(folder, monkeypatch)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    share.slow = True
    assert _ctrl_p(qtbot, window) < READ_S
    returned = time.monotonic()
    assert shown["asked"] == [] and window.statusBar().currentMessage() == "Reading 'b.png' for the report…"
    qtbot.waitUntil(lambda: len(shown["dialogs"]) == 1, timeout=10_000)
    assert len([tick for tick in ticks if tick >= returned]) >= 3  # the window turned while b's case was read
    assert share.on_gui_thread == [] and "case.json" in [path.name for path in share.opened]
    assert len(shown["asked"]) == 1 and shown["asked"][0].startswith("'b.png' has the same patient ID (P-1).")
    assert _images(window) == ["a.png", "b.png"] and window.reports.dialog.fields().eyes == ["OD", "OS"]
    assert window.statusBar().currentMessage() == ""  # read: no longer said to be
    timer.stop()
    window.close()


def test_ctrl_p_pressed_twice_while_the_other_eye_is_read_opens_one_report(
        qtbot, settings, folder: Path, shown: dict[str, list], monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, settings, folder)
    SlowShare(folder, monkeypatch).slow = True
    _ctrl_p(qtbot, window)
    _ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: len(shown["dialogs"]) > 0, timeout=10_000)
    _settled(qtbot, window)
    assert len(shown["asked"]) == 1 and len(shown["dialogs"]) == 1 and _images(window) == ["a.png", "b.png"]
    window.close()


def test_a_case_opened_while_ctrl_p_reads_the_other_eye_gets_no_report_with_that_partner(
        qtbot, settings, folder: Path, shown: dict[str, list], monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, settings, folder)
    c_png = next(s.case_id for s in window.cases.summaries.values() if s.image_path == "c.png")
    share = SlowShare(folder, monkeypatch)
    share.slow = True
    _ctrl_p(qtbot, window)  # a.png's report: b.png is being read
    window.cases.select_case(c_png)  # D pressed meanwhile
    _settled(qtbot, window)
    assert shown["asked"] == [] and shown["dialogs"] == []  # a.png's report is not c.png's
    # nor is b.png read for it any more: said so for 15 s beside c.png, it seemed c.png's report was coming
    assert "for the report" not in window.statusBar().currentMessage()
    _ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: len(shown["dialogs"]) == 1, timeout=10_000)
    assert len(shown["asked"]) == 1 and shown["asked"][0].startswith("'d.png' has the same patient ID (P-2).")
    assert _images(window) == ["c.png", "d.png"]
    window.close()
