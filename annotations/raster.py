"""Pure numpy/Pillow rasterisation for the editing tools: polygons, flood fill, components (the brush: footprint.py).

Coordinates are continuous image coordinates (x right, y down) in which pixel (row, col) covers
[col, col + 1) x [row, row + 1), so its centre is (col + 0.5, row + 0.5) — the same mapping a canvas uses
when image pixels sit at scene units. Every helper works on the bounding box of what it touches, never on the
whole image, and returns a ``Region``: a bool mask cropped to that box plus the box's top-left corner.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

Point = tuple[float, float]
Bounds = tuple[int, int, int, int]  # (y0, y1, x0, x1), y1 and x1 exclusive


def nearest_pixel(value: float) -> int:
    """The nearest whole coordinate (a pixel corner), halves up (12.5 -> 13) whatever their sign: as the label
    formats' own tools draw them, and evenly (round() sends halves to the even number)."""
    return int(math.floor(value + 0.5))


@dataclass(frozen=True)
class Region:
    """Selected pixels: ``mask`` (bool) covers rows y0..y0+h and columns x0..x0+w of the image."""

    mask: np.ndarray
    y0: int = 0
    x0: int = 0

    @classmethod
    def empty(cls) -> Region:
        return cls(np.zeros((0, 0), dtype=bool))

    @property
    def bounds(self) -> Bounds:
        height, width = self.mask.shape
        return self.y0, self.y0 + height, self.x0, self.x0 + width

    @property
    def is_empty(self) -> bool:
        return not self.mask.any()

    def cropped(self) -> Region:
        """The same selection cropped to the bounding box of its True pixels."""
        rows = np.flatnonzero(self.mask.any(axis=1))
        if rows.size == 0:
            return Region.empty()
        cols = np.flatnonzero(self.mask.any(axis=0))
        r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        return Region(self.mask[r0:r1, c0:c1], self.y0 + int(r0), self.x0 + int(c0))

    def or_into(self, bits: np.ndarray, value: int) -> None:
        """``value`` ORed into ``bits`` (a bit-per-class mask the image's size) at the selected pixels, which lie
        inside it (a label file's shape, checked or clipped)."""
        y0, y1, x0, x1 = self.bounds
        bits[y0:y1, x0:x1][self.mask] |= np.asarray(value, dtype=bits.dtype)

    def to_full(self, shape: tuple[int, int]) -> np.ndarray:
        """A full-size bool mask of ``shape`` (the part outside the image is dropped)."""
        full = np.zeros(shape, dtype=bool)
        y0, y1, x0, x1 = clip_bounds(self.bounds, shape)
        if y0 < y1 and x0 < x1:
            full[y0:y1, x0:x1] = self.mask[y0 - self.y0:y1 - self.y0, x0 - self.x0:x1 - self.x0]
        return full


def clip_bounds(bounds: Bounds, shape: tuple[int, int]) -> Bounds:
    y0, y1, x0, x1 = bounds
    height, width = shape[:2]
    return max(y0, 0), min(y1, height), max(x0, 0), min(x1, width)


def union_bounds(a: Bounds | None, b: Bounds | None) -> Bounds | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])


def union_regions(regions: Sequence[Region]) -> Region:
    """The pixels selected by any of ``regions``, on the box round them all."""
    regions = [region for region in regions if region.mask.size]
    if len(regions) < 2:
        return regions[0] if regions else Region.empty()
    box = None
    for region in regions:
        box = union_bounds(box, region.bounds)
    y0, y1, x0, x1 = box
    mask = np.zeros((y1 - y0, x1 - x0), dtype=bool)
    for region in regions:
        ry0, ry1, rx0, rx1 = region.bounds
        mask[ry0 - y0:ry1 - y0, rx0 - x0:rx1 - x0] |= region.mask
    return Region(mask, y0, x0)


def polygon_region(shape: tuple[int, int], points: Sequence[Point]) -> Region:
    """Pixels inside the polygon (lasso / polygon tool), rasterised by Pillow on the polygon's bounding box."""
    if len(points) < 3:
        return Region.empty()
    xs = np.array([p[0] for p in points], dtype=np.float64)
    ys = np.array([p[1] for p in points], dtype=np.float64)
    y0, y1, x0, x1 = clip_bounds((int(np.floor(ys.min())), int(np.ceil(ys.max())) + 1,
                                  int(np.floor(xs.min())), int(np.ceil(xs.max())) + 1), shape)
    if y0 >= y1 or x0 >= x1:
        return Region.empty()
    canvas = Image.new("1", (x1 - x0, y1 - y0), 0)
    # Pillow puts pixel centres on integer coordinates; ours are at +0.5.
    vertices = [(float(x) - x0 - 0.5, float(y) - y0 - 0.5) for x, y in zip(xs, ys)]
    ImageDraw.Draw(canvas).polygon(vertices, fill=1, outline=1)
    return Region(np.array(canvas, dtype=bool), y0, x0)


def component_at(mask: np.ndarray, x: float, y: float, connectivity: int = 8) -> Region:
    """The connected component of the True pixels of ``mask`` containing point (x, y) ("erase this component").

    Works on horizontal runs of pixels, so the cost follows the number of runs, not of pixels. Returns an empty
    region when the point is outside the image or on a False pixel.
    """
    if connectivity not in (4, 8):
        raise ValueError(f"connectivity must be 4 or 8, not {connectivity}")
    row, col = int(np.floor(y)), int(np.floor(x))
    height, width = mask.shape
    if not (0 <= row < height and 0 <= col < width) or not mask[row, col]:
        return Region.empty()
    rows, starts, ends = (a.tolist() for a in horizontal_runs(mask))
    row_first = np.searchsorted(rows, np.arange(height + 1)).tolist()  # runs of row r: row_first[r]:[r + 1]
    slack = 1 if connectivity == 8 else 0
    seed = bisect_right(ends, col, row_first[row], row_first[row + 1])
    seen = bytearray(len(rows))
    seen[seed] = 1
    todo = [seed]
    while todo:
        run = todo.pop()
        for neighbour_row in (rows[run] - 1, rows[run] + 1):
            if not 0 <= neighbour_row < height:
                continue
            lo, hi = row_first[neighbour_row], row_first[neighbour_row + 1]
            # Runs in a row are sorted and disjoint: those overlapping [start - slack, end + slack) are contiguous.
            for other in range(bisect_right(ends, starts[run] - slack, lo, hi),
                               bisect_left(starts, ends[run] + slack, lo, hi)):
                if not seen[other]:
                    seen[other] = 1
                    todo.append(other)
    picked = np.flatnonzero(np.frombuffer(seen, dtype=np.uint8))
    picked_rows = np.asarray(rows)[picked]
    picked_starts = np.asarray(starts)[picked]
    picked_ends = np.asarray(ends)[picked]
    y0, y1 = int(picked_rows.min()), int(picked_rows.max()) + 1
    x0, x1 = int(picked_starts.min()), int(picked_ends.max())
    out = np.zeros((y1 - y0, x1 - x0), dtype=bool)
    for r, a, b in zip((picked_rows - y0).tolist(), (picked_starts - x0).tolist(), (picked_ends - x0).tolist()):
        out[r, a:b] = True
    return Region(out, y0, x0)


def horizontal_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Horizontal runs of True pixels as (row, start column, end column exclusive), sorted by row then start."""
    return pixel_runs(nonzero_pixels(mask), mask.shape[1])


def nonzero_pixels(mask: np.ndarray) -> np.ndarray:
    """np.flatnonzero(mask) (ascending row-major indices) four times faster on a sparse mask: eight pixels are
    looked at as one 64-bit word, and only the words that are not zero are looked into."""
    flat = np.ascontiguousarray(mask).ravel()
    if flat.dtype == bool:
        flat = flat.view(np.uint8)
    if flat.itemsize != 1:
        return np.flatnonzero(flat)
    whole = flat.size // 8 * 8
    words = np.flatnonzero(flat[:whole].view(np.uint64))
    candidates = (words[:, None] * 8 + np.arange(8)).ravel()
    return np.concatenate([candidates[flat[candidates] != 0], whole + np.flatnonzero(flat[whole:])])


def pixel_runs(flat: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``horizontal_runs`` of the pixels at ``flat``, ascending row-major indices into an image ``width`` wide.
    The cost follows the number of pixels, not the image's size: one flatnonzero pass over a 12 MP mask serves
    every class (annotations.objects)."""
    if not flat.size:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, empty
    rows, cols = np.divmod(flat, width)
    starts_run = np.empty(flat.size, dtype=bool)
    starts_run[0] = True
    starts_run[1:] = (np.diff(flat) != 1) | (cols[1:] == 0)  # a gap, or a new row
    first = np.flatnonzero(starts_run)
    last = np.append(first[1:], flat.size) - 1
    return rows[first], cols[first], cols[last] + 1


def _fill_window(shape: tuple[int, int], row: int, col: int, max_radius: int | None) -> Bounds:
    """Where a flood fill from (row, col) looks: the square of ``max_radius`` around it inside the image."""
    if max_radius is None:
        return 0, shape[0], 0, shape[1]
    return clip_bounds((row - max_radius, row + max_radius + 1, col - max_radius, col + max_radius + 1), shape)


def fill_cut_short(region: Region, x: float, y: float, shape: tuple[int, int], max_radius: int | None) -> bool:
    """Whether ``region``, filled from (x, y) with ``max_radius``, reaches a side of its search square that lies
    inside the image: what it selected may go on past where the fill looked."""
    if max_radius is None or region.is_empty:
        return False
    y0, y1, x0, x1 = _fill_window(shape[:2], int(np.floor(y)), int(np.floor(x)), max_radius)
    r0, r1, c0, c1 = region.cropped().bounds
    height, width = shape[:2]
    return (r0 == y0 > 0) or (r1 == y1 < height) or (c0 == x0 > 0) or (c1 == x1 < width)


def flood_fill(image: np.ndarray, x: float, y: float, tolerance: int, connectivity: int = 4,
               max_radius: int | None = None) -> Region:
    """Pixels connected to (x, y) whose colour differs from the seed's by at most ``tolerance`` in every channel.

    ``image`` is (H, W) or (H, W, C) uint8. ``max_radius`` limits the search to a square window around the seed,
    which keeps a fill on a large photograph interactive.
    """
    row, col = int(np.floor(y)), int(np.floor(x))
    height, width = image.shape[:2]
    if not (0 <= row < height and 0 <= col < width):
        return Region.empty()
    y0, y1, x0, x1 = _fill_window((height, width), row, col, max_radius)
    window = image[y0:y1, x0:x1]
    if window.ndim == 2:
        window = window[:, :, None]
    similar = np.ones(window.shape[:2], dtype=bool)
    for channel, seed in enumerate(np.atleast_1d(image[row, col]).tolist()):
        # Compare in uint8 against the clamped range: no widened copy of a large photograph.
        values = window[:, :, channel]
        similar &= (values >= max(seed - tolerance, 0)) & (values <= min(seed + tolerance, 255))
    found = component_at(similar, col - x0 + 0.5, row - y0 + 0.5, connectivity)
    return Region(found.mask, found.y0 + y0, found.x0 + x0)
