"""Where each case stands between its readers (consensus.folder_states) is read row by row of the case list: once
the listing is stopped no more is read, the rows read so far kept, each whole (a volume's row folds its B-scans')."""
from __future__ import annotations

from pathlib import Path

import pytest

import annotations.reading.consensus as consensus
from annotations.frames import bscan_case_id
from annotations.progress import CallbackState
from annotations.reading.consensus import folder_states
from annotations.reading.disagreement import CaseState
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import both_read, case_of, image_folder
from tests.unit.test_case_file_reads import case_file_reads
from tests.unit.test_reading_volume import read_volume_twice


def _stopped_at_first_read(monkeypatch: pytest.MonkeyPatch) -> tuple[CallbackState, list[str]]:
    """A state that the first state_of read cancels (the person pressed Stop meanwhile), and the cases read."""
    state, read, real = CallbackState(), [], consensus.state_of

    def state_of(folder: Path, case_id: str, *args: object) -> CaseState:
        read.append(case_id)
        state.cancel()
        return real(folder, case_id, *args)
    monkeypatch.setattr(consensus, "state_of", state_of)
    return state, read


def test_a_stop_keeps_the_states_read_and_reads_no_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, dict.fromkeys(range(3), 1))
    state, read = _stopped_at_first_read(monkeypatch)
    assert folder_states(folder, {}, state) == {case_of(0): CaseState.AGREED}
    assert read == [case_of(0)]


def test_a_volumes_row_is_read_whole_before_a_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its row shows the most pressing of its B-scans' states: a stop between them would show B-scan 6's "agreed"
    where B-scan 2 needs arbitration."""
    folder, volume = read_volume_twice(tmp_path)
    state, _read = _stopped_at_first_read(monkeypatch)
    assert folder_states(folder, {}, state) == {bscan_case_id(volume, 2): CaseState.NEEDS_ARBITRATION,
                                               bscan_case_id(volume, 6): CaseState.AGREED}


def test_a_stop_before_the_states_are_read_opens_no_readers_case_file(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding the cases a reader read opens each of their case files (readers.has_reading)."""
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, dict.fromkeys(range(2), 1))
    opened = case_file_reads(monkeypatch)
    state = CallbackState()
    state.cancel()
    assert folder_states(folder, {}, state) == {} and opened == []
