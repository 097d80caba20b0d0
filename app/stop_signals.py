"""A command stopped from outside (a scheduler's or `timeout`'s SIGTERM, `kill PID`, the terminal closed: SIGHUP)
stops as Ctrl+C stops it: KeyboardInterrupt in the main thread, so the images already analysed are written, an
export says what it wrote, the workspace is closed (its lock removed) and the summary says what was left. By default
these signals end Python at once, with none of that. app.cli puts every command but the window (app.window_signals)
and a training run (train's own block) under it."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from annotations.command_end import StoppedBySignal

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


def _interrupt(number: int, _frame: object) -> None:
    raise StoppedBySignal(number)
