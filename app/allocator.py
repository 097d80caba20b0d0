"""At start-up, before torch is imported: glibc's allocator told to keep large freed blocks for reuse.

An analysis allocates and frees dozens of 12-50 MB arrays (full-size masks and maps, model activations). By
default glibc serves each from fresh mmap'ed pages and unmaps it when freed, so every array pays for its pages
again (the kernel faults in and zeroes each one): on a 12 MP photo a quarter of the analysis' CPU work on one
thread. With the mmap and trim thresholds raised, freed blocks stay in the heap for the next array; the price is
that up to ``KEEP_BYTES`` of freed memory stays with the process between analyses. Set after torch is imported,
oneDNN's convolutions stalled in a trial, so it is done first thing in the entry point or not at all.
"""
from __future__ import annotations

import ctypes
import os
import sys

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
KEEP_BYTES = 1 << 30  # larger blocks are still mmap'ed, and up to this much freed memory is kept
USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")  # glibc's own variables: the user's choice wins


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds to ``KEEP_BYTES``; True when done. Nothing is done on other C
    libraries, when torch is already imported or when the user set glibc's variables."""
    if "torch" in sys.modules or any(os.environ.get(name) for name in USER_SETTINGS) or not _is_glibc():
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(libc.mallopt(M_MMAP_THRESHOLD, KEEP_BYTES)) and bool(libc.mallopt(M_TRIM_THRESHOLD, KEEP_BYTES))


def _is_glibc() -> bool:
    try:
        return os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc")
    except (AttributeError, ValueError, OSError):  # not a POSIX system, or no such name there
        return False
