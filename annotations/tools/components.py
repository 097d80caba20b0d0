"""Connected components of a binary mask with numpy alone (no OpenCV in annotations/), and boxes from them.

The mask is cut into horizontal runs; runs on neighbouring rows that touch are joined with a vectorised
union-find (min-label propagation with pointer jumping), so the cost follows the number of runs, not pixels.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Sequence

import numpy as np

from annotations.classes import ALL_CLASSES, LESION_CLASSES, LesionClass
from annotations.commands import AddBoxes
from annotations.document import Box
from annotations.history import History
from annotations.raster import Bounds, Region, horizontal_runs, nonzero_pixels, pixel_runs
from annotations.tools.boxes import MIN_SIZE as MIN_BOX_SIDE


@dataclass(frozen=True)
class Component:
    """One connected component, as its runs: pixels row, start:end (end exclusive)."""

    rows: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    @property
    def area(self) -> int:
        return int((self.ends - self.starts).sum())

    @cached_property  # asked for by region() and by every caller
    def bounds(self) -> Bounds:
        return (int(self.rows.min()), int(self.rows.max()) + 1, int(self.starts.min()), int(self.ends.max()))

    def region(self) -> Region:
        y0, y1, x0, x1 = self.bounds
        out = np.zeros((y1 - y0, x1 - x0), dtype=bool)
        for row, start, end in zip((self.rows - y0).tolist(), (self.starts - x0).tolist(),
                                   (self.ends - x0).tolist()):
            out[row, start:end] = True
        return Region(out, y0, x0)

    def box(self, cls: LesionClass, **fields: object) -> Box:
        """The component's VOC box (inclusive xmax/ymax)."""
        y0, y1, x0, x1 = self.bounds
        return Box(cls, x0, y0, x1 - 1, y1 - 1, **fields)


def find_components(mask: np.ndarray, connectivity: int = 8, min_area: int = 1) -> list[Component]:
    """Connected components of the True pixels of ``mask``, in reading order of their first pixel."""
    mask = np.asarray(mask, dtype=bool)
    return components_of_runs(*horizontal_runs(mask), mask.shape[1], connectivity, min_area)


def components_of_runs(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, width: int, connectivity: int = 8,
                       min_area: int = 1) -> list[Component]:
    """``find_components`` of a mask ``width`` wide given as its horizontal runs (raster.horizontal_runs)."""
    if connectivity not in (4, 8):
        raise ValueError(f"connectivity must be 4 or 8, not {connectivity}")
    count = rows.size
    if count == 0:
        return []
    stride = width + 2  # row-major keys keep runs sorted by (row, column)
    slack = 1 if connectivity == 8 else 0
    start_keys = rows * stride + starts
    end_keys = rows * stride + ends
    # Runs on the next row overlapping [start - slack, end + slack) form a contiguous slice of the sorted runs.
    lo = np.searchsorted(end_keys, (rows + 1) * stride + starts - slack, side="right")
    hi = np.searchsorted(start_keys, (rows + 1) * stride + ends + slack, side="left")
    links = np.maximum(hi - lo, 0)
    a = np.repeat(np.arange(count), links)
    b = lo.repeat(links) + (np.arange(links.sum()) - np.repeat(np.cumsum(links) - links, links))
    parent = np.arange(count)
    while a.size:
        low = np.minimum(parent[a], parent[b])
        np.minimum.at(parent, parent[a], low)
        np.minimum.at(parent, parent[b], low)
        while True:  # pointer jumping: every run points at its root
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
        if np.array_equal(parent[a], parent[b]):
            break
    order = np.argsort(parent, kind="stable")
    _, first = np.unique(parent[order], return_index=True)
    components = []
    for group in np.split(order, first[1:]):
        component = Component(rows[group], starts[group], ends[group])
        if component.area >= min_area:
            components.append(component)
    return components


def class_components(mask_bits: np.ndarray) -> list[tuple[LesionClass, Component]]:
    """Each class's 8-connected regions of a bit-per-class mask, class by class (MA first), each class's in reading
    order: the painted objects of a case. One pass over the mask finds every class's pixels; each class's runs are
    cut from those alone."""
    width = mask_bits.shape[1]
    flat = nonzero_pixels(mask_bits)
    values = mask_bits.ravel()[flat]
    present = int(np.bitwise_or.reduce(values)) if values.size else 0
    return [(cls, component) for cls in ALL_CLASSES if present & cls.bit
            for component in components_of_runs(*pixel_runs(flat[(values & cls.bit) != 0], width), width)]


def boxes_from_mask(mask_bits: np.ndarray, classes: Iterable[LesionClass] = LESION_CLASSES,
                    min_area: int = 1) -> list[Box]:
    """One reader box per connected component of each class's mask bit."""
    return [component.box(cls) for cls in classes
            for component in find_components((mask_bits & cls.bit) != 0, min_area=min_area)]


def add_boxes_from_masks(history: History, classes: Sequence[LesionClass] = LESION_CLASSES,
                         min_area: int = 1) -> int:
    """Add a box for every mask component that has no box of its class with the same corners yet; one undo
    step. Components narrower than the box tool draws (eraser leftovers) get none. Returns how many boxes were
    added."""
    existing = {(box.label, box.coords()) for box in history.doc.boxes}
    new = [box for box in boxes_from_mask(history.doc.mask, classes, min_area)
           if (box.label, box.coords()) not in existing
           and min(box.xmax - box.xmin, box.ymax - box.ymin) + 1 >= MIN_BOX_SIDE]
    if new:  # one command, so one change: a box each redrew every box on the canvas (203 boxes froze it 1-2 s)
        history.execute(AddBoxes(new, f"Boxes from masks ({len(new)})"))
    return len(new)
