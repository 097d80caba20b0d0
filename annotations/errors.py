"""The shape of every error a person can cause: which file, what is wrong, and what to do about it."""
from __future__ import annotations

import os


class FileProblem(Exception):
    """A file the program cannot use; the message reads "PATH: reason — hint"."""

    def __init__(self, path: str | os.PathLike, reason: str, hint: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        message = f"{self.path}: {reason}"
        if hint:
            message += f" — {hint}"
        super().__init__(message)
