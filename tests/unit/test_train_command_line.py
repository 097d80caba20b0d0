"""The training command a model card records: complete, and only with the options of the task that ran."""
from __future__ import annotations

import shlex

from app.cli import build_parser
from app.commands.train import command_line


def _recorded(argv: list[str]) -> list[str]:
    return shlex.split(command_line(build_parser().parse_args(argv)))


def test_a_seg_run_records_its_defaults_but_not_the_candidates_options() -> None:
    words = _recorded(["train", "seg", "--data", "d", "--out", "o"])
    assert words[:3] == ["retina-review", "train", "seg"] and "--epochs" in words
    assert "--classes" not in words and "--steps" not in words


def test_a_candidates_run_records_its_class_and_steps() -> None:
    words = _recorded(["train", "candidates", "--data", "d", "--out", "o", "--steps", "50"])
    assert words[words.index("--classes") + 1] == "MA" and words[words.index("--steps") + 1] == "50"
