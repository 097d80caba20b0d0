"""The copies a Ray worker makes of the photos it is sent (ray_engine.PhotoAnalyst): decoding reads a file, and only
the driver's machine has the photo. Each copy lives in a temporary folder of its own, named with the worker's process
number, removed once the photo is analysed. A worker that Ray ends on the spot (a run stopped: its workers are killed
mid-photo; a crash, memory running out, its machine's Ray stopped) removes nothing: a patient's photo stayed in the
temporary folder, one more at each stop. A worker that starts removes those of workers no longer running."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from annotations.processes import process_alive

PREFIX = "retina-review-photo-"


def photo_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder for one photo's copy, named with this process's number."""
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-")


def remove_left_behind() -> None:
    """Remove the photo folders of workers that ended without removing them (their process no longer runs)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        number = folder.name[len(PREFIX):].split("-", 1)[0]
        if number.isdigit() and not folder.is_symlink() and process_alive(int(number)) is False:
            shutil.rmtree(folder, ignore_errors=True)  # another user's, or removed meanwhile: left as it is
