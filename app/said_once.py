"""Failures of work the window repeats by itself (settling agreed cases, noting the arbiter's corrections, the case
list's look at where a saved case stands) are said once: a damaged reading.json fails every case, and saying so at
every case opened or saved would bury the status bar. Said again in the next folder, or when it comes back after the
work went through; a different failure is always said."""
from __future__ import annotations

from typing import Callable


class SaidOnce:
    def __init__(self, say: Callable[[str], None]) -> None:
        self._say = say
        self._said: set[str] = set()  # failures said since the work last went through, in this folder

    def failed(self, error: str) -> None:
        if error not in self._said:
            self._said.add(error)
            self._say(error)

    def worked(self) -> None:
        """The work went through, or another folder opened: a failure from now on is news."""
        self._said.clear()
