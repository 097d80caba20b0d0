"""The cases a crash's recovery saved that nobody has opened to check since (Workspace.to_check): one file each in the
store's ``to-check`` folder, named for the case and holding when it was recovered.

Not in the index: a damaged index, or one a backup's hard link has other names for, is set aside and rebuilt from the
per-case files, and the cases, not checked, went unnamed. Each note is written atomically and removed once the case is
checked; a crash leaves each as it was or as it was meant to be. A folder read, not a query: one entry per case to
check, so a folder of thousands of photos reads only the few recovered.
"""
from __future__ import annotations

import os
from pathlib import Path

from annotations.errors import FileProblem
from annotations.regular_files import read_regular_bytes
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.sidecar import now_iso

FOLDER = "to-check"  # in the sidecar
SUFFIX = ".recovered"
MAX_NOTE_BYTES = 1024  # a time


class ToCheck:
    """The ``to-check`` folder of a store; writes, renames and deletes go through its ConfinedFolder."""

    def __init__(self, folder: Path, confined: ConfinedFolder) -> None:
        self.folder = folder
        self._confined = confined

    def path(self, case_id: str) -> Path:
        return self.folder / f"{case_id}{SUFFIX}"

    def cases(self) -> list[str]:
        """The cases noted, in the order recovered (their notes' times; ties by case id). OSError where the folder
        cannot be read."""
        if not os.path.lexists(self.folder):
            return []
        noted = []
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):  # not an atomic write's temp
                    noted.append((self._when(Path(entry.path)), entry.name[: -len(SUFFIX)]))
        return [case_id for _, case_id in sorted(noted)]

    @staticmethod
    def _when(path: Path) -> str:
        """When the case was recovered, as its note says ("" where it cannot be read: named all the same)."""
        try:
            return read_regular_bytes(path, MAX_NOTE_BYTES, "a note of a case to check").decode("ascii").strip()
        except (FileProblem, OSError, ValueError):
            return ""

    def note(self, case_id: str) -> None:
        """``case_id`` was just recovered: to check. OSError or WorkspaceError (a link) where it cannot be noted."""
        self._confined.mkdir(self.folder)
        self._confined.write_text(self.path(case_id), now_iso() + "\n")

    def checked(self, case_id: str) -> None:
        self._confined.unlink(self.path(case_id))

    def remove_stray_temp_files(self) -> None:
        """Temp files of notes a crash cut short; only the lock owner calls this, so no live writer is using them."""
        if os.path.isdir(self.folder) and not os.path.islink(self.folder):
            for path in self.folder.glob(f".*{SUFFIX}.*.tmp"):
                if path.is_file() and not path.is_symlink():
                    self._confined.unlink(path)

    def moved(self, source: str, target: str) -> None:
        """The case ``source`` moved to ``target`` (a TIFF's first page to its B-scan 1): to check there. Once whatever
        the calls: a note already moved stays."""
        if os.path.lexists(self.path(source)):
            self._confined.replace(self.path(source), self.path(target))
