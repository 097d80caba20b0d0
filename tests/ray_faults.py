"""A fault of a Ray batch made to order, for the Ray engine's tests: a worker that crashes on a chosen photo.
Ray's workers import it from here by name, so this module stays light: the tests' own modules import the command and
their fixtures."""
from __future__ import annotations

import os
from pathlib import Path

from inference.batch.photo import PhotoReport, PhotoTask
from inference.batch.ray_engine import PhotoAnalyst

CRASHING = "crash"  # a photo whose name holds this word stops the worker analysing it, every time


class CrashingAnalyst(PhotoAnalyst):
    """The engine's actor, whose process ends on the spot (as a segfault or the kernel's OOM killer ends it) when
    given a CRASHING photo."""

    def analyze(self, task: PhotoTask, data: bytes, file: str, number: int | None) -> PhotoReport:
        if CRASHING in Path(task.source).name:
            os._exit(1)
        return super().analyze(task, data, file, number)
