"""The green channel of the field of view's crop, halved by Gaussian pyramid steps (cheap: exact factor 2).

Candidates are found on the coarser ``detect`` level and classified on patches of the finer ``patch`` level, whose
field of view is about PATCH_LEVEL_DIAMETER px across whatever the camera (a 4288x2848 photo: half resolution).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from inference.lesion_candidates.scale import PATCH_LEVEL_DIAMETER, candidates_run_on
from inference.preprocess import FieldOfView, field_diameter

FIELD_EROSION = 4  # px of the detect level: the rim's dark edge is no dot


@dataclass
class GreenPyramid:
    patch: np.ndarray  # uint8 green, the patch level
    detect: np.ndarray  # uint8 green, half the patch level
    field: np.ndarray  # bool, detect level: inside the (eroded) field of view
    box: tuple[int, int, int, int]  # the crop in the original (x0, y0, x1, y1)
    factor: int  # original px per patch-level px (a power of two)

    def to_original(self, ys: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Patch-level pixel centres -> original pixel coordinates."""
        return (ys + 0.5) * self.factor - 0.5 + self.box[1], (xs + 0.5) * self.factor - 0.5 + self.box[0]


def resolution_supported(image_rgb: np.ndarray, fov: FieldOfView) -> bool:
    """The photo's field is large enough for the classifier's scale."""
    return candidates_run_on(field_diameter(image_rgb, fov))


def green_pyramid(image_rgb: np.ndarray, fov: FieldOfView) -> GreenPyramid:
    height, width = image_rgb.shape[:2]
    x0, y0, x1, y1 = fov.bounding_box(width, height)
    diameter = field_diameter(image_rgb, fov)
    steps = max(0, round(math.log2(max(diameter, 1) / PATCH_LEVEL_DIAMETER)))
    green = cv2.extractChannel(image_rgb[y0:y1, x0:x1], 1)
    field = fov.mask[y0:y1, x0:x1].view(np.uint8)
    for _ in range(steps):
        green = cv2.pyrDown(green)
        field = field[::2, ::2]
    detect = cv2.pyrDown(green)
    field = field[::2, ::2][:detect.shape[0], :detect.shape[1]]
    kernel = np.ones((2 * FIELD_EROSION + 1,) * 2, np.uint8)
    field = cv2.erode(np.ascontiguousarray(field), kernel, borderType=cv2.BORDER_CONSTANT, borderValue=0)
    return GreenPyramid(green, detect, field.view(bool), (x0, y0, x1, y1), 2**steps)
