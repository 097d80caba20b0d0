"""The arbiter's first opening of a folder, while their window stores every agreed case as the consensus (seconds
per 100 photos): the list shows where each case stands, and a case they open, without waiting for all of it."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import app.agreed_settling
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.test_double_reading_gui import window_on
from tests.unit.reading_fixtures import both_read, case_of, image_folder, read_case

ARBITER = "Dr Arbiter"
AGREED, DISPUTED = range(6), 6  # img0 opens first: agreed, so no list's batch waits on the disputed case


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=7, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    both_read(folder, dict.fromkeys(AGREED, 1))
    for name, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, name) as reader:
            read_case(reader, DISPUTED, grade=grade)
    return folder


@pytest.fixture
def held_settling(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The list's first batch of agreed cases (BATCH of them) stays on the storage queue until ``release`` is set;
    ``calls`` holds the cases of each settling job as it runs."""
    release, calls = threading.Event(), []
    settle = app.agreed_settling._settle

    def held(workspace: Any, actor: str, case_ids: set[str]) -> Any:
        calls.append(set(case_ids))
        if len(case_ids) > 1 and len([c for c in calls if len(c) > 1]) == 1:
            release.wait(10)
        return settle(workspace, actor, case_ids)
    monkeypatch.setattr(app.agreed_settling, "BATCH", 2)
    monkeypatch.setattr(app.agreed_settling, "_settle", held)
    yield release, calls
    release.set()


def test_the_list_shows_the_reading_states_while_the_agreed_cases_are_settled(
        qtbot, tmp_path: Path, folder: Path, held_settling: Any) -> None:
    release, _calls = held_settling
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    case_list = window.case_list
    qtbot.waitUntil(lambda: window.cases.listing.known_state(case_of(DISPUTED)) is CaseState.NEEDS_ARBITRATION,
                    timeout=10_000)
    case_list.set_filters(reading=CaseState.NEEDS_ARBITRATION.value)  # "needs arbitration": what to do first
    # the states reached the list before the settling held (they waited behind every batch of it)
    qtbot.waitUntil(lambda: case_list.visible_case_ids() == [case_of(DISPUTED)], timeout=5_000)
    assert not release.is_set()
    release.set()


def test_a_case_opened_meanwhile_waits_for_one_batch_of_agreed_cases_not_all(
        qtbot, tmp_path: Path, folder: Path, held_settling: Any) -> None:
    release, calls = held_settling
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    qtbot.waitUntil(lambda: len([c for c in calls if len(c) > 1]) == 1, timeout=10_000)  # the first batch runs
    window.cases.select_case(case_of(DISPUTED))  # its opening settles it first (a job of its own), then reads it
    release.set()
    qtbot.waitUntil(lambda: window.cases.current_id == case_of(DISPUTED) and not window.cases.loading
                    and not window.cases.busy, timeout=10_000)
    batches = [index for index, cases in enumerate(calls) if len(cases) > 1]
    assert len(batches) == 3  # the six agreed cases, two a batch
    assert calls.index({case_of(DISPUTED)}) < batches[1]  # after the batch running, before the others
