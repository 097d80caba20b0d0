"""A process of this computer: whether it still runs, asked without touching it, and when it started.

POSIX asks with signal 0, and Linux says a killed child not yet reaped (a zombie, which still answers it) has ended.
Windows has no such question: there os.kill(pid, 0) sends CTRL_C_EVENT (0) to a console process group, and any other
number ends the process (TerminateProcess); a window-only program has no console, so the call failed and a live
holder of a workspace lock read as gone. Windows asks OpenProcess and GetExitCodeProcess.

A lock records its process's start beside its number: a crashed program's number, reused since by another process (or
after a restart of the computer), tells the program that is gone from the one now running. Linux alone says it
without a third-party package: the boot's id and the process's start in clock ticks since that boot (the 22nd field
of /proc/PID/stat). Elsewhere it is unknown (""), and a lock is judged by its number alone."""
from __future__ import annotations

import ctypes
import os
from ctypes import wintypes
from pathlib import Path

_QUERY_LIMITED_INFORMATION = 0x1000
_ACCESS_DENIED = 5  # the process exists but belongs to someone else (another user's, a service's)
_INVALID_PARAMETER = 87  # OpenProcess's answer for a number no process holds
_STILL_ACTIVE = 259
ON_WINDOWS = os.name == "nt"
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
_STATE_FIELD, _START_FIELD = 0, 19  # their places among /proc/PID/stat's fields after the command's name


def process_alive(pid: int) -> bool | None:
    """True while process ``pid`` runs (someone else's too), False once it has ended, None where the system cannot
    tell."""
    return _windows_alive(pid) if ON_WINDOWS else _posix_alive(pid)


def _posix_alive(pid: int) -> bool | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    fields = _stat_fields(pid)
    return not (fields and fields[_STATE_FIELD] in ("Z", "X"))


def process_start(pid: int) -> str:
    """``pid``'s start, "BOOT_ID:TICKS"; "" where it is not known (no /proc, a process hidden from us, or gone)."""
    try:
        boot = BOOT_ID_FILE.read_text(encoding="ascii").strip()
    except OSError:
        return ""
    fields = _stat_fields(pid)
    ticks = fields[_START_FIELD] if fields and len(fields) > _START_FIELD else ""
    return f"{boot}:{ticks}" if boot and ticks.isdigit() else ""


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of Linux's /proc/PID/stat after the command's name (which ends at the last ")"); None elsewhere."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return stat.rsplit(")", 1)[-1].split()


def _windows_alive(pid: int) -> bool | None:
    kernel32 = _kernel32()
    handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        error = _last_error()
        return True if error == _ACCESS_DENIED else False if error == _INVALID_PARAMETER else None
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return None
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _kernel32() -> ctypes.CDLL:
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.OpenProcess.restype = wintypes.HANDLE  # a 64-bit handle, not C's default int
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    return kernel32


def _last_error() -> int:
    return ctypes.get_last_error()  # type: ignore[attr-defined]
