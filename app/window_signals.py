"""The window stopped from outside (the terminal's Ctrl+C or hang-up, `kill`'s or a service manager's SIGTERM)
closes as its close button closes it: the open case's edits saved, work still running asked about, the folder's
store closed and its lock removed. By default SIGTERM and SIGHUP ended Python at once (edits since the last recovery
snapshot lost, the lock and the store's journal left for the next opening to mend), and Ctrl+C raised
KeyboardInterrupt in whichever slot ran next: printed as an error, the window left open.

A signal while a close is under way (a signal's or the close button's, a question about running work on screen,
which nobody may be there to answer) ends the program at once, as before. A signal someone set aside (``nohup``'s
ignored SIGHUP, a background job's SIGINT) stays set aside."""
from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSocketNotifier
from PySide6.QtWidgets import QWidget

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_DEFAULT_ACTIONS = (signal.SIG_DFL, signal.default_int_handler)  # Python's own SIGINT handler is a default too


@contextmanager
def closed_by_stop_signals(window: QWidget) -> Iterator[StopSignalWatch]:
    """Within the block (the window's event loop), a stop signal closes ``window``; the handlers and Python's wake-up
    descriptor are put back after it. Main thread only (Python runs signal handlers there)."""
    global _watching
    watch = _watching = StopSignalWatch(window)
    try:
        yield watch
    finally:
        watch.release()
        _watching = None


class StopSignalWatch(QObject):
    """Python runs a signal's handler only between bytecodes of the main thread, which waits inside Qt's event loop:
    the signal's number is written to a socket (signal.set_wakeup_fd) whose notifier wakes the loop."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._closing = False
        self._close_events = 0  # those delivered to the window
        self.closed_by: int | None = None  # the signal that closed the window
        self._heard, self._wake = socket.socketpair()
        for end in (self._heard, self._wake):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._wake.fileno(), warn_on_full_buffer=False)
        self._replaced: dict[int, object] | None = {number: signal.signal(number, _noted) for number in STOP_SIGNALS
                                                    if signal.getsignal(number) in _DEFAULT_ACTIONS}
        self._notifier = QSocketNotifier(self._heard.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._arrived)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._close_events += 1
        return False

    def _arrived(self) -> None:
        try:
            numbers = self._heard.recv(64)
        except BlockingIOError:
            return
        heard = [number for number in numbers if number in self._replaced]
        if not heard or not self._window.isVisible():  # closed already: the program is ending, its close done
            return
        if self._closing:  # asked again while the close waits (a question nobody answers): ended at once
            self._end(heard[-1])
            return
        self._closing, sent = True, self._close_events
        try:
            self._window.close()  # refused (the person kept running work going): the window stays, as a click leaves it
        finally:
            self._closing = False
        if self._close_events == sent:  # none sent: Qt sends none while a close is under way, the close button's, its
            self._end(heard[-1])  # question on screen (nobody may be there to answer it), as the second signal above
        elif not self._window.isVisible():
            self.closed_by = heard[-1]

    def exit_status(self, code: int) -> int:
        """``code``, the event loop's, or 128 + the signal that closed the window, as a command stopped by it ends
        (annotations.command_end)."""
        return code if self.closed_by is None else 128 + self.closed_by

    def _end(self, number: int) -> None:
        """The program ended as the signal's default ends it."""
        self.release()
        signal.signal(number, signal.SIG_DFL)  # SIGINT too, whose Python handler would raise in this slot
        signal.raise_signal(number)

    def release(self) -> None:
        """The handlers and wake-up descriptor as they were; idempotent."""
        if self._replaced is None:
            return
        self._notifier.setEnabled(False)
        self._window.removeEventFilter(self)
        self.put_back_handlers()
        self._heard.close()
        self._wake.close()

    def put_back_handlers(self) -> None:
        for number, previous in (self._replaced or {}).items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._replaced = None


def _forked() -> None:
    """A process forked from the window (multiprocessing's fork) would send the signals it is sent to the window's
    socket, and ignore them itself: it gets the handlers the window replaced."""
    if _watching is not None:
        _watching.put_back_handlers()


_watching: StopSignalWatch | None = None
os.register_at_fork(after_in_child=_forked)


def _noted(_number: int, _frame: object) -> None:
    """Nothing to do here: the wake-up descriptor carries the signal to StopSignalWatch, in the event loop."""
