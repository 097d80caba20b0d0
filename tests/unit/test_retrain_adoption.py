"""When retraining advises keeping the current model: fewer than 5 held-out images, a current choice without figures
or a headline figure missing on either side (nothing shows the new model is better), or a new model lower than the
current one on the task's headline figure (mean Dice, quadratic weighted kappa, ROC AUC)."""
from __future__ import annotations

from pathlib import Path

import pytest

from inference.training import messages as msg
from inference.training.retrain_adoption import MIN_HELD_OUT, UNCOMPARED, adoption, distinct_figures
from inference.training.retrain_results import ModelScore, RetrainOutcome

KEYS = {"seg": "mean_dice", "grade": "quadratic_weighted_kappa", "referable": "roc_auc"}


def outcome(task: str, current: float | None, new: float, held_out: int = 6, split: str = "test") -> RetrainOutcome:
    key = KEYS[task]
    before = ModelScore("current 1", {key: current, "images": held_out}) if current is not None else \
        ModelScore("none installed", None)
    return RetrainOutcome(task, Path("work"), split, [f"eye{i}" for i in range(held_out)], before,
                          ModelScore("new", {key: new, "images": held_out}), [])


@pytest.mark.parametrize("task", ["seg", "grade", "referable"])
def test_a_new_model_lower_on_the_headline_figure_is_doubted(task: str) -> None:
    advice = adoption(outcome(task, 0.612, 0.584))
    assert advice.doubt.endswith("is lower than the current one's (0.584 against 0.612)")
    assert advice.headline[1:] == ("0.612", "0.584")


@pytest.mark.parametrize("task", ["seg", "grade", "referable"])
def test_a_new_model_as_good_or_better_on_enough_images_is_not_doubted(task: str) -> None:
    assert adoption(outcome(task, 0.612, 0.612)).doubt == ""
    assert adoption(outcome(task, 0.5, 0.7, held_out=MIN_HELD_OUT)).doubt == ""


def test_the_headline_of_each_task() -> None:
    assert "mean Dice" in adoption(outcome("seg", 0.6, 0.5)).doubt
    assert "kappa" in adoption(outcome("grade", 0.6, 0.5)).doubt
    assert "ROC AUC" in adoption(outcome("referable", 0.6, 0.5)).doubt
    assert adoption(outcome("referable", 0.6, 0.5)).headline[0] == "ROC AUC"


def test_fewer_than_five_held_out_images_are_doubted_even_when_the_new_model_is_better() -> None:
    assert MIN_HELD_OUT == 5
    advice = adoption(outcome("seg", 0.5, 0.9, held_out=4))
    assert advice.doubt.startswith("Only 4 held-out image(s) (fewer than 5)")
    assert "Only 0 held-out" in adoption(outcome("seg", 0.5, 0.9, held_out=8, split="all")).doubt  # training images


@pytest.mark.parametrize("current", ["none installed", "not scored", "current model unusable", "device unusable"])
def test_a_current_choice_without_figures_is_doubted(current: str) -> None:
    """Nothing shows the new model is better: its Dice of 0.010 was used unasked when Current said 'not scored'."""
    advice = adoption(RetrainOutcome("seg", Path("work"), "test", [f"eye{i}" for i in range(6)],
                                     ModelScore(current, None), ModelScore("new", {"mean_dice": 0.010, "images": 6}),
                                     []))
    assert advice.doubt == msg.DOUBT_CURRENT_UNSCORED and advice.headline == ("Mean Dice", current, "0.010")
    assert adoption(outcome("grade", None, 0.9)).doubt == msg.DOUBT_CURRENT_UNSCORED  # none installed


@pytest.mark.parametrize("task", ["seg", "grade", "referable"])
def test_a_headline_figure_missing_on_either_side_is_doubted(task: str) -> None:
    assert adoption(outcome(task, float("nan"), 0.3)).doubt == UNCOMPARED[task]  # undefined on these images
    assert adoption(outcome(task, 0.3, float("nan"))).doubt == UNCOMPARED[task]


def test_a_lesion_comparison_on_boxes_alone_is_doubted_however_the_box_figures_move() -> None:
    """Held-out images with boxes and no painted lesion have no mean Dice on either side: a worse model passed."""
    def boxes(hit_rate: float, outside: float) -> dict:
        return {"mean_dice": None, "images": 5, "boxes": {"HE": {"boxes": 48, "box_hit_rate": hit_rate,
                                                                 "outside_positive_fraction": outside}}}

    for new in (boxes(0.76, 0.0050), boxes(0.10, 0.2)):
        advice = adoption(RetrainOutcome("seg", Path("work"), "test", [f"eye{i}" for i in range(5)],
                                         ModelScore("idrid-lesions 1", boxes(0.72, 0.0021)), ModelScore("new", new),
                                         []))
        assert advice.doubt == msg.DOUBT_NO_DICE and advice.headline == ("Mean Dice", "–", "–")
    assert "no lesion is painted" in msg.DOUBT_NO_DICE and "box figures" in msg.DOUBT_NO_DICE


def test_a_lower_figure_that_rounds_to_the_current_one_is_shown_with_enough_decimals_to_differ() -> None:
    advice = adoption(outcome("seg", 0.58449, 0.58412))
    assert advice.doubt.endswith("(0.5841 against 0.5845)")
    assert advice.headline[1:] == ("0.584", "0.584")  # the table keeps its three decimals
    assert distinct_figures(0.5840002, 0.5840001) == ("0.5840002", "0.5840001")
    assert distinct_figures(0.2, 0.7) == ("0.200", "0.700")  # never fewer than three
    assert distinct_figures(1e-20, 2e-20) == ("1e-20", "2e-20")  # alike to 17 decimals: as Python writes them


def test_a_case_with_a_label_of_the_task_is_something_to_learn_from() -> None:
    from annotations.document import ReviewState
    from annotations.workspace import CaseSummary
    from inference.training.retrain_labels import nothing_to_learn

    graded = CaseSummary("a", "a.png", ReviewState.DONE, None, 2, None)
    painted = CaseSummary("b", "b.png", ReviewState.DONE, None, None, None, reader_lesions=("HE",))
    assert nothing_to_learn("grade", [graded, painted]) == nothing_to_learn("seg", [graded, painted]) == ""
    assert nothing_to_learn("referable", [painted]).startswith("None of the 1 case(s) marked done has a DR grade")
    assert nothing_to_learn("seg", [graded]).startswith("None of the 1 case(s) marked done has a lesion painted")
