"""Which cases the readers saved since the last look: every save, first save and new reader counts; nothing else."""
from __future__ import annotations

import os
import time
from pathlib import Path

from annotations.reading.consensus import record_path
from annotations.reading.reader_changes import changed_cases, decided_cases, readings_snapshot
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import arbitrated, case_of, image_folder, read_case, revised_since_arbitration


def test_the_cases_readers_saved_since_the_last_look(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=1)
        read_case(anna, 1, grade=1)
    first = readings_snapshot(folder)
    assert changed_cases(first, readings_snapshot(folder)) == set()  # nobody saved: nothing to read again
    time.sleep(0.02)  # a file system's clock may be coarse
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 1, grade=2)  # a revision
    with open_reader(folder, "Ben") as ben:  # a reader who joined since
        read_case(ben, 2, grade=0)
    assert changed_cases(first, readings_snapshot(folder)) == {case_of(1), case_of(2)}


def test_two_saves_within_one_tick_of_a_coarse_clock_are_told_apart(tmp_path: Path) -> None:
    """FAT, exFAT and some SMB shares keep 1-2 s timestamps: a second save soon after the first may carry the same
    modification time, and the same size; it is still another file (each save replaces case.json)."""
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=1)
        case_file = anna.case_files.case_file(case_of(0))
        first = readings_snapshot(folder)
        stamp = case_file.stat().st_mtime_ns
        read_case(anna, 0, grade=2)
    os.utime(case_file, ns=(stamp, stamp))  # the coarse clock had not ticked
    assert changed_cases(first, readings_snapshot(folder)) == {case_of(0)}


def test_a_readers_window_notices_the_arbiters_decision_and_its_undo(tmp_path: Path) -> None:
    """A reader's window left open while the arbiter decides: the consensus record's change names the case."""
    folder = revised_since_arbitration(tmp_path / "f", count=2)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 1, grade=2)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 1, grade=0)
    second, arbiters = readings_snapshot(folder, decisions=True), readings_snapshot(folder)
    arbitrated(folder, "Dr Wang", 1)
    assert changed_cases(second, readings_snapshot(folder, decisions=True)) == {case_of(1)}
    assert changed_cases(arbiters, readings_snapshot(folder)) == set()  # the arbiter's window: its own decisions
    record_path(folder, case_of(1)).unlink()  # taken back
    assert changed_cases(second, readings_snapshot(folder, decisions=True)) == set()


def test_only_the_cases_decided_meanwhile_are_told_as_decided(tmp_path: Path) -> None:
    """A second arbiter's window shows the consensus anew for the cases decided, not for each reader's save."""
    folder = revised_since_arbitration(tmp_path / "f", count=3)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 1, grade=2)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 1, grade=0)
    before = readings_snapshot(folder, decisions=True)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 2, grade=1)  # a reader's save: changed, not decided
    arbitrated(folder, "Dr Wang", 1)
    after = readings_snapshot(folder, decisions=True)
    assert changed_cases(before, after) == {case_of(1), case_of(2)}
    assert decided_cases(before, after) == {case_of(1)}
