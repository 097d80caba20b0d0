"""Which cases others saved since the last look, found cheaply enough to ask every few seconds: one stat of each case
file of each store (which file it is, its size and when it was last replaced), no file read. The window uses it to
notice the readers' submissions and the arbiter's decisions made on another machine writing into the same folder."""
from __future__ import annotations

from pathlib import Path

from annotations.reading.readers import CONSENSUS, case_files, main_sidecar, readers_of
from annotations.reading.settings import ReadingSettings

# (reader id, or CONSENSUS for the main store; case id) -> (modification time in ns, inode, size) of the store's
# case file (saved_case_versions)
Snapshot = dict[tuple[str, str], tuple[int, int, int]]


def readings_snapshot(folder: Path, settings: ReadingSettings | None = None, consensus: bool = False,
                      leave_out: Path | None = None) -> Snapshot:
    """Which save of each case each reader's case file is (a reader who joined since is included); with
    ``consensus`` the main store's too. ``leave_out``: a store not to look at (the window's own, which it writes)."""
    stores = [(store.reader_id, store.sidecar) for store in readers_of(folder, settings)]
    if consensus:
        stores.append((CONSENSUS, main_sidecar(folder)))
    return {(name, case_id): version for name, sidecar in stores if sidecar != leave_out
            for case_id, version in case_files(sidecar).saved_case_versions().items()}


def changed_cases(before: Snapshot, after: Snapshot, store: str | None = None) -> set[str]:
    """The cases some store (or ``store`` alone) saved, first saved or removed between two snapshots."""
    return {case_id for key in before.keys() | after.keys() if before.get(key) != after.get(key)
            and store in (None, key[0]) for case_id in (key[1],)}
