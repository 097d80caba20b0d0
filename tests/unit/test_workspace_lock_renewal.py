"""A workspace on a network share used by several computers: the program holding it renews its lock, so that a lock
another computer left behind (its program crashed, it lost power) goes stale by itself and the folder opens for
editing again elsewhere, while a live holder's, or one of an earlier release that never renews it, keeps it
read-only."""
from __future__ import annotations

import errno
import json
import math
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import ReaderGrade
from annotations.workspace import Workspace, WorkspaceError, recovery
from annotations.workspace.lock_renewal import LockRenewal

ROOT = Path(__file__).resolve().parents[2]
OTHER = "workstation-a"  # the computer that held the folder before

# The window on the other computer: it renews its lock, autosaves an edit, then goes down (kill -9 as a power cut).
ON_OTHER_COMPUTER = textwrap.dedent(f"""
    import socket, sys, time
    socket.gethostname = lambda: {OTHER!r}
    from annotations.document import ReaderGrade
    from annotations.workspace import Workspace

    ws = Workspace.open(sys.argv[1], reader="other computer")
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.grade = ReaderGrade(dr_grade=3)
    ws.autosave(doc)
    print("ready", flush=True)
    time.sleep(60)
""")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    root.mkdir()
    Image.fromarray(np.full((8, 10, 3), 120, np.uint8)).save(root / "eye.png")
    return root


def foreign_lock(lock: Path, age_s: float, renewed_every: int | None = 60) -> None:
    """Another computer's lock, last touched ``age_s`` seconds ago (negative: by a clock ahead of ours); without
    ``renewed_every`` as an earlier release writes it."""
    data = {"pid": 4242, "hostname": OTHER, "started": "2026-01-01T08:00:00+00:00"}
    if renewed_every is not None:
        data["renewed_every"] = renewed_every
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text(json.dumps(data))
    then = time.time() - age_s
    os.utime(lock, (then, then))


def renewal_threads(lock: Path) -> list[threading.Thread]:
    """The threads renewing ``lock`` (another test's workspace left open keeps renewing its own)."""
    return [thread for thread in threading.enumerate() if thread.name == f"workspace lock renewal: {lock}"]


def test_another_computers_crashed_session_is_taken_over_once_its_lock_is_no_longer_renewed(folder: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", ON_OTHER_COMPUTER, str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert other.stdout.readline().strip() == "ready", other.stderr.read()
        other.send_signal(signal.SIGKILL)
    finally:
        other.kill()
        other.wait(timeout=10)
        other.stdout.close(), other.stderr.close()
    lock = folder / ".retinareview" / "lock"
    assert json.loads(lock.read_text())["renewed_every"] == recovery.RENEW_EVERY_S

    with Workspace.open(folder) as ws:  # renewed moments ago: as good as alive
        assert ws.read_only
        (said,) = ws.messages
        assert said.startswith(f"This workspace is open in another RetinaReview (reader other computer on {OTHER}, "
                               f"process {other.pid} ")
        assert "opened for editing again in 10 min, or at once after deleting" in said and str(lock) in said

    then = time.time() - 11 * 60  # eleven minutes without a renewal
    os.utime(lock, (then, then))
    with Workspace.open(folder) as ws:
        assert not ws.read_only  # taken over, as a crashed session's on this computer is
        assert any(m.startswith("After other computer's program crashed, their unsaved edits of 1 case(s)")
                   for m in ws.messages)  # whose: the name the crashed session opened the folder as
        assert ws.load_case(ws.cases()[0].case_id).grade.dr_grade == 3
    assert not lock.exists()


def test_an_earlier_releases_lock_from_another_computer_is_never_taken_for_abandoned(folder: Path) -> None:
    """That program never renews its lock: however old, it may be held. A renewing one as old is abandoned."""
    lock = folder / ".retinareview" / "lock"
    foreign_lock(lock, age_s=365 * 24 * 3600, renewed_every=None)
    with Workspace.open(folder) as ws:
        assert ws.read_only
        (said,) = ws.messages
        assert said.endswith(f"delete {lock} and open the folder again.") and "min" not in said
    foreign_lock(lock, age_s=365 * 24 * 3600)
    with Workspace.open(folder) as ws:
        assert not ws.read_only


@pytest.mark.parametrize(("age_s", "acquired", "minutes"), [
    (30, False, 10),
    (8 * 60 + 50, False, 2),  # a clock 8 minutes behind stamped a renewal moments ago
    (10 * 60 + 30, True, None),
    (-60 * 60, False, 70),  # stamped by a clock an hour ahead: fresh until ours passes it, then 10 minutes more
])
def test_another_computers_lock_is_judged_by_the_time_since_its_last_renewal(
        tmp_path: Path, age_s: float, acquired: bool, minutes: int | None) -> None:
    lock = tmp_path / "lock"
    foreign_lock(lock, age_s)
    result = recovery.acquire_lock(lock, "now")
    assert result.acquired is acquired
    if acquired:
        assert result.stale == recovery.LockOwner(4242, OTHER, "2026-01-01T08:00:00+00:00", 60)  # the stale note
        assert recovery.read_lock(lock) == result.ours
        recovery.release_lock(lock)
    else:
        assert result.holder.hostname == OTHER and math.ceil(result.free_in / 60) == minutes
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if acquired else ["lock"])  # no clock probe left


def test_a_lock_renewed_after_it_was_judged_abandoned_is_left_to_its_owner(tmp_path: Path) -> None:
    """Its owner's share came back just then: the program that read the old mtime must not remove it."""
    lock = tmp_path / "lock"
    foreign_lock(lock, age_s=11 * 60)
    owner, judged = recovery.read_lock(lock), os.stat(lock).st_mtime_ns
    os.utime(lock)  # the late renewal
    recovery._remove_if_still(lock, owner, judged)
    assert recovery.read_lock(lock) == owner and [p.name for p in tmp_path.iterdir()] == ["lock"]
    recovery._remove_if_still(lock, owner, os.stat(lock).st_mtime_ns)
    assert not lock.exists()


def test_the_holder_renews_its_lock_while_open_and_stops_on_close(folder: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "RENEW_EVERY_S", 0.05)
    ws = Workspace.open(folder)
    lock = ws.sidecar / "lock"
    written = lock.read_bytes()
    assert json.loads(written)["renewed_every"] == 0.05 and len(renewal_threads(lock)) == 1
    long_ago = time.time() - 3600
    os.utime(lock, (long_ago, long_ago))
    deadline = time.monotonic() + 10
    while os.stat(lock).st_mtime < long_ago + 1800 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert os.stat(lock).st_mtime > time.time() - 60  # renewed: its mtime, not its content
    assert lock.read_bytes() == written
    ws.close()
    assert renewal_threads(lock) == [] and not lock.exists()


def test_a_failed_renewal_is_logged_once_and_harms_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    ws = Workspace.open(folder)
    lock = ws.sidecar / "lock"
    renewal = LockRenewal(lock, recovery.read_lock(lock))  # renewed by hand: no waiting on its interval
    real_utime = os.utime

    def share_gone(path, *args, **kwargs):  # noqa: ANN001, ANN202 - os.utime's signature
        if Path(path) == lock:
            raise OSError(errno.EHOSTDOWN, os.strerror(errno.EHOSTDOWN), str(path))
        return real_utime(path, *args, **kwargs)

    with caplog.at_level("WARNING", logger="annotations.workspace.lock_renewal"):
        monkeypatch.setattr(os, "utime", share_gone)
        renewal.renew()
        renewal.renew()
        monkeypatch.setattr(os, "utime", real_utime)
        renewal.renew()
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.grade = ReaderGrade(dr_grade=2)
        ws.save_case(doc)  # the workspace goes on as before
        lock.write_text(lock.read_text().replace(str(os.getpid()), "4242"))  # taken over meanwhile
        renewal.renew()
        renewal.renew()  # never touched again
    said = [record.getMessage() for record in caplog.records]
    assert len(said) == 3
    assert said[0].startswith(f"{lock}: the workspace lock could not be renewed (") and "Host is down" in said[0]
    assert "another computer takes the folder over once it has gone 600 s without renewals" in said[0]
    assert said[1] == f"{lock}: the workspace lock is renewed again"
    assert said[2].startswith(f"{lock}: the workspace lock was taken over by process 4242 on ")
    assert renewal.lost_to.pid == 4242 and not renewal.still_ours()
    ws.close()
    assert renewal_threads(lock) == []


def _take_at_once(lock: Path, barrier, answers) -> None:  # noqa: ANN001 - multiprocessing's Barrier and Queue
    barrier.wait()
    result = recovery.acquire_lock(lock, "now")
    answers.put(result.acquired)
    barrier.wait()  # both have tried before either lets go
    if result.acquired:
        recovery.release_lock(lock)


def test_two_programs_finding_an_abandoned_lock_at_once_get_one_writer(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    context = multiprocessing.get_context("fork")
    for _ in range(20):
        foreign_lock(lock, age_s=11 * 60)
        barrier, answers = context.Barrier(2), context.Queue()
        programs = [context.Process(target=_take_at_once, args=(lock, barrier, answers)) for _ in range(2)]
        for program in programs:
            program.start()
        acquired = sorted([answers.get(timeout=60), answers.get(timeout=60)])
        for program in programs:
            program.join(timeout=60)
        assert acquired == [False, True]
        assert list(tmp_path.iterdir()) == []


def test_an_open_that_fails_after_taking_the_lock_lets_it_go(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody got that workspace: no thread renews its lock for the rest of the program, and the folder opens again
    (the lock of this very process kept it read-only until the program ended)."""
    def index_fails(_ws: Workspace) -> None:
        raise MemoryError

    with monkeypatch.context() as patched:
        patched.setattr(Workspace, "_open_index", index_fails)
        with pytest.raises(MemoryError):
            Workspace.open(folder)
    lock = folder / ".retinareview" / "lock"
    assert renewal_threads(lock) == [] and not lock.exists()
    with Workspace.open(folder) as ws:
        assert not ws.read_only


def test_a_lock_deleted_by_hand_while_held_is_back_after_the_next_renewal(folder: Path) -> None:
    """Someone "unlocked" a folder thought stuck: a second program would have opened it for editing beside this one."""
    ws = Workspace.open(folder)
    lock = ws.sidecar / "lock"
    written = lock.read_bytes()
    lock.unlink()
    ws._lock.renew()
    assert lock.read_bytes() == written and ws._lock.still_ours() and not ws.read_only
    second = Workspace.open(folder)
    assert second.read_only
    second.close()
    ws.close()
    assert not lock.exists()


def test_a_lock_deleted_by_hand_is_read_again_before_the_next_write(folder: Path) -> None:
    """The next renewal (a minute away) found another program's lock there; meanwhile both programs saved the same
    folder. Each write reads the lock first: the first program's save is refused once the second took the folder,
    and a lock found gone is back before the write, so nobody else opens the folder for editing after it."""
    ws = Workspace.open(folder)
    lock = ws.sidecar / "lock"
    written = lock.read_bytes()
    case_id = ws.cases()[0].case_id
    lock.unlink()
    doc = ws.load_case(case_id)
    doc.grade = ReaderGrade(dr_grade=1)
    ws.save_case(doc)  # no renewal ran: the save itself put the lock back
    assert lock.read_bytes() == written
    with Workspace.open(folder) as kept_out:
        assert kept_out.read_only
    lock.unlink()
    second = Workspace.open(folder)  # opened in the gap: the folder is the second program's now
    assert not second.read_only
    doc.grade = ReaderGrade(dr_grade=3)
    with pytest.raises(WorkspaceError):
        ws.save_case(doc)
    with pytest.raises(WorkspaceError):
        ws.autosave(doc)
    assert ws.read_only and second.load_case(case_id).grade.dr_grade == 1
    second.close()
    ws.close()


def test_a_renewal_left_behind_by_the_close_does_not_bring_the_lock_back(folder: Path) -> None:
    """The close waits STOP_WAIT_S for a renewal stuck on a hung share, then removes the lock; that renewal, answered
    at last, found no lock and created it again: held by nobody, yet by a live process (this one), so this very
    program found the folder open elsewhere when it opened it again."""
    ws = Workspace.open(folder)
    renewal, lock = ws._lock, ws.sidecar / "lock"
    ws.close()
    renewal.renew()  # the renewal left behind, answered now
    assert not lock.exists()
    with Workspace.open(folder) as again:
        assert not again.read_only
