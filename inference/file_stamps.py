"""The one rule for "have these files changed": each file's resolved path, size and modification time."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

FileStamp = tuple[str, int, int]  # resolved path, size in bytes, modification time in ns
MISSING = -1  # size and time of a file that cannot be read (not there yet, or gone)


def file_stamps(paths: Iterable[Path]) -> list[FileStamp]:
    """A stamp per file: a file replaced, edited, copied over, retrained, added or removed gives another stamp,
    so a cache key or a remembered answer built on them is not used for it again."""
    stamps = []
    for path in paths:
        try:
            status = Path(path).stat()
        except OSError:
            stamps.append((str(Path(path).resolve()), MISSING, MISSING))
        else:
            stamps.append((str(Path(path).resolve()), status.st_size, status.st_mtime_ns))
    return stamps
