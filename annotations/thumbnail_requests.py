"""Which thumbnails to decode next: the rows asked for last come first (they are on screen now), a row asked for
twice is decoded once, and requests beyond ``limit`` drop the oldest (rows scrolled past long ago). Thread-safe:
the GUI adds, a worker takes."""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path


class ThumbnailRequests:
    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self._wanted: OrderedDict[str, Path] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, case_id: str, path: Path) -> None:
        with self._lock:
            self._wanted[case_id] = path
            self._wanted.move_to_end(case_id)
            while len(self._wanted) > self.limit:
                self._wanted.popitem(last=False)

    def take(self) -> tuple[str, Path] | None:
        """The newest request, or None when there is none."""
        with self._lock:
            return self._wanted.popitem(last=True) if self._wanted else None

    def clear(self) -> None:
        with self._lock:
            self._wanted.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._wanted)
