"""How often double reading opens the readers' case files (case.json), each a round trip on a share: the arbiter's
window settles every agreed case at each opening (2,000 photos: 2,000 cases), and reads every case's state."""
from __future__ import annotations

from pathlib import Path

import pytest

import annotations.workspace.sidecar as sidecar
from annotations.reading.consensus import folder_states, settle_agreed
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import load_reading, open_consensus, open_reader, readers_of, saved_json
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import both_read, case_of, image_folder, read_case, settled_agreements

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


def test_states_read_each_readers_case_file_once_for_the_grades_and_the_masks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Which cases a reader read, an agreed case's grades, then its masks compared: from each reader's case file
    read once (it was 5 reads a case for two readers)."""
    folder = image_folder(tmp_path, count=COUNT)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, dict.fromkeys(range(COUNT), 1))
    reads = case_file_reads(monkeypatch)
    assert set(folder_states(folder).values()) == {CaseState.AGREED}
    assert len(reads) == 2 * COUNT


def test_a_case_file_read_before_a_save_took_its_mask_away_is_read_again(tmp_path: Path) -> None:
    """The reader saved again between the read of their case file and that of its mask (each save removes the mask
    the version before named): their new reading is read whole, as when the case file was read at once."""
    folder = image_folder(tmp_path, count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, {0: 1})
    anna = next(store for store in readers_of(folder) if store.name == "Anna")
    before = saved_json(anna, case_of(0))
    with open_reader(folder, "Anna") as ws:
        read_case(ws, 0, grade=3, rows=slice(8, 12))
    reading = load_reading(anna, case_of(0), before)
    assert reading is not None and reading.doc.grade.dr_grade == 3 and reading.doc.mask[8:12].any()
