"""An answer read from a file (its page count, whether it holds a picture), kept while the file's modification time
and size stay as they were: asked again at each look of a folder's scan or each step of a slider, one stat instead
of an open and a read (a share answers slowly)."""
from __future__ import annotations

import os
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class FileAnswers(Generic[T]):
    """Answers by path, each with the (mtime ns, size) it was read at; all forgotten once ``kept`` are held."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._answers: dict[str, tuple[tuple[int, int], T]] = {}

    def answer(self, path: str | os.PathLike, status: os.stat_result, read: Callable[[], T]) -> T:
        """The answer kept for ``path`` where ``status`` (its stat now) matches, else ``read()``, kept."""
        key, stamp = os.fspath(path), (status.st_mtime_ns, status.st_size)
        known = self._answers.get(key)
        if known is None or known[0] != stamp:
            if len(self._answers) >= self._kept:
                self._answers.clear()
            known = self._answers[key] = (stamp, read())
        return known[1]

    def clear(self) -> None:
        self._answers.clear()
