"""A text progress bar for command-line work; implements annotations.progress.TaskState.

On a terminal it redraws one line; when the output is a file or pipe (CI logs) it prints a line every 10 %
so logs stay short. Ctrl-C arrives as KeyboardInterrupt, so ``is_cancelled`` never needs to say yes. The work's
messages are shown as ``said`` words them: a command's, in the interface's language (app.command_words).
"""
from __future__ import annotations

import shutil
import sys
import time
from typing import Callable, TextIO


class TextProgressBar:
    def __init__(self, label: str = "", stream: TextIO | None = None, width: int = 30,
                 min_interval_s: float = 0.1, said: Callable[[str], str] = str) -> None:
        self.label = label
        self.said = said
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.min_interval_s = min_interval_s
        self._interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_draw = 0.0
        self._last_step = -1
        self._drawn = False

    def progress(self, fraction: float, message: str = "") -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if self._interactive:
            now = time.monotonic()
            if now - self._last_draw < self.min_interval_s and fraction < 1.0:
                return
            self._last_draw = now
            columns = shutil.get_terminal_size((80, 24)).columns
            self.stream.write("\r" + self.render(fraction, self.said(message))[: columns - 1].ljust(columns - 1))
            self._drawn = True
        else:
            step = int(fraction * 10)
            if step == self._last_step:
                return
            self._last_step = step
            self.stream.write(self.render(fraction, self.said(message)) + "\n")
        self.stream.flush()

    def render(self, fraction: float, message: str = "") -> str:
        filled = int(round(fraction * self.width))
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"[{bar}] {fraction * 100:3.0f}%"
        if self.label:
            text = f"{self.label} {text}"
        return f"{text} {message}" if message else text

    def is_cancelled(self) -> bool:
        return False

    def finish(self) -> None:
        """End the redrawn line so the summary that follows starts on its own line."""
        if self._interactive and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
