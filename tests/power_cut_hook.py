"""A power cut at a chosen step of writing to disk, for tests/power_cut.py's runs of the window and the commands.

``install(cut)``: the process SIGKILLs itself at step ``cut`` (from 1): each os.replace, os.fsync, os.rename and
os.unlink is two steps, just before it and just after it, whichever thread takes it. ``steps()``: how many so far.
``only``: a name; only the calls on a path ending with it count (a fixed point in a run whose other writes vary).
"""
from __future__ import annotations

import os
import signal
import threading
from typing import Any, Callable

REAL: dict[str, Callable[..., Any]] = {name: getattr(os, name) for name in ("replace", "fsync", "rename", "unlink")}
_count = [0]
_lock = threading.Lock()


def steps() -> int:
    return _count[0]


def install(cut: int, only: str = "") -> None:
    def step() -> None:
        with _lock:
            _count[0] += 1
            if _count[0] == cut:
                os.kill(os.getpid(), signal.SIGKILL)

    def cutting(real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            counted = not only or any(isinstance(a, (str, os.PathLike)) and os.fspath(a).endswith(only) for a in args)
            if counted:
                step()
            result = real(*args, **kwargs)
            if counted:
                step()
            return result
        return wrapped

    for name, real in REAL.items():
        setattr(os, name, cutting(real))
