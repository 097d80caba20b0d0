"""Whether a lock's holder still runs is asked without touching it. On Windows os.kill(pid, 0) is no question: it
sends CTRL_C_EVENT, which fails for a window-only program, so a live window's workspace lock read as a crashed one's
and a second window took the folder over; Windows asks OpenProcess/GetExitCodeProcess (a fake kernel32 here)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import types

import pytest

from annotations import output_folder, processes
from annotations.workspace.recovery import LockOwner, owner_alive

STILL_ACTIVE, ACCESS_DENIED, INVALID_PARAMETER = 259, 5, 87


def test_this_process_runs_and_a_reaped_child_does_not() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    assert processes.process_alive(os.getpid()) is True
    assert processes.process_alive(child.pid) is False


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="Linux says a process is a zombie")
def test_a_killed_child_not_yet_reaped_has_ended() -> None:
    """It still answers kill(pid, 0): a crashed holder's lock, or its work files, are not a live program's."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        child.kill()
        deadline = time.monotonic() + 10
        while processes.process_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes.process_alive(child.pid) is False
    finally:
        child.wait(timeout=10)


class _FakeKernel32:
    def __init__(self, opened: bool, exit_code: int = STILL_ACTIVE) -> None:
        self.opened, self.exit_code, self.closed = opened, exit_code, False
        self.OpenProcess = lambda access, inherit, pid: 1234 if self.opened else 0
        self.CloseHandle = self._close

    def GetExitCodeProcess(self, handle: int, code: object) -> int:  # noqa: N802 - the Windows name
        code._obj.value = self.exit_code  # byref's target
        return 1

    def _close(self, handle: int) -> int:
        self.closed = True
        return 1


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> types.SimpleNamespace:
    """Windows, with a fake kernel32, and os.kill failing as Windows' console event does for a window."""
    fake = types.SimpleNamespace(kernel32=_FakeKernel32(opened=True), last_error=0)

    def kill(pid: int, sig: int) -> None:
        raise OSError(87, "The parameter is incorrect")

    monkeypatch.setattr(processes, "ON_WINDOWS", True)
    monkeypatch.setattr(os, "kill", kill)
    monkeypatch.setattr(processes, "_kernel32", lambda: fake.kernel32)
    monkeypatch.setattr(processes, "_last_error", lambda: fake.last_error)
    return fake


def test_windows_asks_the_process_not_a_console_signal(windows: types.SimpleNamespace) -> None:
    assert processes.process_alive(4321) is True
    assert windows.kernel32.closed
    windows.kernel32.exit_code = 0
    assert processes.process_alive(4321) is False
    windows.kernel32.opened = False
    windows.last_error = INVALID_PARAMETER
    assert processes.process_alive(4321) is False
    windows.last_error = ACCESS_DENIED  # another user's process
    assert processes.process_alive(4321) is True


def test_a_live_windows_holder_keeps_its_lock(windows: types.SimpleNamespace) -> None:
    live = LockOwner(pid=4321, hostname="here", started="t", machine="", process="")
    assert owner_alive(LockOwner(**{**live.__dict__, "hostname": _this_host()}), None)
    windows.kernel32.exit_code = 0
    assert not owner_alive(LockOwner(**{**live.__dict__, "hostname": _this_host()}), None)


def test_an_output_folders_work_file_of_a_live_windows_run_is_kept(windows: types.SimpleNamespace) -> None:
    assert output_folder._alive(4321)
    windows.kernel32.exit_code = 0
    assert not output_folder._alive(4321)


def _this_host() -> str:
    import socket
    return socket.gethostname()
