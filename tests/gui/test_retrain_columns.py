"""The retrain comparison says what each column scored: for the lesion model what the analysis draws with it, and,
when the comparison could not be scored, that and why, New then showing the retrained model's own figures."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from app.retrain_controller import RetrainController
from inference.training import messages as msg
from inference.training.retrain_results import NOT_SCORED, ModelScore, RetrainOutcome
from tests.gui.retrain_controllers import retrain_controller
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_retrain import DRAWN

FIGURES = {"mean_dice": 0.4, "mean_iou": 0.3, "mean_aupr": 0.5, "images": 2}


@pytest.fixture
def controller(qtbot, tmp_path: Path) -> Iterator[RetrainController]:
    with retrain_controller(tmp_path) as made:
        yield made


def finished(controller: RetrainController, tmp_path: Path, before: ModelScore) -> list[str]:
    """The dialog after a lesion run that scored ``before`` and retrained-seg-1: its notes."""
    controller._on_finished(RetrainOutcome("seg", tmp_path / "work", "test", ["a", "b"], before,
                                           ModelScore("retrained-seg-1", FIGURES), []))
    return controller.dialog.notes_label.text().split("\n")


def test_a_scored_lesion_comparison_says_the_columns_are_what_the_analysis_draws(qtbot, controller, tmp_path) -> None:
    notes = finished(controller, tmp_path, ModelScore("tiny-seg 1", FIGURES))
    assert controller.dialog.models_label.text() == ("Current: what the analysis draws now (tiny-seg 1)\n"
                                                     "New: what it would draw with retrained-seg-1")
    assert notes == ["Both models scored on the test split (2 image(s))", DRAWN, "Held-out images: a, b"]


def test_the_held_out_part_is_named_in_chinese(qtbot, controller, tmp_path, chinese) -> None:
    notes = finished(controller, tmp_path, ModelScore("tiny-seg 1", FIGURES))
    assert notes[0] == "两个模型均在测试集上评分（2 张图像）"


def test_a_comparison_not_scored_says_so_and_why(qtbot, controller, tmp_path) -> None:
    """The models in use loaded: Current is 'not scored', not 'unusable'; New has the retrained model's own figures,
    labelled as the model, with no claim that both were scored or about what the analysis draws."""
    why = msg.NOT_SCORED_WHY.format(reason="findings broke")
    notes = finished(controller, tmp_path, ModelScore(NOT_SCORED, None, why))
    dialog = controller.dialog
    assert dialog.models_label.text() == "Current: not scored\nNew: retrained-seg-1"
    assert [dialog.table.item(0, column).text() for column in range(3)] == ["Mean Dice", "not scored", "0.400"]
    assert notes == ["The new model scored on the test split (2 image(s))",
                     "The comparison could not be scored: findings broke", "Held-out images: a, b"]
