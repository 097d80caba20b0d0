"""A program whose lock renewals stopped for long (its computer slept, its share was unreachable) comes back to find
the folder taken over by another computer: from then on it writes nothing there (no case file, snapshot or index
row), and every save says why instead of writing; the edits stay with the caller."""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import ReaderGrade
from annotations.workspace import Workspace, WorkspaceError, lock_renewal, recovery
from annotations.workspace import messages as msg
from annotations.workspace.scan import case_id_for
from annotations.workspace.store import IndexStore
from tests.unit.test_workspace_lock_renewal import folder  # noqa: F401 - fixture

A, B = "workstation-a", "workstation-b"


def on(monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    monkeypatch.setattr(socket, "gethostname", lambda: host)


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def taken_over_while_away(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Workspace, Workspace]:
    """A opens the folder and saves a grade; its lock goes unrenewed for 11 minutes and B (another computer) opens
    the folder for editing. Returns (A, B), A's lock not yet found lost."""
    on(monkeypatch, A)
    ws_a = Workspace.open(folder, reader="a")
    doc = ws_a.load_case(ws_a.cases()[0].case_id)
    doc.grade = ReaderGrade(dr_grade=1)
    ws_a.save_case(doc)
    lock = ws_a.sidecar / "lock"
    then = time.time() - 11 * 60
    os.utime(lock, (then, then))
    on(monkeypatch, B)
    ws_b = Workspace.open(folder, reader="b")
    assert not ws_b.read_only and recovery.read_lock(lock).hostname == B
    on(monkeypatch, A)
    return ws_a, ws_b


def close_both(ws_a: Workspace, ws_b: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    ws_a.close()
    on(monkeypatch, B)
    ws_b.close()


def test_a_program_whose_lock_was_taken_over_writes_nothing_more(folder: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ws_a, ws_b = taken_over_while_away(folder, monkeypatch)
    case_id = ws_a.cases()[0].case_id
    doc = ws_a.load_case(case_id)
    ws_a._lock.renew()  # A wakes: its next renewal finds B's lock
    assert ws_a._lock.lost_to == recovery.read_lock(ws_a.sidecar / "lock")
    before = files_under(folder)

    doc.grade = ReaderGrade(dr_grade=3)  # the save queued before A knew
    with pytest.raises(WorkspaceError) as refused:
        ws_a.save_case(doc)
    reason = msg.TAKEN_OVER.format(holder=ws_a._lock.lost_to.describe(), minutes=10)
    assert str(refused.value) == msg.NOT_SAVED_READ_ONLY.format(folder=folder, image="'eye.png'", reason=reason)
    assert reason.startswith(f"Another RetinaReview (reader b on {B}, process {ws_a._lock.lost_to.pid} (since ")
    assert ws_a.read_only and ws_a.read_only_reason == reason and ws_a.messages[-1] == reason
    with pytest.raises(WorkspaceError, match="^Another RetinaReview"):
        ws_a.autosave(doc)  # the edits are in the window alone now: said, not snapshotted
    with pytest.raises(WorkspaceError, match="took this folder over"):
        ws_a.write_voc_beside_image(doc)
    Image.fromarray(np.full((8, 10, 3), 90, np.uint8)).save(folder / "new.png")
    before["new.png"] = (folder / "new.png").read_bytes()
    ws_a.refresh()  # its case list goes on, in memory
    assert [c.image_path for c in ws_a.cases()] == ["eye.png", "new.png"]
    assert files_under(folder) == before  # no case file, snapshot or index row written
    assert ws_b.index.get_case(case_id)["reader_grade"] == 1 and ws_b.index.get_case(case_id_for("new.png")) is None
    assert ws_b.load_case(case_id).grade.dr_grade == 1
    close_both(ws_a, ws_b, monkeypatch)
    assert not (ws_b.sidecar / "lock").exists()  # A's close left B's lock alone; B's removed it


def test_a_save_after_the_computer_slept_reads_the_lock_before_writing(folder: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Its renewal thread's wait stood still while the computer slept: the save must not wait for it to run."""
    ws_a, ws_b = taken_over_while_away(folder, monkeypatch)
    doc = ws_a.load_case(ws_a.cases()[0].case_id)
    case_file = ws_a.case_files.case_file(doc.case_id)
    saved = case_file.read_bytes()
    woke = time.time() + 15 * 60
    monkeypatch.setattr(lock_renewal.time, "time", lambda: woke)
    assert ws_a._lock.lost_to is None  # no renewal ran since it woke: read_only and the save read the lock
    doc.grade = ReaderGrade(dr_grade=3)
    with pytest.raises(WorkspaceError, match="took this folder over"):
        ws_a.save_case(doc)
    assert case_file.read_bytes() == saved and ws_a.read_only
    monkeypatch.undo()
    close_both(ws_a, ws_b, monkeypatch)


def test_the_folder_reads_as_read_only_after_the_computer_slept_before_any_save(folder: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers outside the workspace (owed reveals, closing's snapshot clean-up) ask read_only before writing."""
    ws_a, ws_b = taken_over_while_away(folder, monkeypatch)
    woke = time.time() + 15 * 60
    monkeypatch.setattr(lock_renewal.time, "time", lambda: woke)
    assert ws_a.read_only and "took this folder over" in ws_a.read_only_reason
    monkeypatch.undo()
    close_both(ws_a, ws_b, monkeypatch)


def test_a_renewal_stuck_on_a_hung_share_does_not_hold_up_the_close(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    lock = tmp_path / "lock"
    owner = recovery.acquire_lock(lock, "now").ours
    hung, released = threading.Event(), threading.Event()

    def hangs(path: Path, *_owner_and_let_go: object) -> bool:
        if path == lock:  # another test's workspace left open renews its own lock meanwhile
            hung.set()
            released.wait(30)
        return True

    monkeypatch.setattr(recovery, "renew_lock", hangs)
    monkeypatch.setattr(lock_renewal, "STOP_WAIT_S", 0.2)
    renewal = lock_renewal.LockRenewal(lock, recovery.LockOwner(owner.pid, owner.hostname, owner.started, 0.01))
    renewal.start()
    assert hung.wait(10)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="annotations.workspace.lock_renewal"):
        renewal.stop()
    assert time.monotonic() - started < 5
    assert caplog.messages == [f"{lock}: the workspace lock renewal did not end within 0.2 s (the share does not "
                               "answer); closing without it"]
    released.set()
    recovery.release_lock(lock)


def test_the_renewal_that_finds_the_lock_taken_over_says_so_at_once(folder: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Not at the next save or read: the listeners (the window's title and status bar) hear it once, read-only set."""
    ws_a, ws_b = taken_over_while_away(folder, monkeypatch)
    heard: list[str] = []
    ws_a.taken_over_listeners.append(heard.append)
    ws_a._lock.renew()  # A wakes: its renewal thread's next renewal finds B's lock
    assert ws_a._read_only and heard == [ws_a.read_only_reason] and "took this folder over" in heard[0]
    ws_a._lock.renew()
    assert ws_a.read_only and len(heard) == 1
    close_both(ws_a, ws_b, monkeypatch)


@pytest.mark.parametrize("found_by", ["renewal", "save"])
def test_the_takeover_is_logged_once(folder: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
                                     found_by: str) -> None:
    """Found by a renewal or by a save's check: one record, naming the lock and who took it (the workspace's reason
    goes to its listeners, the window's status bar, not to the log again)."""
    ws_a, ws_b = taken_over_while_away(folder, monkeypatch)
    doc = ws_a.load_case(ws_a.cases()[0].case_id)
    with caplog.at_level(logging.INFO):
        if found_by == "renewal":
            ws_a._lock.renew()
        else:
            with pytest.raises(WorkspaceError):
                ws_a.save_case(doc)
        ws_a._lock.renew()
    holder = ws_a._lock.lost_to.describe()
    assert [r.getMessage() for r in caplog.records if holder in r.getMessage()] == [
        f"{ws_a.sidecar / 'lock'}: the workspace lock was taken over by {holder}; this program writes nothing more to "
        "the folder"]
    close_both(ws_a, ws_b, monkeypatch)


def test_a_takeover_found_after_the_close_tells_nobody(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A renewal left behind by the close (a hung share) that finds the lock taken over: the folder is closed, there
    is nothing read-only to say (it said an empty reason)."""
    ws_a, ws_b = taken_over_while_away(folder, monkeypatch)
    heard: list[str] = []
    ws_a.taken_over_listeners.append(heard.append)
    renewal = ws_a._lock
    ws_a.close()
    renewal.on_lost()  # as the renewal's thread calls it, after the close
    assert heard == []
    on(monkeypatch, B)
    ws_b.close()


def index_files(sidecar: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in sorted(sidecar.glob("index.db*"))}


def test_the_index_stays_as_the_takeover_found_it_through_the_close(folder: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the last connection of a WAL database copies its WAL into the database file and deletes the WAL: a
    write into a folder another program owns now, whose SQLite runs on another computer (a share's locks may not
    tell this one of it). From the takeover on the index files keep their bytes and times; the list reads on."""
    on(monkeypatch, A)
    ws = Workspace.open(folder, reader="a")
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.grade = ReaderGrade(dr_grade=2)
    ws.save_case(doc)  # its row in the WAL
    lock = ws.sidecar / "lock"
    lock.write_text(json.dumps({"pid": 4242, "hostname": B, "started": "2026-01-01T08:00:00+00:00",
                                "renewed_every": 60}))  # B took the folder over while A slept
    ws._lock.renew()
    assert ws.read_only
    found = index_files(ws.sidecar)
    assert set(found) == {"index.db", "index.db-wal", "index.db-shm"} and len(found["index.db-wal"][0]) > 32
    ws.refresh()
    assert [(c.image_path, c.reader_grade) for c in ws.cases()] == [("eye.png", 2)]
    assert ws.index.case_ids(worker=True) == [doc.case_id]
    ws.close()
    assert index_files(ws.sidecar) == found


class HeldBack:
    """A connection's lock that holds back the first read entering it until ``go``: the read picked its connection
    before a takeover replaced it."""

    def __init__(self, lock: threading.Lock) -> None:
        self.lock, self.arrived, self.go = lock, threading.Event(), threading.Event()

    def acquire(self) -> bool:
        return self.lock.acquire()

    def release(self) -> None:
        self.lock.release()

    def __enter__(self) -> "HeldBack":
        if not self.arrived.is_set():
            self.arrived.set()
            assert self.go.wait(10)
        self.lock.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.lock.release()


def test_a_read_that_picked_its_connection_before_the_takeover_reads_the_copy_in_memory(tmp_path: Path) -> None:
    """The file's connections are closed at the takeover: a read waiting for one meanwhile reads the copy instead,
    with what was written to it since (not the file, another program's now)."""
    store = IndexStore.open_file(tmp_path / "index.db")
    store.upsert_cases([{"case_id": "a", "image_path": "a.png", "review_state": "todo", "revision": 0}])
    held = store._worker_lock = HeldBack(store._worker_lock)
    read: list[list[str]] = []
    reader = threading.Thread(target=lambda: read.append(store.case_ids(worker=True)))
    reader.start()
    assert held.arrived.wait(10)
    store.keep_in_memory()
    store.upsert_cases([{"case_id": "b", "image_path": "b.png", "review_state": "todo", "revision": 0}])
    held.go.set()
    reader.join(10)
    assert read == [["a", "b"]]
    store.close()
