"""How often double reading opens the readers' case files (case.json), each a round trip on a share: the arbiter's
window settles every agreed case at each opening (2,000 photos: 2,000 cases), and reads every case's state."""
from __future__ import annotations

from pathlib import Path

import pytest

import annotations.workspace.sidecar as sidecar
from annotations.reading.consensus import settle_agreed
from annotations.reading.readers import open_consensus
from tests.unit.reading_fixtures import case_of, settled_agreements

COUNT = 3


def case_file_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The readers' case.json files read from now on (the consensus store's, and its records, are not counted)."""
    read, seen = sidecar.read_regular_bytes, []

    def counted(path: Path, *args: object, **kwargs: object) -> bytes:
        if path.name == "case.json" and "readers" in path.parts:
            seen.append(path)
        return read(path, *args, **kwargs)
    monkeypatch.setattr(sidecar, "read_regular_bytes", counted)
    return seen


def test_settling_in_the_window_reads_each_readers_case_file_once(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """As the arbiter's window asks (no progress shown): each reader's file once, to see the stored consensus is of
    the readings as they are, not again to name the case in a progress message nobody sees."""
    folder = settled_agreements(tmp_path, COUNT)
    with open_consensus(folder, "Arb") as consensus:
        reads = case_file_reads(monkeypatch)
        assert settle_agreed(consensus, "Arb", {case_of(n) for n in range(COUNT)}) == 0
    assert len(reads) == 2 * COUNT
