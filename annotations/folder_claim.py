"""One writer at a time per output folder: two runs writing into one folder at once would each pass the check that
no file is in the way (nothing is written yet) and then replace each other's files.

The claim is an advisory lock (``flock``) on the folder itself, so it leaves no file behind and ends with the
process, however that ends. Where ``fcntl`` does not exist (Windows), or the folder's file system refuses locks,
there is no claim and the writer goes on as before.
"""
from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class FolderBusy(Exception):
    """Another writer holds the folder."""


class FolderClaim:
    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self._fd: int | None = None
        self._created: list[Path] = []  # the folders acquire made, the claimed one first

    def acquire(self) -> None:
        """Hold the folder (created when missing), or raise FolderBusy; OSError when it cannot be made or opened."""
        if fcntl is None or self._fd is not None:
            return
        self._created = [path for path in (self.folder, *self.folder.absolute().parents) if not path.exists()]
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.folder, os.O_RDONLY)
        except OSError:  # a folder that can be written but not read: no claim, as where locks are missing
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise FolderBusy(self.folder) from exc
        except OSError:  # a share without locks (ENOLCK, EOPNOTSUPP): write unclaimed rather than not at all
            os.close(fd)
            return
        self._fd = fd

    @property
    def held(self) -> bool:
        """Whether the folder is locked by this claim (acquire goes on without a lock where there is none)."""
        return self._fd is not None

    def release(self) -> None:
        """Let the folder go; the folders the claim created (the claimed one, those above it) that nothing was
        written into are removed again."""
        if self._fd is None:
            return
        for folder in self._created:
            try:
                folder.rmdir()  # only when empty: a refused run leaves no trace
            except OSError:
                break
        os.close(self._fd)  # closing the descriptor ends the lock
        self._fd = None
