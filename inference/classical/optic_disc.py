"""Optic disc by brightness and shape: the disc-sized window that is brightest relative to its surroundings and
richest in the vertical vessels that leave the disc, with a mild preference for where macula-centred photos put
it (off-centre, near the horizontal midline). Good enough to place it; its size is a population prior."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inference.anatomy import DISC_TO_FOV_RADIUS, expected_fovea
from inference.classical.working import WorkingCopy

OFF_CENTRE_WEIGHT = 2.0  # z units per FOV radius off-centre, up to 0.6 radii
MIDLINE_WEIGHT = 0.5  # z units per FOV radius above or below the centre
SEARCH_SCALE = 0.25  # the disc is large and smooth: search on a quarter-size copy
VESSEL_WEIGHT = 0.6  # relative to brightness, both as z-scores over the field


@dataclass
class OpticDisc:
    x: float  # working px
    y: float
    radius: float
    score: float  # the winning window's score (z units): low values mean a doubtful disc

    def probability(self, shape: tuple[int, int]) -> np.ndarray:
        """1 at the centre, 0.5 at the rim, 0 beyond 1.5 radii."""
        ys, xs = np.ogrid[:shape[0], :shape[1]]
        distance = np.sqrt((xs - self.x) ** 2 + (ys - self.y) ** 2) / self.radius
        return np.clip(1.5 - distance, 0.0, 1.0).astype(np.float32)


def disc_at(work: WorkingCopy, x: float, y: float) -> OpticDisc:
    """A disc placed by someone else (image px, e.g. a disc model), with the usual size; not scored."""
    return OpticDisc(*work.point_from_original(x, y), DISC_TO_FOV_RADIUS * work.fov_radius, float("nan"))


def find_optic_disc(work: WorkingCopy) -> OpticDisc:
    radius = DISC_TO_FOV_RADIUS * work.fov_radius
    small_size = (max(8, round(work.green.shape[1] * SEARCH_SCALE)), max(8, round(work.green.shape[0] * SEARCH_SCALE)))
    rgb = cv2.resize(work.rgb, small_size, interpolation=cv2.INTER_AREA).astype(np.float32)
    field = cv2.resize(work.field.view(np.uint8), small_size, interpolation=cv2.INTER_NEAREST).view(bool)
    small_radius = max(2.0, radius * SEARCH_SCALE)
    window = (2 * int(small_radius) + 1,) * 2
    lightness = rgb[..., 0] * 0.5 + rgb[..., 1]
    level = float(lightness[field].mean()) if field.any() else 1.0
    lightness = np.where(field, lightness, level)
    surround = cv2.GaussianBlur(lightness, (0, 0), 4 * small_radius)
    brightness = cv2.boxFilter(lightness / np.maximum(surround, 1.0), -1, window)
    green = np.where(field, rgb[..., 1], float(rgb[..., 1][field].mean()) if field.any() else 0.0)
    vertical_edges = np.abs(cv2.Sobel(cv2.GaussianBlur(green, (0, 0), 1.0), cv2.CV_32F, 1, 0, ksize=3))
    vessels = cv2.boxFilter(vertical_edges, -1, window)
    inside = cv2.erode(field.view(np.uint8), np.ones((3, 3), np.uint8)).view(bool)
    if not inside.any():
        inside = np.ones_like(field)
    score = _z(brightness, inside) + VESSEL_WEIGHT * _z(vessels, inside) + _position_prior(field.shape, work)
    score[~inside] = -np.inf
    y, x = np.unravel_index(int(np.argmax(score)), score.shape)
    return OpticDisc((x + 0.5) / SEARCH_SCALE - 0.5, (y + 0.5) / SEARCH_SCALE - 0.5, radius, float(score[y, x]))


def _position_prior(shape: tuple[int, int], work: WorkingCopy) -> np.ndarray:
    """Macula-centred photos put the disc near the horizontal midline, well off the centre; bright exudate
    clusters gather round the centre. A mild preference, in z-score units."""
    radius = work.fov_radius * SEARCH_SCALE
    ys, xs = np.ogrid[:shape[0], :shape[1]]
    dx = np.abs(xs - work.fov_centre[0] * SEARCH_SCALE) / radius
    dy = np.abs(ys - work.fov_centre[1] * SEARCH_SCALE) / radius
    return (OFF_CENTRE_WEIGHT * np.minimum(dx, 0.6) - MIDLINE_WEIGHT * dy).astype(np.float32)


def _z(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    inside = values[where]
    return (values - inside.mean()) / max(float(inside.std()), 1e-6)


FOVEA_SEARCH = 2.5  # disc radii around the expected place


def find_fovea(work: WorkingCopy, disc: OpticDisc) -> tuple[float, float]:
    """The darkest disc-sized spot near where anatomy puts the fovea (working px)."""
    height, width = work.green.shape
    expected = expected_fovea((disc.x, disc.y), disc.radius, work.fov_centre[0])
    size = (max(1, round(width * SEARCH_SCALE)), max(1, round(height * SEARCH_SCALE)))
    smooth = cv2.GaussianBlur(cv2.resize(work.green, size, interpolation=cv2.INTER_AREA), (0, 0),
                              max(1.0, disc.radius / 2 * SEARCH_SCALE))
    field = cv2.resize(work.field.view(np.uint8), size, interpolation=cv2.INTER_NEAREST).view(bool)
    ys, xs = np.ogrid[:size[1], :size[0]]
    ex, ey, reach = expected[0] * SEARCH_SCALE, expected[1] * SEARCH_SCALE, FOVEA_SEARCH * disc.radius * SEARCH_SCALE
    near = ((xs - ex) ** 2 + (ys - ey) ** 2 <= reach**2) & field
    if not near.any():
        return expected
    y, x = np.unravel_index(int(np.argmin(np.where(near, smooth, np.inf))), smooth.shape)
    return (x + 0.5) / SEARCH_SCALE - 0.5, (y + 0.5) / SEARCH_SCALE - 0.5
