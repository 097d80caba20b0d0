"""A training run checks every photo (and a segmentation run every mask) of its splits before its first step: a
damaged one is left out with a note naming it, said before training and kept in the card, instead of failing the run
after hours of training when the held-out photos are scored; a file the system cannot read stops the run at once."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from annotations.errors import FileProblem
from annotations.progress import NullState
from annotations.regular_files import unreadable
from app.cli import main
from inference.dataset import load_index
from inference.training import readable_samples
from inference.training.config import TrainConfig
from inference.training.readable_samples import leave_out_unreadable
from inference.training.run import train
from tests.unit.test_inference_fixtures import TINY_SEG_ENCODER
from tests.unit.test_training_fixtures import tiny_seg_options, write_mask_set


LEFT_OUT = "Left out of the {split} split, as it cannot be read: "


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """case00..case07: train 0-5, val 6, test 7; the test photo and a mask of case01 (train) cut in half."""
    data = write_mask_set(tmp_path / "data", count=8)
    _truncate(data / "images" / "case07.png")
    _truncate(data / "masks" / "case01_HE.png")
    return data


def test_a_damaged_photo_or_mask_is_left_out_of_its_split_with_a_note_naming_it(damaged: Path) -> None:
    index = leave_out_unreadable(load_index(damaged), True, NullState(), workers=0)
    assert index.splits["test"] == [] and "case01" not in index.splits["train"]
    assert "case07" not in index.samples and len(index.splits["train"]) == 5
    first, second = index.notes
    assert first.startswith(f"{LEFT_OUT.format(split='train')}{damaged / 'masks' / 'case01_HE.png'}: ")
    assert second.startswith(f"{LEFT_OUT.format(split='test')}{damaged / 'images' / 'case07.png'}: ")
    assert "cannot be decoded" in second


def test_a_classifier_run_reads_no_mask_so_a_damaged_one_leaves_nothing_out(damaged: Path) -> None:
    index = leave_out_unreadable(load_index(damaged), False, NullState(), workers=0)
    photo = damaged / "images" / "case07.png"
    assert "case01" in index.splits["train"]
    assert index.notes == [f"{LEFT_OUT.format(split='test')}{FileProblem(*_problem(photo))}"]


def _problem(path: Path) -> tuple[str, str, str]:
    try:
        readable_samples.check_sample(load_index(path.parents[1]).samples[path.stem], False)
    except FileProblem as problem:
        return problem.path, problem.reason, problem.hint
    raise AssertionError(f"{path} reads")


def test_a_file_the_system_cannot_read_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_mask_set(tmp_path / "data", count=4)
    away = data / "images" / "case02.png"

    def check(sample, masks: bool) -> None:  # noqa: ANN001
        if sample.image == away:
            raise unreadable(away, OSError(errno.EIO, "Input/output error"))

    monkeypatch.setattr(readable_samples, "check_sample", check)
    with pytest.raises(FileProblem) as refused:
        leave_out_unreadable(load_index(data), True, NullState(), workers=0)
    assert refused.value.path == str(away) and "input/output error" in str(refused.value)


def test_a_run_with_a_damaged_held_out_photo_says_so_before_training_and_finishes(damaged: Path) -> None:
    heard: list[str] = []
    result = train(TrainConfig(task="seg", data=damaged, out=damaged.parent / "model", epochs=1, steps_per_epoch=1,
                               **tiny_seg_options()),
                   on_step=lambda step, loss, parts: heard.append("step"), on_note=heard.append)
    assert heard[:2] == result.card.training["notes"] and heard[2] == "step"  # the notes came before training
    assert result.card.training["split"]["sizes"] == {"train": 5, "val": 1, "test": 0}
    assert result.card.training["split"]["held_out"] == "val"  # the test split lost its one photo


def test_the_command_prints_the_notes_before_training(damaged: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["train", "seg", "--data", str(damaged), "--out", str(damaged.parent / "model"), "--encoder",
                 TINY_SEG_ENCODER, "--size", "64", "--crop", "32", "--batch-size", "2", "--epochs", "1",
                 "--steps-per-epoch", "1", "--device", "cpu", "--workers", "0"]) == 0
    said = capsys.readouterr().err
    note = said.index(f"note: {LEFT_OUT.format(split='test')}{damaged / 'images' / 'case07.png'}")
    assert note < said.index("epoch 1/1, step 1/1")
