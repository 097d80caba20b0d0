"""Which cases the readers saved, or the arbiter decided, since the last look, found cheaply enough to ask every few
seconds: one stat of each case file of each reader's store and, where asked, of each consensus record (which file
it is, its size and when it was last replaced), no file read. The arbiter's window uses it to notice submissions
made on another machine writing into the same folder; a reader's window, those of the other readers and the
arbiter's decisions, so a window left open does not go on showing a decided case as needing arbitration."""
from __future__ import annotations

import os
from pathlib import Path

from annotations.reading.consensus import CONSENSUS_DIR
from annotations.reading.readers import case_files, main_sidecar, readers_of

# (reader id, case id) -> (modification time in ns, inode, size) of the reader's case file (saved_case_versions);
# the consensus records under (DECISIONS, case id)
Snapshot = dict[tuple[str, str], tuple[int, int, int]]
DECISIONS = ""  # no reader's id (readers.reader_id): the consensus records' key in a snapshot
RECORD_SUFFIX = ".json"


def readings_snapshot(folder: Path, decisions: bool = False) -> Snapshot:
    """Which save of each case each reader's case file is (a reader who joined since is included); ``decisions``:
    also which version of each case's consensus record (an arbitration, its undo, an agreement stored)."""
    snapshot = {(store.reader_id, case_id): version for store in readers_of(folder)
                for case_id, version in case_files(store.sidecar).saved_case_versions().items()}
    if decisions:
        snapshot.update({(DECISIONS, case_id): version for case_id, version in _record_versions(folder).items()})
    return snapshot


def _record_versions(folder: Path) -> dict[str, tuple[int, int, int]]:
    records = main_sidecar(folder) / CONSENSUS_DIR
    if not records.is_dir():
        return {}
    versions = {}
    with os.scandir(records) as entries:
        for entry in entries:
            if not entry.name.endswith(RECORD_SUFFIX):
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            versions[entry.name[:-len(RECORD_SUFFIX)]] = (stat.st_mtime_ns, stat.st_ino, stat.st_size)
    return versions


def changed_cases(before: Snapshot, after: Snapshot) -> set[str]:
    """The cases some reader saved, first saved or removed (or whose record changed) between two snapshots."""
    return {case_id for key in before.keys() | after.keys() if before.get(key) != after.get(key)
            for case_id in (key[1],)}


def decided_cases(before: Snapshot, after: Snapshot) -> set[str]:
    """The cases whose consensus record changed between two snapshots taken with ``decisions``: the consensus store
    holds another decision of them (an arbitration, its undo, an agreement stored)."""
    return {case_id for reader, case_id in before.keys() | after.keys()
            if reader == DECISIONS and before.get((reader, case_id)) != after.get((reader, case_id))}
