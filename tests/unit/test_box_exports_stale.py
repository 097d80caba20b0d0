"""`export --format voc|yolo|labelme --overwrite` into the folder of an earlier export of that format whose case p2 is
no longer written: its p2.xml, p2.txt or p2.json stayed beside the new files, boxes nobody drew any more for a
labelImg user or a training script. They go by the masks and indexed exports' rule (OutputFolder's manifest: written
by an export of that format, for a case of this folder, unchanged); no other file does."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from app.cli import main
from tests.unit.test_masks_export_stale import (another_painted_folder, another_run_writes, change_p2, contents,  # noqa
                                                images)
from tests.unit.test_cli_import_export import labelled  # noqa: F401 - the fixture images uses

ENDING = {"voc": ".xml", "yolo": ".txt", "labelme": ".json"}  # each format's file per case
FORMATS = list(ENDING)


def export(folder: Path, out: Path, fmt: str, *more: str) -> int:
    return main(["export", str(folder), "--format", fmt, "--out", str(out), *more])


@pytest.mark.parametrize("how", ["unlabelled", "named otherwise", "removed with its labels"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_file_of_a_case_no_longer_written_goes_and_no_file_else(images: Path, tmp_path: Path,  # noqa: F811
                                                                     capsys, fmt: str, how: str) -> None:
    """p2 was exported, then its boxes deleted (left out as unlabelled), another photo took its name, or it went with
    its saved labels: the re-export with --overwrite left p2's file there. A file the person put there, another
    format's export's files (the same names but for their ending), another kind of run's file and YOLO's
    classes.txt (rewritten, never swept) stay."""
    out = tmp_path / "out"
    for each in FORMATS:
        assert export(images, out, each, "--overwrite") == 0
    others = {name: data for name, data in contents(out).items()
              if name.endswith(tuple(ENDING.values())) and not name.endswith(ENDING[fmt]) and name != "classes.txt"}
    assert {f"p2{ending}" for ending in ENDING.values()} <= set(contents(out))
    (out / f"mine{ENDING[fmt]}").write_text("the person's own")
    another_run_writes(out, f"eye_prob{ENDING[fmt]}")
    change_p2(images, how)
    capsys.readouterr()
    assert export(images, out, fmt, "--overwrite") == 0
    left = contents(out)
    assert f"p2{ENDING[fmt]}" not in left
    assert {f"mine{ENDING[fmt]}", f"eye_prob{ENDING[fmt]}", "classes.txt", f"p1{ENDING[fmt]}"} <= set(left)
    assert {name: data for name, data in left.items() if name in others} == others
    assert f"removed 1 file(s) an earlier export wrote that this one no longer writes, e.g. p2{ENDING[fmt]}" in \
        capsys.readouterr().out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_changed_since_stays_and_the_summary_says_so(images: Path, tmp_path: Path, capsys,  # noqa: F811
                                                            fmt: str) -> None:
    """Someone edited p2's file after the export (boxes drawn in labelImg): not provably the program's, it stays,
    named."""
    out = tmp_path / "out"
    assert export(images, out, fmt) == 0
    (out / f"p2{ENDING[fmt]}").write_text("edited by hand")
    change_p2(images, "unlabelled")
    capsys.readouterr()
    assert export(images, out, fmt, "--overwrite") == 0
    assert (out / f"p2{ENDING[fmt]}").read_text() == "edited by hand"
    said = capsys.readouterr().out
    assert f"kept 1 file(s) an earlier export wrote that this one no longer writes, e.g. p2{ENDING[fmt]}: " \
           "changed since" in said
    assert "removed" not in said


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_of_some_cases_keeps_the_files_of_the_others(images: Path, tmp_path: Path,  # noqa: F811
                                                               fmt: str) -> None:
    """The window exports a selection: the files an earlier export wrote for the cases left out are not stale."""
    out = tmp_path / "out"
    assert export(images, out, fmt) == 0
    before = contents(out)
    assert f"p2{ENDING[fmt]}" in before
    with Workspace.open(images) as ws:
        p1 = next(c.case_id for c in ws.cases() if c.image_path == "p1.png")
        export_labels(ws, fmt, out, case_ids=[p1], overwrite=True)
    assert contents(out).keys() == before.keys()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_files_another_folder_exported_there_stay(images: Path, tmp_path: Path, capsys,  # noqa: F811
                                                      fmt: str) -> None:
    """Two folders' exports gathered in one output folder: exporting the first again keeps the second's."""
    other = another_painted_folder(tmp_path / "other")
    out = tmp_path / "out"
    assert export(other, out, fmt) == 0
    theirs = contents(out)[f"q1{ENDING[fmt]}"]
    assert export(images, out, fmt, "--overwrite") == 0
    capsys.readouterr()
    assert export(images, out, fmt, "--overwrite") == 0
    assert contents(out)[f"q1{ENDING[fmt]}"] == theirs
    assert "removed" not in capsys.readouterr().out
