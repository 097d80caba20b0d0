"""`evaluate ... --out DIR` writes through an OutputFolder claimed as the exports claim theirs
(annotations.output_folder), checked before any image is read: an earlier run's file edited since is kept beside and
named, plots never land among the data's photos (not even with --overwrite, where a photo may bear a plot's name),
and an earlier run's plot this one no longer draws is removed."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from tests.unit.test_kept_aside_write_fails import fail_writing
from tests.unit.test_pixel_eval import masked_sample


def _data(root: Path, masked: bool = True) -> Path:
    root.mkdir(parents=True)
    masked_sample(root)
    if not masked:  # the photo alone: no masks, so no precision-recall curve to draw
        for mask in root.glob("eye_*.png"):
            mask.unlink()
    return root


def _evaluate(data: Path, out: Path, *more: str) -> int:
    return main(["evaluate", "seg", "--model", "classical", "--data", str(data), "--out", str(out), "--split", "all",
                 "--device", "cpu", *more])


def test_an_earlier_evaluation_edited_since_is_kept_beside_and_named(tmp_path: Path, capsys) -> None:
    data, out = _data(tmp_path / "data"), tmp_path / "out"
    assert _evaluate(data, out) == 0
    (out / "evaluation.json").write_text('{"note": "checked against the grader\'s sheet"}', encoding="utf-8")
    capsys.readouterr()
    assert _evaluate(data, out, "--overwrite") == 0
    (kept,) = out.glob("evaluation.json.edited-*")
    assert kept.read_text(encoding="utf-8") == '{"note": "checked against the grader\'s sheet"}'
    assert json.loads((out / "evaluation.json").read_text(encoding="utf-8"))["model"] == "classical"
    assert "kept 1 file(s) changed since an earlier run wrote them, renamed beside the ones written now, e.g. " \
           f"evaluation.json as {kept.name}" in capsys.readouterr().err


@pytest.mark.parametrize("inside", ["", "notes"])
def test_plots_are_refused_among_the_data_photos_even_with_overwrite(tmp_path: Path, inside: str, capsys) -> None:
    data = _data(tmp_path / "data")
    photo = data / "precision_recall.png"  # a photo of the data bearing the plot's name
    Image.fromarray(np.full((16, 16, 3), 77, np.uint8)).save(photo)
    out = data / inside
    (out / "own.txt").parent.mkdir(exist_ok=True)
    (out / "own.txt").write_text("a person's file")
    before = {path: path.read_bytes() for path in out.iterdir() if path.is_file()}
    assert _evaluate(data, out, "--overwrite") == 2
    assert "images written here would be listed as cases" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in out.iterdir() if path.is_file()} == before  # nothing written


def test_the_folder_is_refused_before_any_image_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from inference import evaluation

    data = _data(tmp_path / "data")
    started = []
    monkeypatch.setattr(evaluation, "evaluate", lambda *args: started.append(args))
    assert _evaluate(data, data, "--overwrite") == 2 and not started


def test_an_earlier_runs_plot_this_one_no_longer_draws_is_removed(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert _evaluate(_data(tmp_path / "masked"), out) == 0 and (out / "precision_recall.png").is_file()
    (out / "notes.txt").write_text("a person's file")
    capsys.readouterr()
    assert _evaluate(_data(tmp_path / "bare", masked=False), out, "--overwrite") == 0
    assert sorted(path.name for path in out.iterdir()) == [".retinareview-output", "evaluation.json", "notes.txt"]
    assert "removed 1 file(s) an earlier run wrote that this one no longer writes, e.g. precision_recall.png" \
        in capsys.readouterr().err


def test_a_run_that_fails_after_keeping_an_edited_file_aside_still_names_it(tmp_path: Path, capsys,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The plot, circled by hand since, is kept aside and drawn anew; then evaluation.json cannot be written (a full
    disk): the error alone left the kept plot unsaid."""
    data, out = _data(tmp_path / "data"), tmp_path / "out"
    assert _evaluate(data, out) == 0
    (out / "precision_recall.png").write_bytes(b"circled by hand")
    fail_writing(monkeypatch, "evaluation.json", OSError(28, "No space left on device"))
    capsys.readouterr()
    assert _evaluate(data, out, "--overwrite") == 2
    (kept,) = out.glob("precision_recall.png.edited-*")
    said = capsys.readouterr().err
    assert "evaluation.json: cannot be written (the disk is full)" in said
    assert f"e.g. precision_recall.png as {kept.name}" in said
