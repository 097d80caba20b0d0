"""Haemorrhage candidates: dark regions at the classical detector's working scale, with what the classifier reads.

The classical detector keeps a dark region only when it passes fixed rules (a strong seed, not near the disc or the
fovea, not too elongated), and so finds 20 % of the specialists' haemorrhage pixels at a precision of 0.65. Its
residue (relative darkness once the vessels' linear part is removed) at a LOW level holds 58 % of them on the
validation photos and touches 91 % of the haemorrhages, in about 500 connected regions a photo: the candidates.
A region is painted whole when the classifier accepts it, so the pixels Dice counts are the region's.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inference.classical.dark import VESSEL_LEVEL, dark_lesions, dark_residue
from inference.classical.optic_disc import find_fovea, find_optic_disc
from inference.classical.working import WorkingCopy, make_working_copy
from inference.preprocess import FieldOfView

REGION_LEVEL = 0.06  # residue that a candidate region grows over (the classical detector grows over 0.09)
MIN_AREA = 3  # working px: a single speck is noise
PATCH_SIDE = 32  # px of a patch, whatever the region's size
MIN_CONTEXT = 16  # working px: a patch shows at least 2 x 16 px around the region's centre ...
CONTEXT_FACTOR = 1.2  # ... or 1.2 x its larger side on each side
LOCAL_WINDOW = 61  # working px: the mean a channel is divided by in a patch (the classical background's size)
REGION_WINDOW = 31  # working px: the mean a region's own red and green are divided by
BRIGHTNESS_FLOOR = 8.0
FEATURE_NAMES = ("log_area", "aspect", "fill", "mean_residue", "peak_residue", "vessel_share", "mean_contrast",
                 "peak_classical_he", "relative_red", "relative_green", "centre_distance", "disc_distance",
                 "log_side")


@dataclass
class DarkRegions:
    work: WorkingCopy
    labels: np.ndarray  # int32, working size: connected regions of the residue, 0 outside them
    ids: np.ndarray  # int, the labels that are candidates (MIN_AREA or more)
    areas: np.ndarray  # float32 working px of each candidate
    features: np.ndarray  # float32 (N, len(FEATURE_NAMES))
    patches: np.ndarray  # float32 (N, 4, PATCH_SIDE, PATCH_SIDE): green, red, residue, the region itself

    def __len__(self) -> int:
        return len(self.ids)

    def working_map(self, values: np.ndarray) -> np.ndarray:
        """float32 working-size map: each candidate's value on its region, 0 elsewhere."""
        per_label = np.zeros(int(self.labels.max()) + 1, np.float32)
        per_label[self.ids] = values
        return per_label[self.labels]

    def truth_overlap(self, truth: np.ndarray) -> np.ndarray:
        """float32 per candidate: the true pixels under it (``truth``: bool, original size), in working px."""
        x0, y0, x1, y1 = self.work.box
        share = cv2.resize(truth[y0:y1, x0:x1].astype(np.float32), self.labels.shape[::-1],
                           interpolation=cv2.INTER_AREA)
        return np.bincount(self.labels.ravel(), share.ravel(), minlength=int(self.labels.max()) + 1)[self.ids]


def find_dark_regions(image_rgb: np.ndarray, fov: FieldOfView) -> DarkRegions:
    work = make_working_copy(image_rgb, fov)
    contrast = work.contrast()
    residue, vessels = dark_residue(contrast)
    disc = find_optic_disc(work)
    _, classical_he = dark_lesions(work, contrast, disc, find_fovea(work, disc))
    count, labels, stats, centres = cv2.connectedComponentsWithStats(
        ((residue >= REGION_LEVEL) & work.field).view(np.uint8), connectivity=8)
    ids = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] >= MIN_AREA)
    ids = ids[ids > 0]
    rgb = work.rgb.astype(np.float32)
    features = _features(work, labels, count, stats, centres, ids, residue, vessels, contrast, classical_he, rgb,
                         (disc.x, disc.y, disc.radius))
    channels = [rgb[..., 1] / np.maximum(cv2.blur(rgb[..., 1], (LOCAL_WINDOW,) * 2), BRIGHTNESS_FLOOR) - 1,
                rgb[..., 0] / np.maximum(cv2.blur(rgb[..., 0], (LOCAL_WINDOW,) * 2), BRIGHTNESS_FLOOR) - 1, residue]
    patches = np.zeros((len(ids), 4, PATCH_SIDE, PATCH_SIDE), np.float32)
    for row, label in enumerate(ids):
        width, height = stats[label, cv2.CC_STAT_WIDTH], stats[label, cv2.CC_STAT_HEIGHT]
        half = int(max(MIN_CONTEXT, CONTEXT_FACTOR * max(width, height)))
        cy, cx = int(round(centres[label][1])), int(round(centres[label][0]))
        for channel, image in enumerate(channels):
            patches[row, channel] = _window(image, cy, cx, half)
        patches[row, 3] = _window((_crop(labels, cy, cx, half) == label).astype(np.float32), half, half, half)
    return DarkRegions(work, labels, ids, stats[ids, cv2.CC_STAT_AREA].astype(np.float32), features, patches)


def _features(work: WorkingCopy, labels: np.ndarray, count: int, stats: np.ndarray, centres: np.ndarray,
              ids: np.ndarray, residue: np.ndarray, vessels: np.ndarray, contrast: np.ndarray,
              classical_he: np.ndarray, rgb: np.ndarray, disc: tuple[float, float, float]) -> np.ndarray:
    """FEATURE_NAMES per candidate."""
    flat = labels.ravel()

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(flat, values.ravel().astype(np.float64), minlength=count)[ids]

    inside = flat > 0  # regions are a few per cent of the pixels: np.maximum.at over all of them cost 60 ms

    def peak(values: np.ndarray) -> np.ndarray:
        out = np.zeros(count)
        np.maximum.at(out, flat[inside], values.ravel()[inside])
        return out[ids]

    area = stats[ids, cv2.CC_STAT_AREA].astype(np.float64)
    width = np.maximum(stats[ids, cv2.CC_STAT_WIDTH], 1).astype(np.float64)
    height = np.maximum(stats[ids, cv2.CC_STAT_HEIGHT], 1).astype(np.float64)
    red = rgb[..., 0] / np.maximum(cv2.blur(rgb[..., 0], (REGION_WINDOW,) * 2), BRIGHTNESS_FLOOR)
    green = rgb[..., 1] / np.maximum(cv2.blur(rgb[..., 1], (REGION_WINDOW,) * 2), BRIGHTNESS_FLOOR)
    ys, xs = np.nonzero(work.field)
    field_y, field_x = (ys.mean(), xs.mean()) if len(ys) else (0.0, 0.0)
    field_radius = max(np.sqrt(len(ys) / np.pi), 1.0)
    cx, cy = centres[ids, 0], centres[ids, 1]
    disc_x, disc_y, disc_radius = disc
    columns = [np.log(area), np.minimum(width, height) / np.maximum(width, height), area / (width * height),
               total(residue) / area, peak(residue), total(vessels >= VESSEL_LEVEL) / area, total(contrast) / area,
               peak(classical_he), total(red) / area, total(green) / area,
               np.hypot(cx - field_x, cy - field_y) / field_radius,
               np.hypot(cx - disc_x, cy - disc_y) / max(disc_radius, 1.0), np.log(np.maximum(width, height))]
    return np.stack(columns, axis=1).astype(np.float32) if len(ids) else np.zeros((0, len(FEATURE_NAMES)), np.float32)


def _crop(image: np.ndarray, cy: int, cx: int, half: int) -> np.ndarray:
    """The (2 half)^2 window of ``image`` whose top-left is (cy - half, cx - half), zero beyond the image."""
    out = np.zeros((2 * half, 2 * half), image.dtype)
    y0, x0 = cy - half, cx - half
    top, left = max(y0, 0), max(x0, 0)
    bottom, right = min(y0 + 2 * half, image.shape[0]), min(x0 + 2 * half, image.shape[1])
    if bottom > top and right > left:
        out[top - y0:bottom - y0, left - x0:right - x0] = image[top:bottom, left:right]
    return out


def _window(image: np.ndarray, cy: int, cx: int, half: int) -> np.ndarray:
    """The window of ``_crop`` reduced to PATCH_SIDE px by area averaging."""
    return cv2.resize(_crop(image, cy, cx, half).astype(np.float32, copy=False), (PATCH_SIDE, PATCH_SIDE),
                      interpolation=cv2.INTER_AREA)
