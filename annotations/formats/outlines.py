"""Polygons around painted regions, for formats that hold shapes rather than pixels (labelme).

A region (8-connected, as the Objects list counts them) becomes the polygon through the centres of its outer
boundary pixels: Moore-neighbour tracing, clockwise from the region's first pixel in reading order, stopped by
Jacob's rule, with the vertices inside straight runs dropped. Vertex (x, y) is pixel column x, row y, as labelme
and PIL read polygon points. Filled the way labelme and our importer fill a polygon (PIL's ImageDraw.polygon,
whose fill includes the edges), the polygon gives the region back exactly, except that a polygon has no holes:
background enclosed by the region comes back painted. So a region with a hole gets no polygon (``has_hole``): the
labelme writer keeps it as a bitmap (annotations.formats.labelme_mask). A region too thin to have three distinct
vertices (a dot, a short line) repeats its vertices: labelme wants at least three points, and the fill still covers
just the region.
"""
from __future__ import annotations

import numpy as np

from annotations.classes import LesionClass
from annotations.raster import Region
from annotations.tools.components import class_components, find_components

Point = tuple[int, int]

# The 8 neighbours clockwise on screen (y grows down): E, SE, S, SW, W, NW, N, NE.
_STEPS: tuple[Point, ...] = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
_WEST = 4
MIN_POLYGON_POINTS = 3


def class_outlines(mask_bits: np.ndarray) -> list[tuple[LesionClass, Region, list[Point] | None]]:
    """Every painted region of a bit-per-class mask, class by class, as (class, its pixels, its polygon in image
    coordinates), the polygon None where the region has a hole."""
    outlines = []
    for cls, component in class_components(mask_bits):
        region = component.region()
        polygon = None if has_hole(region.mask) else [(x + region.x0, y + region.y0) for x, y in outline(region.mask)]
        outlines.append((cls, region, polygon))
    return outlines


def has_hole(region: np.ndarray) -> bool:
    """Whether the region of ``region`` (a bool array) encloses background: pixels outside it from which no path of
    such pixels, in steps up, down, left or right, leads out of the array (the pixels its polygon would paint)."""
    return len(find_components(np.pad(~region, 1, constant_values=True), connectivity=4)) > 1


def outline(region: np.ndarray) -> list[Point]:
    """The polygon (see the module's docstring) around the region of ``region`` (a bool array) that holds its first
    True pixel in reading order, in the array's coordinates; at least three vertices."""
    height, width = region.shape
    stride = width + 2
    padded = np.zeros((height + 2, stride), dtype=bool)  # a background frame: no step leaves the array
    padded[1:-1, 1:-1] = region
    cells = padded.tobytes()  # read one pixel at a time: bytes index far faster than a numpy array
    offsets = [dx + dy * stride for dx, dy in _STEPS]
    start = cells.index(1)
    trace = [start]
    here, came_from, first_step = start, _WEST, None  # the first pixel's west neighbour is background
    while True:
        direction = next((d % 8 for d in range(came_from + 1, came_from + 9) if cells[here + offsets[d % 8]]),
                         None)
        if direction is None or (here == start and direction == first_step):
            break  # a lone pixel, or back at the start about to repeat the first step (Jacob's stopping rule)
        if first_step is None:
            first_step = direction
        here += offsets[direction]
        trace.append(here)
        # The next search starts after the last background neighbour passed over, seen from the new pixel.
        came_from = (direction + 6) % 8 if direction % 2 == 0 else (direction + 5) % 8
    if len(trace) > 1:
        trace.pop()  # the start again
    points = [(index % stride - 1, index // stride - 1) for index in trace]
    corners = _corners(points)
    return (corners * MIN_POLYGON_POINTS)[:max(len(corners), MIN_POLYGON_POINTS)]


def _corners(points: list[Point]) -> list[Point]:
    """``points`` (a closed path of unit steps) without the vertices where the path goes straight on."""
    if len(points) < MIN_POLYGON_POINTS:
        return points
    kept = []
    for index, (x, y) in enumerate(points):
        (px, py), (nx, ny) = points[index - 1], points[(index + 1) % len(points)]
        if (x - px, y - py) != (nx - x, ny - y):
            kept.append((x, y))
    return kept
