"""Why the system refused to write a file, in words a person can act on (marked templates, annotations.messages)
where the cause is one they can fix; any other cause in the system's own words. And what to do when it failed to
read one."""
from __future__ import annotations

import errno

from annotations import messages as msg

_REASONS = {errno.EROFS: msg.READ_ONLY_DISK, errno.ENOSPC: msg.DISK_FULL,
            getattr(errno, "EDQUOT", errno.ENOSPC): msg.DISK_FULL, errno.EACCES: msg.NO_PERMISSION,
            errno.EPERM: msg.NO_PERMISSION, errno.ENOTDIR: msg.PATH_THROUGH_FILE}

# A read failed for a cause outside the file: the disk or network share it is on went away or stopped answering.
_LOST_CONNECTION = frozenset(getattr(errno, name) for name in (
    "EIO", "ETIMEDOUT", "ESTALE", "ENOTCONN", "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH", "ECONNRESET",
    "ECONNABORTED", "ENXIO", "ENODEV", "ENOMEDIUM", "EREMOTEIO") if hasattr(errno, name))
# Windows says it in its own codes, which Python turns into errnos such as EINVAL that say nothing of it: the remote
# computer or share gone (51, 59, 64, 67), a timeout (121), the network or host unreachable or the connection
# aborted (1231, 1232, 1236), a drive not ready or a device gone (21, 1167).
_LOST_CONNECTION_WINDOWS = frozenset({21, 51, 59, 64, 67, 121, 1167, 1231, 1232, 1236})


def os_reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def read_hint(exc: OSError) -> str:
    """What a person can do about a file the system failed to read with ``exc``: reconnect the disk or share where
    the system lost it (the file itself may be fine), else check the file's permissions."""
    lost = exc.errno in _LOST_CONNECTION or getattr(exc, "winerror", None) in _LOST_CONNECTION_WINDOWS
    return msg.CHECK_CONNECTION if lost else msg.CHECK_PERMISSIONS
