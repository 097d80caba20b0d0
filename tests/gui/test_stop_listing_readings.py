"""In double reading a folder's listing also reads where each case stands between its readers (the Reading column):
the listing's Stop ends that too, before the read begins or part-way, the states read so far kept, and the window
says the listing stopped; a case whose state it left unread is not taken as unread by its readers."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import annotations.reading.consensus as consensus
import annotations.workspace.catalog as catalog
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.main_window import MainWindow
from tests.gui.test_double_reading_gui import select, window_on
from tests.unit.reading_fixtures import both_read, case_of, image_folder, read_case

ARBITER = "Dr Arbiter"
WAIT_S = 10


def _read_twice(tmp_path: Path, count: int) -> Path:
    folder = image_folder(tmp_path / "f", count=count)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    both_read(folder, dict.fromkeys(range(count), 1))
    return folder


def _held_at(monkeypatch: pytest.MonkeyPatch, module: object, name: str, at: str, arg: int
             ) -> tuple[threading.Event, threading.Event]:
    """``module.name`` waits, the first time its argument ``arg`` is ``at``, until ``go`` is set (``reached``
    says it got there): a slow share."""
    reached, go, real = threading.Event(), threading.Event(), getattr(module, name)

    def held(*args: object) -> object:
        if str(args[arg]).endswith(at) and not reached.is_set():
            reached.set()
            go.wait(WAIT_S)
        return real(*args)
    monkeypatch.setattr(module, name, held)
    return reached, go


def _stopped(qtbot, window: MainWindow, reached: threading.Event, go: threading.Event) -> None:
    """The person presses the status bar's Stop once the slow share holds the listing; the share then answers."""
    window.show()
    qtbot.waitUntil(reached.is_set, timeout=WAIT_S * 1000)
    qtbot.waitUntil(lambda: window.status.stop_scan_button.isVisible(), timeout=WAIT_S * 1000)
    qtbot.mouseClick(window.status.stop_scan_button, Qt.MouseButton.LeftButton)
    go.set()
    qtbot.waitUntil(lambda: not window.cases.busy and not window.cases.listing.scanning, timeout=WAIT_S * 1000)


def _stopped_at(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, module: object, name: str,
                at: str, arg: int) -> MainWindow:
    """The arbiter's window on ``count`` cases read twice, listed until ``module.name`` holds at ``at`` (_held_at),
    where the person presses Stop (_stopped)."""
    return _stopped_in(qtbot, tmp_path, monkeypatch, _read_twice(tmp_path, count), module, name, at, arg)


def _stopped_in(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: Path, module: object, name: str,
                at: str, arg: int) -> MainWindow:
    """The arbiter's window on ``folder``, stopped as _stopped_at's."""
    reached, go = _held_at(monkeypatch, module, name, at, arg)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    try:
        _stopped(qtbot, window, reached, go)
    finally:
        go.set()
    return window


def test_a_stop_while_the_photos_are_checked_reads_no_readers_state(qtbot, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = _stopped_at(qtbot, tmp_path, monkeypatch, 6, catalog, "read_image_info", "img3.png", 0)
    assert window.cases.listing.reading_states == {}
    assert window.statusBar().currentMessage() == ("Listing stopped while the photos were being found: the 4 found "
                                                   "first are listed; File ▸ Rescan folder (Ctrl+R) lists them all")


def test_a_stop_while_the_readers_states_are_read_keeps_those_read(qtbot, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = _stopped_at(qtbot, tmp_path, monkeypatch, 3, consensus, "state_of", case_of(1), 1)
    assert window.cases.listing.reading_states == {case_of(0): CaseState.AGREED, case_of(1): CaseState.AGREED}
    assert window.cases.summaries[case_of(2)].reading_state == ""  # not known: not "needs reader 1"
    assert window.statusBar().currentMessage() == ("Listing stopped part-way: every photo checked, not yet every "
                                                   "case's Reading; File ▸ Rescan folder (Ctrl+R) reads them all")


def test_a_stop_as_the_last_state_is_read_stops_nothing(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """Every state was read, the last while the person pressed Stop: the listing ended whole, not stopped part-way
    (its states would have joined the old ones, and the window said some were not read)."""
    window = _stopped_at(qtbot, tmp_path, monkeypatch, 3, consensus, "state_of", case_of(2), 1)
    assert window.cases.listing.reading_states == dict.fromkeys(map(case_of, range(3)), CaseState.AGREED)
    assert window.cases.listing.stopped_at is None and "stopped" not in window.statusBar().currentMessage()


def test_stop_is_offered_while_the_readers_states_are_read(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Every photo checked, the listing still reads where each case stands (a slow share): the Stop button hid with
    the last photo's progress, so it could not be pressed then (and the tests above pressed it only by luck)."""
    folder = _read_twice(tmp_path, 3)
    reached, go = _held_at(monkeypatch, consensus, "state_of", case_of(0), 1)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    try:
        window.show()
        qtbot.waitUntil(reached.is_set, timeout=WAIT_S * 1000)
        qtbot.waitUntil(lambda: "3 of 3" in window.status.scan_label.text(), timeout=WAIT_S * 1000)
        assert window.status.stop_scan_button.isVisible()
    finally:
        go.set()
    qtbot.waitUntil(lambda: not window.cases.listing.scanning, timeout=WAIT_S * 1000)
    assert not window.status.stop_scan_button.isVisible()


def test_a_case_whose_state_the_stop_left_unread_is_arbitrated(qtbot, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped before img2's state was read: Arbitrate said "0 of 2 readings submitted" and stayed disabled, though
    both readers submitted it (the Reading column rightly shows no state). Preparing the case finds its readings, and
    that nobody read img3."""
    folder = image_folder(tmp_path / "f", count=4)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    for reader, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, reader) as store:
            for index in range(3):
                read_case(store, index, grade=grade)
    window = _stopped_in(qtbot, tmp_path, monkeypatch, folder, consensus, "state_of", case_of(1), 1)
    assert set(window.cases.listing.reading_states) == {case_of(0), case_of(1)}  # img2's and img3's not read
    action = window.actions["arbitrate"]
    select(qtbot, window, case_of(2))
    assert action.isEnabled(), action.toolTip()
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=WAIT_S * 1000) as shown:
        action.trigger()
    assert shown.args[0].case.case_id == case_of(2)
    assert "DR grade 1 vs 3" in shown.args[0].reasons.text()
    shown.args[0].reject()
    select(qtbot, window, case_of(3))
    with qtbot.waitSignal(window.arbitration.message, timeout=WAIT_S * 1000) as said:
        action.trigger()
    assert said.args == ["Cannot arbitrate 'img3.png': 0 submitted reading(s); arbitration needs two"]


def test_arbitrate_pressed_before_the_cases_state_is_read_prepares_the_case(qtbot, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The listing still reads where the cases stand (a slow share) when the arbiter presses Arbitrate on the open
    case: not known yet is not "0 of 2 readings submitted"; preparing the case reads its readings."""
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    for reader, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, reader) as store:
            read_case(store, 1, grade=grade)
    reached, go = _held_at(monkeypatch, consensus, "state_of", case_of(1), 1)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    try:
        qtbot.waitUntil(reached.is_set, timeout=WAIT_S * 1000)
        select(qtbot, window, case_of(1))
        assert window.cases.listing.reading_states == {}
        with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=WAIT_S * 1000) as shown:
            window.actions["arbitrate"].trigger()
        assert "DR grade 1 vs 3" in shown.args[0].reasons.text()
    finally:
        go.set()
