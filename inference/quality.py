"""Image quality: gradable or not, with the reason (field of view not found, too dark, too bright, blurred).

Measured on a copy whose field of view is ANALYSIS_DIAMETER pixels across, so the figures do not depend on the
camera's resolution. Thresholds were set on the 412 IDRiD photos in ../shared/data (brightness 45-164, sharpness
2.5-11.8; only codras_0565, visibly hazy, falls below the sharpness floor) and on blurred copies of them
(Gaussian sigma 4 px at 1024 px width: sharpness 0.9-2.3).
"""
from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from annotations.quality_reasons import (BLURRED, NO_FIELD, OCT_BLURRED, OCT_TOO_BRIGHT, OCT_TOO_DARK, TOO_BRIGHT,
                                         TOO_DARK, english_reason, quality_problem)
from inference.preprocess import FieldOfView, whole_image_fov

ANALYSIS_DIAMETER = 512
MIN_BRIGHTNESS = 25.0  # mean green+red/2 level inside the field (0-255): below this lesions are invisible
MAX_BRIGHTNESS = 230.0  # washed out
MIN_SHARPNESS = 2.6  # 100 x std(Laplacian) / mean level inside the field
# OCT B-scans (measured on the 32 scans in ../shared/data/oct-sample): mostly black around the bright retinal
# band (brightness 31-77) and speckled (sharpness 38-105; Gaussian blur sigma 2 px at 512 px gives 9-21).
MIN_OCT_BRIGHTNESS = 15.0
MIN_OCT_SHARPNESS = 25.0


def assess_quality(image_rgb: np.ndarray, fov: FieldOfView) -> dict[str, Any]:
    """dict(gradable, problems, reason, brightness, sharpness, fov_found): problems are codes with their figures
    (annotations.quality_reasons), reason their English; both empty when gradable."""
    gray, field = _analysis_copy(image_rgb, fov)
    values = gray[field]
    brightness = float(values.mean()) if values.size else 0.0
    sharpness = _sharpness(gray, field, brightness)
    problems = []
    if not fov.found:
        problems.append(quality_problem(NO_FIELD))
    if brightness < MIN_BRIGHTNESS:
        problems.append(quality_problem(TOO_DARK, level=f"{brightness:.0f}", limit=f"{MIN_BRIGHTNESS:.0f}"))
    elif brightness > MAX_BRIGHTNESS:
        problems.append(quality_problem(TOO_BRIGHT, level=f"{brightness:.0f}", limit=f"{MAX_BRIGHTNESS:.0f}"))
    elif sharpness < MIN_SHARPNESS:
        problems.append(quality_problem(BLURRED, value=f"{sharpness:.1f}", limit=f"{MIN_SHARPNESS:g}"))
    return _verdict(problems, brightness, sharpness, fov.found)


def assess_oct_quality(image_rgb: np.ndarray) -> dict[str, Any]:
    """Quality of an OCT scan: only brightness and blur over the whole image (a B-scan has no circular field of
    view). Same keys as assess_quality; ``fov_found`` is always False."""
    gray, field = _analysis_copy(image_rgb, whole_image_fov(image_rgb.shape[1], image_rgb.shape[0]))
    brightness = float(gray.mean())
    sharpness = _sharpness(gray, field, brightness)
    problems = []
    if brightness < MIN_OCT_BRIGHTNESS:
        problems.append(quality_problem(OCT_TOO_DARK, level=f"{brightness:.0f}", limit=f"{MIN_OCT_BRIGHTNESS:.0f}"))
    elif brightness > MAX_BRIGHTNESS:
        problems.append(quality_problem(OCT_TOO_BRIGHT, level=f"{brightness:.0f}", limit=f"{MAX_BRIGHTNESS:.0f}"))
    elif sharpness < MIN_OCT_SHARPNESS:
        problems.append(quality_problem(OCT_BLURRED, value=f"{sharpness:.1f}", limit=f"{MIN_OCT_SHARPNESS:g}"))
    return _verdict(problems, brightness, sharpness, False)


def _verdict(problems: list[dict[str, str]], brightness: float, sharpness: float, fov_found: bool) -> dict[str, Any]:
    return {"gradable": not problems, "problems": problems, "reason": english_reason(problems),
            "brightness": round(brightness, 1), "sharpness": round(sharpness, 2), "fov_found": bool(fov_found)}


def _analysis_copy(image_rgb: np.ndarray, fov: FieldOfView) -> tuple[np.ndarray, np.ndarray]:
    """Red/green mean (blue carries little fundus detail) cropped to the field, resized, plus the eroded field."""
    height, width = image_rgb.shape[:2]
    x0, y0, x1, y1 = fov.bounding_box(width, height)
    crop = image_rgb[y0:y1, x0:x1]
    field = fov.mask[y0:y1, x0:x1].view(np.uint8)
    scale = ANALYSIS_DIAMETER / max(crop.shape[:2])
    size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = cv2.resize(crop, size, interpolation=interpolation)  # all three channels: a red+green copy costs more
    gray = small[..., :2].astype(np.float32).mean(axis=2)
    field = cv2.resize(field, size, interpolation=cv2.INTER_NEAREST)
    field = cv2.erode(field, np.ones((9, 9), np.uint8)).view(bool)  # keep the bright/dark rim edge out
    return gray, field


def _sharpness(gray: np.ndarray, field: np.ndarray, brightness: float) -> float:
    if brightness <= 0 or not field.any():
        return 0.0
    laplacian = cv2.Laplacian(cv2.GaussianBlur(gray, (0, 0), 0.8), cv2.CV_32F, ksize=3)
    return float(100.0 * laplacian[field].std() / brightness)
