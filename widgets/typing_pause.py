"""The pause in typing after which what was typed is recorded, one undo step (the findings box, the patient fields):
recorded, the case is marked unsaved and its autosave snapshot takes it, so a crash loses no more than the pause."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer

TYPING_PAUSE_MS = 800  # typed text is recorded after this pause (or on leaving the field)


def typing_pause(parent: QObject, commit: Callable[[], None]) -> QTimer:
    """A single-shot timer that calls ``commit`` when started and not started again (a keystroke) for the pause."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(TYPING_PAUSE_MS)
    timer.timeout.connect(commit)
    return timer
