"""Whether a lock's holder still runs is asked without touching it. On Windows os.kill(pid, 0) is no question: it
sends CTRL_C_EVENT, which fails for a window-only program, so a live window's workspace lock read as a crashed one's
and a second window took the folder over; Windows asks OpenProcess/GetExitCodeProcess (a fake kernel32 here)."""
from __future__ import annotations

import os
import subprocess
import sys
import types

import pytest

from annotations import output_folder, process_alive
from annotations.workspace.recovery import LockOwner, owner_alive

STILL_ACTIVE, ACCESS_DENIED, INVALID_PARAMETER = 259, 5, 87


def test_this_process_runs_and_a_reaped_child_does_not() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    assert process_alive.process_alive(os.getpid()) is True
    assert process_alive.process_alive(child.pid) is False


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

    monkeypatch.setattr(process_alive, "ON_WINDOWS", True)
    monkeypatch.setattr(os, "kill", kill)
    monkeypatch.setattr(process_alive, "_kernel32", lambda: fake.kernel32)
    monkeypatch.setattr(process_alive, "_last_error", lambda: fake.last_error)
    return fake


def test_windows_asks_the_process_not_a_console_signal(windows: types.SimpleNamespace) -> None:
    assert process_alive.process_alive(4321) is True
    assert windows.kernel32.closed
    windows.kernel32.exit_code = 0
    assert process_alive.process_alive(4321) is False
    windows.kernel32.opened = False
    windows.last_error = INVALID_PARAMETER
    assert process_alive.process_alive(4321) is False
    windows.last_error = ACCESS_DENIED  # another user's process
    assert process_alive.process_alive(4321) is True


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
