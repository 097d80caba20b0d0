"""In double reading, one reader's case file that cannot be read (a later release's, or damaged) is that case's alone:
a consensus export, the `export --reader consensus|all` command and retraining's export skip the case, naming the
file and why, as they skip any case whose saved file is damaged, and write the others. Before, the file stopped them
all. A file the storage cannot give still stops them: every case after it would be skipped too."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from annotations.progress import NullState
from annotations.reading.consensus import settle_agreed
from annotations.reading.consensus_export import consensus_case_ids, consensus_scope, consensus_source
from annotations.reading.readers import case_files, open_consensus, open_reader, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import WorkspaceError
from annotations.workspace.errors import DamagedCaseFile
from annotations.workspace.transfer import export_labels
from inference.training.retrain_export import Exported, export_for_retrain
from inference.training.retrain_results import RetrainRequest
from tests.unit.reading_fixtures import both_read, case_of, edited_reading, image_folder, storage_cannot_give
from tests.unit.test_reader_file_checks import EDITS


def agreed_folder(root: Path, edit: Callable[[dict], None], count: int = 3) -> tuple[Path, Path]:
    """``count`` photos both readers graded 1 alike; Ben's case file of img1 (photo 2) edited by ``edit``. Returns
    the folder and that file."""
    folder = image_folder(root, count=count)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, dict.fromkeys(range(count), 1))
    return folder, edited_reading(folder, "Ben", 1, edit)


def skipped_naming(warnings: list[str], path: Path, said: str) -> bool:
    (skipped,) = [warning for warning in warnings if warning.startswith("skipped:")]
    return str(path) in skipped and said in skipped


@pytest.mark.parametrize("fmt", ["voc", "csv"])
@pytest.mark.parametrize("edit, said", EDITS)
def test_a_consensus_export_skips_the_case_naming_the_readers_file_and_writes_the_others(
        tmp_path: Path, edit: Callable[[dict], None], said: str, fmt: str) -> None:
    folder, path = agreed_folder(tmp_path / "f", edit)
    out = tmp_path / "out"
    with open_consensus(folder, "Arb") as ws:
        summary = export_labels(ws, fmt, out, source=consensus_source(ws, settle_agreed(ws, "export")))
    assert (summary.cases, summary.skipped) == (2, 1) and skipped_naming(summary.warnings, path, said)
    if fmt == "csv":
        assert [row.split(",")[0] for row in (out / "grades.csv").read_text().splitlines()[1:]] == ["img0", "img2"]
    else:
        assert sorted(file.name for file in out.glob("*.xml")) == ["img0.xml", "img2.xml"]


@pytest.mark.parametrize("edit, said", EDITS)
def test_the_consensus_scope_puts_the_case_aside_and_its_done_cases_take_it_up_to_say_so(
        tmp_path: Path, edit: Callable[[dict], None], said: str) -> None:
    folder, path = agreed_folder(tmp_path / "f", edit)
    scope = consensus_scope(folder)
    assert scope.case_ids == [case_of(0), case_of(2)] and list(scope.unreadable) == [case_of(1)]
    assert str(path) in scope.unreadable[case_of(1)] and said in scope.unreadable[case_of(1)]
    assert consensus_case_ids(folder) == sorted(case_of(index) for index in range(3))


@pytest.mark.parametrize("reader", ["consensus", "all"])
@pytest.mark.parametrize("edit", [edit for edit, _said in EDITS])
def test_the_export_command_skips_it_and_exits_partly_done(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           edit: Callable[[dict], None], reader: str) -> None:
    from app.cli import main

    folder, path = agreed_folder(tmp_path / "f", edit)
    out = tmp_path / "out"
    assert main(["export", str(folder), "--format", "voc", "--reader", reader, "--out", str(out)]) == 1
    consensus = out if reader == "consensus" else out / "consensus"
    assert sorted(file.name for file in consensus.glob("*.xml")) == ["img0.xml", "img2.xml"]
    said_there = capsys.readouterr()
    assert f"skipped: {path}" in said_there.out + said_there.err


@pytest.mark.parametrize("edit, said", EDITS)
def test_retrainings_export_skips_it_naming_the_file_and_learns_from_the_others(
        tmp_path: Path, edit: Callable[[dict], None], said: str) -> None:
    folder, path = agreed_folder(tmp_path / "f", edit, count=5)  # four left: as many as a retrain needs
    with open_reader(folder, "Anna") as anna:
        exported = export_for_retrain(RetrainRequest(anna, [], "grade", tmp_path / "work"), NullState())
    assert isinstance(exported, Exported) and skipped_naming(exported.notes, path, said)
    assert any("consensus of 4 case(s)" in note for note in exported.notes)
    splits = "".join((exported.data / "splits" / f"{split}.txt").read_text() for split in ("train", "val", "test"))
    assert sorted(splits.split()) == ["img0", "img2", "img3", "img4"]


@pytest.mark.parametrize("edit, said", EDITS)
def test_a_readers_file_the_storage_cannot_give_after_it_still_stops_the_export(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[dict], None], said: str) -> None:
    folder, _path = agreed_folder(tmp_path / "f", edit)
    ben = next(store for store in readers_of(folder) if store.name == "Ben")
    gone = case_files(ben.sidecar).case_file(case_of(2))
    storage_cannot_give(monkeypatch, gone)
    with open_consensus(folder, "Arb") as ws, pytest.raises(WorkspaceError, match="input/output") as raised:
        export_labels(ws, "voc", tmp_path / "out", source=consensus_source(ws, settle_agreed(ws, "export")))
    assert not isinstance(raised.value, DamagedCaseFile)
    with pytest.raises(WorkspaceError, match="input/output") as raised:  # sorting out the cases, settled or not
        consensus_scope(folder)
    assert not isinstance(raised.value, DamagedCaseFile)
