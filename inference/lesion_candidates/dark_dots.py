"""Dark-dot candidates: local maxima of a Hessian blob response on the green channel.

Where both curvatures of the smoothed green are positive the image is a dark dot (a microaneurysm, a small
haemorrhage); along a vessel one curvature is near zero. The smaller eigenvalue of the Hessian, divided by the
local brightness, is therefore high on dots and low on vessels and edges. Every local maximum in the field is a
candidate; the strongest MAX_CANDIDATES are kept, which bounds the classifier's work.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

BLOB_SIGMA = 1.3  # px of the detect level (a 4288 px photo: 4 px): the scale of a microaneurysm
BACKGROUND_REDUCTION = 8  # the brightness the response is divided by is averaged over 8x8 cells, then 5x5 of them
BRIGHTNESS_FLOOR = 10.0  # green level: the dark rim does not inflate the response
PEAK_WINDOW = 3  # px: a maximum must top its 3x3 neighbourhood
MAX_CANDIDATES = 2000


@dataclass
class Candidates:
    ys: np.ndarray  # int, detect-level rows, strongest first
    xs: np.ndarray  # int, detect-level columns
    strength: np.ndarray  # float32, the blob response at each

    def __len__(self) -> int:
        return len(self.ys)


def blob_response(green: np.ndarray, field: np.ndarray, sigma: float = BLOB_SIGMA) -> np.ndarray:
    """float32 map: the smaller Hessian eigenvalue of the smoothed green over the local brightness, 0 off field."""
    height, width = green.shape
    values = green.astype(np.float32)
    smooth = cv2.GaussianBlur(values, (0, 0), sigma)
    dxx = cv2.Sobel(smooth, cv2.CV_32F, 2, 0, ksize=3)
    dyy = cv2.Sobel(smooth, cv2.CV_32F, 0, 2, ksize=3)
    dxy = cv2.Sobel(smooth, cv2.CV_32F, 1, 1, ksize=3)
    smaller = (dxx + dyy) * 0.5 - cv2.magnitude((dxx - dyy) * 0.5, dxy)
    cells = (max(1, width // BACKGROUND_REDUCTION), max(1, height // BACKGROUND_REDUCTION))
    brightness = cv2.blur(cv2.resize(values, cells, interpolation=cv2.INTER_AREA), (5, 5))
    brightness = cv2.resize(brightness, (width, height), interpolation=cv2.INTER_LINEAR)
    response = smaller / np.maximum(brightness, BRIGHTNESS_FLOOR)
    response[~field] = 0.0
    return response


def find_dark_dots(green: np.ndarray, field: np.ndarray, max_count: int = MAX_CANDIDATES,
                   sigma: float = BLOB_SIGMA) -> Candidates:
    """The strongest ``max_count`` local maxima of ``blob_response`` (positive ones only)."""
    response = blob_response(green, field, sigma)
    peaks = (response >= cv2.dilate(response, np.ones((PEAK_WINDOW, PEAK_WINDOW), np.uint8))) & (response > 0)
    ys, xs = np.nonzero(peaks)
    strength = response[ys, xs]
    order = np.argsort(-strength, kind="stable")[:max_count]
    return Candidates(ys[order], xs[order], strength[order])
