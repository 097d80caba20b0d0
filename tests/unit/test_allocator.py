"""glibc told at start-up to keep large freed blocks: done before torch is imported, never after."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.allocator import USER_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
MAPPED_BYTES = """
import ctypes
class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
block = bytearray(64 << 20)  # a full-size float map's order of size
print(kept, libc.mallinfo2().hblkhd)
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or
                                not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"),
                                reason="glibc only")


def run(before: str) -> tuple[str, int]:
    """(whether keep_freed_memory says it acted, bytes glibc has mmap'ed) in a fresh interpreter."""
    environment = {name: value for name, value in os.environ.items() if name not in USER_SETTINGS}
    code = before + "\nfrom app.allocator import keep_freed_memory\nkept = keep_freed_memory()\n" + MAPPED_BYTES
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, check=True,
                            capture_output=True, text=True, timeout=120).stdout.split()
    return output[0], int(output[1])


def test_large_blocks_come_from_the_heap_once_set_at_start_up():
    kept, mapped = run("")
    assert kept == "True" and mapped < 64 << 20  # the interpreter's own start-up maps a few small blocks


def test_nothing_is_changed_once_torch_is_imported():
    kept, mapped = run("import torch")
    assert kept == "False" and mapped >= 64 << 20
