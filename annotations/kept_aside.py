"""The name a file is kept under when the program may neither lose it nor leave it where it is: beside itself,
``NAME.<why>-<UTC time>`` (a damaged workspace index, an output edited by hand that an export writes anew). The name
ends in no format's ending, so no reader of that format (labelImg, a training script, an import) and no scan of the
folder picks it up, and its time says which run set it aside."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

DAMAGED = "damaged"  # a file the program cannot read any more
EDITED = "edited"  # a file the program wrote that someone changed since
LINKED = "linked"  # a file the program writes in place that has other names on its disk (a hard link)


def aside_path(path: Path, why: str, stamp: str | None = None) -> Path:
    """Where ``path`` is kept for ``why`` at ``stamp`` (an ISO time, now when None; its colons dropped: Windows
    refuses them in a name): the first free name, ``-2``, ``-3`` … added when one is taken."""
    stamp = (stamp or datetime.now(timezone.utc).isoformat(timespec="milliseconds")).replace(":", "")
    kept, number = path.with_name(f"{path.name}.{why}-{stamp}"), 2
    while kept.exists() or kept.is_symlink():
        kept, number = path.with_name(f"{path.name}.{why}-{stamp}-{number}"), number + 1
    return kept
