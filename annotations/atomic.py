"""Atomic file writes: temp file in the same folder, flush, fsync, os.replace (labelme's pattern)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files 0600; give written files the mode a plain open() would (read once, at import,
# because os.umask can only be read by setting it, which is not thread-safe later).
_DEFAULT_MODE = 0o666 & ~_read_umask()


_TEMP_SUFFIX = ".tmp"


def _temp_prefix(name: str) -> str:
    return f".{name}."


def is_temp_file_of(name: str, target: str) -> bool:
    """Whether ``name`` is a temp file that atomic_write_bytes of ``target`` leaves beside it when killed mid-write."""
    return name.startswith(_temp_prefix(target)) and name.endswith(_TEMP_SUFFIX)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, temp_dir: str | os.PathLike | None = None,
                       temp_prefix: str = "") -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one, never a mix.

    The temp file goes beside ``path`` unless ``temp_dir`` (same file system) names a folder to keep them in.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix or _temp_prefix(target.name), suffix=_TEMP_SUFFIX,
                                    dir=target.parent if temp_dir is None else temp_dir)
    try:
        os.chmod(tmp_name, target.stat().st_mode & 0o7777 if target.exists() else _DEFAULT_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


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
