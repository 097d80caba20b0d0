"""Choosing where models run: CUDA when available, else Apple MPS, else CPU; and CPU thread settings."""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Iterator

import torch

from inference import messages as msg
from inference.device_names import DeviceError, device_kind

log = logging.getLogger(__name__)


def resolve_device(name: str = "auto") -> torch.device:
    """``auto`` picks the fastest available; an explicit device that is absent is an error, not a silent CPU run."""
    name = (name or "auto").strip().lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    kind = device_kind(name)
    if kind == "cuda" and not torch.cuda.is_available():
        raise DeviceError(msg.NO_CUDA.format(advice=msg.USE_AUTO_OR_CPU))
    if kind == "mps" and not _mps_available():
        raise DeviceError(msg.NO_MPS.format(advice=msg.USE_AUTO_OR_CPU))
    return torch.device(name)


def is_out_of_memory(exc: BaseException) -> bool:
    """CUDA (and MPS) allocators report exhaustion differently across torch versions."""
    if isinstance(exc, torch.cuda.OutOfMemoryError):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def is_memory_shortage(exc: BaseException) -> bool:
    """The device's memory or the machine's running out: Python's MemoryError, or torch's CPU allocator failing, a
    RuntimeError too ("DefaultCPUAllocator: can't allocate memory" where posix_memalign fails, Linux and macOS;
    "not enough memory" on Windows)."""
    text = str(exc).lower()
    return (is_out_of_memory(exc) or isinstance(exc, MemoryError)
            or isinstance(exc, RuntimeError) and ("not enough memory" in text or "can't allocate memory" in text))


def release_accelerator_memory() -> None:
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def configure_cpu_threads(threads: int | None = None) -> int:
    """Use every core we are allowed on (affinity-aware), unless the user set OMP/torch threads already."""
    if threads is None:
        if os.environ.get("OMP_NUM_THREADS"):
            return torch.get_num_threads()
        try:
            threads = len(os.sched_getaffinity(0))
        except AttributeError:  # macOS, Windows
            threads = os.cpu_count() or 1
    threads = max(1, int(threads))
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Torch on ``count`` CPU threads inside the block, the process's own count again after it: a run that must
    repeat exactly (its threshold and figures go into a card) can be called from a process that goes on, the
    window's or a test session's, without leaving that process on one thread."""
    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())
