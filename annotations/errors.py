"""The shape of every error a person can cause: which file, what is wrong, and what to do about it."""
from __future__ import annotations

import os

from annotations.wording import QT_TRANSLATE_NOOP

# The message's two shapes; the interface matches them (and the reason and hint inside) to translate it.
CONTEXT = "FileProblem"
FILE_PROBLEM = QT_TRANSLATE_NOOP("FileProblem", "{path}: {reason}")
FILE_PROBLEM_WITH_HINT = QT_TRANSLATE_NOOP("FileProblem", "{path}: {reason} — {hint}")
TEMPLATES: tuple[str, ...] = (FILE_PROBLEM_WITH_HINT, FILE_PROBLEM)


class FileProblem(Exception):
    """A file the program cannot use; the message reads "PATH: reason — hint"."""

    def __init__(self, path: str | os.PathLike, reason: str, hint: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        template = FILE_PROBLEM_WITH_HINT if hint else FILE_PROBLEM
        super().__init__(template.format(path=self.path, reason=reason, hint=hint))
