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

_NO_FULL = 2**31 - 1  # the oldest generation's threshold while a load runs: never reached


def freeze_long_lived() -> None:
    """Call right after a bulk load that stays: the program's modules and window."""
    gc.freeze()


@contextmanager
def loading_long_lived() -> Iterator[None]:
    """Around a bulk load on a worker that stays (the analysis models: their libraries' imports make ~200,000
    objects): no full collection runs while it is made, and what it made is frozen after. Each full collection during
    the load walked every object made so far, 3-4 of them of 25-150 ms as the window opened its first case, the
    window waiting. The young generations are still collected (~1-3 ms each): the cycles the load drops are freed
    there, where with the collector off they were frozen with the models, never freed (the first load's: ~7,700
    objects, ~20 MB of tensors). The thresholds are the process's: the first of overlapping loads puts them back."""
    before = gc.get_threshold()
    gc.set_threshold(*before[:2], _NO_FULL)
    try:
        yield
    finally:
        gc.freeze()  # first: a full collection let in before it would walk all the load made
        if before[2] != _NO_FULL:
            gc.set_threshold(*before)
