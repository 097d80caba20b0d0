"""Why the system refused to write a file, in words a person can act on (marked templates, annotations.messages)
where the cause is one they can fix; any other cause in the system's own words."""
from __future__ import annotations

import errno

from annotations import messages as msg

_REASONS = {errno.EROFS: msg.READ_ONLY_DISK, errno.ENOSPC: msg.DISK_FULL,
            getattr(errno, "EDQUOT", errno.ENOSPC): msg.DISK_FULL, errno.EACCES: msg.NO_PERMISSION,
            errno.EPERM: msg.NO_PERMISSION, errno.ENOTDIR: msg.PATH_THROUGH_FILE}


def os_reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
