"""Failures of work the window repeats by itself on a folder (settling agreed cases, noting the arbiter's
corrections, the case list's look at where a saved case stands) are said once: a damaged reading.json fails all of
that work, at every case opened or saved, and saying so each time, or once for each kind of work, would bury the
status bar. The window keeps one SaidOnce for the open folder (app.case_controller), which that work shares. A
failure is said again in the next folder, or when it comes back after the work went through; a different failure is
always said. A failure is the folder's work's unless it is about one case (a case that failed alone): that one is
news again only once that case's work went through."""
from __future__ import annotations

from typing import Callable

FOLDER = ""  # what a failure is about when it is no one case's: the folder's work as a whole


class SaidOnce:
    def __init__(self, say: Callable[[str], None]) -> None:
        self._say = say
        self._said: dict[str, set[str]] = {}  # case id or FOLDER: the failures said since its work last went through

    def failed(self, error: str, about: str = FOLDER) -> None:
        said = self._said.setdefault(about, set())
        if error not in said:
            said.add(error)
            self._say(error)

    def worked(self, about: str = FOLDER) -> None:
        """The work went through (``about``: that case's): a failure of it from now on is news."""
        self._said.pop(about, None)

    def new_folder(self) -> None:
        """Another folder opened: every failure from now on is news."""
        self._said.clear()
