"""Whether "Retrain from reviewed cases" should advise keeping the current model: the new one is doubted when it was
scored on fewer than MIN_HELD_OUT held-out images (figures from so few are rough) or when it is lower than the
current model on the task's headline figure (mean Dice for lesions, quadratic weighted kappa for the DR grade, ROC
AUC for referable DR). Qt-free and torch-free: the window decides with it which button is the default and whether
"Use the new model" asks first."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from inference.training import messages as msg
from inference.training.retrain_results import ModelScore, RetrainOutcome, metric_rows

MIN_HELD_OUT = 5  # held-out images: fewer give rough figures (retrain's note says so too)
# per task: the headline figure's key in the metrics, its row in the comparison table, the doubt when it is lower
HEADLINES = {"seg": ("mean_dice", "Mean Dice", msg.DOUBT_LOWER_DICE),
             "grade": ("quadratic_weighted_kappa", "Quadratic weighted kappa", msg.DOUBT_LOWER_KAPPA),
             "referable": ("roc_auc", "ROC AUC", msg.DOUBT_LOWER_AUC)}


@dataclass(frozen=True)
class Adoption:
    doubt: str  # why keeping the current model is advised (English, a messages template filled); "": no doubt
    headline: tuple[str, str, str]  # the headline row of the comparison table: (metric, current, new)


def adoption(outcome: RetrainOutcome) -> Adoption:
    """The advice on ``outcome``: too few held-out images first, then a lower headline figure."""
    key, label, lower = HEADLINES[outcome.task]
    row = next((r for r in metric_rows(outcome.task, outcome.before, outcome.after) if r[0] == label),
               (label, "–", "–"))
    held_out = 0 if outcome.split == "all" else len(outcome.held_out)  # "all": scored on its training images
    if held_out < MIN_HELD_OUT:
        return Adoption(msg.DOUBT_FEW_HELD_OUT.format(count=held_out, minimum=MIN_HELD_OUT), row)
    current, new = _figure(outcome.before, key), _figure(outcome.after, key)
    if current is not None and new is not None and new < current:
        new_text, current_text = distinct_figures(new, current)
        return Adoption(lower.format(new=new_text, current=current_text), row)
    return Adoption("", row)


def distinct_figures(first: float, second: float, least: int = 3) -> tuple[str, str]:
    """``first`` and ``second`` with the fewest decimals, at least ``least``, that tell them apart: the table's three
    could make a lower figure read the same as the current one ("0.584 against 0.584")."""
    for places in range(least, 18):  # 17 decimals tell apart any two floats from 0.1 up; below, Python's own text
        texts = f"{first:.{places}f}", f"{second:.{places}f}"
        if texts[0] != texts[1]:
            return texts
    return repr(first), repr(second)


def _figure(score: ModelScore, key: str) -> float | None:
    """The figure, or None where there is none to compare (no current model, not scored, undefined)."""
    value: Any = (score.metrics or {}).get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value):
        return None
    return float(value)
