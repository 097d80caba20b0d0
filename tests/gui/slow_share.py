"""A network share slow to answer, for the tests that the window keeps turning while a folder on it is read: each
open (os.open) or look (os.stat) of its files waits, and those made on the GUI thread, where the window froze for
them, are noted."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable

import pytest

READ_S = 0.4  # each open or look of a file on the share


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class SlowShare:
    """Opening a file of ``folder`` takes READ_S once ``slow``; records the files opened, and those on the GUI
    thread."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.slow = str(folder), False
        self.opened: list[Path] = []
        self.on_gui_thread: list[str] = []
        real = os.open

        def slow_open(path, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's own
            if self.slow and str(path).startswith(self.folder):
                self.opened.append(Path(path))
                if on_gui_thread():
                    self.on_gui_thread.append(str(path))
                time.sleep(READ_S)
            return real(path, *args, **kwargs)
        monkeypatch.setattr(os, "open", slow_open)


def slow_stat(monkeypatch: pytest.MonkeyPatch, on_share: Callable[[Path], bool], read_s: float = READ_S) -> list[Path]:
    """Makes each stat of a path ``on_share`` picks take ``read_s``; returns the paths so looked at on the GUI
    thread."""
    looked_on_gui_thread: list[Path] = []
    real = os.stat

    def stat(path, *args, **kwargs):  # noqa: ANN001, ANN202 - os.stat's own
        if not isinstance(path, int) and on_share(Path(path)):  # not fstat's descriptor
            if on_gui_thread():
                looked_on_gui_thread.append(Path(path))
            time.sleep(read_s)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, "stat", stat)
    return looked_on_gui_thread
