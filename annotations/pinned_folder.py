"""A folder held open while an entry in it is written, renamed or removed, so that the folder checked is the folder
changed.

Checked by its path and then changed by its path, a folder swapped for a link in between (by another user of a
shared output folder, or a sync tool) took the change wherever the link led: an export's mask replaced a photo of
that name there, and a sweep of an earlier export's files removed one. Held open, the folder is checked as the
folder its descriptor is (its real path, links resolved, must still be that same folder), and every change is made
relative to that descriptor (the ``dir_fd`` of os calls): a link swapped in later leads nowhere. Where the system has
no ``dir_fd`` (Windows) the folder is checked and changed by its path, as before.
"""
from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

SUPPORTED = all(call in os.supports_dir_fd for call in (os.open, os.rename, os.unlink, os.stat)) and \
    hasattr(os, "O_DIRECTORY")
FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)

FolderCheck = Callable[[Path], object]  # given a folder's real path; raises to refuse changes there


@contextmanager
def pinned(folder: Path, check: FolderCheck) -> Iterator[int | None]:
    """``folder`` held open for the block: its descriptor, once ``check`` passed the real path of the folder held;
    None where the system cannot work relative to a folder (``check`` is given the folder's real path then).
    OSError where it is missing, or changed while it was looked at (a link swapped in meanwhile)."""
    if not SUPPORTED:
        check(Path(os.path.realpath(folder)))
        yield None
        return
    fd = os.open(folder, FOLDER_FLAGS)
    try:
        real = os.path.realpath(folder)
        try:
            same = os.path.samestat(os.stat(real), os.fstat(fd))
        except OSError:
            same = False
        if not same:  # swapped between the open and the look: a try again finds it as it is then
            raise OSError(errno.EAGAIN, os.strerror(errno.EAGAIN), str(folder))
        check(Path(real))
        yield fd
    finally:
        os.close(fd)


def unlink_in(folder: Path, name: str, check: FolderCheck) -> None:
    """Remove the entry ``name`` of ``folder`` (a link itself, never what it leads to) once ``check`` passed the
    folder (pinned). FileNotFoundError where it is not there."""
    with pinned(folder, check) as fd:
        os.unlink(name if fd is not None else folder / name, dir_fd=fd)


def rename_in(folder: Path, old: str, new: str, check: FolderCheck) -> None:
    """Rename the entry ``old`` of ``folder`` to ``new`` in that same folder, replacing it, once ``check`` passed the
    folder (pinned)."""
    with pinned(folder, check) as fd:
        if fd is None:
            os.replace(folder / old, folder / new)
        else:
            os.replace(old, new, src_dir_fd=fd, dst_dir_fd=fd)

