"""The training command a model card records: complete, and only with the options of the task that ran."""
from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from app.cli import build_parser, main
from app.commands.train import command_line
from inference.training import run as training_run
from inference.model_card import default_card
from inference.training.config import TrainConfig


def _recorded(argv: list[str]) -> list[str]:
    return shlex.split(command_line(build_parser().parse_args(argv)))


def test_a_seg_run_records_its_defaults_but_not_the_candidates_options() -> None:
    words = _recorded(["train", "seg", "--data", "d", "--out", "o"])
    assert words[:3] == ["retina-review", "train", "seg"] and "--epochs" in words
    assert "--classes" not in words and "--steps" not in words


def test_a_candidates_run_records_its_class_and_steps() -> None:
    words = _recorded(["train", "candidates", "--data", "d", "--out", "o", "--steps", "50"])
    assert words[words.index("--classes") + 1] == "MA" and words[words.index("--steps") + 1] == "50"


def test_a_candidates_run_refuses_every_network_option_it_would_ignore(tmp_path: Path, capsys) -> None:
    out = tmp_path / "m"
    out.mkdir()
    (out / "model.json").write_text("{}")  # its own options pass the check: the full folder is what stops it
    given = ["train", "candidates", "--data", str(tmp_path), "--out", str(out), "--classes", "HE", "--steps", "9",
             "--seed", "3", "--name", "n", "--blend-with", "idrid-lesions", "--blend-member", "clahe"]
    assert main(given) == 2
    assert "is not empty" in capsys.readouterr().err
    assert main([*given, "--epochs", "5", "--lr", "0.01", "--init-from", "x", "--ben-graham"]) == 2
    assert ("error: --epochs, --lr, --ben-graham, --init-from: options of a network's run"
            in capsys.readouterr().err)


def test_a_network_run_refuses_the_candidates_options(tmp_path: Path, capsys) -> None:
    assert main(["train", "seg", "--data", str(tmp_path), "--out", str(tmp_path / "m"), "--classes", "HE",
                 "--steps", "5", "--blend-with", "idrid-lesions"]) == 2
    assert ("error: --classes, --steps, --blend-with: options of `train candidates`; a seg run trains a network"
            in capsys.readouterr().err)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[TrainConfig]:
    """The TrainConfig each `train` command asks for (the run itself refused at once)."""
    configs: list[TrainConfig] = []

    def refuse(config: TrainConfig, state: object, **_: object) -> None:
        configs.append(config)
        raise ValueError("stopped here")
    monkeypatch.setattr(training_run, "train", refuse)
    return configs


def test_the_loss_options_reach_the_training_run(tmp_path: Path, asked: list[TrainConfig]) -> None:
    assert main(["train", "seg", "--data", str(tmp_path), "--out", str(tmp_path / "m"), "--loss", "focal",
                 "--region-loss", "lovasz"]) != 0
    assert (asked[0].loss, asked[0].region_loss) == ("focal", "lovasz")


def test_the_preprocessing_options_reach_the_training_run_and_its_recorded_command(
        tmp_path: Path, asked: list[TrainConfig]) -> None:
    for options in (["--clahe"], ["--clahe", "--ben-graham"], []):
        assert main(["train", "grade", "--data", str(tmp_path), "--out", str(tmp_path / "m"), *options]) != 0
        assert (asked[-1].clahe, asked[-1].ben_graham) == ("--clahe" in options, "--ben-graham" in options)
        assert {"--clahe", "--ben-graham"} & set(shlex.split(asked[-1].command)) == set(options)


def test_a_classifier_run_records_no_segmentation_option_and_a_seg_run_records_them() -> None:
    grade = _recorded(["train", "grade", "--data", "d", "--out", "o", "--region-loss", "lovasz", "--tiled"])
    assert "--epochs" in grade and not {"--arch", "--region-loss", "--box-mode", "--box-factor", "--tiled"} & set(grade)
    seg = _recorded(["train", "disc", "--data", "d", "--out", "o", "--region-loss", "lovasz", "--tiled"])
    assert seg[seg.index("--region-loss") + 1] == "lovasz" and "--tiled" in seg and "--arch" in seg


def test_a_grade_run_records_ordinal() -> None:
    assert "--ordinal" in _recorded(["train", "grade", "--data", "d", "--out", "o", "--ordinal"])


@pytest.mark.parametrize("task", ["referable", "oct", "present", "seg", "disc"])  # candidates: run_candidates' own
def test_no_other_run_records_ordinal(task: str) -> None:
    assert "--ordinal" not in _recorded(["train", task, "--data", "d", "--out", "o", "--ordinal"])


def test_the_encoder_help_names_each_tasks_default_network(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    seg = default_card("lesion-segmentation")
    assert f"seg {seg.encoder} at {seg.input_size[0]} px" in shown and "the shipped model's)" not in shown


def test_the_language_of_a_run_is_neither_a_network_option_nor_recorded(tmp_path: Path, capsys) -> None:
    """--lang says how the run speaks (app.language_option), not what it trains: a candidates run took it for an
    option of a network's run and refused it, and a card would have recorded it in the command that reproduces it."""
    out = tmp_path / "m"
    out.mkdir()
    (out / "model.json").write_text("{}")
    assert main(["train", "candidates", "--data", str(tmp_path), "--out", str(out), "--lang", "en"]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert "--lang" not in _recorded(["train", "seg", "--data", "d", "--out", "o", "--lang", "en"])
