"""The window stopped from outside (SIGTERM, SIGHUP, the terminal's Ctrl+C) closes as its close button closes it:
SIGTERM ended Python at once, the edits since the last snapshot lost and the folder's lock left behind. Signals are
sent to this test's own process: the window's handlers take them within app.window_signals' block."""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from annotations.document import ReaderGrade
from annotations.workspace import Workspace
from app.window_signals import closed_by_stop_signals
from tests.gui.test_export_closing import question, running_export
from tests.gui.windows import reviewer_window
from tests.unit.reading_fixtures import case_of, image_folder

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals"),
              pytest.mark.usefixtures("default_stop_signals")]


@pytest.fixture
def default_stop_signals() -> Iterator[None]:
    """The signals as a terminal's program gets them, whatever this test run was started under (``nohup`` ignores
    SIGHUP, a background job SIGINT: the window leaves those alone); put back after."""
    defaults = {signal.SIGTERM: signal.SIG_DFL, signal.SIGHUP: signal.SIG_DFL,
                signal.SIGINT: signal.default_int_handler}
    before = {number: signal.signal(number, handler) for number, handler in defaults.items()}
    yield
    for number, handler in before.items():
        signal.signal(number, handler)


class CloseEvents(QObject):
    """How many close events ``window`` got."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.count = 0
        window.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        self.count += event.type() == QEvent.Type.Close
        return False


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_stop_signal_closes_the_window_with_its_edits_saved_and_its_lock_removed(
        qtbot, tmp_path: Path, name: str) -> None:
    folder = image_folder(tmp_path / "photos", count=2)
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=2))  # not saved yet: saved by a close, or a case change
    closes = CloseEvents(window)
    with closed_by_stop_signals(window) as watch:
        os.kill(os.getpid(), getattr(signal, name))
        qtbot.waitUntil(lambda: not window.isVisible())
        os.kill(os.getpid(), getattr(signal, name))  # before the event loop ends: the close is not run again
        qtbot.wait(200)
    assert window.cases.workspace is None and closes.count == 1
    assert watch.exit_status(0) == 128 + getattr(signal, name)  # as a command the signal stopped ends
    with Workspace.open(folder) as reopened:  # the lock removed: not opened read-only behind a crashed window
        assert not reopened.read_only and reopened.load_case(case_of(0)).grade.dr_grade == 2


def test_a_signal_while_the_close_asks_about_running_work_ends_the_program_at_once(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The question about a running export may have nobody to answer it: a second signal ends the program as the
    signal's default does, as before (here recorded instead)."""
    window, dialog, _seen = running_export(qtbot, tmp_path, monkeypatch)
    asked: list[str] = []
    raised: list[tuple[int, object]] = []
    monkeypatch.setattr(signal, "raise_signal", lambda number: raised.append((number, signal.getsignal(number))))

    def still_asking(_parent, _title, text, *_args) -> QMessageBox.StandardButton:  # noqa: ANN001
        asked.append(text)
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: bool(raised))
        return QMessageBox.StandardButton.No  # were the program not ended: the person keeps the export going

    monkeypatch.setattr(QMessageBox, "question", still_asking)
    with closed_by_stop_signals(window):
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: bool(asked))
    assert asked == [question(tmp_path)] and raised == [(signal.SIGTERM, signal.SIG_DFL)]
    assert window.isVisible() and dialog.is_running()
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running())


def test_a_signal_while_the_persons_own_close_asks_ends_the_program_at_once(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The person clicked the close button and walked away from its question (the terminal closed, the machine shuts
    down): Qt sends no close event while one is under way, so the signal closed nothing, nor did any after it."""
    window, dialog, _seen = running_export(qtbot, tmp_path, monkeypatch)
    raised: list[tuple[int, object]] = []
    monkeypatch.setattr(signal, "raise_signal", lambda number: raised.append((number, signal.getsignal(number))))

    def still_asking(*_args) -> QMessageBox.StandardButton:  # noqa: ANN002
        os.kill(os.getpid(), signal.SIGHUP)
        qtbot.waitUntil(lambda: bool(raised), timeout=2000)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", still_asking)
    with closed_by_stop_signals(window):
        assert not window.close()  # the close button, clicked
    assert raised == [(signal.SIGHUP, signal.SIG_DFL)]
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running())


def test_a_close_the_person_refuses_leaves_the_window_and_its_handlers_then_puts_them_back(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A No to the question keeps the window, as a click on its close button does; the next signal asks again. A
    signal set aside before (nohup's SIGHUP) stays set aside."""
    window, dialog, _seen = running_export(qtbot, tmp_path, monkeypatch)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *_args: asked.append(text)
                        or QMessageBox.StandardButton.No)
    before = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    ignored = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with closed_by_stop_signals(window):
            for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                os.kill(os.getpid(), number)
                qtbot.wait(100)
            qtbot.waitUntil(lambda: len(asked) == 2)
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, ignored)
    assert asked == [question(tmp_path)] * 2 and window.isVisible() and dialog.is_running()
    assert {number: signal.getsignal(number) for number in before} == before
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running())


def test_a_process_forked_from_the_window_keeps_the_default_handlers(qtbot, tmp_path: Path) -> None:
    """A forked child (multiprocessing's fork) inherited the window's handler and socket: its SIGTERM closed the
    window, and the child itself went on."""
    window = reviewer_window(qtbot, tmp_path, image_folder(tmp_path / "photos", count=1))
    with closed_by_stop_signals(window):
        child = os.fork()
        if child == 0:  # the child: says, by its exit status, whether it has the handler and descriptor it would
            os._exit(0 if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL and signal.set_wakeup_fd(-1) == -1 else 1)
        _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
