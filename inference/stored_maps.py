"""A source's probability map made straight at the size an AI result keeps it (annotations.probability_maps), from
the map at the source's own resolution: bringing five maps to 12 megapixels first and reducing them again cost
the window's analysis about 0.7 s of CPU."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from annotations.probability_maps import STORED_MAX_SIDE, probability_levels, storage_step
from inference.preprocess import Prepared


@dataclass
class BoxedMap:
    """A float probability map at a source's own resolution, covering ``box`` (x0, y0, x1, y1, exclusive ends;
    it may reach past the image, whose pixels are then left out) of an image of ``original_size`` (w, h); zero
    outside the box and, with ``fov_mask`` (bool, image size), outside the field of view. ``peaks``: a map of
    small dots (a microaneurysm 1-2 of its pixels across), reduced by the maximum, since averaging loses a dot."""

    values: np.ndarray
    box: tuple[int, int, int, int]
    original_size: tuple[int, int]
    fov_mask: np.ndarray | None = None
    peaks: bool = False

    @classmethod
    def of_model_input(cls, values: np.ndarray, prepared: Prepared) -> BoxedMap:
        """A map in ``prepared``'s model-input geometry (its padding left out), zero outside the field of view."""
        transform = prepared.transform
        (ox, oy), (width, height) = transform.offset, transform.resized
        return cls(values[oy:oy + height, ox:ox + width], transform.box, transform.original_size, prepared.fov.mask)

    def stored_levels(self, max_side: int = STORED_MAX_SIDE) -> np.ndarray:
        """uint8 round(255 x p), the image reduced by annotations.probability_maps.storage_step (as
        reduce_for_storage would make it of the full-size map: exactly with ``peaks``, else up to
        interpolation)."""
        width, height = self.original_size
        step = storage_step(width, height, max_side)
        out = np.zeros((-(-height // step), -(-width // step)), np.uint8)
        x0, y0, x1, y1 = self.box
        sx0, sy0 = max(x0 // step, 0), max(y0 // step, 0)
        sx1, sy1 = min(-(-x1 // step), out.shape[1]), min(-(-y1 // step), out.shape[0])
        if sx1 > sx0 and sy1 > sy0 and self.values.size:
            if self.peaks:
                levels = probability_levels(self.values)
                columns = _spans(sx0, sx1, step, width, x0, x1, levels.shape[1])
                rows = _spans(sy0, sy1, step, height, y0, y1, levels.shape[0])
                out[sy0:sy1, sx0:sx1] = _max_over(_max_over(levels, columns, axis=1), rows, axis=0)
            else:
                size = (sx1 - sx0, sy1 - sy0)
                shrinking = size[0] < self.values.shape[1]
                values = np.ascontiguousarray(self.values, dtype=np.float32)
                resized = cv2.resize(values, size, interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR)
                out[sy0:sy1, sx0:sx1] = probability_levels(resized)
        if self.fov_mask is not None:
            out[~self.fov_mask[::step, ::step]] = 0
        return out


def _spans(first: int, stop: int, step: int, extent: int, start: int, end: int, count: int
           ) -> tuple[np.ndarray, np.ndarray]:
    """(lowest, highest) source index along one axis under each stored pixel first..stop-1: stored pixel j covers
    image pixels j*step .. min((j+1)*step, extent)-1, source pixel i covers start + i*L/count .. (L = end - start)."""
    stored = np.arange(first, stop, dtype=np.int64)
    low = np.maximum(stored * step, start)
    high = np.minimum((stored + 1) * step, min(extent, end))  # exclusive
    length = end - start
    lowest = (low - start) * count // length
    highest = -(-(high - start) * count // length) - 1
    return np.clip(lowest, 0, count - 1), np.clip(highest, 0, count - 1)


def _max_over(levels: np.ndarray, spans: tuple[np.ndarray, np.ndarray], axis: int) -> np.ndarray:
    """The maximum of ``levels`` over each span of indices along ``axis`` (spans are a few pixels long)."""
    lowest, highest = spans
    out = np.take(levels, lowest, axis=axis)
    for offset in range(1, int((highest - lowest).max(initial=0)) + 1):
        np.maximum(out, np.take(levels, np.minimum(lowest + offset, highest), axis=axis), out=out)
    return out


@dataclass
class AveragedMaps:
    """The mean of several sources' maps of one class (a blending candidates model and its lesion model), made
    at the size a result keeps from each map at its own resolution."""

    maps: tuple[BoxedMap, ...]

    def stored_levels(self, max_side: int = STORED_MAX_SIDE) -> np.ndarray:
        levels = [boxed.stored_levels(max_side).astype(np.float32) for boxed in self.maps]
        return np.round(sum(levels) / len(levels)).astype(np.uint8)
