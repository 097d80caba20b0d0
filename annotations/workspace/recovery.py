"""Crash safety: the lock file that marks an open workspace, and autosave snapshots of unsaved edits.

A snapshot is one file (``autosave/<case_id>.snap``) written atomically: a header line of JSON (the
document's scalars, the revision of the saved files it was based on) followed by the zlib-compressed mask
and, when the AI arrays differ from the saved ones, their .npz bytes.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from annotations.document import AIResult, CaseDocument
from annotations.errors import FileProblem
from annotations.image_io import MAX_PIXELS
from annotations.kept_aside import DAMAGED, aside_path
from annotations.regular_files import open_regular, read_regular_bytes
from annotations.workspace import codec
from annotations.workspace import messages as msg
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.machine import is_this_computer, machine_id
from annotations.processes import process_alive, process_start
from annotations.workspace.sidecar import is_saved_mask_name

SNAPSHOT_MAGIC = b"RRSNAP1\n"
SNAPSHOT_SUFFIX = ".snap"
MAX_SNAPSHOT_BYTES = 2 << 30  # a 120 MP mask plus AI arrays, compressed, stays far below
MAX_HEADER_BYTES = 64 << 20
MAX_LOCK_BYTES = 64 << 10

log = logging.getLogger(__name__)


# lock ------------------------------------------------------------------------------------------------------
RENEW_EVERY_S = 60  # how often the program holding a lock touches it (lock_renewal.LockRenewal)
# Another computer's lock not renewed for this many of its intervals is a crashed program's (or one whose computer
# lost power): generous, so that a share slow for a while or clocks some minutes apart never take a live one.
MISSED_RENEWALS = 10


def _on_this_clock(started: str) -> str:
    """A lock's start (ISO 8601 in UTC, to the millisecond) as this computer's clock reads it, to the minute: the
    person told the folder is open elsewhere compares it with their own clock, which in Beijing is 8 hours ahead of
    "2026-12-07T10:45:36.500+00:00". A value that is no time (a damaged lock) is shown as written."""
    try:
        moment = datetime.fromisoformat(started)
    except ValueError:
        return started
    return (moment.astimezone() if moment.tzinfo else moment).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class LockOwner:
    pid: int
    hostname: str
    started: str
    renewed_every: float | None = None  # seconds; None: a program that never renews its lock (an earlier release)
    machine: str = ""  # machine.machine_id() of the computer it runs on: "" from an earlier release
    process: str = ""  # process_start(pid): "" from an earlier release, or where the system does not say
    # the reader name it opened the store as: one a second person typed too is in use there; "" where none was given
    # or from an earlier release
    reader: str = ""

    def describe(self) -> str:
        template = msg.LOCK_READER if self.reader else msg.LOCK_HOLDER
        return template.format(reader=self.reader, pid=self.pid, host=self.hostname,
                               started=_on_this_clock(self.started))

    @property
    def on_this_computer(self) -> bool:
        return is_this_computer(self.hostname, self.machine)


@dataclass(frozen=True)
class LockResult:
    acquired: bool
    holder: LockOwner | None = None  # a live owner that kept us out
    stale: LockOwner | None = None  # a dead owner whose lock we replaced: the last session did not exit cleanly
    ours: LockOwner | None = None  # the lock we hold, to renew
    free_in: float | None = None  # seconds until the holder's lock, if not renewed, is abandoned (abandoned_in)


def acquire_lock(path: Path, started: str, reader: str = "") -> LockResult:
    """Create ``path`` with our pid and its start, host name, machine id and ``reader`` (the name the store is opened
    as); replace it when its owner is dead. The file appears whole (a second program opening the folder at that
    moment never reads it empty and takes it for a crashed session's), and a dead owner's lock is removed only while
    it is still that owner's, not renewed since (two programs finding it stale at once must not remove each other's
    new one, nor a renewal that came late its owner's)."""
    ours = LockOwner(os.getpid(), socket.gethostname(), started, RENEW_EVERY_S, machine_id(),
                     process_start(os.getpid()), reader)
    data = json.dumps(asdict(ours)).encode("utf-8")
    stale: LockOwner | None = None
    for _ in range(3):
        if create_whole(path, data):
            return LockResult(True, stale=stale, ours=ours)
        renewed = _mtime_ns(path)
        owner = read_lock(path)
        left = None if owner is None else abandoned_in(owner, renewed, path.parent)
        if owner is not None and owner_alive(owner, left):
            return LockResult(False, holder=owner, free_in=left)
        stale = owner or LockOwner(-1, "unknown", "unknown")
        _remove_if_still(path, owner, renewed)
    raise OSError(msg.LOCK_RECREATED.format(path=path))


def create_whole(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data``, False when it exists: written to a file of our own, then hard-linked into
    place, which fails when the name is taken. Where the disk has no hard links, created empty and then written."""
    own = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    _write_new(own, data)
    try:
        os.link(own, path)
        return True
    except FileExistsError:
        return False
    except OSError:  # no hard links here (some shares): the short moment an empty lock is seen stays
        try:
            _write_new(path, data)
            return True
        except FileExistsError:
            return False
    finally:
        own.unlink()


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _remove_if_still(path: Path, owner: LockOwner | None, renewed_ns: int | None = None) -> None:
    """Remove the lock at ``path`` if it is still ``owner``'s and, given ``renewed_ns``, not renewed since (its
    mtime): moved aside first, read there, and put back when another program's new lock was taken in the meantime,
    or its owner renewed it after all."""
    aside = path.with_name(f".{path.name}.stale.{os.getpid()}.{os.urandom(4).hex()}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return  # removed by the program that found it stale first
    try:
        if read_lock(aside) != owner or (renewed_ns is not None and _mtime_ns(aside) != renewed_ns):
            os.link(aside, path)
    except FileExistsError:
        pass  # yet another program's lock is there now: theirs stands
    except OSError:  # no hard links here: put it back by name
        os.replace(aside, path)
        return
    aside.unlink()


def read_lock(path: Path) -> LockOwner | None:
    """The owner written in the lock file, or None when it is unreadable (a crash while it was written)."""
    try:
        data = json.loads(read_regular_bytes(path, MAX_LOCK_BYTES, "a lock file").decode("utf-8"))
        every = data.get("renewed_every")
        renewed_every = float(every) if isinstance(every, (int, float)) and 0 < every < math.inf else None
        return LockOwner(int(data["pid"]), str(data["hostname"]), str(data.get("started", "")), renewed_every,
                         str(data.get("machine", "")), str(data.get("process", "")), str(data.get("reader", "")))
    except (FileProblem, ValueError, KeyError, TypeError):  # a FIFO there must not hang the open
        return None


def abandoned_in(owner: LockOwner, renewed_ns: int | None, folder: Path) -> float | None:
    """Seconds until another computer's lock, last renewed at ``renewed_ns`` (its file's mtime), counts as
    abandoned (<= 0: it does); None where it never does by itself: a lock of this computer (its pid tells), or of a
    program that never renews its lock. A renewal stamped by a clock ahead of ours (an mtime in the future) looks
    fresh until ours passes it: a clock ahead keeps a crashed program's lock that much longer, never takes a live
    one; one behind by up to MISSED_RENEWALS - 1 intervals (9 minutes) never makes a live lock look abandoned."""
    if owner.on_this_computer or owner.renewed_every is None or renewed_ns is None:
        return None
    return MISSED_RENEWALS * owner.renewed_every - (_share_now(folder) - renewed_ns / 1e9)


def owner_alive(owner: LockOwner, left: float | None) -> bool:
    """True unless we can tell the owner is gone: on this computer its process has ended, or its number is another
    process's now (a crashed program's, reused since or after a restart: process_start tells them apart where the
    lock and the system say when each started); another computer's process cannot be checked: gone once its lock is
    abandoned (``left``, from abandoned_in, ran out)."""
    if not owner.on_this_computer:
        return left is None or left > 0
    if owner.pid != os.getpid():  # our own number too may be a crashed program's, reused by us (a container's)
        if not process_alive(owner.pid):  # another user's live process is alive too: its start still tells
            return False
    now = process_start(owner.pid) if owner.process else ""
    return not now or now == owner.process


def _share_now(folder: Path) -> float:
    """Now, as the lock's disk stamps a renewal: a file of ours there, touched as renew_lock touches a lock (on NFS
    that is the file server's clock, which stamps every computer's renewals alike); this computer's clock where
    nothing can be written there."""
    probe = folder / f".lock.clock.{os.getpid()}.{os.urandom(4).hex()}"
    try:
        _write_new(probe, b"")
        try:
            os.utime(probe)
            return os.stat(probe).st_mtime_ns / 1e9
        finally:
            probe.unlink()
    except OSError:
        return time.time()


def _mtime_ns(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def renew_lock(path: Path, owner: LockOwner, let_go: Callable[[], bool] = lambda: False) -> bool:
    """Touch the lock at ``path`` while it is still ``owner``'s; False when it is not (taken over after its renewals
    failed for long). Only its mtime changes: the file is never rewritten, so nobody reads it half written and no
    other program's lock is written over, on any share. A lock deleted by hand (to "unlock" a folder thought stuck)
    is created again, whole, unless another program's took its place first, or ``let_go()`` says its holder let it go
    meanwhile (a renewal the close left behind on a hung share: the close removed the lock, which nobody would
    renew or release then). OSError: the disk cannot be reached."""
    try:
        os.stat(path)
    except FileNotFoundError:  # the lock, or the share (then so is the creation below)
        if not let_go() and create_whole(path, json.dumps(asdict(owner)).encode("utf-8")):
            log.warning("%s: the workspace lock was deleted while held; it is back", path)
            return True
    if read_lock(path) != owner:
        return False
    os.utime(path)
    return True


def release_lock(path: Path) -> None:
    owner = read_lock(path)
    if owner is not None and owner.pid == os.getpid() and owner.on_this_computer:
        path.unlink(missing_ok=True)


# fingerprints ----------------------------------------------------------------------------------------------
def ai_arrays_crc(ai: AIResult | None) -> str | None:
    """A cheap checksum of the AI arrays as held in memory: mask, heat map, probability maps (None when there are
    none)."""
    arrays = {} if ai is None else ai.arrays()
    if not arrays:
        return None
    crc = 0
    for name, array in arrays.items():
        label = f"{array.dtype}{array.shape}" if name in ("mask", "cam") else f"{name}{array.dtype}{array.shape}"
        crc = zlib.crc32(np.ascontiguousarray(array), zlib.crc32(label.encode(), crc))
    return f"{crc:08x}"


def mask_crc(mask: np.ndarray) -> str:
    return f"{zlib.crc32(np.ascontiguousarray(mask)):08x}"


def doc_fingerprint(doc: CaseDocument) -> str:
    """Changes whenever anything stored about the document changes; a few ms for a 12 MP mask."""
    digest = hashlib.blake2b(codec.dumps(codec.doc_to_json(doc)).encode("utf-8"), digest_size=16)
    digest.update(f"{mask_crc(doc.mask)}|{ai_arrays_crc(doc.ai)}".encode())
    return digest.hexdigest()


# snapshots -------------------------------------------------------------------------------------------------
@dataclass
class Snapshot:
    doc: CaseDocument
    base_revision: int  # revision of case.json when the snapshot was taken (0: never saved)
    created_at: str
    ai_file: str | None  # the saved AI arrays file it reuses, when its arrays were not stored inline


def holds_snapshots(sidecar: Path) -> bool:
    """Whether the store at ``sidecar`` holds autosave snapshots: of a program editing it now, or of one that crashed,
    whose edits the store's next opening recovers."""
    try:
        with os.scandir(sidecar / "autosave") as entries:
            return any(entry.name.endswith(SNAPSHOT_SUFFIX) for entry in entries)
    except OSError:
        return False


class SnapshotStore:
    """The ``autosave`` folder; writes and deletes go through the workspace's ConfinedFolder."""

    def __init__(self, folder: Path, confined: ConfinedFolder) -> None:
        self.folder = folder
        self._confined = confined

    def path(self, case_id: str) -> Path:
        return self.folder / f"{case_id}{SNAPSHOT_SUFFIX}"

    def case_ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name[: -len(SNAPSHOT_SUFFIX)] for p in self.folder.iterdir() if p.suffix == SNAPSHOT_SUFFIX)

    def write(self, doc: CaseDocument, base_revision: int, created_at: str, saved_ai_file: str | None,
              saved_ai_crc: str | None) -> None:
        ai_file = saved_ai_file if saved_ai_file and saved_ai_crc == ai_arrays_crc(doc.ai) else None
        ai_arrays = codec.ai_arrays(doc.ai)
        ai_bytes = codec.arrays_to_npz(**ai_arrays) if ai_file is None and ai_arrays else b""
        mask_bytes = zlib.compress(np.ascontiguousarray(doc.mask), 1)
        header = {"doc": codec.doc_to_json(doc), "base_revision": base_revision, "created_at": created_at,
                  "ai_file": ai_file, "mask_len": len(mask_bytes), "ai_len": len(ai_bytes)}
        if not doc.modality_decided:  # a case never saved, not yet examined: its recovery's save decides it
            header["modality_undecided"] = True
        if doc.mask_left_out is not None:  # its recovery's save names it as the window's would
            header["mask_left_out"] = doc.mask_left_out
        header_line = codec.dumps(header, indent=None).encode("utf-8") + b"\n"
        self._confined.mkdir(self.folder)
        self._confined.write_bytes(self.path(doc.case_id), SNAPSHOT_MAGIC + header_line + mask_bytes + ai_bytes)

    def read(self, case_id: str, saved_ai_arrays: dict[str, np.ndarray] | None = None) -> Snapshot:
        """Decode a snapshot; raises ValueError/FileProblem when it is damaged or would not fit the image it names
        (nothing is decompressed beyond the size the header's image allows). Saved AI arrays fill ``ai_file``."""
        data = read_regular_bytes(self.path(case_id), MAX_SNAPSHOT_BYTES, "an autosave snapshot")
        if not data.startswith(SNAPSHOT_MAGIC):
            raise ValueError("not a RetinaReview autosave snapshot")
        end = data.index(b"\n", len(SNAPSHOT_MAGIC))
        header: dict[str, Any] = json.loads(data[len(SNAPSHOT_MAGIC):end].decode("utf-8"))
        body = memoryview(data)[end + 1:]
        mask_len, ai_len = int(header["mask_len"]), int(header["ai_len"])
        if len(body) != mask_len + ai_len:
            raise ValueError("snapshot is truncated")
        doc_json = header["doc"]
        shape = (int(doc_json["height"]), int(doc_json["width"]))
        if min(shape) < 1 or shape[0] * shape[1] > MAX_PIXELS:
            raise ValueError(f"snapshot claims a {shape[1]}x{shape[0]} image, beyond any image this program opens")
        mask = np.frombuffer(_inflate_exactly(body[:mask_len], shape[0] * shape[1]), np.uint8).reshape(shape).copy()
        ai_arrays = (codec.arrays_from_npz(bytes(body[mask_len:]), max_elements=shape[0] * shape[1]) if ai_len
                     else (saved_ai_arrays or {}))
        doc = codec.doc_from_json(doc_json, mask, ai_arrays)
        doc.modality_decided = header.get("modality_undecided") is not True
        left_out = header.get("mask_left_out")
        doc.mask_left_out = left_out if is_saved_mask_name(left_out) else None
        return Snapshot(doc, int(header["base_revision"]), str(header["created_at"]), header.get("ai_file"))

    def read_header(self, case_id: str) -> dict[str, Any]:
        """Only the header (cheap): base_revision and ai_file decide whether and how to recover."""
        with open_regular(self.path(case_id), MAX_SNAPSHOT_BYTES, "an autosave snapshot") as handle:
            if handle.read(len(SNAPSHOT_MAGIC)) != SNAPSHOT_MAGIC:
                raise ValueError("not a RetinaReview autosave snapshot")
            line = handle.readline(MAX_HEADER_BYTES)
        if not line.endswith(b"\n"):
            raise ValueError("snapshot header is cut short or too long")
        return json.loads(line.decode("utf-8"))

    def remove(self, case_id: str) -> None:
        self._confined.unlink(self.path(case_id))

    def quarantine(self, case_id: str, stamp: str) -> Path:
        """Rename a snapshot that cannot be recovered out of the way (kept for a person to look at, never
        retried); returns its new path."""
        kept = aside_path(self.path(case_id), DAMAGED, stamp)
        self._confined.replace(self.path(case_id), kept)
        return kept

    def remove_stray_temp_files(self) -> None:
        """Half-written temp files of snapshots cut short by a crash (a 12 MP mask each); only the lock owner
        calls this, so no live writer is using them."""
        if self.folder.is_dir():
            for path in self.folder.glob(f".*{SNAPSHOT_SUFFIX}.*.tmp"):
                if path.is_file() and not path.is_symlink():
                    self._confined.unlink(path)


def _inflate_exactly(compressed: memoryview, size: int) -> bytes:
    """zlib data that must inflate to exactly ``size`` bytes; stops at ``size + 1`` (a bomb costs nothing)."""
    inflater = zlib.decompressobj()
    data = inflater.decompress(compressed, size + 1)
    if len(data) != size or not inflater.eof:
        raise ValueError(f"snapshot mask does not hold the {size:,} bytes its image size needs")
    return data
