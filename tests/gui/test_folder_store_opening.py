"""A folder's store is opened on the storage worker: the index's integrity check (which reads the whole file) runs
while the window goes on handling events, the window has no workspace to write to until the check passed, a
damaged index is still caught and named, a folder asked for while another is being checked replaces it, and the
same folder asked for twice at once opens writable, its first open's messages said."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from annotations.workspace import Workspace, store
from app import case_controller
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from bench.bench_big_folder import make_folder

WAIT_S = 20  # only a window whose event loop never runs waits this long


class _GuiThreadProbe(QObject):
    """Asked from the storage worker, answered by the GUI thread's event loop (a queued call)."""
    asked = Signal()

    def __init__(self, answer) -> None:
        super().__init__()
        self.asked.connect(answer)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_index_is_checked_off_the_gui_thread_while_the_window_handles_events(qtbot, window, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    folder = tmp_path / "photos"
    make_folder(folder, 3)
    answered = threading.Event()
    seen: dict[str, object] = {}

    def answer() -> None:  # runs on the GUI thread, while the check waits for it
        seen["status"] = window.status.scan_label.text() if window.status.scan_label.isVisible() else ""
        answered.set()

    probe = _GuiThreadProbe(answer)
    real_check = store.check_integrity

    def check_waiting_for_the_window(connection) -> None:
        seen["on_gui_thread"] = threading.current_thread() is threading.main_thread()
        seen["workspace"] = window.cases.workspace  # nothing can save to the store before the check passed
        probe.asked.emit()
        seen["events_handled"] = answered.wait(WAIT_S)
        real_check(connection)

    monkeypatch.setattr(store, "check_integrity", check_waiting_for_the_window)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.workspace is not None, timeout=WAIT_S * 1000 + 5000)
    assert seen["on_gui_thread"] is False and seen["workspace"] is None
    assert seen["events_handled"] is True  # the window's event loop ran while its index was being checked
    assert seen["status"] == "Opening photos…"
    qtbot.waitUntil(lambda: not window.cases.busy and window.case_list.model.rowCount() == 3, timeout=20_000)
    assert not window.status.scan_label.isVisible()


def test_a_damaged_index_is_caught_named_and_kept_as_it_was(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder, 2)
    Workspace.open(folder).close()
    index = folder / ".retinareview" / "index.db"
    damage = b"this is not a database" * 200
    index.write_bytes(damage)
    messages: list[str] = []
    window.cases.message.connect(messages.append)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy, timeout=20_000)
    (said,) = [text for text in messages if str(index) in text]
    assert "damaged" in said and "rebuilt" in said
    (kept,) = index.parent.glob("index.db.damaged-*")
    assert kept.read_bytes() == damage  # nothing was written into the damaged file
    assert window.case_list.model.rowCount() == 2  # listed again from the folder


def test_a_folder_asked_for_while_another_is_checked_replaces_it(qtbot, window, tmp_path: Path,
                                                                 monkeypatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    make_folder(first, 2)
    make_folder(second, 3)
    release = threading.Event()
    checking = threading.Event()
    real_check = store.check_integrity

    def first_check_waits(connection) -> None:
        if not checking.is_set():
            checking.set()
            release.wait(WAIT_S)
        real_check(connection)

    monkeypatch.setattr(store, "check_integrity", first_check_waits)
    assert window.open_paths([first])
    assert checking.wait(WAIT_S)
    assert window.open_paths([second])
    release.set()
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy, timeout=20_000)
    assert window.cases.workspace.folder == second
    assert window.case_list.model.rowCount() == 3
    assert not (first / ".retinareview" / "lock").exists()  # the first folder's store was closed again


def test_the_same_folder_asked_for_twice_at_once_opens_writable_and_says_its_messages(qtbot, window, tmp_path: Path,
                                                                                       monkeypatch) -> None:
    folder = tmp_path / "photos"
    make_folder(folder, 2)
    Workspace.open(folder).close()
    index = folder / ".retinareview" / "index.db"
    index.write_bytes(b"this is not a database" * 200)  # the first open rebuilds it and says so; the second cannot
    release = threading.Event()
    started = threading.Event()
    real_open = case_controller.open_folder

    def first_open_waits(*args):
        if not started.is_set():
            started.set()
            release.wait(WAIT_S)  # already running when the folder is asked for again: too late to cancel
        return real_open(*args)

    monkeypatch.setattr(case_controller, "open_folder", first_open_waits)
    messages: list[str] = []
    window.cases.message.connect(messages.append)
    assert window.open_paths([folder])
    assert started.wait(WAIT_S)
    assert window.open_paths([folder])  # e.g. its Recent entry clicked twice
    release.set()
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy, timeout=20_000)
    assert not window.cases.workspace.read_only  # the first store's lock, held by this process, was released first
    assert len([text for text in messages if str(index) in text and "damaged" in text]) == 1
