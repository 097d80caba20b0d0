"""A crashed program's lock whose process number another process has taken since (or after a restart) opened the
folder read-only for good: the lock trusted the number alone. It records when its process started (Linux says so)
and tells the two apart; an earlier release's lock, without it, and a system that does not say, are judged by the
number as before."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from annotations import processes
from annotations.workspace import Workspace
from annotations.workspace.workspace import LOCK_FILE

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="the process start is Linux's")


@pytest.fixture
def crashed(tmp_path: Path) -> Path:
    """The lock of a program killed while it held the folder: its own, as it wrote it."""
    holder_code = ("import sys, time\nfrom annotations.workspace import Workspace\n"
                   "ws = Workspace.open(sys.argv[1], scan=False)\nprint('ready', flush=True)\ntime.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", holder_code, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert holder.stdout.readline().strip() == "ready"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    holder.stdout.close()
    return tmp_path / ".retinareview" / LOCK_FILE


@pytest.fixture
def unrelated() -> int:
    """A process that has nothing to do with the workspace, alive for the test."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process.pid
    process.kill()
    process.wait(timeout=10)


def _reused(lock: Path, pid: int, **changes: object) -> None:
    """The lock as if its process number were ``pid``'s now."""
    lock.write_text(json.dumps({**json.loads(lock.read_text()), "pid": pid, **changes}))


def test_a_crashed_programs_number_taken_by_another_process_does_not_hold_the_folder(crashed: Path,
                                                                                     unrelated: int) -> None:
    _reused(crashed, unrelated)
    with Workspace.open(crashed.parents[1], scan=False) as ws:
        assert not ws.read_only


def test_a_crashed_programs_number_taken_by_this_one_does_not_hold_the_folder(crashed: Path) -> None:
    """A container's programs get the same small numbers, run after run."""
    _reused(crashed, os.getpid())
    with Workspace.open(crashed.parents[1], scan=False) as ws:
        assert not ws.read_only


def test_an_earlier_releases_lock_of_a_live_number_still_holds_the_folder(crashed: Path, unrelated: int) -> None:
    _reused(crashed, unrelated, process="")  # no start recorded: the number alone tells, as before
    with Workspace.open(crashed.parents[1], scan=False) as ws:
        assert ws.read_only and f"process {unrelated}" in ws.read_only_reason


def test_where_the_system_does_not_say_the_number_alone_tells(crashed: Path, unrelated: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _reused(crashed, unrelated)
    monkeypatch.setattr(processes, "BOOT_ID_FILE", crashed.parent / "no-such-file")
    with Workspace.open(crashed.parents[1], scan=False) as ws:
        assert ws.read_only
