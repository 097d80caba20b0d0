"""`train candidates` says what it does on the way in the interface's language, as `train seg` does: the candidates
found, the folds, the threshold chosen, the comparison and whether the model was written (inference's lines, through
CommandWords.shown_inference); its figures stay as the card keeps them.

The command's catalogues are a pseudo translator's here (tests.gui.pseudo_walk: every translated text ⟦wrapped⟧), so a
line that bypassed translation shows words outside the brackets whether or not the .ts translates it yet."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.command_words import CommandWords
from inference.training import candidate_messages as msg
from tests.gui.pseudo_walk import OPEN, PseudoTranslator, pseudo_locale, unwrapped
from tests.gui.test_analyze_command_zh import pseudo_chinese  # noqa: F401 - a fixture
from tests.unit.test_training_fixtures import write_mask_set


def test_a_candidates_run_says_its_progress_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_mask_set(tmp_path / "data")
    assert main(["train", "candidates", "--data", str(data), "--out", str(tmp_path / "m"), "--classes", "HE",
                 "--steps", "2"]) == 1
    printed = capsys.readouterr().out.splitlines()
    said = [("train candidates", line) for line in printed[:printed.index("{")]]  # then the figures, as JSON
    assert len(said) == 7 and all(line.startswith(OPEN) for _, line in said), said
    assert unwrapped(said) == []

    with pseudo_locale() as direct:  # what a tiny run does not say: a classifier's steps, a blend's, a model written
        shown = CommandWords(english=False).shown_inference
        lines = [shown(msg.STEP.format(step=500, steps=3000, loss="0.1234")),
                 shown(msg.LEVELLED.format(own=0.35, threshold=0.9)),
                 shown(msg.BLEND_THRESHOLD.format(threshold=0.8)), shown(msg.WRITTEN.format(folder=tmp_path / "m"))]
    assert unwrapped([("direct", line) for line in lines], data=(str(tmp_path),)) == []
    assert {(msg.CONTEXT, template) for template in msg.PROGRESS} <= pseudo_chinese.asked | direct.asked
