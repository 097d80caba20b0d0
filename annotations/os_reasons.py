"""Why the system failed to write or read a file, in words a person can act on (marked templates, annotations.messages,
which the interface shows translated) where the cause is a common one: a full or read-only disk, a permission, a
disk or network share gone; any other cause in the system's own words. And what to do when it failed to read one.
The one place an OSError's reason is worded."""
from __future__ import annotations

import errno

from annotations import messages as msg


def _known(*names: str) -> list[int]:
    """The errnos of ``names`` this system has (EHOSTDOWN, EDQUOT, ENOMEDIUM: not on every one)."""
    return [getattr(errno, name) for name in names if hasattr(errno, name)]


_REASONS = {errno.EROFS: msg.READ_ONLY_DISK, errno.ENOSPC: msg.DISK_FULL, errno.EACCES: msg.NO_PERMISSION,
            errno.EPERM: msg.NO_PERMISSION, errno.ENOTDIR: msg.PATH_THROUGH_FILE, errno.ENOENT: msg.NOT_THERE,
            errno.EIO: msg.INPUT_OUTPUT, errno.ETIMEDOUT: msg.TIMED_OUT}
_REASONS |= {code: msg.DISK_FULL for code in _known("EDQUOT")}  # over quota: free space, as for a full disk
_REASONS |= {code: msg.SHARE_LOST for code in _known("ENOTCONN", "EHOSTDOWN", "EHOSTUNREACH", "ESTALE", "ENETDOWN",
                                                        "ENETUNREACH", "ECONNRESET", "ECONNABORTED")}

# A read failed for a cause outside the file: the disk or network share it is on went away or stopped answering.
_LOST_CONNECTION = frozenset(_known(
    "EIO", "ETIMEDOUT", "ESTALE", "ENOTCONN", "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH", "ECONNRESET",
    "ECONNABORTED", "ENXIO", "ENODEV", "ENOMEDIUM", "EREMOTEIO"))
# Windows says it in its own codes, which Python turns into errnos such as EINVAL that say nothing of it: the remote
# computer or share gone (51, 59, 64, 67), a timeout (121), the network or host unreachable or the connection
# aborted (1231, 1232, 1236), a drive not ready or a device gone (21, 1167).
_LOST_CONNECTION_WINDOWS = frozenset({21, 51, 59, 64, 67, 121, 1167, 1231, 1232, 1236})


def os_reason(exc: OSError) -> str:
    """Why ``exc`` happened: a marked template for the common causes, else the system's words."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def write_hint(exc: OSError, action: str = "save") -> str:
    """What a person can do about a save the system refused with ``exc``: free space on a full disk, make a read-only
    or forbidden folder writable, reconnect a disk or share the system lost; else save again once it is mended. A
    case saved by an import (``action`` "import") is imported again, not saved."""
    free_space, make_writable, reconnect, again = msg.IMPORT_HINTS if action == "import" else msg.SAVE_HINTS
    reason = _REASONS.get(exc.errno or 0)
    if reason == msg.DISK_FULL:
        return free_space
    if reason in (msg.READ_ONLY_DISK, msg.NO_PERMISSION):
        return make_writable
    return reconnect if _lost_connection(exc) else again


def read_hint(exc: OSError) -> str:
    """What a person can do about a file the system failed to read with ``exc``: look for it where it is not there
    (a photo moved away, a link to one deleted: no permission brings it back), reconnect the disk or share where the
    system lost it (the file itself may be fine), else check the file's permissions."""
    if exc.errno == errno.ENOENT:
        return msg.NOT_MOVED
    return msg.CHECK_CONNECTION if _lost_connection(exc) else msg.CHECK_PERMISSIONS


def _lost_connection(exc: OSError) -> bool:
    """The disk or network share holding the file went away or stopped answering (the file itself may be fine)."""
    return exc.errno in _LOST_CONNECTION or getattr(exc, "winerror", None) in _LOST_CONNECTION_WINDOWS
