"""Storage faults: full disk, read-only folder, locked or corrupt index, kill -9 during autosave, two instances.

Each fault is produced for real where the machine allows it (a size-limited tmpfs and a read-only remount need
root and mount rights; those tests skip elsewhere) and also by injecting the error the OS would raise, which
runs everywhere. In every case the previously saved labels must load unchanged and the message must name the
file or folder and say what to do.
"""
from __future__ import annotations

import errno
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.label_import import import_labels
from app.logging_setup import LOG_DIR_ENV, LOG_FILE_NAME, configure_logging
from tests import hostile_corpus as corpus
from tests.hostile_fs_corpus import read_only

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return corpus.clinic_folder(tmp_path)


def _save_labels(folder: Path) -> tuple[str, np.ndarray]:
    with Workspace.open(folder, reader="dr-a") as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[4:9, 4:9] = LesionClass.HE.bit
        doc.boxes = [Box(LesionClass.HE, 4, 4, 9, 9)]
        doc.findings_text = "saved before the fault"
        ws.save_case(doc)
        return doc.case_id, doc.mask.copy()


def _assert_saved_labels_intact(folder: Path, case_id: str, mask: np.ndarray) -> None:
    with Workspace.open(folder) as ws:
        doc = ws.load_case(case_id)
        np.testing.assert_array_equal(doc.mask, mask)
        assert doc.findings_text == "saved before the fault" and [b.coords() for b in doc.boxes] == [(4, 4, 9, 9)]


def _stray_temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode:
        raise OSError(result.stderr.strip() or "mount failed")


@contextmanager
def small_filesystem(where: Path, size_kb: int) -> Iterator[Path]:
    """A real tmpfs of ``size_kb``; skips the test where mounting is not allowed (not root, no CAP_SYS_ADMIN)."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    try:
        _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where))
    except (OSError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a tmpfs here ({exc})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


# disk full ------------------------------------------------------------------------------------------------
def _noisy_doc(ws: Workspace, case_id: str, seed: int = 0) -> CaseDocument:
    doc = ws.load_case(case_id)
    doc.mask[:] = np.random.default_rng(seed).integers(0, 32, doc.mask.shape, dtype=np.uint8)  # incompressible
    doc.findings_text = "changed after the fault"
    return doc


def test_disk_full_on_a_real_small_filesystem_keeps_saved_labels(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "mnt", 256) as mnt:
        folder = mnt / "clinic"
        folder.mkdir()
        corpus.save_rgb(folder / "eye.png", np.zeros((400, 600, 3), np.uint8))  # a tiny file, a 240 KB mask
        case_id, mask = _save_labels(folder)
        with Workspace.open(folder) as ws:
            with pytest.raises(WorkspaceError) as raised:
                ws.save_case(_noisy_doc(ws, case_id))
            message = str(raised.value)
            assert "eye.png" in message and "previously saved labels are intact" in message
            assert "Free disk space" in message and str(ws.sidecar) in message
            assert _stray_temp_files(folder) == []
        _assert_saved_labels_intact(folder, case_id, mask)


def test_disk_full_mid_write_injected_keeps_saved_labels_and_next_save_works(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id, mask = _save_labels(folder)
    real_fdopen = os.fdopen

    class HalfWritten:
        """Writes half of the data, then fails the way a full disk does."""

        def __init__(self, handle) -> None:  # noqa: ANN001 - a binary file object
            self.handle = handle

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name: str):  # noqa: ANN204 - delegate flush, fileno ...
            return getattr(self.handle, name)

        def __enter__(self) -> "HalfWritten":
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    with Workspace.open(folder) as ws:
        doc = _noisy_doc(ws, case_id)
        with monkeypatch.context() as patch:
            patch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWritten(real_fdopen(fd, *a, **k)))
            with pytest.raises(WorkspaceError, match="the disk is full") as raised:
                ws.save_case(doc)
            with pytest.raises(WorkspaceError, match="autosave of 'eye.png' failed"):
                ws.autosave(doc)
        assert "previously saved labels are intact" in str(raised.value)
        assert _stray_temp_files(folder) == []
        assert [a.action for a in ws.audit_log(case_id)] == ["save"]  # the failed save left no audit entry
        _assert_saved_labels_intact(folder, case_id, mask)
        ws.save_case(doc)  # space freed: the same document saves
    with Workspace.open(folder) as ws:
        assert ws.load_case(case_id).findings_text == "changed after the fault"


# read-only folder -----------------------------------------------------------------------------------------
def _files(folder: Path) -> dict[Path, bytes]:
    """Every file's bytes, except SQLite's transient -wal/-shm files (a reader may create them)."""
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def _assert_read_only_behaviour(folder: Path, case_id: str, mask: np.ndarray) -> None:
    before = _files(folder)
    with Workspace.open(folder) as ws:
        assert ws.read_only
        assert any(str(ws.sidecar) in m and "opened read-only" in m for m in ws.messages)
        doc = ws.load_case(case_id)  # reading works
        np.testing.assert_array_equal(doc.mask, mask)
        doc.findings_text = "edited on a read-only medium"
        with pytest.raises(WorkspaceError, match=r"open read-only; 'eye.png' was not saved"):
            ws.save_case(doc)
        assert ws.autosave(doc) is False
        with pytest.raises(WorkspaceError, match="nothing was imported"):
            import_labels(ws, folder, "voc")
    assert _files(folder) == before


def test_read_only_filesystem_for_real(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "mnt", 1024) as mnt:
        folder = mnt / "clinic"
        folder.mkdir()
        corpus.save_rgb(folder / "eye.png")
        case_id, mask = _save_labels(folder)
        _mount("-o", "remount,ro", str(mnt))
        _assert_read_only_behaviour(folder, case_id, mask)


def test_read_only_folder_injected(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores permission bits, so the medium's answer is injected: every create or write under the
    folder through os.open / os.mkdir fails with EROFS. SQLite opens files in C, below the injection: its
    read-only connection may add -wal/-shm files here, which a real read-only medium would not allow."""
    case_id, mask = _save_labels(folder)
    read_only(folder, monkeypatch)
    _assert_read_only_behaviour(folder, case_id, mask)


def test_read_only_fresh_folder_opens_for_viewing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "dvd"
    folder.mkdir()
    corpus.save_rgb(folder / "eye.png")
    real_mkdir = os.mkdir

    def ro_mkdir(path, *args, **kwargs):  # noqa: ANN001, ANN202
        if str(path).startswith(str(folder)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", ro_mkdir)
    with Workspace.open(folder) as ws:
        assert ws.read_only and "(the disk or folder is read-only)" in ws.messages[0]
        (case,) = ws.cases()
        assert case.error is None and ws.load_case(case.case_id).width == 48
    assert not (folder / ".retinareview").exists()


# index locked or corrupt ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lock", ["exclusive", "writer"])
def test_locked_index_never_blocks_a_save_of_the_labels(folder: Path, lock: str) -> None:
    """"exclusive": another program keeps the database to itself (locking_mode=EXCLUSIVE): a temporary index is
    used from the start. "writer": it holds a write transaction: the labels are saved, the index catches up later."""
    case_id, _ = _save_labels(folder)
    index = folder / ".retinareview" / "index.db"
    holder = sqlite3.connect(index, isolation_level=None)
    if lock == "exclusive":
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("SELECT count(*) FROM cases").fetchone()
    else:
        holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        with Workspace.open(folder) as ws:
            assert not ws.read_only and time.perf_counter() - started < 10
            doc = ws.load_case(case_id)
            doc.findings_text = "saved while the index was locked"
            ws.save_case(doc)
            messages = " | ".join(ws.messages)
            if lock == "exclusive":
                assert f"{index} is locked by another program" in messages and "temporary index" in messages
            else:
                assert "'eye.png' was saved, but the index could not be updated (database is locked)" in messages
    finally:
        holder.rollback()
        holder.close()
    with Workspace.open(folder) as ws:
        assert ws.messages == []
        assert ws.load_case(case_id).findings_text == "saved while the index was locked"
        assert ws.cases()[0].saved


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_index_is_rebuilt_from_label_files_and_says_so(folder: Path, damage: str) -> None:
    case_id, mask = _save_labels(folder)
    index = folder / ".retinareview" / "index.db"
    if damage == "garbage":
        index.write_bytes(b"this is not a database" * 200)
    else:
        with open(index, "r+b") as handle:
            handle.truncate(1000)
            handle.seek(100)
            handle.write(b"\xff" * 400)
    with Workspace.open(folder) as ws:
        (message,) = [m for m in ws.messages if "damaged" in m]
        assert str(index) in message and "rebuilt" in message and "kept as index.db.damaged-" in message
        assert [c.case_id for c in ws.cases()] == [case_id] and ws.cases()[0].saved
    _assert_saved_labels_intact(folder, case_id, mask)
    assert list(index.parent.glob("index.db.damaged-*"))


def test_damaged_label_file_of_one_case_is_named_and_the_others_work(folder: Path) -> None:
    corpus.save_rgb(folder / "other.png")
    case_id, _ = _save_labels(folder)
    case_file = folder / ".retinareview" / "cases" / case_id / "case.json"
    case_file.write_text(case_file.read_text()[:40], encoding="utf-8")  # cut short by a disk error
    with Workspace.open(folder) as ws:
        cases = {c.image_path: c for c in ws.cases()}
        error = cases["eye.png"].error
        assert error and str(case_file) in error and "restore the file from a backup" in error
        with pytest.raises(WorkspaceError, match="cannot be read"):
            ws.load_case(case_id)
        other = ws.load_case(cases["other.png"].case_id)
        other.findings_text = "still saves"
        ws.save_case(other)
    with Workspace.open(folder) as ws:
        assert ws.load_case(cases["other.png"].case_id).findings_text == "still saves"


# kill -9 and a second instance ----------------------------------------------------------------------------
AUTOSAVE_LOOP = """
import sys
from annotations.workspace import Workspace
ws = Workspace.open(sys.argv[1], reader="child")
case_id = ws.cases()[0].case_id
doc = ws.load_case(case_id)
value = int(doc.findings_text or 0)
print("ready", flush=True)
while True:
    value += 1
    doc.mask[:] = value % 31 + 1          # the mask and the text always change together
    doc.findings_text = str(value)
    ws.autosave(doc)
    if value % 5 == 0:
        ws.save_case(doc)
"""

HOLD_OPEN = """
import sys
from annotations.workspace import Workspace
ws = Workspace.open(sys.argv[1], reader="first")
print("read_only" if ws.read_only else "ready", flush=True)
sys.stdin.readline()
doc = ws.load_case(ws.cases()[0].case_id)
doc.findings_text = "saved by the first instance"
ws.save_case(doc)
ws.close()
print("closed", flush=True)
"""


def _child(script: str, folder: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    process = subprocess.Popen([sys.executable, "-c", script, str(folder)], cwd=PROJECT_ROOT, env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    if line not in ("ready", "read_only"):
        process.kill()
        raise AssertionError(f"child did not start: {line!r} {process.stderr.read()}")
    return process


def _reap(process: subprocess.Popen) -> None:
    process.wait(timeout=10)  # a reaped child is gone for good: its lock is then seen as stale
    for stream in (process.stdin, process.stdout, process.stderr):
        stream.close()


def test_kill_9_during_autosave_never_leaves_a_broken_snapshot(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / "eye.png", corpus.fundus_rgb(600, 400))
    rng = random.Random(7)
    last = 0
    for _ in range(4):
        child = _child(AUTOSAVE_LOOP, folder)
        time.sleep(rng.uniform(0.05, 0.5))
        child.send_signal(signal.SIGKILL)
        _reap(child)
        with Workspace.open(folder) as ws:
            assert not ws.read_only, ws.messages  # the dead owner's lock was taken over
            assert not any("damaged" in m for m in ws.messages), ws.messages
            doc = ws.load_case(ws.cases()[0].case_id)
            value = int(doc.findings_text or 0)
            assert value >= last  # never older than what an earlier round already had
            assert np.all(doc.mask == (value % 31 + 1 if value else 0))  # old or new, never a mix
            last = value
    assert last > 0
    assert not list(folder.rglob("*.damaged*")) and _stray_temp_files(folder / ".retinareview" / "autosave") == []


def _sidecar_files(folder: Path) -> dict[Path, bytes]:
    """The label files, lock and autosaves; not the index, whose WAL pages SQLite may checkpoint on its own."""
    return {p: p.read_bytes() for p in (folder / ".retinareview").rglob("*")
            if p.is_file() and not p.name.startswith("index.db")}


def test_second_instance_is_warned_opens_read_only_and_overwrites_nothing(folder: Path) -> None:
    case_id, mask = _save_labels(folder)
    first = _child(HOLD_OPEN, folder)
    try:
        before = _sidecar_files(folder)
        with Workspace.open(folder, reader="dr-b") as ws:
            assert ws.read_only
            (message,) = ws.messages
            assert f"process {first.pid}" in message and "another RetinaReview" in message
            assert str(folder / ".retinareview" / "lock") in message  # what to do if it is a leftover
            doc = ws.load_case(case_id)
            doc.findings_text = "second instance edit"
            with pytest.raises(WorkspaceError, match="read-only"):
                ws.save_case(doc)
            assert ws.autosave(doc) is False
        assert _sidecar_files(folder) == before
        first.stdin.write("save\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "closed"
    finally:
        first.kill()
        _reap(first)
    with Workspace.open(folder) as ws:
        assert not ws.read_only
        assert ws.load_case(case_id).findings_text == "saved by the first instance"
        np.testing.assert_array_equal(ws.load_case(case_id).mask, mask)


# the log file ---------------------------------------------------------------------------------------------
@pytest.fixture
def clean_logging() -> Iterator[None]:
    """configure_logging changes process-wide state: put the root logger and the exception hooks back."""
    import threading

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks


def test_log_file_records_messages_with_unicode_names_and_rotates(tmp_path: Path, clean_logging: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    log_file = configure_logging(console=False, max_bytes=4000, backup_count=2)
    assert log_file == tmp_path / "logs" / LOG_FILE_NAME
    logging.getLogger("annotations.workspace").warning("%s: saving failed (No space left on device)",
                                                       corpus.UNICODE_NAME)
    assert f"{corpus.UNICODE_NAME}: saving failed" in log_file.read_text(encoding="utf-8")
    for number in range(200):
        logging.getLogger("test").info("line %d %s", number, "x" * 40)
    assert log_file.stat().st_size <= 4000
    assert sorted(p.name for p in log_file.parent.iterdir()) == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1",
                                                                 f"{LOG_FILE_NAME}.2"]  # capped, oldest dropped


def test_configuring_twice_does_not_duplicate_lines(tmp_path: Path, clean_logging: None) -> None:
    configure_logging(log_dir=tmp_path, console=False)
    log_file = configure_logging(log_dir=tmp_path, console=False)
    logging.getLogger("test").warning("once")
    assert log_file.read_text(encoding="utf-8").count("once") == 1


def test_unwritable_log_folder_falls_back_to_stderr(tmp_path: Path, clean_logging: None,
                                                    capsys: pytest.CaptureFixture) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the log folder should be")
    assert configure_logging(log_dir=blocker / "sub") is None
    assert f"cannot write the log file in {blocker / 'sub'}" in capsys.readouterr().err
    logging.getLogger("test").warning("still reported")
    assert "still reported" in capsys.readouterr().err


def test_uncaught_exceptions_reach_the_log_with_traceback(tmp_path: Path, clean_logging: None) -> None:
    import threading

    sys.excepthook = threading.excepthook = lambda *args: None  # the hooks chained after ours: keep output quiet
    log_file = configure_logging(log_dir=tmp_path, console=False)
    try:
        raise RuntimeError("defect in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # what Python (and PySide6, for a slot) calls
    worker = threading.Thread(target=lambda: 1 / 0, name="analysis-worker")
    worker.start()
    worker.join()
    text = log_file.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "RuntimeError: defect in a slot" in text and "Traceback" in text
    assert "uncaught exception in thread analysis-worker" in text and "ZeroDivisionError" in text
