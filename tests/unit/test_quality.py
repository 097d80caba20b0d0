"""Image quality verdicts on generated fundus-like images: good, dark, blurred, no field of view."""
from __future__ import annotations

import cv2
import numpy as np

from annotations.quality_reasons import BLURRED, NO_FIELD, OCT_BLURRED, english_reason, known_problem, quality_problem
from inference.preprocess import find_fov
from inference.quality import MIN_BRIGHTNESS, MIN_SHARPNESS, assess_oct_quality, assess_quality

SIZE = (480, 640)  # h, w
FOV_CENTRE, FOV_RADIUS = (320, 240), 220
DISC_CENTRE, DISC_RADIUS = (150, 230), 28


def blob(shape: tuple[int, int], centre: tuple[int, int], radius: int, soft: float = 1.0) -> np.ndarray:
    mask = np.zeros(shape, np.float32)
    cv2.circle(mask, centre, radius, 1.0, -1)
    return cv2.GaussianBlur(mask, (0, 0), soft)


def synthetic_fundus(seed: int = 0, fov: bool = True, disc: bool = True) -> np.ndarray:
    """An orange retina with vessel-like curves, fine texture and a bright disc, inside a black surround."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[:SIZE[0], :SIZE[1]]
    shade = 1.0 - 0.25 * (np.hypot(xs - FOV_CENTRE[0], ys - FOV_CENTRE[1]) / FOV_RADIUS) ** 2
    green = 95 * shade + cv2.GaussianBlur(rng.normal(0, 4, SIZE).astype(np.float32), (0, 0), 1.2)
    vessels = np.zeros(SIZE, np.float32)
    for index in range(6):  # long gentle curves leaving the disc
        angle = -1.2 + 0.5 * index
        points = [(DISC_CENTRE[0] + t * np.cos(angle + 0.002 * t), DISC_CENTRE[1] + t * np.sin(angle + 0.002 * t))
                  for t in range(0, 420, 10)]
        cv2.polylines(vessels, [np.array(points, np.int32)], False, 1.0, thickness=3)
    green -= 28.0 * cv2.GaussianBlur(vessels, (0, 0), 0.8)
    if disc:
        green += 75.0 * blob(SIZE, DISC_CENTRE, DISC_RADIUS, 3.0)
    rgb = np.stack([green * 1.9, green, green * 0.4], axis=-1)
    if fov:
        rgb[np.hypot(xs - FOV_CENTRE[0], ys - FOV_CENTRE[1]) > FOV_RADIUS] = 3
    return np.clip(rgb, 0, 255).astype(np.uint8)


def test_a_clear_fundus_is_gradable():
    image = synthetic_fundus()
    verdict = assess_quality(image, find_fov(image))
    assert verdict["gradable"], verdict
    assert verdict["reason"] == ""
    assert verdict["fov_found"] is True
    assert verdict["brightness"] > MIN_BRIGHTNESS and verdict["sharpness"] > MIN_SHARPNESS


def test_a_dark_fundus_is_too_dark():
    image = synthetic_fundus()
    fov = find_fov(image)
    dark = (image * 0.15).astype(np.uint8)
    verdict = assess_quality(dark, fov)
    assert not verdict["gradable"]
    assert "too dark" in verdict["reason"]
    assert verdict["brightness"] < MIN_BRIGHTNESS


def test_a_blurred_fundus_is_blurred():
    image = synthetic_fundus()
    fov = find_fov(image)
    verdict = assess_quality(cv2.GaussianBlur(image, (0, 0), 5), fov)
    assert not verdict["gradable"]
    assert "blurred" in verdict["reason"]
    assert [problem["code"] for problem in verdict["problems"]] == [BLURRED]  # language-neutral: shown translated
    assert verdict["reason"] == english_reason(verdict["problems"])
    assert verdict["sharpness"] < assess_quality(image, fov)["sharpness"]


def test_no_field_of_view_is_ungradable_with_that_reason():
    image = synthetic_fundus(fov=False)
    fov = find_fov(image)
    verdict = assess_quality(image, fov)
    assert verdict["fov_found"] is False
    assert not verdict["gradable"]
    assert "field of view not found" in verdict["reason"]
    assert verdict["problems"][0] == {"code": NO_FIELD}


def test_a_gradable_image_has_no_problems():
    image = synthetic_fundus()
    verdict = assess_quality(image, find_fov(image))
    assert verdict["gradable"] and verdict["problems"] == [] and verdict["reason"] == ""


def test_an_oct_scan_s_problem_is_a_code_with_its_figures():
    verdict = assess_oct_quality(np.full((90, 120, 3), 120, np.uint8))  # bright enough, no detail at all
    assert verdict["problems"] == [quality_problem(OCT_BLURRED, value="0.0", limit="25")]
    assert verdict["reason"] == "OCT scan blurred (sharpness 0.0, needs 25)"


def test_a_problem_is_known_only_with_a_known_code_and_every_figure():
    assert known_problem(quality_problem(BLURRED, value="1.2", limit="2.6"))
    assert not known_problem(quality_problem(BLURRED, value="1.2"))  # its limit missing
    assert not known_problem({"code": "smudged"})  # a later version's code
    assert english_reason([quality_problem(NO_FIELD), quality_problem(BLURRED, value="1.2", limit="2.6")]) == (
        "field of view not found (no dark circular border: is this a fundus photograph?); "
        "blurred (sharpness 1.2, needs 2.6)")


def test_sharpness_does_not_depend_on_resolution():
    image = synthetic_fundus()
    big = cv2.resize(image, (SIZE[1] * 3, SIZE[0] * 3), interpolation=cv2.INTER_LINEAR)
    small = assess_quality(image, find_fov(image))["sharpness"]
    large = assess_quality(big, find_fov(big))["sharpness"]
    assert abs(large - small) / small < 0.35
