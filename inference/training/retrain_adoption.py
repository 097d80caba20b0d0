"""Whether "Retrain from reviewed cases" should advise keeping the current model: the new one is doubted when it was
scored on fewer than MIN_HELD_OUT held-out images (figures from so few are rough), when nothing shows it is better
(the current choice has no figures: none installed, or not scored; or the task's headline figure is missing on
either side, as mean Dice is where no lesion is painted on the held-out images), or when it is lower than the current
model on the task's headline figure (mean Dice for lesions, quadratic weighted kappa for the DR grade, ROC AUC for
referable DR). Qt-free and torch-free: the window decides with it which button is the default and whether "Use the
new model" asks first."""
from __future__ import annotations

from dataclasses import dataclass

from inference.training import messages as msg
from inference.training.retrain_results import HEADLINES, RetrainOutcome, figure_text, figure_value

MIN_HELD_OUT = 5  # held-out images: fewer give rough figures (retrain's note says so too)
MIN_TRAINING = 20  # training images: a model learning from fewer is noted as likely lower, its figures unreliable
# per task: the doubt when the new model is lower on its headline figure (retrain_results.HEADLINES)
LOWER = {"seg": msg.DOUBT_LOWER_DICE, "grade": msg.DOUBT_LOWER_KAPPA, "referable": msg.DOUBT_LOWER_AUC}
# per task: the doubt when its headline figure is missing on either side, so the two cannot be compared
UNCOMPARED = {"seg": msg.DOUBT_NO_DICE, "grade": msg.DOUBT_NO_KAPPA, "referable": msg.DOUBT_NO_AUC}


@dataclass(frozen=True)
class Adoption:
    doubt: str  # why keeping the current model is advised (English, a messages template filled); "": no doubt
    headline: tuple[str, str, str]  # the headline row of the comparison table: (metric, current, new)


def adoption(outcome: RetrainOutcome) -> Adoption:
    """The advice on ``outcome``: too few held-out images first, then nothing to compare with, then a lower headline
    figure."""
    label, path = HEADLINES[outcome.task]
    row = (label, figure_text(outcome.before, path), figure_text(outcome.after, path))  # as the table shows it
    held_out = 0 if outcome.split == "all" else len(outcome.held_out)  # "all": scored on its training images
    if held_out < MIN_HELD_OUT:
        return Adoption(msg.DOUBT_FEW_HELD_OUT.format(count=held_out, minimum=MIN_HELD_OUT), row)
    if outcome.before.metrics is None:  # the Current column names why: none installed, not scored, unusable
        return Adoption(msg.DOUBT_CURRENT_UNSCORED, row)
    current, new = figure_value(outcome.before, path), figure_value(outcome.after, path)
    if current is None or new is None:
        return Adoption(UNCOMPARED[outcome.task], row)
    if new < current:
        new_text, current_text = distinct_figures(new, current)
        return Adoption(LOWER[outcome.task].format(new=new_text, current=current_text), row)
    return Adoption("", row)


def distinct_figures(first: float, second: float, least: int = 3) -> tuple[str, str]:
    """``first`` and ``second`` with the fewest decimals, at least ``least``, that tell them apart: the table's three
    could make a lower figure read the same as the current one ("0.584 against 0.584")."""
    for places in range(least, 18):  # 17 decimals tell apart any two floats from 0.1 up; below, Python's own text
        texts = f"{first:.{places}f}", f"{second:.{places}f}"
        if texts[0] != texts[1]:
            return texts
    return repr(first), repr(second)
