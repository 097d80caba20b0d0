"""Analysing an image far larger than a fundus photo within a memory budget.

The analysis keeps several float copies of the image (about 100 bytes a pixel): a 12-megapixel photo costs
about 1.5 GB, a 119-megapixel PNG of 350 kB took 7 GB and more. Above ``ANALYSIS_MAX_PIXELS`` the image is
analysed at a size reduced by a whole factor, and everything the analysis returns in pixels (mask,
probability maps, areas, the disc, the field of view, the scale) is brought back to the full size, so callers
see one result the size of the image, as always; the Grad-CAM is kept reduced anyway and is stretched where
it is drawn.
"""
from __future__ import annotations

import cv2
import numpy as np

from annotations.document import AIResult
from annotations.findings import Findings
from annotations.image_io import reduction_factor

# Above the largest fundus cameras (4288x2848 = 12 MP; 24 MP sensors exist), far below the 120 MP refusal.
ANALYSIS_MAX_PIXELS = 25_000_000


def shrink_for_budget(image: np.ndarray, max_pixels: int = ANALYSIS_MAX_PIXELS) -> np.ndarray:
    """``image`` itself when it fits the budget, else an area-averaged copy reduced by a whole factor."""
    height, width = image.shape[:2]
    factor = reduction_factor(width, height, max_pixels)
    if factor == 1:
        return image
    size = (-(-width // factor), -(-height // factor))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def restore_full_size(result: AIResult, probabilities: dict[str, np.ndarray], work_shape: tuple[int, int],
                      full_shape: tuple[int, int]) -> None:
    """Bring a result computed at ``work_shape`` (h, w) back to ``full_shape``, in place."""
    (work_h, work_w), (full_h, full_w) = work_shape, full_shape
    sx, sy = full_w / work_w, full_h / work_h
    size = (full_w, full_h)
    if result.mask is not None:
        result.mask = cv2.resize(result.mask, size, interpolation=cv2.INTER_NEAREST)
    for name, probability in probabilities.items():
        probabilities[name] = cv2.resize(probability, size, interpolation=cv2.INTER_LINEAR)
    _scale_findings(result.findings, sx, sy)


def _scale_findings(findings: Findings, sx: float, sy: float) -> None:
    """Every pixel-valued entry of the findings (see inference.findings.lesion_findings and the pipeline)."""
    for entry in findings.classes.values():
        entry.area_px = int(round(entry.area_px * sx * sy))
    disc = findings.optic_disc
    if disc is not None and disc.center:
        disc.center = [round(disc.center[0] * sx, 1), round(disc.center[1] * sy, 1)]
    if disc is not None and disc.radius:
        disc.radius = round(disc.radius * sx, 1)
    if disc is not None:
        disc.area_px = int(round(disc.area_px * sx * sy))
    if findings.mm_per_px:
        findings.mm_per_px = findings.mm_per_px / sx
    if findings.orientation is not None and findings.orientation.fovea:
        fovea = findings.orientation.fovea
        findings.orientation.fovea = [round(fovea[0] * sx, 1), round(fovea[1] * sy, 1)]
    field = findings.field_of_view
    if field is not None:
        field.cx, field.cy, field.radius = round(field.cx * sx, 1), round(field.cy * sy, 1), round(field.radius * sx, 1)
