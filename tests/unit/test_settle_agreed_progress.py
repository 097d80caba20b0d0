"""Storing the agreed cases as the consensus (settle_agreed) takes minutes for a screening programme's folder (about
0.13 s a case on 12-megapixel photos): it reports each case by its image, and a Cancel stops it between cases, each
case stored until then a whole consensus that stays stored, the rest stored by the next settling."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import annotations.reading.consensus as consensus_module
from annotations.progress import Cancelled, CallbackState
from annotations.reading import messages as msg
from annotations.reading.consensus import consensus_record, settle_agreed
from annotations.reading.readers import case_files, open_consensus, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import both_read, case_of, image_folder


def _agreed(tmp_path: Path, count: int = 3) -> Path:
    """``count`` cases both readers agree on, none stored as the consensus yet."""
    folder = image_folder(tmp_path / "f", count=count)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, dict.fromkeys(range(count), 1))
    return folder


def test_settling_reports_each_case_by_its_image(tmp_path: Path) -> None:
    seen: list[tuple[float, str]] = []
    with open_consensus(_agreed(tmp_path), "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter", state=CallbackState(lambda *report: seen.append(report))) == 3
    assert seen == [(n / 3, msg.SETTLING.format(name=f"'img{n}.png'", number=n + 1, count=3)) for n in range(3)]


def test_a_cancel_stops_settling_between_cases_and_what_it_stored_stays(tmp_path: Path, monkeypatch) -> None:
    folder = _agreed(tmp_path)
    state = CallbackState()
    record_agreed = consensus_module.record_agreed

    def cancelled_once_stored(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - as record_agreed
        stored = record_agreed(*args, **kwargs)
        state.cancel()  # the person's Cancel while the first case was being stored
        return stored

    monkeypatch.setattr(consensus_module, "record_agreed", cancelled_once_stored)
    with open_consensus(folder, "Dr Arbiter") as consensus, pytest.raises(Cancelled):
        settle_agreed(consensus, "Dr Arbiter", state=state)
    assert [consensus_record(folder, case_of(n)) is not None for n in range(3)] == [True, False, False]
    assert consensus_record(folder, case_of(0))["method"] == "agreed"
    monkeypatch.setattr(consensus_module, "record_agreed", record_agreed)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert consensus.load_case(case_of(0)).grade.dr_grade == 1  # the whole case stored, its record with it
        assert settle_agreed(consensus, "Dr Arbiter") == 2  # the others, the next time


def test_a_case_whose_reading_the_storage_cannot_give_is_that_cases_failure_alone(tmp_path: Path) -> None:
    """Naming the case for the progress reads its readings' file: a storage error there (no permission, a FIFO in
    its place) is said for that case, the others settled, as before the progress named it."""
    folder = _agreed(tmp_path)
    anna = next(store for store in readers_of(folder) if store.name == "Anna")
    case_file = case_files(anna.sidecar).case_file(case_of(1))
    case_file.unlink()
    os.mkfifo(case_file)  # not a regular file: refused as the storage's (WorkspaceError), not as damaged
    failures: dict[str, str] = {}
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter", failures=failures) == 2
    assert list(failures) == [case_of(1)]
