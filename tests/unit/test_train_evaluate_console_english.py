"""In English, `train` and `evaluate` print the lines they printed before they went through the interface's language
(app.command_words; tests/gui/test_train_evaluate_command_zh.py checks the Chinese side), without Qt: a script that
reads them, and the people who know them, see the same words. Timings and a model's figures, which vary, read N."""
from __future__ import annotations

import contextlib
import dataclasses
import errno
import io
import re
from pathlib import Path
from typing import Any

import pytest

from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP
from app.cli import main
from inference.training import run as training_run
from inference.training import time_budget
from tests.unit.test_evaluation import TINY_SEG_ARGS
from tests.unit.test_training_fixtures import write_mask_set, write_voc_set

FIGURE = re.compile(r"\b\d+\.\d+\b")


def said(root: Path, *argv: str) -> tuple[int, list[str], list[str]]:
    """The exit status and the lines on stdout and on stderr, ``root`` written ROOT and each decimal figure N."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))

    def lines(text: str) -> list[str]:
        return [FIGURE.sub("N", line.replace(str(root), "ROOT")) for line in text.splitlines()]
    return code, lines(out.getvalue()), lines(err.getvalue())


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A tiny lesion model trained and evaluated, and the classical detector evaluated on boxes: what each printed."""
    root = tmp_path_factory.mktemp("console")
    data = write_mask_set(root / "data")
    boxes = write_voc_set(root / "voc")
    common = ["--device", "cpu"]
    return {
        "root": root,
        "train": said(root, "train", "seg", "--data", str(data), "--out", str(root / "model"), "--epochs", "1",
                      "--steps-per-epoch", "2", "--cache-dir", str(root / "cache"), "--workers", "0",
                      *TINY_SEG_ARGS),
        "evaluate": said(root, "evaluate", "seg", "--model", str(root / "model"), "--data", str(data), "--out",
                         str(root / "ev"), *common),
        "boxes": said(root, "evaluate", "boxes", "--model", "classical", "--data", str(boxes), "--out",
                      str(root / "bx"), "--label-map", IDRID_CODRAS_LABEL_MAP),
        "unmapped": said(root, "evaluate", "boxes", "--model", "classical", "--data", str(boxes), "--out",
                         str(root / "unmapped"), "--split", "test"),
    }


def test_train_prints_the_english_it_printed(runs: dict[str, Any]) -> None:
    code, stdout, stderr = runs["train"]
    assert code == 0
    assert re.fullmatch(r"model: ROOT/model \(2 steps, \d+ s, N images/s\)", stdout[0])
    assert stdout[1:3] == ["  split: test", "  images: 1"]
    assert re.fullmatch(r"  MA: no pixel ground truth \(no mask marks it here; \d+ pixels predicted\)",
                        next(line for line in stdout if line.startswith("  MA: ")))
    assert re.fullmatch(r"  EX: dice N, iou N, aupr N, precision N, recall N, truth_pixels \d+, predicted_pixels "
                        r"\d+, threshold N, lesion_recall N, image_mean_dice N, largest_image case05, "
                        r"largest_image_share N", next(line for line in stdout if line.startswith("  EX: ")))
    bar = [line for line in stderr if line.startswith("train seg [")]
    assert bar[0] == "train seg [------------------------------]   0% checking case00"
    assert "train seg [###---------------------------]  10% preparing case04" in bar
    assert "train seg [###############---------------]  50% epoch 1/1, step 1/2, loss N" in bar
    assert bar[-1] == "train seg [##############################] 100% evaluated"


def test_evaluate_prints_the_english_it_printed(runs: dict[str, Any]) -> None:
    code, stdout, stderr = runs["evaluate"]
    assert code == 0
    assert stdout[0] == "{" and ' "split": "test",' in stdout  # the summary, as evaluation.json
    assert stdout[-2:] == ["  case05 Dice: HE N, EX N", "written: ROOT/ev/evaluation.json and precision_recall.png"]
    assert stderr == ["evaluate seg [------------------------------]   0% evaluating case05",
                      "evaluate seg [##############################] 100% evaluated"]


def test_evaluate_boxes_prints_its_table_in_the_english_it_printed(runs: dict[str, Any]) -> None:
    code, stdout, stderr = runs["boxes"]
    assert code == 0
    assert stdout[:2] == ["model classical on 5 images (all given: 1 held-out and 4 tuning images)",
                          "class   boxes   hit  recall  comps  in box precision"]
    assert [line.split()[0] for line in stdout[2:4]] == ["HE", "EX"]  # the classes the label map names
    assert all(re.fullmatch(r"(HE|EX) +\d+ +\d+ +N +\d+ +\d+ +N", line) for line in stdout[2:4]), stdout
    assert stdout[4:] == ["lesions present: ROC AUC    — (5 with lesions, 0 without)",
                          "optic disc hit rate:    — (0/0)", "N s per image"]
    assert stderr[-1] == "evaluate boxes [##############################] 100% done"

    code, stdout, stderr = runs["unmapped"]
    assert code == 2
    assert stdout[0].startswith("model classical on 1 images (held-out: images whose number is divisible by 5 (")
    assert stdout[-1] == ("boxes skipped, no class named for their label: haemorrhage (in 1 file), hard_exudates "
                          "(in 1 file) — name them with --label-map, e.g. hard_exudates=EX,haemorrhage=HE,"
                          "optic_disc=OD")
    assert stderr[-1] == ("error: every lesion box was skipped (the line above names their labels), so nothing was "
                          "measured")


@pytest.mark.parametrize("argv, error", [
    (("train", "seg", "--classes", "HE", "--steps", "5"),
     "--classes, --steps: options of `train candidates`; a seg run trains a network (leave them out)"),
    (("train", "candidates", "--epochs", "3", "--lr", "0.1"),
     "--epochs, --lr: options of a network's run; a candidates model is a patch classifier trained anew for --steps "
     "from --seed (leave them out)"),
    (("train", "candidates", "--blend-member", "clahe"),
     "--blend-member needs --blend-with, the lesion model that holds the member"),
    (("train", "seg", "--dice-weights", "MA=lots"),
     "--dice-weights entry 'MA=lots' is not CLASS=NUMBER (classes MA, HE, EX, SE, OD)"),
    (("evaluate", "grade", "--model", "defaults", "--tiled"),
     "--tiled and --no-tiled choose how a lesion model segments: an option of evaluate seg with a model or defaults, "
     "not of evaluate grade --model defaults")])
def test_a_refused_run_says_why_in_the_english_it_spoke(tmp_path: Path, argv: tuple[str, ...], error: str) -> None:
    folders = ["--data", str(tmp_path), "--out", str(tmp_path / "out")]
    assert said(tmp_path, *argv[:2], *folders, *argv[2:]) == (2, [], [f"error: {error}"])


def test_a_candidates_run_into_a_folder_in_use_is_refused_as_before(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("a person's")
    assert said(tmp_path, "train", "candidates", "--data", str(tmp_path), "--out", str(tmp_path / "out")) == (
        2, [], ["error: ROOT/out is not empty; give --overwrite to replace the model there"])


def test_a_timed_run_and_its_end_are_said_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--minutes: the epochs chosen; a full disk after an epoch, naming the file; a stop, with how to go on."""
    out = tmp_path / "m"

    def sized(config, seconds, bar):  # noqa: ANN001 - time_budget.sized_to_budget's
        bar.progress(0.5, "epoch 1/1, step 1/2, loss 0.5000")
        return dataclasses.replace(config, epochs=3, steps_per_epoch=2)

    def disk_full(config, *args, **kwargs):  # noqa: ANN001
        (out / ".checkpoint").mkdir(parents=True)
        (out / ".checkpoint" / "state.json").write_text("{}")  # an epoch finished before the disk filled
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "model.safetensors"))

    monkeypatch.setattr(time_budget, "sized_to_budget", sized)
    monkeypatch.setattr(training_run, "train", disk_full)
    data = write_mask_set(tmp_path / "data")
    command = ["train", "seg", "--data", str(data), "--out", str(out), "--steps-per-epoch", "2", "--device", "cpu"]
    assert said(tmp_path, *command, "--minutes", "0.1") == (2, ["N minutes hold 3 epoch(s) of 2 steps"], [
        "train seg: timing the steps [###############---------------]  50% epoch 1/1, step 1/2, loss N",
        "error: ROOT/m/model.safetensors: the disk is full; the last checkpoint stays (--resume continues from it)"])

    def interrupted(config, *args, **kwargs):  # noqa: ANN001 - an epoch's checkpoint replaced the earlier run's
        (out / ".checkpoint" / "state.json").unlink()
        (out / ".checkpoint" / "state.json").write_text("{}")
        raise KeyboardInterrupt

    monkeypatch.setattr(training_run, "train", interrupted)
    assert said(tmp_path, *command) == (130, [], [
        "", "stopped: ROOT/m keeps the checkpoint of the last epoch finished; the same command with --resume "
            "continues from it", "interrupted"])
