"""A source's probability map made straight at the size an AI result keeps it (annotations.probability_maps), from
the map at the source's own resolution: bringing five maps to 12 megapixels first and reducing them again cost
the window's analysis about 0.7 s of CPU."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from annotations.probability_maps import STORED_MAX_SIDE, probability_levels, storage_step


@dataclass
class BoxedMap:
    """A float probability map at a source's own resolution, covering ``box`` (x0, y0, x1, y1, exclusive ends)
    of an image of ``original_size`` (w, h); zero outside the box and, with ``fov_mask`` (bool, image size),
    outside the field of view."""

    values: np.ndarray
    box: tuple[int, int, int, int]
    original_size: tuple[int, int]
    fov_mask: np.ndarray | None = None

    def stored_levels(self, max_side: int = STORED_MAX_SIDE) -> np.ndarray:
        """uint8 round(255 x p), the image reduced by annotations.probability_maps.storage_step (as
        reduce_for_storage would make it of the full-size map, up to interpolation)."""
        width, height = self.original_size
        step = storage_step(width, height, max_side)
        out = np.zeros((-(-height // step), -(-width // step)), np.uint8)
        x0, y0, x1, y1 = self.box
        sx0, sy0, sx1, sy1 = x0 // step, y0 // step, -(-x1 // step), -(-y1 // step)
        if sx1 > sx0 and sy1 > sy0 and self.values.size:
            size = (sx1 - sx0, sy1 - sy0)
            shrinking = size[0] < self.values.shape[1]
            values = np.ascontiguousarray(self.values, dtype=np.float32)
            resized = cv2.resize(values, size, interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR)
            out[sy0:sy1, sx0:sx1] = probability_levels(resized)
        if self.fov_mask is not None:
            out[~self.fov_mask[::step, ::step]] = 0
        return out
