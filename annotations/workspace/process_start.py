"""When a process started, as a lock records it beside its process number: a crashed program's number, reused since by
another process (or after a restart of the computer), tells the program that is gone from the one now running.

Linux alone says it without a third-party package: the boot's id and the process's start in clock ticks since that
boot (the 22nd field of /proc/PID/stat). Elsewhere it is unknown (""), and a lock is judged by its number alone."""
from __future__ import annotations

from pathlib import Path

BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
START_FIELD = 19  # starttime's place among the fields after the command's name, which ends at the last ")"


def process_start(pid: int) -> str:
    """``pid``'s start, "BOOT_ID:TICKS"; "" where it is not known (no /proc, a process hidden from us, or gone)."""
    try:
        boot = BOOT_ID_FILE.read_text(encoding="ascii").strip()
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        ticks = fields[START_FIELD]
    except (OSError, IndexError):
        return ""
    return f"{boot}:{ticks}" if boot and ticks.isdigit() else ""
