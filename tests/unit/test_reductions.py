"""Shared reductions of a photo and thresholded upsampling: the same answers as the direct computations."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from inference import preprocess
from inference.preprocess import Reductions, resized_reaches
from tests.unit.test_inference_fixtures import synthetic_fundus


def test_a_small_input_is_averaged_from_a_kept_reduction_and_a_close_one_from_the_photo():
    image = synthetic_fundus(1200, 900)
    box = (100, 30, 1100, 870)
    reductions = Reductions(image)
    direct = lambda size: cv2.resize(image[30:870, 100:1100], size, interpolation=cv2.INTER_AREA)  # noqa: E731
    assert np.array_equal(reductions.resized(box, (600, 504)), direct((600, 504)))  # the first: from the photo
    assert np.array_equal(reductions.resized(box, (300, 252)), direct((300, 252)))  # only 2x smaller: the photo
    small = reductions.resized(box, (60, 50))  # 10x smaller: from the kept 600 px reduction
    assert np.array_equal(small, cv2.resize(direct((600, 504)), (60, 50), interpolation=cv2.INTER_AREA))
    assert np.abs(small.astype(int) - direct((60, 50))).mean() < 2


def test_the_same_box_and_size_asked_again_is_the_kept_reduction(monkeypatch: pytest.MonkeyPatch) -> None:
    image = synthetic_fundus(1200, 900)
    box = (100, 30, 1100, 870)
    reductions = Reductions(image)
    first = reductions.resized(box, (600, 504)).copy()
    calls: list[tuple[int, int]] = []
    reduce = preprocess._resize
    monkeypatch.setattr(preprocess, "_resize", lambda array, size, nearest: calls.append(size) or reduce(
        array, size, nearest))
    assert np.array_equal(reductions.resized(box, (600, 504)), first) and calls == []  # the member's: the parent's
    reductions.resized((0, 0, 1200, 900), (600, 504))
    assert calls == [(600, 504)], "another box is reduced"


def test_thresholding_an_upsampled_map_matches_upsampling_then_comparing():
    rng = np.random.default_rng(0)
    for shape, size in [((40, 30), (300, 410)), ((80, 60), (50, 70))]:  # enlarged, and reduced
        probability = rng.random(shape).astype(np.float32)
        for threshold in (0.2, 0.5, 0.9):
            expected = cv2.resize(probability, size, interpolation=cv2.INTER_LINEAR if size[0] > shape[1]
                                  else cv2.INTER_AREA) >= threshold
            assert np.array_equal(resized_reaches(probability, size, threshold), expected)
            again = resized_reaches(probability, size, threshold)  # the reused buffer gives the same answer
            assert np.array_equal(again, expected)
