"""Closing a folder (or the window) while the case list's order or the folder's scan is still being read off the GUI
thread: the store closes only once those reads are over, so none fails on a closed database ("task case listing
failed: Cannot operate on a closed database" in the log at the exit of `open --screenshot`)."""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest

from annotations.workspace.store import IndexStore
from app import case_listing_reader
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import fundus_folder

READ_DELAY_S = 0.5  # a read still running when the folder closes, as on a loaded machine


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_paths([fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png"))])
    qtbot.waitUntil(lambda: window.cases.image is not None and window.is_settled(), timeout=20_000)
    return window


def _slow(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> threading.Event:
    """``module.name`` sleeps READ_DELAY_S before it reads; the event is set once a call has started."""
    started = threading.Event()
    original = getattr(module, name)

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started.set()
        time.sleep(READ_DELAY_S)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    return started


def _task_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_case_list_read_in_progress_ends_before_the_store_closes(qtbot, window: MainWindow, monkeypatch,
                                                                  caplog) -> None:
    started = _slow(monkeypatch, case_listing_reader, "read_listing")
    window.case_list.model.refresh()
    qtbot.waitUntil(started.is_set, timeout=5_000)
    window.cases.close_workspace()
    qtbot.wait(int(READ_DELAY_S * 2000))
    assert _task_errors(caplog) == []
    assert window.case_list.model.ids == []  # the read's listing, of the closed folder, is not shown


def test_a_scan_in_progress_ends_before_the_store_closes(qtbot, window: MainWindow, monkeypatch, caplog,
                                                         tmp_path: Path) -> None:
    started = _slow(monkeypatch, IndexStore, "all_cases")  # the scan reads the index first
    window.cases.close_workspace()
    assert window.open_paths([tmp_path / "images"])  # scanned again: the index is there
    qtbot.waitUntil(started.is_set, timeout=10_000)
    window.close()  # the window's exit closes the store during the scan
    qtbot.wait(int(READ_DELAY_S * 2000))
    assert _task_errors(caplog) == []
