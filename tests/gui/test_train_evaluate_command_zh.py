"""`train` and `evaluate` print in the interface's language, as `analyze` does: their refusals, what a run did, the
segmentation figures' words, the box table, the files written, their progress bars, and what inference/ says (a data
set's note, a file's problem); a Chinese clinic's IT person who retrained a model read English where `analyze` spoke
Chinese. What a script reads stays as written: the summary printed as evaluation.json holds it, the metrics under
the names the card gives them.

The command's catalogues are a pseudo translator's here (tests.gui.pseudo_walk: every translated text ⟦wrapped⟧), so a
line that bypassed translation shows words outside the brackets whether or not the .ts translates it yet, and every
template of the commands' own must have been asked for."""
from __future__ import annotations

import dataclasses
import errno
import re
from pathlib import Path

import pytest

from app import evaluate_command_messages, segmentation_lines, train_command_messages
from app.cli import main
from app.command_words import CommandWords
from app.training_words import progress_words
from inference import evaluation
from inference.training import run as training_run
from inference.training import time_budget
from inference.training.distributed import Ranks
from tests.gui.pseudo_walk import PseudoTranslator, pseudo_locale, unwrapped
from tests.gui.test_analyze_command_zh import pseudo_chinese  # noqa: F401 - a fixture
from tests.unit.test_evaluation import TINY_SEG_ARGS
from tests.unit.test_training_fixtures import write_mask_set, write_voc_set

LABEL_MAP = "hard_exudates=EX,haemorrhage=HE"
# what a script reads: the JSON summary's lines, and the metrics under their card's names ("  mean_dice: 0.06",
# "  HE: dice 0.060, iou 0.031, …")
JSON_LINE = re.compile(r'^(\{|\}| "\w+": .*)$')
METRICS_LINE = re.compile(r"^  \w+: \S+$|^  (MA|HE|EX|SE|OD): \w+ \S+(, \w+ \S+)+$")
LOG_LINE = re.compile(r"^INFO inference\.[\w.]+: ")  # a log record for the developers (app.logging_setup)


def _lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[tuple[str, str]]:
    """What ``retina-review ARGV`` printed, line by line, each with the command that printed it; the lines a script
    reads left out."""
    main(list(argv))
    printed = capsys.readouterr()
    lines = [line for line in (printed.out + printed.err).splitlines() if line.strip()]
    return [(" ".join(argv[:2]), line) for line in lines
            if not any(kept.match(line) for kept in (JSON_LINE, METRICS_LINE, LOG_LINE))]


def _templates(*modules: object) -> set[tuple[str, str]]:
    """(context, template) of each text a messages module marks."""
    found = set()
    for module in modules:
        for name, value in vars(module).items():
            if name.isupper() and name not in ("CONTEXT", "INDENT") and isinstance(value, (str, tuple)):
                found.update((module.CONTEXT, text) for text in (value if isinstance(value, tuple) else (value,)))
    return found


def test_train_and_evaluate_say_everything_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_mask_set(tmp_path / "data", count=8)  # train 0-5, val 6, test 7
    mask = data / "masks" / "case01_HE.png"
    mask.write_bytes(mask.read_bytes()[:40])  # damaged: left out with a note
    model, out = str(tmp_path / "model"), str(tmp_path / "ev")
    said = _lines(capsys, "train", "seg", "--data", str(data), "--out", model, "--epochs", "1", "--steps-per-epoch",
                  "2", "--cache-dir", str(tmp_path / "cache"), "--workers", "0", *TINY_SEG_ARGS)
    said += _lines(capsys, "evaluate", "seg", "--model", model, "--data", str(data), "--out", out, "--device", "cpu")
    said += _lines(capsys, "evaluate", "seg", "--model", model, "--data", str(data), "--out", out)  # in the way
    boxes = write_voc_set(tmp_path / "voc")
    said += _lines(capsys, "evaluate", "boxes", "--model", "classical", "--data", str(boxes), "--out",
                   str(tmp_path / "mapped"), "--label-map", LABEL_MAP)
    said += _lines(capsys, "evaluate", "boxes", "--model", "classical", "--data", str(boxes), "--out",
                   str(tmp_path / "held"), "--split", "test")  # every box skipped, in one file each
    for held_out in (boxes / "images" / "img0.png", boxes / "voc" / "img0.xml"):
        held_out.unlink()
    said += _lines(capsys, "evaluate", "boxes", "--model", "classical", "--data", str(boxes), "--out",
                   str(tmp_path / "tuning"))  # in several files each
    folders = ["--data", str(tmp_path), "--out", str(tmp_path / "refused")]
    (tmp_path / "model" / "kept.txt").write_text("a person's")
    for argv in (("train", "seg", *folders, "--classes", "HE"), ("train", "candidates", *folders, "--epochs", "3"),
                 ("train", "candidates", *folders, "--blend-member", "clahe"),
                 ("train", "candidates", "--data", str(data), "--out", model),
                 ("train", "seg", *folders, "--dice-weights", "MA=lots"),
                 ("evaluate", "grade", "--model", "defaults", *folders, "--tiled")):
        said += _lines(capsys, *argv)
    said += _ended_runs(capsys, monkeypatch, data, tmp_path / "ended")
    assert len(said) > 40
    data_shown = ("train seg", "evaluate seg", "evaluate boxes", "'MA=lots'", "classical", "defaults", "clahe")
    assert unwrapped(said, data=(str(tmp_path), *data_shown)) == []
    assert any(line.startswith("⟦note: ⟦Left out of the train split") for _, line in said), said

    with pseudo_locale() as direct:  # what the runs above did not say: a box-labelled model's figures, "saved …"
        words = CommandWords(english=False)
        metrics = {"boxes": {"HE": {"boxes": 3, "box_hit_rate": 0.5, "outside_positive_fraction": 0.01},
                             "SE": {"boxes": 0, "outside_positive_fraction": 0.0}}}
        figures = segmentation_lines.segmentation_lines(metrics, words.tr)
        saved = progress_words(words)(f"saved {tmp_path / 'model'}")
    assert unwrapped([("figures", line) for line in [*figures, saved]], data=(str(tmp_path),)) == []
    assert _templates(train_command_messages, evaluate_command_messages, segmentation_lines) <= (
        pseudo_chinese.asked | direct.asked)


def _ended_runs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path,
                root: Path) -> list[tuple[str, str]]:
    """A run timed by --minutes that a full disk ends after an epoch, one stopped by Ctrl+C and one timed so, one
    stopped before its first epoch over the earlier run's checkpoint, and an evaluation that drew no plot (the work
    itself stood in for)."""
    out = root / "m"

    def sized(config, seconds, bar):  # noqa: ANN001 - time_budget.sized_to_budget's
        bar.progress(0.5, "epoch 1/1, step 1/2, loss 0.5000")
        return dataclasses.replace(config, epochs=3, steps_per_epoch=2)

    def disk_full(config, *args, **kwargs):  # noqa: ANN001
        (out / ".checkpoint").mkdir(parents=True, exist_ok=True)
        (out / ".checkpoint" / "state.json").write_text("{}")  # an epoch finished before the disk filled
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "model.safetensors"))

    def interrupted(config, *args, **kwargs):  # noqa: ANN001 - an epoch's checkpoint replaced the earlier run's
        (out / ".checkpoint" / "state.json").unlink()
        (out / ".checkpoint" / "state.json").write_text("{}")
        raise KeyboardInterrupt

    def interrupted_at_once(config, *args, **kwargs):  # noqa: ANN001 - the checkpoint still the earlier run's
        raise KeyboardInterrupt

    monkeypatch.setattr(time_budget, "sized_to_budget", sized)
    monkeypatch.setattr(evaluation, "evaluate", lambda *args: {"task": "grade", "images": 4, "plots": []})
    command = ["train", "seg", "--data", str(data), "--out", str(out), "--steps-per-epoch", "2", "--device", "cpu"]
    monkeypatch.setattr(training_run, "train", disk_full)
    said = _lines(capsys, *command, "--minutes", "0.1")
    monkeypatch.setattr(training_run, "train", interrupted)
    said += _lines(capsys, *command)
    said += _lines(capsys, *command, "--minutes", "0.1")  # stopped: resumed by the epochs the minutes held
    monkeypatch.setattr(training_run, "train", interrupted_at_once)
    said += _lines(capsys, *command, "--overwrite")  # stopped before its first epoch: nothing of it to resume
    said += _lines(capsys, "evaluate", "grade", "--model", str(out), "--data", str(data), "--out",
                   str(root / "grade"))  # a folder: a name not installed is refused before the evaluation
    assert [line for _, line in said if line.startswith("⟦stopped: ")] != []
    assert any("model.safetensors: ⟦the disk is full⟧⟧⟦; ⟧⟦the last checkpoint" in line for _, line in said), said
    return said


def test_a_stop_under_torchrun_is_said_by_the_first_process_alone(pseudo_chinese: PseudoTranslator, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C (a scheduler's SIGTERM) reaches every process: a Chinese run's other processes each said
    "interrupted" too, where an English one's said nothing."""
    def interrupted(config, *args, **kwargs):  # noqa: ANN001
        raise KeyboardInterrupt

    monkeypatch.setattr(training_run, "train", interrupted)
    monkeypatch.setattr(Ranks, "from_environment", classmethod(lambda cls: Ranks(rank=1, world_size=2)))
    data = write_mask_set(tmp_path / "data")
    assert main(["train", "seg", "--data", str(data), "--out", str(tmp_path / "m"), "--device", "cpu"]) == 130
    printed = capsys.readouterr()
    assert (printed.out, printed.err) == ("", "")


def test_train_and_evaluate_speak_chinese_with_the_shipped_catalogues(qapp, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The words the catalogues translate already (training's progress, "error: …", a file's problem) are Chinese;
    the catalogues are removed after the run."""
    from PySide6.QtCore import QCoreApplication

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    data = write_mask_set(tmp_path / "data")
    assert main(["train", "seg", "--data", str(data), "--out", str(tmp_path / "m"), "--epochs", "1",
                 "--steps-per-epoch", "1", "--cache-dir", str(tmp_path / "cache"), "--workers", "0",
                 *TINY_SEG_ARGS]) == 0
    assert "正在检查 case00" in capsys.readouterr().err
    assert main(["evaluate", "seg", "--model", str(tmp_path / "m"), "--data", str(tmp_path / "absent"), "--out",
                 str(tmp_path / "ev")]) == 2
    assert f"错误：{tmp_path / 'absent'}：" in capsys.readouterr().err
    assert QCoreApplication.translate("CommandWords", "error: {error}") == "error: {error}"  # catalogues left
