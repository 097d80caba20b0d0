"""Lesion findings on hand-made masks: counts, areas, mm², quadrants, ICDR rules, boxes from components."""
from __future__ import annotations

import json

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.findings import ClassFindings
from annotations.icdr import QUADRANTS, SEVERE_HE_PER_QUADRANT
from inference.findings import (
    boxes_from_mask,
    estimate_fovea,
    icdr_grade_from_findings,
    lesion_findings,
    mm_per_pixel,
    quadrant_of,
)

MA, HE, EX, SE, OD = (c.bit for c in LesionClass)
DISC, FOVEA = (20.0, 50.0), (80.0, 50.0)  # disc on the image's left, fovea to its right: temporal is right


def square(mask: np.ndarray, x: int, y: int, side: int, bit: int) -> None:
    mask[y:y + side, x:x + side] |= bit


def test_counts_areas_and_quadrants():
    mask = np.zeros((100, 120), np.uint8)
    square(mask, 90, 20, 3, HE)  # right of the fovea, above the axis: superior temporal
    square(mask, 90, 75, 2, HE)  # inferior temporal
    square(mask, 40, 20, 4, HE)  # between disc and fovea, above: superior nasal
    square(mask, 40, 80, 5, EX)  # inferior nasal
    square(mask, 41, 81, 2, MA)  # overlaps the exudate: classes are independent bits
    findings = lesion_findings(mask, DISC, FOVEA, 0.01)
    assert findings.classes["HE"].count == 3
    assert findings.classes["HE"].area_px == 9 + 4 + 16
    assert findings.classes["HE"].area_mm2 == pytest.approx(29 * 0.01**2)
    assert findings.classes["HE"].quadrants == {"ST": 1, "SN": 1, "IT": 1, "IN": 0}
    assert findings.classes["EX"].to_json() == {"count": 1, "area_px": 25, "area_mm2": pytest.approx(25e-4),
                                                "quadrants": {"ST": 0, "SN": 0, "IT": 0, "IN": 1}}
    assert findings.classes["MA"].count == 1 and findings.classes["MA"].quadrants["IN"] == 1
    assert findings.classes["SE"].count == 0 and findings.classes["SE"].area_px == 0
    json.dumps(findings.to_json())  # stored in the sidecar and the analysis JSON


def test_touching_pixels_are_one_lesion_and_diagonal_neighbours_too():
    mask = np.zeros((30, 30), np.uint8)
    square(mask, 2, 2, 3, HE)
    square(mask, 5, 5, 3, HE)  # touches the first at a corner
    square(mask, 20, 20, 2, HE)
    assert lesion_findings(mask, None, None, None).classes["HE"].count == 2


def test_no_scale_gives_no_mm_and_says_so():
    mask = np.zeros((30, 30), np.uint8)
    square(mask, 2, 2, 3, EX)
    findings = lesion_findings(mask, None, None, None)
    assert findings.classes["EX"].area_mm2 is None
    assert "no scale" in findings.scale_source


def test_scale_from_the_disc_else_from_the_field_of_view():
    scale, source = mm_per_pixel(od_radius=50, fov_radius=400)
    assert scale == pytest.approx(1.8 / 100) and "optic disc" in source
    scale, source = mm_per_pixel(od_radius=None, fov_radius=400)
    assert scale == pytest.approx(12 / 800) and "field-of-view" in source
    assert mm_per_pixel(None, None) == (None, "")


def test_fovea_is_estimated_temporal_to_the_disc_on_the_centre_side():
    x, y = estimate_fovea((100, 300), od_radius=40, width=1000)  # disc on the left: fovea to the right
    assert x == pytest.approx(100 + 2.5 * 80) and y > 300
    x, _ = estimate_fovea((900, 300), od_radius=40, width=1000)
    assert x == pytest.approx(900 - 2.5 * 80)


def test_eye_side_and_orientation_are_stated():
    mask = np.zeros((100, 200), np.uint8)
    right = lesion_findings(mask, (170, 50), None, None, od_radius=10).orientation
    left = lesion_findings(mask, (30, 50), None, None, od_radius=10).orientation
    assert right.eye.startswith("right") and left.eye.startswith("left")
    assert "estimated" in right.note
    unknown = lesion_findings(mask, None, None, None).orientation
    assert unknown.eye == "unknown" and "not found" in unknown.note


def test_quadrants_follow_a_tilted_axis():
    # disc on the right, fovea lower left: temporal is towards the lower left, superior stays up
    names = quadrant_of(np.array([[0, 40], [60, 0], [0, 100], [60, 100]], float), (100.0, 30.0), (40.0, 60.0))
    assert names == ["ST", "SN", "IT", "IN"]


def counts(**by_class: int) -> dict[str, ClassFindings]:
    return {name: ClassFindings(count=by_class.get(name, 0)) for name in ("MA", "HE", "EX", "SE")}


def test_icdr_no_lesions_is_grade_0():
    grade, sentence = icdr_grade_from_findings(counts())
    assert grade == 0 and "No lesions" in sentence and "proliferative" in sentence


def test_icdr_ma_only_is_grade_1():
    grade, sentence = icdr_grade_from_findings(counts(MA=4))
    assert grade == 1 and "MA only" in sentence


@pytest.mark.parametrize("lesions", [{"HE": 1}, {"MA": 3, "HE": 2}, {"EX": 1}, {"SE": 1}, {"MA": 1, "EX": 5}])
def test_icdr_more_than_ma_is_grade_2(lesions):
    grade, sentence = icdr_grade_from_findings(counts(**lesions))
    assert grade == 2 and "moderate" in sentence
    if "EX" in lesions or "SE" in lesions:
        assert "exudates" in sentence


def severe(per_quadrant: dict[str, int]) -> dict[str, ClassFindings]:
    findings = counts(HE=sum(per_quadrant.values()))
    findings["HE"].quadrants = per_quadrant
    return findings


def test_icdr_haemorrhages_in_four_quadrants_is_grade_3():
    grade, sentence = icdr_grade_from_findings(severe({q: SEVERE_HE_PER_QUADRANT for q in QUADRANTS}))
    assert grade == 3 and "4 quadrants" in sentence and "4-2-1" in sentence


def test_icdr_one_quadrant_short_of_severe_stays_grade_2():
    per_quadrant = {q: SEVERE_HE_PER_QUADRANT for q in QUADRANTS} | {"IN": SEVERE_HE_PER_QUADRANT - 1}
    grade, sentence = icdr_grade_from_findings(severe(per_quadrant))
    assert grade == 2 and "HE in 4 quadrants" in sentence


def test_findings_carry_their_grade_and_sentence():
    mask = np.zeros((100, 120), np.uint8)
    square(mask, 90, 20, 2, MA)
    findings = lesion_findings(mask, DISC, FOVEA, None)
    assert findings.icdr_grade == 1 and findings.summary.startswith("MA only (1)")


def test_boxes_from_mask_one_per_component_with_inclusive_corners():
    mask = np.zeros((50, 60), np.uint8)
    square(mask, 10, 5, 4, HE)
    square(mask, 30, 30, 6, HE | EX)
    square(mask, 50, 45, 1, HE)  # a one-pixel speck, below the default minimum area
    boxes = boxes_from_mask(mask, [LesionClass.HE, LesionClass.EX])
    assert sorted((b.label, b.coords()) for b in boxes) == sorted([
        (LesionClass.HE, (10, 5, 13, 8)), (LesionClass.HE, (30, 30, 35, 35)), (LesionClass.EX, (30, 30, 35, 35))])
    assert all(b.source == "ai" and b.score is None for b in boxes)
    assert len(boxes_from_mask(mask, [LesionClass.HE], min_area=1)) == 3


def test_box_scores_are_the_components_peak_probability():
    mask = np.zeros((20, 20), np.uint8)
    square(mask, 2, 2, 3, EX)
    probability = np.zeros((20, 20), np.float32)
    probability[2:5, 2:5] = 0.6
    probability[3, 3] = 0.9
    probability[15, 15] = 1.0  # outside the component: ignored
    (box,) = boxes_from_mask(mask, [LesionClass.EX], probabilities={LesionClass.EX: probability})
    assert box.score == pytest.approx(0.9)


def test_box_scores_and_places_hold_for_components_far_from_the_corner():
    mask = np.zeros((60, 80), np.uint8)
    square(mask, 30, 20, 3, EX)
    square(mask, 70, 50, 4, EX)
    probability = np.full((60, 80), 0.3, np.float32)
    probability[21, 31] = 0.8
    probability[52, 71] = 0.7
    boxes = sorted(boxes_from_mask(mask, [LesionClass.EX], probabilities={LesionClass.EX: probability}),
                   key=lambda b: b.xmin)
    assert [(b.xmin, b.ymin, b.xmax, b.ymax, b.score) for b in boxes] == [
        (30, 20, 32, 22, pytest.approx(0.8)), (70, 50, 73, 53, pytest.approx(0.7))]
    findings = lesion_findings(mask, (10.0, 30.0), (40.0, 30.0), None)
    assert findings.classes["EX"].count == 2 and findings.classes["EX"].area_px == 9 + 16
