"""A long command stopped from outside (a scheduler's or `timeout`'s SIGTERM, `kill PID`, the terminal closed: SIGHUP)
stops as Ctrl+C stops it: KeyboardInterrupt in the main thread, so the images already analysed are written, the
workspace is closed (its lock removed) and the summary says what was left. By default these signals end Python at
once, with none of that."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise KeyboardInterrupt; a signal someone set aside (``nohup``'s ignored
    SIGHUP) or handles already is left as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    replaced = {}
    for number in _SIGNALS:
        if signal.getsignal(number) is signal.SIG_DFL:
            replaced[number] = signal.signal(number, _interrupt)
    try:
        yield
    finally:
        for number, previous in replaced.items():
            signal.signal(number, previous)


class StoppedBySignal(KeyboardInterrupt):
    """The stop a signal asked for; the process exits 128 + its number, as one the signal ended does (143 for
    SIGTERM), so a scheduler sees how it ended."""

    def __init__(self, number: int) -> None:
        super().__init__(signal.Signals(number).name)
        self.number = number


def exit_status(stop: KeyboardInterrupt) -> int:
    """128 + the signal's number: 130 for Ctrl+C (SIGINT), 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + (stop.number if isinstance(stop, StoppedBySignal) else signal.SIGINT)


def _interrupt(number: int, _frame: object) -> None:
    raise StoppedBySignal(number)
