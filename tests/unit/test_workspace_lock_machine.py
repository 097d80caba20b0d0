"""Two computers of one host name (lab computers cloned from one image, "localhost") are two: a live lock of the
other was judged by its process number here, found no such process and taken over while its program was writing."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.workspace import Workspace, machine
from annotations.workspace.recovery import read_lock


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    (root / ".retinareview").mkdir(parents=True)
    Image.fromarray(np.full((8, 10, 3), 120, np.uint8)).save(root / "eye.png")
    return root


def ended_pid() -> int:
    """The number of a process that has ended (none runs under it here)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    return int(child.stdout)


def lock_of(folder: Path, machine_id: str | None, age_s: float = 5) -> Path:
    """A renewing lock written on a computer of this one's host name, ``age_s`` seconds since its last renewal; with
    ``machine_id`` None as an earlier release writes it (no machine)."""
    data = {"pid": ended_pid(), "hostname": socket.gethostname(), "started": "2026-01-01T08:00:00+00:00",
            "renewed_every": 60}
    if machine_id is not None:
        data["machine"] = machine_id
    lock = folder / ".retinareview" / "lock"
    lock.write_text(json.dumps(data))
    then = time.time() - age_s
    os.utime(lock, (then, then))
    return lock


def test_a_live_lock_of_another_computer_of_this_host_name_keeps_the_folder_read_only(folder: Path) -> None:
    lock = lock_of(folder, machine_id="another-computer")
    written = lock.read_bytes()
    ws = Workspace.open(folder)
    assert ws.read_only and lock.read_bytes() == written
    ws.close()
    assert lock.read_bytes() == written


def test_it_is_taken_over_once_unrenewed_for_long_as_any_other_computers(folder: Path) -> None:
    lock_of(folder, machine_id="another-computer", age_s=11 * 60)
    ws = Workspace.open(folder)
    assert not ws.read_only and read_lock(ws.sidecar / "lock").pid == os.getpid()
    ws.close()


@pytest.mark.parametrize("machine_id", [None, "this"])
def test_a_crashed_lock_of_this_computer_is_still_taken_over_at_once(folder: Path, machine_id: str | None) -> None:
    """By its process number, as before: also one an earlier release wrote (no machine in it)."""
    lock_of(folder, machine.machine_id() if machine_id == "this" else None)
    ws = Workspace.open(folder)
    assert not ws.read_only
    ours = read_lock(ws.sidecar / "lock")
    assert ours.pid == os.getpid() and ours.machine == machine.machine_id()
    ws.close()


def test_the_machine_id_is_the_systems_where_it_keeps_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tmp_path / "machine-id"
    kept.write_text("3d1219c7c4c5404aaa1f6d2a48adfda4\n")
    monkeypatch.setattr(machine, "MACHINE_ID_FILES", (tmp_path / "absent", kept))
    machine.machine_id.cache_clear()
    try:
        assert machine.machine_id() == "3d1219c7c4c5404aaa1f6d2a48adfda4"
        monkeypatch.setattr(machine, "MACHINE_ID_FILES", ())
        monkeypatch.setattr(machine.uuid, "getnode", lambda: 0x0242AC110002)
        machine.machine_id.cache_clear()
        assert machine.machine_id() == "mac-0242ac110002"
        monkeypatch.setattr(machine.uuid, "getnode", lambda: 0x0242AC110002 | machine.MULTICAST_BIT)  # made up
        machine.machine_id.cache_clear()
        assert machine.machine_id() == ""
    finally:
        machine.machine_id.cache_clear()
