"""In English, `train candidates` prints the lines it printed before they went through the interface's language
(inference.training.candidate_messages; tests/gui/test_train_candidates_command_zh.py checks the Chinese side): a
script that reads them, and the people who know them, see the same words. Decimal figures read N."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import numpy as np

from app.cli import main
from inference.lesion_candidates.patches import PATCH_SIZE
from inference.training import candidate_messages as msg
from inference.training.candidate_trainer import TrainingSettings, train_patch_classifier
from tests.unit.test_training_fixtures import write_mask_set

FIGURE = re.compile(r"\b\d+\.\d+(e-\d+)?\b")


def test_a_regions_run_prints_the_english_it_printed(tmp_path: Path) -> None:
    """HE on tiny photos: the candidates found, the folds, the threshold, the comparison, and that it lost."""
    data = write_mask_set(tmp_path / "data")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["train", "candidates", "--data", str(data), "--out", str(tmp_path / "m"), "--classes", "HE",
                     "--steps", "2"])
    printed = [FIGURE.sub("N", line) for line in out.getvalue().splitlines()]
    assert code == 1  # the shipped HE beats two steps of training
    figures = "{'aupr': N, 'dice': N, 'iou': N, 'precision': N, 'recall': N, 'lesion_recall': N}"
    shipped = "{'dice': N, 'iou': N, 'aupr': N, 'precision': N, 'recall': N, 'lesion_recall': N}"
    assert printed[:printed.index("{")] == [
        "candidates on the training photos: {'lesions': 10, 'hit': 10, 'recall': N, 'pixel_recall': N, "
        "'candidates_per_photo': N}",
        "fold case00, case03", "fold case01", "fold case02",
        "threshold (best Dice of the training photos' out-of-fold scores): N",
        f"validation HE: model {{'HE': {figures}}}, shipped now {{'HE': {shipped}}}",
        "not written: the model does not beat the shipped HE on the validation photos"]


def test_a_classifiers_steps_read_as_they_did() -> None:
    rng = np.random.default_rng(0)
    said: list[str] = []
    train_patch_classifier(rng.random((8, 2, PATCH_SIZE, PATCH_SIZE), dtype=np.float32), np.arange(8) % 2 == 0,
                           TrainingSettings(steps=500, batch_size=4), said.append)
    assert [FIGURE.sub("N", line) for line in said] == ["step 500/500: loss N"]


def test_the_lines_a_tiny_run_does_not_reach_read_as_they_did() -> None:
    """A blend's lines and a model that wins, filled as the run fills them."""
    assert msg.LEVELLED.format(own=0.35, threshold=0.9) == (
        "the partner's map levelled from its threshold 0.35 onto the classifier's 0.9")
    assert msg.BLEND_THRESHOLD.format(threshold=0.8) == (
        "threshold (best Dice of the blend on the validation photos): 0.8")
    assert msg.WRITTEN.format(folder=Path("out/ma")) == "model: out/ma"
