"""`export --reader all --format csv` writes grades_by_reader.csv for what was read when a reader's export skipped a
case it could not read (a case file damaged, a mask missing): that reading's cells, and the consensus's where it
could not be told, are empty, and a line names the file, as the export lists it; it exits partly done. Before, no
grades_by_reader.csv was written at all. The export of every reader names a damaged reading once, though its reader's
export, the consensus's and the CSV each read it (it was said up to three times)."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from annotations.document import AIResult
from annotations.reading.consensus import folder_states
from annotations.reading.disagreement import CaseState
from annotations.reading.grades_by_reader import grades_by_reader_text
from annotations.reading.readers import case_files, open_reader, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import both_read, case_of, edited_reading, image_folder, read_case


def _invalid(folder: Path, case_file: Path) -> Path:
    return edited_reading(folder, "Ben", 1, lambda data: data["grade"].update(stage=7))


def _cut_short(_folder: Path, case_file: Path) -> Path:
    case_file.write_bytes(case_file.read_bytes()[:40])
    return case_file


def _mask_gone(_folder: Path, case_file: Path) -> Path:
    (mask,) = case_file.parent.glob("mask.*.png")
    mask.unlink()
    return mask


def _damaged(root: Path, damage: Callable[[Path, Path], Path]) -> tuple[Path, Path]:
    """Anna and Ben agree on img0, img1 and img2 (grades 1, 2, 3); Ben's reading of img1 then damaged by ``damage``.
    Returns the folder and the damaged file."""
    folder = image_folder(root, count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, {0: 1, 1: 2, 2: 3})
    ben = next(store for store in readers_of(folder) if store.name == "Ben")
    return folder, damage(folder, case_files(ben.sidecar).case_file(case_of(1)))


def _rows(text: str) -> list[tuple[str, str, str, str]]:
    return [(row["Image path"], row["Anna"], row["Ben"], row["consensus"]) for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("damage", [_invalid, _cut_short, _mask_gone])
def test_the_unreadable_readings_cells_are_empty_and_its_file_is_listed_once(
        tmp_path: Path, damage: Callable[[Path, Path], Path]) -> None:
    folder, damaged = _damaged(tmp_path / "f", damage)
    skipped: list[str] = []
    rows = _rows(grades_by_reader_text(folder, skipped))
    ben = "2" if damage is _mask_gone else ""  # a mask gone: the grade is in its case file; the agreement is not
    assert rows == [("img0.png", "1", "1", "1"), ("img1.png", "2", ben, ""), ("img2.png", "3", "3", "3")]
    (line,) = skipped
    assert line.startswith(f"skipped: {damaged}: ")


@pytest.mark.parametrize("damage", [_invalid, _cut_short, _mask_gone])
def test_the_export_of_every_reader_writes_it_and_exits_partly_done(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Callable[[Path, Path], Path]) -> None:
    from app.cli import main

    folder, damaged = _damaged(tmp_path / "f", damage)
    out = tmp_path / "out"
    assert main(["export", str(folder), "--format", "csv", "--reader", "all", "--out", str(out)]) == 1
    said = capsys.readouterr()
    assert f"wrote {out / 'grades_by_reader.csv'}" in said.out
    assert [row[0] for row in _rows((out / "grades_by_reader.csv").read_text())] == ["img0.png", "img1.png", "img2.png"]
    # once, where Ben's export names it: the consensus's export and the CSV read the same reading
    assert (said.out + said.err).count(f"warning: skipped: {damaged}: ") == 1, said


@pytest.mark.parametrize("damage", [_cut_short, _mask_gone])
def test_the_export_of_every_reader_in_label_files_names_a_damaged_reading_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Callable[[Path, Path], Path]) -> None:
    from app.cli import main

    folder, damaged = _damaged(tmp_path / "f", damage)
    assert main(["export", str(folder), "--format", "voc", "--reader", "all", "--out", str(tmp_path / "out")]) == 1
    said = capsys.readouterr()
    assert (said.out + said.err).count(f"skipped: {damaged}: ") == 1, said


def _consensus_mask_gone(root: Path) -> Path:
    """img0, img1 and img2 agreed with grade 1 and stored as the consensus; the consensus's mask of img1 then deleted
    (returned)."""
    from annotations.reading.readers import main_sidecar
    from tests.unit.reading_fixtures import settled_agreements

    folder = settled_agreements(root)
    (mask,) = case_files(main_sidecar(folder)).case_dir(case_of(1)).glob("mask.*.png")
    mask.unlink()
    return mask


def test_a_stored_consensus_whose_mask_is_missing_gives_its_grade_and_names_the_file(tmp_path: Path) -> None:
    """The grade is in its case file: the consensus's cells were left empty, as if it could not be told."""
    mask = _consensus_mask_gone(tmp_path / "f")
    skipped: list[str] = []
    noted: list[str] = []
    rows = _rows(grades_by_reader_text(tmp_path / "f", skipped, noted))
    assert rows == [(f"img{index}.png", "1", "1", "1") for index in range(3)]
    assert skipped == []
    (line,) = noted
    assert line.startswith(f"{mask}: the saved mask of 'img1.png' is missing")


def test_the_export_of_every_reader_gives_that_consensus_grade_names_the_file_and_exits_done(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every grade is written: the run is done, the missing file said as a warning."""
    from app.cli import main

    mask = _consensus_mask_gone(tmp_path / "f")
    out = tmp_path / "out"
    assert main(["export", str(tmp_path / "f"), "--format", "csv", "--reader", "all", "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert [row[3] for row in _rows((out / "grades_by_reader.csv").read_text())] == ["1", "1", "1"]
    assert (said.out + said.err).count(f"warning: {mask}: the saved mask of 'img1.png' is missing") == 1, said


def test_a_reading_whose_ai_file_alone_is_missing_is_still_compared_and_its_grade_given(tmp_path: Path) -> None:
    """Readings are compared by what the readers drew and graded: Ben's missing AI file does not make the agreement
    on img1 unknown (its consensus cell was empty, its file skipped) nor stop the case's state from being read."""
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            for index, grade in {0: 1, 1: 2}.items():
                read_case(reader, index, grade=grade)
                analysed = reader.load_case(case_of(index))
                analysed.ai = AIResult(dr_grade=grade, cam=np.zeros((24, 32), np.float32))  # kept in an AI file
                reader.save_case(analysed)
    ben = next(store for store in readers_of(folder) if store.name == "Ben")
    (ai,) = case_files(ben.sidecar).case_dir(case_of(1)).glob("ai.*.npz")
    ai.unlink()
    skipped: list[str] = []
    rows = _rows(grades_by_reader_text(folder, skipped))
    assert rows == [("img0.png", "1", "1", "1"), ("img1.png", "2", "2", "2")] and skipped == []
    unreadable: dict[str, str] = {}
    assert folder_states(folder, unreadable)[case_of(1)] is CaseState.AGREED and unreadable == {}
