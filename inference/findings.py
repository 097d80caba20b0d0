"""Lesion findings from a bit-per-class mask: counts, areas, quadrants, boxes, and an ICDR grade in words.

Orientation assumptions (stated in every Findings.orientation):
- the photo is upright (superior retina at the top of the image);
- the fovea lies about 2.5 disc diameters temporal to the optic disc and slightly below it, so when no fovea is
  given it is estimated from the disc, on the side of the image centre;
- as in standard fundus photographs viewed from the front, a disc on the right of the image is a right eye (OD),
  on the left a left eye (OS); temporal is the fovea's side of the disc.
Quadrants (ST, SN, IT, IN: superior/inferior x temporal/nasal) are split by the disc-fovea axis and by the line
through the fovea perpendicular to it; a lesion belongs to the quadrant of its centroid.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import cv2
import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import Box
from annotations.findings import (DISC_SCALE_SOURCE, FIELD_SCALE_SOURCE, ClassFindings, Findings, OpticDisc,
                                  Orientation)
from annotations.icdr import QUADRANTS, icdr_reading, icdr_sentence
from annotations.pixel_spacing import RECORDED_SCALE_SOURCE
from inference.anatomy import DISC_TO_FOV_RADIUS, FOV_DIAMETER_MM_45_DEGREES, OPTIC_DISC_DIAMETER_MM, expected_fovea

DEFAULT_MIN_BOX_AREA = 4  # px; single-pixel specks are noise, not a box worth reviewing


def mm_per_pixel(od_radius: float | None, fov_radius: float | None,
                 recorded: float | None = None) -> tuple[float | None, str]:
    """The scale the findings rest on, and where it comes from: ``recorded``, the mm per pixel a calibrated photo's
    file records (annotations.pixel_spacing.photo_mm_per_px), when given; else estimated, from the optic disc (1.8 mm
    across) where ``od_radius``, its radius as a disc model drew it, is known, else from a 45-degree field (12 mm
    across). A radius set as the disc's usual share of the field is no measurement: pass None for it, or the areas
    would rest on the field's size under the disc's name (and on a share, 0.13, that understates IDRiD's discs)."""
    if recorded and recorded > 0:
        return recorded, RECORDED_SCALE_SOURCE
    if od_radius and od_radius > 0:
        return OPTIC_DISC_DIAMETER_MM / (2 * od_radius), DISC_SCALE_SOURCE.format(mm=f"{OPTIC_DISC_DIAMETER_MM:g}")
    if fov_radius and fov_radius > 0:
        return (FOV_DIAMETER_MM_45_DEGREES / (2 * fov_radius),
                FIELD_SCALE_SOURCE.format(mm=f"{FOV_DIAMETER_MM_45_DEGREES:g}"))
    return None, ""


def estimate_fovea(od_center: tuple[float, float], od_radius: float, width: int) -> tuple[float, float]:
    """2.5 disc diameters from the disc towards the image centre, slightly below."""
    return expected_fovea(od_center, od_radius, width / 2)


def quadrant_of(points: np.ndarray, od_center: tuple[float, float], fovea: tuple[float, float]) -> list[str]:
    """Quadrant names for (N, 2) x, y points; image y grows downwards, superior is up."""
    axis = np.array([fovea[0] - od_center[0], fovea[1] - od_center[1]], np.float64)
    norm = np.hypot(*axis)
    axis = axis / norm if norm > 0 else np.array([1.0, 0.0])
    rel = np.asarray(points, np.float64).reshape(-1, 2) - np.asarray(fovea, np.float64)
    along = rel @ axis  # > 0: beyond the fovea, away from the disc: temporal
    # the normal that points up in the image (negative y) whichever way the axis runs
    normal = np.array([axis[1], -axis[0]]) if axis[0] >= 0 else np.array([-axis[1], axis[0]])
    across = rel @ normal  # > 0: superior
    return [("S" if a > 0 else "I") + ("T" if t > 0 else "N") for a, t in zip(across, along)]


def _components(class_mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, tuple[int, int]]:
    """(count, labels, stats, centroids, origin) of the 8-connected components, found inside the mask's bounding
    box (per-pixel statistics over a whole 12 MP mask cost ten times more than over a few lesions' box): stats
    and centroids in image pixels, ``labels`` covering the box whose top-left corner is ``origin`` (x, y)."""
    x, y, w, h = cv2.boundingRect(class_mask.view(np.uint8))
    if w == 0 or h == 0:
        return 0, np.zeros((0, 0), np.int32), np.zeros((0, 5), np.int32), np.zeros((0, 2)), (0, 0)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(class_mask[y:y + h, x:x + w].view(np.uint8),
                                                                       connectivity=8)
    stats, centroids = stats[1:], centroids[1:]
    stats[:, cv2.CC_STAT_LEFT] += x
    stats[:, cv2.CC_STAT_TOP] += y
    return count - 1, labels, stats, centroids + (x, y), (x, y)


def lesion_findings(mask_bits: np.ndarray, od_center: tuple[float, float] | None,
                    fovea_center: tuple[float, float] | None, mm_per_px: float | None, *,
                    od_radius: float | None = None, scale_source: str = "") -> Findings:
    """Per lesion class (MA, HE, EX, SE): count, area_px, area_mm2, quadrants; plus the disc, the orientation
    used, the ICDR grade and its sentence."""
    height, width = mask_bits.shape
    if not od_radius and mm_per_px:  # the scale tells the disc's size in pixels
        od_radius = OPTIC_DISC_DIAMETER_MM / 2 / mm_per_px
    disc, orientation = _orientation(od_center, fovea_center, od_radius, width, height)
    findings = Findings()
    for cls in LESION_CLASSES:
        count, _, stats, centroids, _ = _components((mask_bits & cls.bit) != 0)
        area_px = int(stats[:, cv2.CC_STAT_AREA].sum()) if count else 0
        names = quadrant_of(centroids, disc, orientation.fovea) if count else []
        findings.classes[cls.name] = ClassFindings(
            count=int(count), area_px=area_px, area_mm2=round(area_px * mm_per_px**2, 4) if mm_per_px else None,
            quadrants={q: names.count(q) for q in QUADRANTS})
    findings.optic_disc = OpticDisc(
        found=od_center is not None,
        center=[round(float(v), 1) for v in od_center] if od_center is not None else None,
        radius=round(float(od_radius), 1) if od_center is not None and od_radius else None,
        area_px=int(np.count_nonzero(mask_bits & LesionClass.OD.bit)))
    findings.mm_per_px = mm_per_px
    findings.scale_source = (scale_source or "given by the caller") if mm_per_px else "no scale: areas in pixels only"
    findings.orientation = orientation
    findings.icdr_grade, findings.summary = icdr_grade_from_findings(findings.classes)
    return findings


def _orientation(od_center: tuple[float, float] | None, fovea_center: tuple[float, float] | None,
                 od_radius: float | None, width: int, height: int) -> tuple[tuple[float, float], Orientation]:
    """The disc point the quadrants are laid out from, and the orientation stated in the findings."""
    if od_center is None:
        # no disc: centre of the image, nasal taken as the image's left (a right eye is no likelier than a left)
        centre = ((width - 1) / 2, (height - 1) / 2)
        note = "optic disc not found: quadrants around the image centre, nasal assumed on the left"
        return (centre[0] - 1.0, centre[1]), Orientation(list(centre), "unknown", note)
    disc = (float(od_center[0]), float(od_center[1]))
    radius = od_radius if od_radius and od_radius > 0 else DISC_TO_FOV_RADIUS * 0.5 * min(width, height)
    estimated = fovea_center is None
    fovea = estimate_fovea(disc, radius, width) if estimated else (float(fovea_center[0]), float(fovea_center[1]))
    eye = "right (OD)" if disc[0] > fovea[0] else "left (OS)"
    note = ("fovea estimated 2.5 disc diameters temporal to the disc; " if estimated else "") + \
        "upright photo assumed; disc on the image's right taken as a right eye"
    return disc, Orientation([round(fovea[0], 1), round(fovea[1], 1)], eye, note)


def icdr_grade_from_findings(classes: Mapping[str, ClassFindings]) -> tuple[int, str]:
    """ICDR grade (0-3) from lesion counts (by class name), with the reason in (English) words. PDR is never
    inferred. The rule itself lives in annotations.icdr, so the findings' viewers can word it in their language."""
    reading = icdr_reading(classes)
    return reading.grade, icdr_sentence(reading)


def boxes_from_mask(mask_bits: np.ndarray, classes: Sequence[LesionClass] = LESION_CLASSES,
                    min_area: int = DEFAULT_MIN_BOX_AREA,
                    probabilities: dict[LesionClass, np.ndarray] | None = None) -> list[Box]:
    """One VOC box per connected component of each class (xmax/ymax inclusive), for pre-annotation.
    With ``probabilities`` (maps the mask's size) each box's score is the component's peak probability."""
    boxes: list[Box] = []
    for cls in classes:
        count, labels, stats, _, (ox, oy) = _components((mask_bits & cls.bit) != 0)
        probability = probabilities.get(cls) if probabilities else None
        for index in range(count):
            x, y, w, h, area = (int(v) for v in stats[index])
            if area < min_area:
                continue
            score = None
            if probability is not None:
                inside = labels[y - oy:y - oy + h, x - ox:x - ox + w] == index + 1
                score = round(float(probability[y:y + h, x:x + w][inside].max()), 4)
            boxes.append(Box(cls, x, y, x + w - 1, y + h - 1, score=score, source="ai"))
    return boxes

