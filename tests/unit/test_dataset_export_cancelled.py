"""A data set export with --overwrite stopped part-way (Cancel, Ctrl-C, a full disk) over an earlier export: the
earlier export's split lists, grades and hard negatives, which training reads, described a data set no longer
there, beside a mix of old and new case files. Those the program proves it wrote go before the first case is
written, and the stopped export says so; a completed one writes them anew and says nothing of it."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.formats.dataset import SHARED_FILES
from annotations.output_folder import OutputFolder
from annotations.progress import Cancelled
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels, left_behind
from app.cli import main
from tests.unit.test_export_stopped import NAMES, CancelAt, ctrl_c_at_the_third_case, labelled_folder


def exported_twice_cancelled(tmp_path: Path) -> tuple[Path, Cancelled]:
    """A data set exported whole, then again with overwrite, cancelled at the third case."""
    out = tmp_path / "out"
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        export_labels(ws, "dataset", out)
        assert all((out / name).is_file() for name in SHARED_FILES)
        with pytest.raises(Cancelled) as raised:
            export_labels(ws, "dataset", out, CancelAt(3), overwrite=True)
    return out, raised.value


def test_a_cancelled_overwrite_leaves_no_split_lists_of_the_earlier_export(tmp_path: Path) -> None:
    out, cancelled = exported_twice_cancelled(tmp_path)
    assert not [name for name in SHARED_FILES if (out / name).exists()]
    left = left_behind(cancelled)
    assert left is not None and left.removed == SHARED_FILES
    assert left.texts()[-1] == ("removed the earlier export's 'grades.csv', 'hard_negatives.json', 'splits/train.txt', "
                                "'splits/val.txt', 'splits/test.txt' before this one wrote its cases: training reads "
                                "no split lists of a data set that is not there; export again to write them")


def test_a_split_list_changed_by_hand_stays(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        export_labels(ws, "dataset", out)
        (out / "splits" / "train.txt").write_text("mine.png\n")
        with pytest.raises(Cancelled) as raised:
            export_labels(ws, "dataset", out, CancelAt(3), overwrite=True)
    assert (out / "splits" / "train.txt").read_text() == "mine.png\n"  # not the program's to remove
    assert "splits/train.txt" not in left_behind(raised.value).removed


def test_a_completed_overwrite_writes_them_anew_and_calls_none_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        export_labels(ws, "dataset", out)
        summary = export_labels(ws, "dataset", out, overwrite=True)
    assert all((out / name).is_file() for name in SHARED_FILES)
    assert len((out / "splits" / "train.txt").read_text().split()) + \
        len((out / "splits" / "val.txt").read_text().split()) + \
        len((out / "splits" / "test.txt").read_text().split()) == len(NAMES)
    assert not [text for text in summary.warnings if "removed" in text or "kept" in text], summary.warnings


def test_the_export_command_interrupted_says_the_split_lists_went(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"
    command = ["export", str(images), "--format", "dataset", "--out", str(out)]
    assert main(command) == 0
    ctrl_c_at_the_third_case(monkeypatch)
    capsys.readouterr()
    assert main([*command, "--overwrite"]) == 130
    err = capsys.readouterr().err
    assert "removed the earlier export's 'grades.csv'" in err and "interrupted" in err
    assert not (out / "splits" / "train.txt").exists()


def test_a_disk_full_while_writing_the_split_lists_names_only_those_not_written_anew(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases written, then grades.csv, hard negatives and splits/train.txt anew, the disk fills at splits/val.txt:
    the stop said the earlier export's grades.csv was removed, to be written by exporting again, though this one's is
    there."""
    from annotations.output_folder import OutputError

    out = tmp_path / "out"
    write_bytes = OutputFolder.write_bytes

    def disk_full_at_val(folder: OutputFolder, name: str, data: bytes, case: str = "") -> Path:
        if name == "splits/val.txt":
            raise OutputError(folder.path(name), "No space left on device")
        return write_bytes(folder, name, data, case)

    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        export_labels(ws, "dataset", out)
        monkeypatch.setattr(OutputFolder, "write_bytes", disk_full_at_val)
        with pytest.raises(OutputError) as raised:
            export_labels(ws, "dataset", out, overwrite=True)
    left = left_behind(raised.value)
    assert left is not None
    assert (out / "grades.csv").is_file() and (out / "splits" / "train.txt").is_file()
    assert left.removed == ("splits/val.txt", "splits/test.txt")


class PowerCut(BaseException):
    """The process dies here: nothing after it runs, no clean-up either."""


def _cut_at(monkeypatch: pytest.MonkeyPatch, method: str, name: str) -> None:
    real = getattr(OutputFolder, method)

    def cut(self: OutputFolder, relative: str, *args: object, **kwargs: object) -> object:
        if relative == name:
            raise PowerCut
        return real(self, relative, *args, **kwargs)
    monkeypatch.setattr(OutputFolder, method, cut)


def _looks_whole(out: Path) -> bool:
    """Training takes a folder with all three split lists for a whole data set (inference.dataset.load_index)."""
    return all((out / "splits" / f"{split}.txt").is_file() for split in ("train", "val", "test"))


@pytest.mark.parametrize("cut", ["grades.csv", "hard_negatives.json"])
def test_an_export_cut_off_before_a_shared_file_does_not_look_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    cut: str) -> None:
    """The split lists were written before the hard negatives: a power cut between them left a set training took
    for whole, without the candidates readers rejected."""
    out = tmp_path / "out"
    _cut_at(monkeypatch, "write_bytes", cut)
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws, pytest.raises(PowerCut):
        export_labels(ws, "dataset", out)
    assert not _looks_whole(out)


@pytest.mark.parametrize("cut", ["grades.csv", "hard_negatives.json"])
def test_an_overwrite_cut_off_while_removing_the_earlier_shared_files_does_not_look_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut: str) -> None:
    """The earlier export's grades went first, its split lists last: a cut between them left its split lists
    describing a set without its grades."""
    out = tmp_path / "out"
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        export_labels(ws, "dataset", out)
        _cut_at(monkeypatch, "remove_own", cut)
        with pytest.raises(PowerCut):
            export_labels(ws, "dataset", out, overwrite=True)
    assert not _looks_whole(out)
