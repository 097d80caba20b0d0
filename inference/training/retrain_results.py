"""What "Retrain from reviewed cases" is asked (RetrainRequest) and what it answers (RetrainOutcome, LossPoint per
step), and the before/after table the dialog shows. Plain data without torch, so the window imports it at start;
inference.training.retrain does the work on the task runner's worker."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from annotations.queued_work import QueuedWork
from annotations.workspace import Workspace
from inference.analysis_settings import AnalysisSettings

MIN_DONE_CASES = 4  # fewer leave no held-out image to compare on
TASK_LABELS = {"seg": "Lesion segmentation", "grade": "DR grade", "referable": "Referable DR"}
# The Current column's label when it has no figures, and why: the models in use cannot be loaded, the device cannot
# be used (or ran out of memory), or the comparison could not be scored (the retrained model not loading, the
# exported data not reading again, a held-out photo or the pipeline failing: the note says why).
# inference.training.retrain_failures chooses.
CURRENT_UNUSABLE = "current model unusable"
DEVICE_UNUSABLE = "device unusable"
NOT_SCORED = "not scored"
# the progress text per held-out photo while the comparison scores it for one column
SCORING_CURRENT = "evaluating {image} for the Current column"
SCORING_NEW = "evaluating {image} for the New column"
# the progress text between the export and the training process's first word (loading torch there takes seconds)
STARTING_TRAINING = "starting the training process…"
# the progress text while the run checks that the model it made loads (retrain.checked_new_model)
CHECKING_NEW_MODEL = "checking that the new model loads…"
# the progress text while the comparison loads the models in use (the shipped lesion models: many seconds)
LOADING_CURRENT = "loading the current models for the comparison…"


@dataclass
class RetrainRequest:
    workspace: Workspace
    case_ids: list[str]  # the cases marked done
    task: str  # seg | grade | referable
    work_dir: Path  # receives data/ (the export) and model/ (the new model folder)
    epochs: int = 10
    size: int | None = None  # model input side; None: the task's default
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)  # the window's: device, models, thresholds
    name: str = ""  # of the new model (its card and, once installed, its folder)
    training: dict[str, Any] = field(default_factory=dict)  # further TrainConfig fields (encoder, batch_size …)
    # The window stores agreed double-read cases as the consensus on its storage queue; the run waits for that
    # (the number stored), showing its progress and stopping it on Cancel, before reading the consensus. None: the
    # run stores them itself.
    consensus_settled: QueuedWork[int] | None = None
    # "Finish now" in the dialog: training stops after its current step and the model so far is checked and scored
    finish_early: threading.Event = field(default_factory=threading.Event)


@dataclass
class RetrainRefusal:
    """A retrain that did not start training: why (English, a messages template filled) and notes (the OCT scans
    left out, the cases the export could not read). Nothing was trained."""

    why: str
    notes: list[str] = field(default_factory=list)


@dataclass
class LossPoint:
    step: int
    loss: float


@dataclass
class ModelScore:
    label: str  # "retrained-seg-…", "classical detector (no learned model installed)", "none installed"
    metrics: dict[str, Any] | None  # None when there is nothing to score
    note: str = ""


@dataclass
class RetrainOutcome:
    task: str
    model_dir: Path
    split: str  # the held-out split both models were scored on
    held_out: list[str]  # its image names
    before: ModelScore
    after: ModelScore
    history: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    unusable_why: str = ""  # why the new model cannot be used (it does not load), so it is not offered; "": it loads
    folder: Path | None = None  # the folder whose cases it learned from


# Each task's headline figure, (its row in the comparison table, its path in the metrics): the one the advice on
# keeping the current model compares (retrain_adoption).
HEADLINES: dict[str, tuple[str, tuple[str, ...]]] = {
    "seg": ("Mean Dice", ("mean_dice",)), "grade": ("Quadratic weighted kappa", ("quadratic_weighted_kappa",)),
    "referable": ("ROC AUC", ("roc_auc",))}
# The rows of a lesion class scored by its boxes (inference.evaluation: a class boxed with none of it painted): the
# share of its boxes holding a predicted pixel, and the share of the pixels outside its boxes predicted, a few in a
# thousand. The dialog translates them (widgets.retrain_dialog.RESULT_TEXTS).
BOX_HIT_RATE = "Box hit rate {cls}"
OUTSIDE_BOXES = "Positives outside boxes {cls}"
PLACES = {"outside_positive_fraction": 4}  # decimals of the figures whose three would read 0.002 for 0.0024 and 0.0016


def metric_rows(task: str, before: ModelScore, after: ModelScore) -> list[tuple[str, str, str]]:
    """(metric, before, after) texts for the comparison table; "–" where a figure is undefined. A lesion class
    marked by boxes alone has no Dice: its box figures (inference.evaluation) stand in for it."""
    if task == "seg":
        keys = [HEADLINES["seg"], ("Mean IoU", ("mean_iou",)), ("Mean AUPR", ("mean_aupr",))]
        per_class = (after.metrics or {}).get("per_class", {})
        classes = [name for name, values in per_class.items() if values.get("truth_pixels")]  # no truth: no Dice
        keys += [(f"Dice {name}", ("per_class", name, "dice")) for name in classes]
        keys += [(f"AUPR {name}", ("per_class", name, "aupr")) for name in classes]
        boxes = (after.metrics or {}).get("boxes", {})
        boxed = [name for name, values in boxes.items() if values.get("boxes")]
        keys += [(BOX_HIT_RATE.format(cls=name), ("boxes", name, "box_hit_rate")) for name in boxed]
        keys += [(OUTSIDE_BOXES.format(cls=name), ("boxes", name, "outside_positive_fraction")) for name in boxed]
    elif task == "grade":
        keys = [("Accuracy", ("accuracy",)), HEADLINES["grade"]]
    else:
        keys = [("Sensitivity", ("sensitivity",)), ("Specificity", ("specificity",)), HEADLINES["referable"],
                ("Accuracy", ("accuracy",))]
    keys.append(("Held-out images", ("images",)))
    return [(label, figure_text(before, path), figure_text(after, path)) for label, path in keys]


def figure_value(score: ModelScore, path: tuple[str, ...]) -> int | float | None:
    """The figure at ``path`` in ``score``'s metrics; None where there is none (not scored, missing, undefined)."""
    value: Any = score.metrics
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value):
        return None
    return value


def figure_text(score: ModelScore, path: tuple[str, ...]) -> str:
    """The figure as the comparison table shows it: 3 decimals (PLACES says where more), a count whole, "–" where
    undefined, the score's label where it was not scored."""
    if score.metrics is None:
        return score.label
    value = figure_value(score, path)
    if value is None:
        return "–"
    return str(value) if isinstance(value, int) else f"{value:.{PLACES.get(path[-1], 3)}f}"
