"""A reader's case file read for double reading's states and the grades by reader is checked as every read of a case
file: one of a later release says to update RetinaReview, a damaged one names the file (DamagedCaseFile), never a
bare TypeError; the case list's look leaves that case's state unknown and reads the others'."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from annotations.reading.consensus import folder_states
from annotations.reading.disagreement import CaseState
from annotations.reading.grades_by_reader import grades_by_reader_text
from annotations.reading.readers import read_case_ids, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace.errors import DamagedCaseFile
from tests.unit.reading_fixtures import both_read, case_of, edited_reading, image_folder


def newer(data: dict[str, Any]) -> None:  # a later release's field in the grade
    data["version"] = 99
    data["grade"]["severity_scale"] = "ETDRS"


def damaged(data: dict[str, Any]) -> None:
    data["grade"] = [4, 0]


EDITS = [(newer, "update RetinaReview"), (damaged, "not valid")]
ARBITER = "Dr Arbiter"


def edited_folder(root: Path, edit: Callable[[dict[str, Any]], None]) -> tuple[Path, Path]:
    """Two photos both readers graded alike; Ben's case file of img0 edited. Returns the folder and that file."""
    folder = image_folder(root, count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    both_read(folder, {0: 1, 1: 2})
    return folder, edited_reading(folder, "Ben", 0, edit)


@pytest.mark.parametrize("edit, said", EDITS)
def test_a_readers_file_of_a_later_version_or_damaged_says_so(tmp_path: Path, edit: Callable[[dict], None],
                                                              said: str) -> None:
    folder, path = edited_folder(tmp_path / "f", edit)
    assert read_case_ids(readers_of(folder)) == sorted([case_of(0), case_of(1)])  # listed: reading it says why
    for read in (folder_states, grades_by_reader_text):
        with pytest.raises(DamagedCaseFile, match=said) as raised:
            read(folder)
        assert str(path) in str(raised.value)


@pytest.mark.parametrize("edit, said", EDITS)
def test_the_lists_look_leaves_that_case_out_and_reads_the_others(tmp_path: Path, edit: Callable[[dict], None],
                                                                  said: str) -> None:
    folder, path = edited_folder(tmp_path / "f", edit)
    unreadable: dict[str, str] = {}
    assert folder_states(folder, unreadable) == {case_of(1): CaseState.AGREED}
    assert list(unreadable) == [case_of(0)] and said in unreadable[case_of(0)] and str(path) in unreadable[case_of(0)]
