"""Metrics against values worked out by hand on fixed arrays, and against brute-force definitions."""
from __future__ import annotations

import numpy as np
import pytest

from inference import metrics as m

SCORES = np.array([0.9, 0.8, 0.7, 0.6])
LABELS = np.array([1, 0, 1, 0])


def test_dice_and_iou_by_hand() -> None:
    pred = np.array([[1, 1], [0, 0]], bool)
    truth = np.array([[1, 0], [1, 0]], bool)
    assert m.dice(pred, truth) == pytest.approx(0.5)  # 2*1 / (2+2)
    assert m.iou(pred, truth) == pytest.approx(1 / 3)  # 1 / 3
    assert m.dice_from_counts(1, 1, 1) == pytest.approx(0.5)
    assert m.iou_from_counts(1, 1, 1) == pytest.approx(1 / 3)


def test_empty_prediction_of_empty_truth_is_perfect_and_of_a_lesion_is_zero() -> None:
    empty = np.zeros((3, 3), bool)
    lesion = empty.copy()
    lesion[1, 1] = True
    assert m.dice(empty, empty) == 1.0 and m.iou(empty, empty) == 1.0
    assert m.dice(empty, lesion) == 0.0 and m.iou(lesion, empty) == 0.0


def test_average_precision_by_hand() -> None:
    # ranks: + (P 1, R .5), - , + (P 2/3, R 1), - : AP = .5*1 + .5*2/3
    assert m.average_precision(SCORES, LABELS) == pytest.approx(0.5 + 1 / 3)
    assert m.average_precision(np.array([0.5, 0.5]), np.array([1, 0])) == pytest.approx(0.5)  # a tie is one step
    assert m.average_precision(SCORES, np.zeros(4)) == 0.0


def test_average_precision_matches_mean_precision_at_each_positive() -> None:
    rng = np.random.default_rng(0)
    scores, labels = rng.random(300), rng.random(300) < 0.2
    order = np.argsort(-scores)
    hits = np.cumsum(labels[order])
    brute = np.mean([hits[i] / (i + 1) for i in range(300) if labels[order][i]])
    assert m.average_precision(scores, labels) == pytest.approx(brute)


def test_histogram_average_precision_matches_exact_for_scores_in_distinct_bins() -> None:
    histogram = m.ScoreHistogram(bins=100)
    histogram.add(SCORES[:2], LABELS[:2])  # added in two parts, as images are
    histogram.add(SCORES[2:], LABELS[2:])
    assert histogram.average_precision() == pytest.approx(m.average_precision(SCORES, LABELS))
    precision, recall, thresholds = histogram.curve()
    assert recall[-1] == 1.0 and precision[0] == 1.0 and thresholds[0] == pytest.approx(0.9)


def test_roc_auc_by_hand_and_against_pair_counting() -> None:
    assert m.roc_auc(SCORES, LABELS) == pytest.approx(0.75)  # 3 of 4 (positive, negative) pairs ordered
    rng = np.random.default_rng(1)
    scores, labels = rng.integers(0, 5, 200) / 4, rng.random(200) < 0.4  # many ties
    pos, neg = scores[labels], scores[~labels]
    pairs = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
    assert m.roc_auc(scores, labels) == pytest.approx(pairs)
    assert np.isnan(m.roc_auc(SCORES, np.ones(4)))


def test_quadratic_weighted_kappa_by_hand() -> None:
    # O = diag-ish with one 1->2 error; E rows [1/3, 0, 2/3]; Σw·O = 1/4, Σw·E = 5/4 -> 1 - 0.2
    assert m.quadratic_weighted_kappa(np.array([0, 1, 2]), np.array([0, 2, 2]), 3) == pytest.approx(0.8)
    truth = np.array([0, 1, 2, 3, 4])
    assert m.quadratic_weighted_kappa(truth, truth, 5) == pytest.approx(1.0)
    assert m.quadratic_weighted_kappa(truth, truth[::-1], 5) == pytest.approx(-1.0)


def test_confusion_matrix_accuracy_and_f1_by_hand() -> None:
    truth, predicted = np.array([0, 0, 0, 1]), np.array([0, 0, 1, 1])
    matrix = m.confusion_matrix(truth, predicted, 2)
    assert matrix.tolist() == [[2, 1], [0, 1]]
    assert m.accuracy(truth, predicted) == pytest.approx(0.75)
    assert m.per_class_f1(matrix) == pytest.approx([0.8, 2 / 3])  # 2·2/(3+2), 2·1/(1+2)
    assert m.macro_f1(matrix) == pytest.approx((0.8 + 2 / 3) / 2)
    with pytest.raises(ValueError, match="0..1"):
        m.confusion_matrix(np.array([2]), np.array([0]), 2)


def test_f1_of_a_class_never_seen_is_left_out_of_the_macro_average() -> None:
    matrix = np.array([[2, 0, 0], [0, 1, 0], [0, 0, 0]])
    assert np.isnan(m.per_class_f1(matrix)[2])
    assert m.macro_f1(matrix) == pytest.approx(1.0)


def test_sensitivity_specificity_by_hand() -> None:
    assert m.sensitivity_specificity(np.array([1, 1, 0, 0, 0]), np.array([1, 0, 0, 0, 1])) == pytest.approx(
        (0.5, 2 / 3))
