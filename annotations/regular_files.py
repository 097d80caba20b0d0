"""Reading a person's files safely: only regular files, and their size checked before a byte is read.

A FIFO named ``eye.xml`` would block a plain ``open()`` forever, and a link to ``/dev/zero`` reads until memory
runs out. Every reader of user files (images, labels, CSVs, model files, sidecar files) opens through here: the
open never blocks (O_NONBLOCK), and the kind and size come from ``fstat`` of the opened descriptor, so a file
swapped between a check and the open cannot slip through.
"""
from __future__ import annotations

import os
import stat
from typing import BinaryIO, TypeVar

from annotations import messages as msg
from annotations.errors import FileProblem
from annotations.os_reasons import os_reason, read_hint

Problem = TypeVar("Problem", bound=FileProblem)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def open_regular(path: str | os.PathLike, max_bytes: int | None = None, what: str = "this kind of file",
                 error: type[FileProblem] = FileProblem) -> BinaryIO:
    """Open ``path`` for binary reading; raises ``error`` when it is missing, not a regular file (after
    following links), or larger than ``max_bytes``."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise error(path, msg.NOT_FOUND, msg.NOT_MOVED) from None
    except OSError as exc:
        raise unreadable(path, exc, error) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
            raise error(path, msg.NOT_REGULAR.format(kind=kind), msg.ONLY_ORDINARY)
        if max_bytes is not None and info.st_size > max_bytes:
            raise error(path, msg.TOO_LARGE_FOR.format(size=_size(info.st_size), what=what, limit=_size(max_bytes)),
                        msg.RIGHT_FILE)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_bytes(path: str | os.PathLike, max_bytes: int | None = None, what: str = "this kind of file",
                       error: type[FileProblem] = FileProblem) -> bytes:
    """The whole content of a regular file of at most ``max_bytes`` (a file that grows while read is refused)."""
    with open_regular(path, max_bytes, what, error) as handle:
        try:
            if max_bytes is None:
                return handle.read()
            data = bytearray()  # read(n) would reserve n bytes at once: read what is there, up to the limit
            while len(data) <= max_bytes and (chunk := handle.read(min(1 << 24, max_bytes + 1 - len(data)))):
                data += chunk
        except OSError as exc:  # e.g. a network share gone while it was read
            raise unreadable(path, exc, error) from exc
    if len(data) > max_bytes:
        raise error(path, msg.GREW_TOO_LARGE.format(limit=_size(max_bytes), what=what), msg.RIGHT_FILE)
    return bytes(data)


def unreadable(path: str | os.PathLike, exc: OSError, error: type[Problem] = FileProblem) -> Problem:
    """``error`` naming ``path``, which the system failed to open or read with ``exc``, and what to do about it;
    ``exc`` is its cause (what refused_by_the_system reads) however the caller raises or keeps it."""
    problem = error(path, msg.CANNOT_READ.format(error=os_reason(exc)), read_hint(exc))
    problem.__cause__ = exc
    return problem


def refused_by_the_system(problem: FileProblem) -> bool:
    """Whether ``problem`` is the system failing a read (``unreadable``: a share away, a permission), which may pass
    another time, not the file's content, which stays as it is until the file changes."""
    cause = problem.__cause__
    return isinstance(cause, OSError) and cause.errno is not None


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:,.0f} MB" if n_bytes >= 2**20 else msg.SIZE_IN_BYTES.format(count=f"{n_bytes:,}")
