"""Which cases the readers saved since the last look, found cheaply enough to ask every few seconds: one stat of each
case file of each reader's store (which file it is, its size and when it was last replaced), no file read. The
arbiter's window uses it to notice submissions made on another machine writing into the same folder."""
from __future__ import annotations

from pathlib import Path

from annotations.reading.readers import case_files, readers_of

# (reader id, case id) -> (modification time in ns, inode, size) of the reader's case file (saved_case_versions)
Snapshot = dict[tuple[str, str], tuple[int, int, int]]


def readings_snapshot(folder: Path) -> Snapshot:
    """Which save of each case each reader's case file is (a reader who joined since is included)."""
    return {(store.reader_id, case_id): version for store in readers_of(folder)
            for case_id, version in case_files(store.sidecar).saved_case_versions().items()}


def changed_cases(before: Snapshot, after: Snapshot) -> set[str]:
    """The cases some reader saved, first saved or removed between two snapshots."""
    return {case_id for key in before.keys() | after.keys() if before.get(key) != after.get(key)
            for case_id in (key[1],)}
