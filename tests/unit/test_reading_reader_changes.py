"""Which cases the readers saved since the last look: every save, first save and new reader counts; nothing else."""
from __future__ import annotations

import os
import time
from pathlib import Path

from annotations.reading.reader_changes import changed_cases, readings_snapshot
from annotations.reading.readers import CONSENSUS, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace.catalog import reread_saved
from tests.unit.reading_fixtures import case_of, image_folder, read_case


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


def test_the_consensus_is_looked_at_when_asked_and_the_windows_own_store_is_left_out(tmp_path: Path) -> None:
    """A reader's window hears of the arbiter's decisions (the main store) but not of its own saves."""
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=1)
        own = anna.sidecar
    first = readings_snapshot(folder, consensus=True, leave_out=own)
    time.sleep(0.02)  # a file system's clock may be coarse
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)  # the window's own save
    with open_consensus(folder, "Dr Lee") as consensus:
        read_case(consensus, 1, grade=3)  # a decision
    assert changed_cases(first, readings_snapshot(folder, consensus=True, leave_out=own)) == {case_of(1)}
    assert {store for store, _ in readings_snapshot(folder)} == {"anna"}  # unasked, the readers' stores alone


def test_the_consensus_decisions_are_told_apart_and_a_read_only_copy_of_its_index_reads_them_again(
        tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_consensus(folder, "Dr Wu") as writer:
        with open_consensus(folder, "Dr Lee") as copy:  # opened second: read-only, its index a copy
            assert copy.read_only
            first = readings_snapshot(folder, consensus=True)
            with open_reader(folder, "Anna") as anna:
                read_case(anna, 0, grade=1)
            read_case(writer, 1, grade=3)  # Dr Wu decides
            after = readings_snapshot(folder, consensus=True)
            assert changed_cases(first, after) == {case_of(0), case_of(1)}
            assert changed_cases(first, after, CONSENSUS) == {case_of(1)}
            assert copy.index.cases_by_id([case_of(1)])[case_of(1)]["reader_grade"] is None
            reread_saved(copy.index, copy.case_files, {case_of(1)})
            assert copy.index.cases_by_id([case_of(1)])[case_of(1)]["reader_grade"] == 3
