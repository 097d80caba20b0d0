"""How long a long run's current stage has gone without a new word, so a view can show that it is alive: a stage
silent for SILENT_AFTER_S or more is shown with its elapsed seconds ("Preparing images (41 s)"). Qt-free; the
clock is injectable for tests."""
from __future__ import annotations

import time
from typing import Callable

SILENT_AFTER_S = 3.0


class StageClock:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.text = ""
        self.since = clock()

    def said(self, text: str) -> None:
        """The run's latest word; the same word again (a progress step without news) does not restart the stage."""
        if text != self.text:
            self.text, self.since = text, self.clock()

    def silent_seconds(self) -> int | None:
        """Whole seconds since the stage began, once it has been silent SILENT_AFTER_S; None before."""
        elapsed = self.clock() - self.since
        return int(elapsed) if elapsed >= SILENT_AFTER_S else None
