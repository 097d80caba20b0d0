"""Evaluation metrics in plain numpy: overlap (Dice, IoU), ranking (precision-recall, ROC) and agreement (accuracy,
quadratic weighted kappa, confusion matrix, F1).

Pixel-level precision-recall over a whole data set does not fit in memory at full resolution, so it is computed
from score histograms (``ScoreHistogram``): exact up to the bin width (1/1000 by default), as in the IDRiD
challenge's own evaluation which sweeps fixed thresholds.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Agreement statistics live with double reading, whose readers they compare; the models' evaluation uses them too.
from annotations.reading.agreement_stats import accuracy, confusion_matrix, quadratic_weighted_kappa  # noqa: F401


def dice(pred: np.ndarray, target: np.ndarray) -> float:
    """2|A∩B| / (|A|+|B|) of two boolean arrays; 1.0 when both are empty (nothing to find, nothing found)."""
    pred, target = np.asarray(pred, bool), np.asarray(target, bool)
    total = int(pred.sum()) + int(target.sum())
    return 1.0 if total == 0 else 2.0 * int(np.logical_and(pred, target).sum()) / total


def iou(pred: np.ndarray, target: np.ndarray) -> float:
    """|A∩B| / |A∪B|; 1.0 when both are empty."""
    pred, target = np.asarray(pred, bool), np.asarray(target, bool)
    union = int(np.logical_or(pred, target).sum())
    return 1.0 if union == 0 else int(np.logical_and(pred, target).sum()) / union


def dice_from_counts(tp: float, fp: float, fn: float) -> float:
    return 1.0 if tp + fp + fn == 0 else 2.0 * tp / (2.0 * tp + fp + fn)


def iou_from_counts(tp: float, fp: float, fn: float) -> float:
    return 1.0 if tp + fp + fn == 0 else tp / (tp + fp + fn)


def precision_recall_curve(scores: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(precision, recall, thresholds), one point per distinct score, thresholds descending (score >= t is positive)."""
    scores, labels = np.asarray(scores, np.float64).ravel(), np.asarray(labels, bool).ravel()
    tp, fp, thresholds = _cumulative_counts(scores, labels)
    precision = tp / np.maximum(tp + fp, 1)
    recall = tp / max(int(labels.sum()), 1)
    return precision, recall, thresholds


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the precision-recall curve as a step sum, Σ (R_n − R_{n−1}) P_n (scikit-learn's definition);
    0.0 when there is no positive."""
    labels = np.asarray(labels, bool)
    if not labels.any():
        return 0.0
    precision, recall, _ = precision_recall_curve(scores, labels)
    return _step_area(precision, recall)


def roc_curve(scores: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(false positive rate, true positive rate, thresholds), starting at (0, 0)."""
    scores, labels = np.asarray(scores, np.float64).ravel(), np.asarray(labels, bool).ravel()
    tp, fp, thresholds = _cumulative_counts(scores, labels)
    tpr = np.concatenate([[0.0], tp / max(int(labels.sum()), 1)])
    fpr = np.concatenate([[0.0], fp / max(int((~labels).sum()), 1)])
    return fpr, tpr, np.concatenate([[np.inf], thresholds])


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Trapezoidal area under the ROC curve (ties count one half); NaN when only one class is present."""
    labels = np.asarray(labels, bool)
    if labels.all() or not labels.any():
        return float("nan")
    fpr, tpr, _ = roc_curve(scores, labels)
    return float(np.trapezoid(tpr, fpr))


def sensitivity_specificity(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    """Binary: (TP / positives, TN / negatives); NaN for a side with no items."""
    truth, predicted = np.asarray(truth, bool).ravel(), np.asarray(predicted, bool).ravel()
    positives, negatives = int(truth.sum()), int((~truth).sum())
    sensitivity = (truth & predicted).sum() / positives if positives else float("nan")
    specificity = (~truth & ~predicted).sum() / negatives if negatives else float("nan")
    return float(sensitivity), float(specificity)


def per_class_f1(matrix: np.ndarray) -> np.ndarray:
    """F1 of each class from a confusion matrix; a class never true nor predicted scores NaN (left out of macro)."""
    matrix = np.asarray(matrix, np.float64)
    tp = np.diag(matrix)
    denominator = matrix.sum(axis=0) + matrix.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, 2 * tp / denominator, np.nan)


def macro_f1(matrix: np.ndarray) -> float:
    scores = per_class_f1(matrix)
    return float(np.nanmean(scores)) if np.isfinite(scores).any() else float("nan")


@dataclass
class ScoreHistogram:
    """Counts of positive and negative items per score bin on [0, 1]; add arrays image by image."""

    bins: int = 1000
    positives: np.ndarray = field(init=False)
    negatives: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.positives = np.zeros(self.bins, np.int64)
        self.negatives = np.zeros(self.bins, np.int64)

    def add(self, scores: np.ndarray, labels: np.ndarray) -> None:
        index = np.clip((np.asarray(scores, np.float64).ravel() * self.bins).astype(np.int64), 0, self.bins - 1)
        labels = np.asarray(labels, bool).ravel()
        self.positives += np.bincount(index[labels], minlength=self.bins)
        self.negatives += np.bincount(index[~labels], minlength=self.bins)

    def curve(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(precision, recall, thresholds) sweeping each bin's lower edge from high to low."""
        tp = np.cumsum(self.positives[::-1]).astype(np.float64)
        fp = np.cumsum(self.negatives[::-1]).astype(np.float64)
        keep = (tp + fp) > 0
        precision = tp[keep] / (tp + fp)[keep]
        recall = tp[keep] / max(self.positives.sum(), 1)
        thresholds = (np.arange(self.bins)[::-1] / self.bins)[keep]
        return precision, recall, thresholds

    def average_precision(self) -> float:
        if self.positives.sum() == 0:
            return 0.0
        precision, recall, _ = self.curve()
        return _step_area(precision, recall)


def _cumulative_counts(scores: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """True and false positives when thresholding at each distinct score, highest first (ties move together)."""
    order = np.argsort(-scores, kind="stable")
    scores, labels = scores[order], labels[order]
    last_of_tie = np.r_[np.nonzero(np.diff(scores))[0], scores.size - 1] if scores.size else np.zeros(0, np.int64)
    tp = np.cumsum(labels)[last_of_tie].astype(np.float64)
    fp = (last_of_tie + 1 - tp).astype(np.float64)
    return tp, fp, scores[last_of_tie]


def _step_area(precision: np.ndarray, recall: np.ndarray) -> float:
    return float(np.sum(np.diff(np.concatenate([[0.0], recall])) * precision))
