"""How the `python -m inference.training.*` tools end: as `retina-review`'s commands do (annotations.command_end), an
error a person can cause said in one line naming the file (status 2), Ctrl+C as "interrupted", a bug with its
traceback (70); not Python's traceback and status 1, which a script reads as a run that went partly through."""
from __future__ import annotations

from typing import Callable

from annotations.command_end import run_command
from annotations.errors import FileProblem
from inference.dataset import DataError

# a damaged photo or data folder, a folder that is no model (ModelError), a bad option value, an output in the way
PERSON_CAUSED = (DataError, FileProblem, ValueError)


def run_tool(main: Callable[[], int | None]) -> int:
    """``main()``'s exit status, ended the one way (module doc)."""
    return run_command(main, PERSON_CAUSED)
