"""Dark lesions (haemorrhages, microaneurysms) by morphological top-hat with vessel suppression.

Darkness is the green channel below its median background. Vessels are the thin, elongated part of it: what a
long line survives in some direction (opening by lines at 12 orientations) but a vessel-wide disc does not.
Removing that leaves round dots (microaneurysms, small haemorrhages) and wide blots (large haemorrhages).
Components that lie mostly on vessels, are elongated, or sit on the rim, the disc or the fovea are dropped.
Small components are called MA, the rest HE.
"""
from __future__ import annotations

import cv2
import numpy as np

from inference.classical.components import keep_components, soft_map
from inference.classical.optic_disc import OpticDisc
from inference.classical.working import WorkingCopy

DARKNESS_GAIN = 400.0  # relative darkness -> uint8 levels for fast morphology (0.64 saturates)
LINE_LENGTH = 41  # px: longer than a dot-blot haemorrhage is wide, shorter than a vessel segment is long
ORIENTATIONS = 12
BLOT_WIDTH = 15  # px: a disc this wide fits in a blot haemorrhage but not in a vessel
SEED_LEVEL = 0.18  # relative darkness after vessel removal that starts a lesion
GROW_LEVEL = 0.09  # ... and that it grows over
VESSEL_LEVEL = 0.06  # relative darkness of the linear part that marks a vessel
MAX_VESSEL_FRACTION = 0.25
MIN_AREA = 20  # px (working): smaller dark specks are mostly texture
MAX_ELONGATION = 3.0
RIM_MARGIN = 25  # px more than the working field's: the rim's shading looks like a dark band
MA_MAX_AREA = 80  # px (about 150 micrometres across): smaller dark dots are microaneurysms
DISC_EXCLUSION = 1.6  # disc radii: the vessel tree is densest there
FOVEA_EXCLUSION = 0.8  # disc radii around the fovea, whose normal pigment is the darkest spot of the retina


def _line_kernels(length: int, count: int) -> list[np.ndarray]:
    kernels = []
    centre = length // 2
    for index in range(count):
        angle = np.pi * index / count
        dx, dy = centre * np.cos(angle), centre * np.sin(angle)
        kernel = np.zeros((length, length), np.uint8)
        cv2.line(kernel, (round(centre - dx), round(centre - dy)), (round(centre + dx), round(centre + dy)), 1)
        kernels.append(kernel)
    return kernels


LINE_KERNELS = _line_kernels(LINE_LENGTH, ORIENTATIONS)
BLOT_KERNEL = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (BLOT_WIDTH, BLOT_WIDTH))


def dark_residue(contrast: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(residue, vessels), float32 relative darkness (working size): what is dark once the vessels' linear part is
    removed, and that linear part."""
    darkness = np.clip(-contrast * DARKNESS_GAIN, 0, 255).astype(np.uint8)
    linear = np.zeros_like(darkness)
    for kernel in LINE_KERNELS:
        np.maximum(linear, cv2.morphologyEx(darkness, cv2.MORPH_OPEN, kernel), out=linear)
    blots = cv2.morphologyEx(darkness, cv2.MORPH_OPEN, BLOT_KERNEL)
    vessels = np.maximum(linear.astype(np.float32) - blots, 0) / DARKNESS_GAIN
    return np.maximum(darkness.astype(np.float32) / DARKNESS_GAIN - vessels, 0), vessels


def dark_lesions(work: WorkingCopy, contrast: np.ndarray, disc: OpticDisc | None,
                 fovea: tuple[float, float] | None) -> tuple[np.ndarray, np.ndarray]:
    """(MA, HE) probability-like maps (float32 0..1, working size)."""
    residue, vessels = dark_residue(contrast)
    allowed = cv2.erode(work.field.view(np.uint8), np.ones((2 * RIM_MARGIN + 1,) * 2, np.uint8),
                        borderType=cv2.BORDER_CONSTANT, borderValue=0)
    if disc is not None:
        cv2.circle(allowed, (round(disc.x), round(disc.y)), round(DISC_EXCLUSION * disc.radius), 0, -1)
        if fovea is not None:
            cv2.circle(allowed, (round(fovea[0]), round(fovea[1])), round(FOVEA_EXCLUSION * disc.radius), 0, -1)
    allowed = allowed.view(bool)
    on_vessel = (vessels >= VESSEL_LEVEL).view(np.uint8)
    near_vessel = cv2.dilate(on_vessel, np.ones((7, 7), np.uint8)).view(bool)
    # a blot touching a vessel loses only the vessel's pixels; what is left of the vessel must not pass as a blot
    kept = keep_components((residue >= GROW_LEVEL) & allowed & ~on_vessel.view(bool), residue >= SEED_LEVEL,
                           MIN_AREA, MAX_ELONGATION, near_vessel, MAX_VESSEL_FRACTION)
    strength = np.clip((residue - GROW_LEVEL) / (2 * SEED_LEVEL - GROW_LEVEL), 0, 1) * allowed
    return _split_by_size(soft_map(strength, kept), kept)


def _split_by_size(probability: np.ndarray, kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(kept.view(np.uint8), connectivity=8)
    small = np.zeros(count, bool)
    small[1:] = stats[1:, cv2.CC_STAT_AREA] <= MA_MAX_AREA
    # the soft halo outside a component follows the nearest component's class
    near_small = cv2.dilate(small[labels].view(np.uint8), np.ones((5, 5), np.uint8)).view(bool)
    near_large = cv2.dilate(((labels > 0) & ~small[labels]).view(np.uint8), np.ones((5, 5), np.uint8)).view(bool)
    is_ma = near_small & ~near_large
    return np.where(is_ma, probability, 0.0).astype(np.float32), np.where(is_ma, 0.0, probability).astype(np.float32)
