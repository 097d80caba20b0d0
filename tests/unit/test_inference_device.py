"""Device choice: CUDA, then MPS, then CPU; explicit choices that cannot be honoured are errors."""
from __future__ import annotations

import pytest
import torch

from inference import device as device_module
from inference import messages as msg
from inference.device import DeviceError, configure_cpu_threads, is_memory_shortage, is_out_of_memory, resolve_device


def fake_hardware(monkeypatch: pytest.MonkeyPatch, cuda: bool, mps: bool) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(device_module, "_mps_available", lambda: mps)


@pytest.mark.parametrize("cuda, mps, expected", [(True, True, "cuda"), (False, True, "mps"), (False, False, "cpu")])
def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch: pytest.MonkeyPatch, cuda: bool, mps: bool,
                                             expected: str) -> None:
    fake_hardware(monkeypatch, cuda, mps)
    assert resolve_device("auto").type == expected
    assert resolve_device("").type == expected


def test_explicit_but_absent_accelerator_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_hardware(monkeypatch, False, False)
    with pytest.raises(DeviceError, match="no CUDA GPU"):
        resolve_device("cuda")
    with pytest.raises(DeviceError, match="MPS"):
        resolve_device("mps")
    with pytest.raises(DeviceError, match="unknown device"):
        resolve_device("tpu")
    assert resolve_device("CPU") == torch.device("cpu")


@pytest.mark.parametrize("name", ["cuda", "mps"])
def test_an_absent_accelerator_gives_the_command_line_advice_filled_in(monkeypatch: pytest.MonkeyPatch,
                                                                       name: str) -> None:
    fake_hardware(monkeypatch, False, False)
    with pytest.raises(DeviceError) as raised:
        resolve_device(name)
    assert str(raised.value).endswith(f"; {msg.USE_AUTO_OR_CPU}") and "{" not in str(raised.value)


def test_out_of_memory_errors_are_recognised() -> None:
    assert is_out_of_memory(torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 1 GiB"))
    assert is_out_of_memory(RuntimeError("MPS backend out of memory"))
    assert not is_out_of_memory(RuntimeError("size mismatch"))
    assert not is_out_of_memory(ValueError("out of memory"))


def test_cpu_threads_follow_the_request() -> None:
    before = torch.get_num_threads()
    try:
        assert configure_cpu_threads(1) == 1 and torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_torchs_cpu_allocator_failing_is_a_memory_shortage_not_the_device_running_out() -> None:
    """As torch says it where posix_memalign fails ("can't allocate memory", Linux and macOS), and on Windows."""
    with pytest.raises(RuntimeError) as raised:
        torch.empty(1 << 60, dtype=torch.uint8)  # an exbibyte
    windows = RuntimeError("[enforce fail at alloc_cpu.cpp:114] data. DefaultCPUAllocator: not enough memory: you "
                           "tried to allocate 2147483648 bytes.")
    for exc in (raised.value, windows):
        assert is_memory_shortage(exc) and not is_out_of_memory(exc), str(exc)
