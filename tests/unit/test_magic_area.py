"""Where the magic brush may paint (annotations.magic_area), against the whole photo's map worked out plainly."""
from __future__ import annotations

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult
from annotations.magic_area import AI_OWN, magic_area

SHAPE = (50, 3100)  # wide enough for a kept map of one pixel per 3x3 block


def result(seed: int = 0, own: float | None = 0.4, kept_shape: tuple[int, int] = (17, 1034)) -> AIResult:
    rng = np.random.default_rng(seed)
    mask = (rng.random(SHAPE) < 0.3).astype(np.uint8) * np.uint8(LesionClass.EX.bit)
    levels = rng.integers(0, 256, kept_shape, dtype=np.uint8)
    thresholds = {} if own is None else {"EX": own}
    return AIResult(mask=mask, probabilities={"EX": levels}, probability_thresholds=thresholds)


def whole(ai: AIResult, threshold: float) -> np.ndarray:
    found = (ai.mask & LesionClass.EX.bit) != 0
    blocks = np.repeat(np.repeat(ai.probabilities["EX"], 3, axis=0), 3, axis=1)[:SHAPE[0], :SHAPE[1]]
    reaching = blocks.astype(float) / 255 >= threshold
    return found | reaching if threshold < ai.probability_thresholds["EX"] else found & reaching


@pytest.mark.parametrize("threshold", [0.1, 0.39, 0.41, 0.75, 1.0])
@pytest.mark.parametrize("box", [(0, 50, 0, 3100), (7, 29, 1001, 1100), (1, 2, 5, 6), (49, 50, 3098, 3100)])
def test_any_box_is_the_whole_photo_s_area_cut_there(threshold: float, box: tuple[int, int, int, int]) -> None:
    ai = result()
    y0, y1, x0, x1 = box
    np.testing.assert_array_equal(magic_area(ai, LesionClass.EX, threshold, SHAPE).crop(*box),
                                  whole(ai, threshold)[y0:y1, x0:x1])


@pytest.mark.parametrize("threshold", [AI_OWN, 0.4, 0.403, 0.397])
def test_at_the_model_s_own_threshold_it_is_the_mask(threshold: float) -> None:
    ai = result()
    area = magic_area(ai, LesionClass.EX, threshold, SHAPE)
    assert area.levels is None and not area.unmet
    np.testing.assert_array_equal(area.crop(0, 50, 0, 3100), ai.mask != 0)


@pytest.mark.parametrize("ai", [result(own=None), result(kept_shape=(50, 1000)), AIResult(mask=result().mask)])
def test_without_a_map_it_can_follow_it_is_the_mask_and_says_the_threshold_was_not_met(ai: AIResult) -> None:
    area = magic_area(ai, LesionClass.EX, 0.7, SHAPE)
    assert area.unmet and area.levels is None
    np.testing.assert_array_equal(area.crop(0, 50, 0, 3100), ai.mask != 0)


def test_a_full_size_map_is_followed_pixel_by_pixel() -> None:
    ai = result(kept_shape=SHAPE)
    area = magic_area(ai, LesionClass.EX, 0.7, SHAPE)
    assert area.step == 1
    np.testing.assert_array_equal(area.crop(0, 50, 0, 3100), (ai.mask != 0) & (ai.probabilities["EX"] >= 0.7 * 255))


def test_no_ai_mask_of_the_photo_s_size_is_no_area() -> None:
    assert magic_area(None, LesionClass.EX, 0.5, SHAPE) is None
    assert magic_area(AIResult(), LesionClass.EX, 0.5, SHAPE) is None
    assert magic_area(result(), LesionClass.EX, 0.5, (50, 3000)) is None
