"""The copies a Ray worker makes of the photos it is sent (ray_engine.PhotoAnalyst): decoding reads a file, and only
the driver's machine has the photo. Each copy lives in a temporary folder of its own, named with the worker's process
number, removed once the photo is analysed. A worker that Ray ends on the spot (a run stopped: its workers are killed
mid-photo; a crash, memory running out, its machine's Ray stopped) removes nothing: a patient's photo stayed in the
temporary folder, one more at each stop. A worker that starts removes those of workers no longer running, and so does
the run, as it ends, on every machine of the cluster (ray_engine), and on its own where it lost the cluster."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from annotations.processes import process_alive

PREFIX = "retina-review-photo-"
ENDED_WITHIN_S = 3  # for the workers a run ended to end, before their photo copies are removed
_SWEEP_AGAIN_S = 0.1  # how often a run ending looks again whether its workers ended


def photo_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder for one photo's copy, named with this process's number."""
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-")


def remove_left_behind(within_s: float = 0.0) -> None:
    """Remove the photo folders of workers that ended without removing them (their process no longer runs);
    ``within_s``: how long to wait for the workers of those left to end (a run's own, just killed: Ray ends their
    processes a moment later)."""
    deadline = time.monotonic() + within_s
    while _sweep() and time.monotonic() < deadline:
        time.sleep(_SWEEP_AGAIN_S)


def _sweep() -> bool:
    """Remove the photo folders of workers no longer running; whether any of a worker still running is left."""
    left = False
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        number = folder.name[len(PREFIX):].split("-", 1)[0]
        if not number.isdigit() or folder.is_symlink():
            continue
        alive = process_alive(int(number))
        if alive is False:
            shutil.rmtree(folder, ignore_errors=True)  # another user's, or removed meanwhile: left as it is
        left = left or bool(alive)
    return left
