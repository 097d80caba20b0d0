"""A case whose agreement cannot be stored as the consensus (here a reader's damaged case file) fails alone: the other
agreed cases asked about with it are settled, and the failure is reported for that case (as the arbiter's window
asks); without asking for the failures (an export, a retrain), that case is left unsettled, for the export to skip it
naming the file, and a file the storage cannot give is raised."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.reading.consensus import consensus_record, settle_agreed
from annotations.reading.readers import case_files, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import WorkspaceError
from annotations.workspace.errors import DamagedCaseFile
from tests.unit.reading_fixtures import both_read, case_of, image_folder, storage_cannot_give

CASES = {case_of(index) for index in range(3)}


def _damaged_case_1(tmp_path: Path) -> tuple[Path, Path]:
    """Three cases both readers agree on; Ben's case file of the second damaged since."""
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, {0: 1, 1: 1, 2: 1})
    with open_reader(folder, "Ben") as ben:
        damaged = case_files(ben.sidecar).case_file(case_of(1))
    damaged.write_text("{damaged")
    return folder, damaged


def test_a_case_that_cannot_be_settled_fails_alone_and_is_reported(tmp_path: Path) -> None:
    folder, damaged = _damaged_case_1(tmp_path)
    failures: dict[str, str] = {}
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter", CASES, failures) == 2
    assert list(failures) == [case_of(1)] and str(damaged) in failures[case_of(1)]
    assert [consensus_record(folder, case_of(index)) is not None for index in range(3)] == [True, False, True]


def test_without_asking_for_failures_a_damaged_case_is_left_unsettled(tmp_path: Path) -> None:
    folder, _damaged = _damaged_case_1(tmp_path)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter", CASES) == 2
    assert [consensus_record(folder, case_of(index)) is not None for index in range(3)] == [True, False, True]


def test_without_asking_for_failures_a_file_the_storage_cannot_give_is_raised(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder, damaged = _damaged_case_1(tmp_path)
    storage_cannot_give(monkeypatch, damaged)
    with open_consensus(folder, "Dr Arbiter") as consensus, pytest.raises(WorkspaceError, match="case.json") as raised:
        settle_agreed(consensus, "Dr Arbiter", CASES)
    assert not isinstance(raised.value, DamagedCaseFile)


def test_a_consensus_store_that_cannot_be_written_fails_the_whole_job_once(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import annotations.reading.consensus as consensus_module

    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, {0: 1, 1: 1, 2: 1})

    def full_disk(*_args) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(consensus_module, "record_agreed", full_disk)
    failures: dict[str, str] = {}
    with open_consensus(folder, "Dr Arbiter") as consensus, pytest.raises(OSError, match="No space"):
        settle_agreed(consensus, "Dr Arbiter", CASES, failures)
    assert failures == {}  # said once, as the job's failure, not once per case
