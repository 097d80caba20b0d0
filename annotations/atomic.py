"""Atomic file writes: temp file in the same folder, flush, fsync, os.replace (labelme's pattern)."""
from __future__ import annotations

import errno
import os
import secrets
import tempfile
from pathlib import Path

from annotations.pinned_folder import FOLDER_FLAGS, FolderCheck, pinned


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files 0600; give written files the mode a plain open() would (read once, at import,
# because os.umask can only be read by setting it, which is not thread-safe later).
_DEFAULT_MODE = 0o666 & ~_read_umask()


_TEMP_SUFFIX = ".tmp"
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _temp_prefix(name: str) -> str:
    return f".{name}."


def is_temp_file_of(name: str, target: str) -> bool:
    """Whether ``name`` is a temp file that atomic_write_bytes of ``target`` leaves beside it when killed mid-write."""
    return name.startswith(_temp_prefix(target)) and name.endswith(_TEMP_SUFFIX)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, temp_dir: str | os.PathLike | None = None,
                       temp_prefix: str = "", check: FolderCheck | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one, never a mix.

    The temp file goes beside ``path`` unless ``temp_dir`` (same file system) names a folder to keep them in.
    ``check``: given the real path of the folder ``path`` lies in, raises to refuse it; the folder it passed is the
    one written (annotations.pinned_folder), whatever link is swapped in for it meanwhile.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if check is None:
        _write_by_path(target, data, temp_dir, temp_prefix)
        return
    with pinned(target.parent, check) as folder:
        if folder is None:
            _write_by_path(target, data, temp_dir, temp_prefix)
        else:
            _write_in_folder(folder, target.name, data, temp_dir, temp_prefix)


def _write_by_path(target: Path, data: bytes, temp_dir: str | os.PathLike | None, temp_prefix: str) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix or _temp_prefix(target.name), suffix=_TEMP_SUFFIX,
                                    dir=target.parent if temp_dir is None else temp_dir)
    try:
        os.chmod(tmp_name, target.stat().st_mode & 0o7777 if target.exists() else _DEFAULT_MODE)
        _write_whole(fd, data)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


def _write_in_folder(folder: int, name: str, data: bytes, temp_dir: str | os.PathLike | None,
                     temp_prefix: str) -> None:
    """_write_by_path's steps with ``name`` an entry of the folder held open as ``folder``; the temp file in it, or
    in ``temp_dir`` (a path: a link swapped in there leads a temp file astray, never what replaces ``name``)."""
    temp_folder = folder if temp_dir is None else os.open(temp_dir, FOLDER_FLAGS)
    try:
        try:
            mode = os.stat(name, dir_fd=folder).st_mode & 0o7777
        except FileNotFoundError:
            mode = _DEFAULT_MODE
        fd, tmp_name = _new_temp_file(temp_folder, temp_prefix or _temp_prefix(name))
        try:
            _write_whole(fd, data, mode)
            os.replace(tmp_name, name, src_dir_fd=temp_folder, dst_dir_fd=folder)
        except BaseException:
            try:
                os.unlink(tmp_name, dir_fd=temp_folder)
            except FileNotFoundError:
                pass
            raise
    finally:
        if temp_folder != folder:
            os.close(temp_folder)
    try:
        os.fsync(folder)
    except OSError:
        pass


def _new_temp_file(folder: int, prefix: str) -> tuple[int, str]:
    """A new file in the folder held open as ``folder``, named as mkstemp names one, opened for writing."""
    for _ in range(100):
        name = f"{prefix}{secrets.token_hex(4)}{_TEMP_SUFFIX}"
        try:
            return os.open(name, _NEW_FILE_FLAGS, 0o600, dir_fd=folder), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temp file name", prefix)


def _write_whole(fd: int, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to the new file ``fd`` (given ``mode``, where not None) and close it, its bytes on the disk
    first."""
    with os.fdopen(fd, "wb") as handle:
        if mode is not None:
            os.fchmod(fd, mode)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not supported on every platform (Windows), so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
