"""The working copy every classical stage shares: the field of view cropped and resized to a fixed diameter.

All sizes in the detectors are in working pixels, so they hold for any camera resolution. WORK_DIAMETER matches
the IDRiD photos at 1024 px width (field of view about 816 px across), where the parameters were tuned.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inference.preprocess import FieldOfView, resized_reaches

WORK_DIAMETER = 816
FIELD_MARGIN = 10  # px trimmed off the field's rim, where the border glow mimics lesions
BACKGROUND_KERNEL = 61  # median window (px): wider than any lesion that is not a large blot
TEXTURE_REFERENCE = 0.029  # median over IDRiD photos of the contrast's median absolute deviation in the field
TEXTURE_FLOOR = 0.01  # the lowest seen; a smoother (synthetic) image is not amplified further
SMOOTH_FACTOR = 4
NOISE_SIGMA = 1.0  # px: JPEG blocks and sensor noise otherwise turn into hundreds of one-pixel "lesions"


@dataclass
class WorkingCopy:
    rgb: np.ndarray  # uint8 (h, w, 3)
    green: np.ndarray  # float32, outside the field filled with the nearby field level
    background: np.ndarray  # float32 median-filtered green: illumination and broad structure
    field: np.ndarray  # bool, eroded field of view
    scale: float  # working px per original px
    box: tuple[int, int, int, int]  # crop in the original (x0, y0, x1, y1)
    fov_radius: float  # in working px
    fov_centre: tuple[float, float]  # in working px

    def contrast(self) -> np.ndarray:
        """(green - background) / background: + for bright lesions, - for dark ones, illumination-free; scaled so
        the retina's own texture (its median absolute deviation) has the typical size, which makes one set of
        thresholds fit dim, noisy photos and crisp ones alike."""
        contrast = (self.green - self.background) / np.maximum(self.background, 8.0)
        inside = contrast[self.field]
        if inside.size == 0:
            return contrast
        texture = float(np.median(np.abs(inside - np.median(inside))))
        return contrast * (TEXTURE_REFERENCE / max(texture, TEXTURE_FLOOR))

    def to_original(self, array: np.ndarray, original_size: tuple[int, int]) -> np.ndarray:
        """A working-size float map in original geometry (zero outside the crop)."""
        width, height = original_size
        x0, y0, x1, y1 = self.box
        out = np.zeros((height, width), array.dtype)
        out[y0:y1, x0:x1] = cv2.resize(array, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
        return out

    def reached_in_box(self, array: np.ndarray, threshold: float) -> np.ndarray:
        """Bool map the size of ``box``: where ``to_original(array)`` reaches ``threshold`` inside it."""
        x0, y0, x1, y1 = self.box
        return resized_reaches(array, (x1 - x0, y1 - y0), threshold, cv2.INTER_LINEAR)  # as to_original

    def point_to_original(self, x: float, y: float) -> tuple[float, float]:
        return (x + 0.5) / self.scale - 0.5 + self.box[0], (y + 0.5) / self.scale - 0.5 + self.box[1]

    def point_from_original(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.box[0] + 0.5) * self.scale - 0.5, (y - self.box[1] + 0.5) * self.scale - 0.5


def make_working_copy(image_rgb: np.ndarray, fov: FieldOfView) -> WorkingCopy:
    height, width = image_rgb.shape[:2]
    x0, y0, x1, y1 = fov.bounding_box(width, height)
    diameter = 2 * fov.radius if fov.found else max(width, height)
    scale = WORK_DIAMETER / diameter
    size = (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    rgb = cv2.resize(image_rgb[y0:y1, x0:x1], size, interpolation=interpolation)  # cv2 reads crops in place
    field = cv2.resize(fov.mask[y0:y1, x0:x1].view(np.uint8), size, interpolation=cv2.INTER_NEAREST)
    field = cv2.erode(field, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * FIELD_MARGIN + 1,) * 2),
                      borderType=cv2.BORDER_CONSTANT, borderValue=0)  # a field cut by the image edge ends there too
    green = _fill_outside(rgb[..., 1].astype(np.float32), field.view(bool))
    green = cv2.GaussianBlur(green, (0, 0), NOISE_SIGMA)
    background = cv2.medianBlur(np.clip(green, 0, 255).astype(np.uint8), BACKGROUND_KERNEL).astype(np.float32)
    centre = ((fov.cx - x0 + 0.5) * scale - 0.5, (fov.cy - y0 + 0.5) * scale - 0.5)
    return WorkingCopy(rgb, green, background, field.view(bool), scale, (x0, y0, x1, y1), fov.radius * scale, centre)


def _fill_outside(channel: np.ndarray, field: np.ndarray) -> np.ndarray:
    """Replace the dark surround with a smooth extension of the field (normalised convolution), so filters
    near the rim see retina rather than a black cliff."""
    if field.all() or not field.any():
        return channel
    weight = field.astype(np.float32)
    sigma = BACKGROUND_KERNEL / 2 / SMOOTH_FACTOR  # a wide blur: done on a small copy, it is smooth anyway
    size = (max(1, channel.shape[1] // SMOOTH_FACTOR), max(1, channel.shape[0] // SMOOTH_FACTOR))
    spread = cv2.GaussianBlur(cv2.resize(weight, size, interpolation=cv2.INTER_AREA), (0, 0), sigma)
    total = cv2.GaussianBlur(cv2.resize(channel * weight, size, interpolation=cv2.INTER_AREA), (0, 0), sigma)
    smooth = np.where(spread > 1e-3, total / np.maximum(spread, 1e-3), float(channel[field].mean()))
    smooth = cv2.resize(smooth.astype(np.float32), (channel.shape[1], channel.shape[0]), interpolation=cv2.INTER_LINEAR)
    return np.where(field, channel, smooth).astype(np.float32)
