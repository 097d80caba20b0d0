"""Failures of work the window repeats by itself on a folder (settling agreed cases, noting the arbiter's
corrections, the case list's look at where a saved case stands, the arbiter's look for the readers' saves) are said
once: a damaged reading.json fails all of that work, at every case opened or saved, and saying so each time, or once
for each kind of work, would bury the status bar. The window keeps one SaidOnce for the open folder
(app.case_controller), which that work shares, each kind under its own name (a case that fails alone under its own
too). A failure is said when no work is failing with it already: again once every work that failed with it went
through (one work going through says nothing about another's failure: a note that needs no settings read is no sign
the list's look can read them), or in the next folder; a different failure is always said."""
from __future__ import annotations

from typing import Callable


class SaidOnce:
    def __init__(self, say: Callable[[str], None]) -> None:
        self._say = say
        self._failing: dict[str, set[str]] = {}  # error: the work now failing with it

    def failed(self, error: str, by: str) -> None:
        """The work named ``by`` failed with ``error``: said unless some work is failing with it already."""
        failing = self._failing.setdefault(error, set())
        if not failing:
            self._say(error)
        failing.add(by)

    def worked(self, by: str) -> None:
        """The work named ``by`` went through: its failures are over (said again when no other work has them)."""
        for error in list(self._failing):
            self._failing[error].discard(by)
            if not self._failing[error]:
                del self._failing[error]

    def new_folder(self) -> None:
        """Another folder opened: every failure from now on is news."""
        self._failing.clear()
