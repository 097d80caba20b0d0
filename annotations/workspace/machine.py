"""Which computer holds a workspace's lock: its host name and, where the system has one, its machine id. A host name
alone was taken for the computer: two computers of one name (lab computers cloned from one image, the "localhost" of
many Linux installs) were one, and a live lock of the other was judged by its process number here, found no such
process, and taken over while its program was writing (two writers in one folder)."""
from __future__ import annotations

import functools
import socket
import sys
import uuid
from pathlib import Path

MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))  # systemd's, D-Bus's (Linux)
MULTICAST_BIT = 1 << 40  # set in uuid.getnode()'s answer when it found no network card and made a random number up


@functools.cache
def machine_id() -> str:
    """This computer's id as its system keeps it (Linux machine-id, Windows MachineGuid), else its first network
    card's address; "" where none is known (the host name alone then tells computers apart, as before)."""
    for path in MACHINE_ID_FILES:
        try:
            found = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if found:
            return found
    if sys.platform == "win32":
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography", 0,
                                winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as key:
                return str(winreg.QueryValueEx(key, "MachineGuid")[0])
        except OSError:
            pass
    node = uuid.getnode()
    return "" if node & MULTICAST_BIT else f"mac-{node:012x}"


def is_this_computer(hostname: str, machine: str) -> bool:
    """Whether a lock written on ``hostname`` with ``machine`` (its machine_id; "" from an earlier release or a
    system without one) was written on this computer."""
    if hostname != socket.gethostname():
        return False
    return not machine or not machine_id() or machine == machine_id()
