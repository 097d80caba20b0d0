"""Objects that live as long as the program, kept out of Python's full garbage collections.

A full collection walks every tracked object while holding the GIL, so the GUI thread waits for it whichever
thread triggered it: with torch imported and the window built that is ~210,000 objects (~0.12 s a collection on a
busy two-core machine), with the models loaded ~430,000 (~0.33 s), and a worker reading a big folder triggers
several. gc.freeze() moves every object alive now into a generation the collector never walks; they are still
freed when no longer referenced, only a reference cycle among them would stay (none of the program's own).
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def freeze_long_lived() -> None:
    """Call right after a bulk load that stays: the program's modules and window."""
    gc.freeze()


@contextmanager
def loading_long_lived() -> Iterator[None]:
    """Around a bulk load on a worker that stays (the analysis models: their libraries' imports make ~200,000
    objects): no collection runs while it is made, and what it made is frozen after. Each full collection during the
    load walked every object made so far, 3-4 of them of 25-150 ms as the window opened its first case, the window
    waiting; none of it was garbage. The collector is the process's: cycles other threads drop meanwhile wait for the
    load's end (seconds)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()
