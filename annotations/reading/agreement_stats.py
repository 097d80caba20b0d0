"""Agreement of two raters on an ordered scale (the DR grade 0-4, the DME risk 0-2, a yes/no decision): the
quadratic-weighted Cohen's kappa, exact agreement and the confusion matrix; on unordered classes (the OCT class) the
plain kappa, in plain numpy. One place for these
statistics: the readers' agreement (inference.agreement) and the models' evaluation (inference.metrics) use them."""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np


def confusion_matrix(truth: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """``matrix[t, p]`` counts items of true class t predicted as p."""
    truth, predicted = np.asarray(truth, np.int64).ravel(), np.asarray(predicted, np.int64).ravel()
    if truth.size and (min(truth.min(), predicted.min()) < 0 or max(truth.max(), predicted.max()) >= n_classes):
        raise ValueError(f"class indices must lie in 0..{n_classes - 1}")
    return np.bincount(truth * n_classes + predicted, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def accuracy(truth: np.ndarray, predicted: np.ndarray) -> float:
    truth, predicted = np.asarray(truth).ravel(), np.asarray(predicted).ravel()
    return float((truth == predicted).mean()) if truth.size else float("nan")


def quadratic_weighted_kappa(truth: np.ndarray, predicted: np.ndarray, n_classes: int) -> float:
    """Cohen's kappa with weights (i − j)² / (K − 1)²: 1 perfect agreement, 0 chance, negative worse than chance;
    NaN where not defined (``_kappa``)."""
    index = np.arange(n_classes)
    return _kappa(truth, predicted, (index[:, None] - index[None, :]) ** 2 / max(n_classes - 1, 1) ** 2)


def cohen_kappa(truth: np.ndarray, predicted: np.ndarray, n_classes: int) -> float:
    """Cohen's kappa for classes with no order: every disagreement weighs the same."""
    return _kappa(truth, predicted, 1.0 - np.eye(n_classes))


def _kappa(truth: np.ndarray, predicted: np.ndarray, weights: np.ndarray) -> float:
    """NaN where kappa is not defined: no items, or no disagreement expected by chance (both raters used the same
    one category only, e.g. every photo graded 2 by both), where it is 0/0 — not 1, as scikit-learn has it too."""
    observed = confusion_matrix(truth, predicted, len(weights)).astype(np.float64)
    total = observed.sum()
    if total == 0:
        return float("nan")
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / total
    denominator = (weights * expected).sum()
    return float("nan") if denominator == 0 else float(1.0 - (weights * observed).sum() / denominator)


def figure(value: float | None) -> float | None:
    """A figure for JSON, which has no NaN: one with nothing to measure is null."""
    return None if value is None or math.isnan(value) else round(float(value), 4)


def scale_figures(a: Sequence[int], b: Sequence[int], n_classes: int) -> dict[str, Any]:
    """Two raters on a scale of ``n_classes`` levels: quadratic-weighted kappa, exact agreement and the confusion
    matrix (rows ``a``, columns ``b``)."""
    return {"cases": len(a), "kappa_quadratic": figure(quadratic_weighted_kappa(a, b, n_classes)),
            "exact_agreement": figure(accuracy(a, b)), "confusion": confusion_matrix(a, b, n_classes).tolist()}


def class_figures(a: Sequence[int], b: Sequence[int], n_classes: int) -> dict[str, Any]:
    """Two raters choosing among ``n_classes`` unordered classes (indices): Cohen's kappa, exact agreement and the
    confusion matrix (rows ``a``, columns ``b``)."""
    return {"cases": len(a), "kappa": figure(cohen_kappa(a, b, n_classes)),
            "exact_agreement": figure(accuracy(a, b)), "confusion": confusion_matrix(a, b, n_classes).tolist()}


def binary_figures(a: Sequence[bool], b: Sequence[bool]) -> dict[str, Any]:
    """Agreement and Cohen's kappa of two yes/no decisions (with two classes, quadratic weights are plain kappa)."""
    return {"cases": len(a), "agreement": figure(accuracy(a, b)),
            "kappa": figure(quadratic_weighted_kappa(np.asarray(a, int), np.asarray(b, int), 2))}
