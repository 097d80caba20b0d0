"""Every write, rename and delete the workspace makes goes through here, and stays inside the opened folder.

A link inside ``.retinareview`` (or ``.retinareview`` itself) may point anywhere: a case folder linked to a
person's documents once had its "leftover" files deleted. The rule is checked on real paths: the folder an
entry lives in must resolve to a place inside the workspace. Replacing or removing the entry itself never
touches what a link points to, so entries are checked by their folder; SQLite follows a link to the database
file itself, so database paths are checked whole (``check_file``).
"""
from __future__ import annotations

import os
from pathlib import Path

from annotations.atomic import atomic_write_bytes, atomic_write_text
from annotations.pinned_folder import FolderCheck, rename_in, unlink_in
from annotations.workspace import messages as msg
from annotations.workspace.errors import WorkspaceError


class LinkRefused(WorkspaceError):
    """A write, rename or delete refused because a link would take it where it must not go."""


class ConfinedFolder:
    """Safe file operations under ``root``; each raises LinkRefused before touching anything outside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = os.path.realpath(root)

    def contains(self, path: str | os.PathLike) -> bool:
        """Whether ``path``, with every link resolved, lies inside the workspace."""
        return self._holds(os.path.realpath(path))

    def _holds(self, real: str) -> bool:
        return real == self._real_root or real.startswith(self._real_root.rstrip(os.sep) + os.sep)

    def check_folder(self, folder: Path, real: str | os.PathLike | None = None) -> Path:
        """``folder``, refused (LinkRefused) where it leads out of the workspace: its real path, or ``real`` where
        given (the folder as held open: annotations.pinned_folder)."""
        real = os.path.realpath(folder) if real is None else os.fspath(real)
        if not self._holds(real):
            raise LinkRefused(msg.LEADS_OUT.format(folder=folder, root=self.root, target=real))
        return folder

    def _checker(self, folder: Path) -> FolderCheck:
        """check_folder of ``folder`` as the folder held open to change it, whose real path it is given."""
        return lambda real: self.check_folder(folder, real)

    def check_file(self, path: Path) -> Path:
        """For files opened by name by other code (SQLite): the file itself must not be a link out."""
        self.check_folder(path.parent)
        if not self.contains(path):
            raise LinkRefused(msg.LINK_OUTSIDE.format(path=path, target=os.path.realpath(path), root=self.root))
        return path

    def check_own_file(self, path: Path) -> Path:
        """A file the program creates for itself and others open by name (the index, the lock) must be a real file,
        not a link even to another file inside: SQLite would change a database the person keeps there."""
        if path.is_symlink():
            raise LinkRefused(msg.FILE_IS_LINK.format(path=path, target=os.path.realpath(path)))
        return self.check_file(path)

    def check_own_folder(self, folder: Path) -> Path:
        """A folder the program creates for itself (a case folder) must be a real folder, not a link even to
        another place inside: a case folder linked to another case's would have its files replaced and cleaned."""
        if folder.is_symlink():
            raise LinkRefused(msg.FOLDER_IS_LINK.format(folder=folder, target=os.path.realpath(folder)))
        return self.check_folder(folder)

    def mkdir(self, folder: Path) -> None:
        """Create ``folder`` (and its parents) after checking the nearest existing ancestor is inside."""
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        self.check_folder(existing)
        folder.mkdir(parents=True, exist_ok=True)
        self.check_folder(folder)  # a link may have appeared in between: refuse to use it

    def write_bytes(self, path: Path, data: bytes) -> None:
        atomic_write_bytes(self.check_folder(path.parent) / path.name, data)

    def write_text(self, path: Path, text: str) -> None:
        atomic_write_text(self.check_folder(path.parent) / path.name, text)

    def unlink(self, path: Path) -> None:
        """Remove the entry (a link is removed, never what it points to); a missing entry is fine."""
        try:
            unlink_in(path.parent, path.name, self._checker(path.parent))
        except FileNotFoundError:  # the entry, or its folder
            pass

    def replace(self, source: Path, target: Path) -> None:
        """Rename ``source`` to ``target``, an entry of the same folder."""
        if source.parent != target.parent:
            raise ValueError(f"{source} and {target} are in two folders")
        rename_in(source.parent, source.name, target.name, self._checker(source.parent))
