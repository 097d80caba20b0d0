"""Mask edits stored as small patches (napari's "history atoms"): top-left corner, old values, new values.

Patches are cut on a grid of TILE x TILE tiles and cropped to the pixels that really changed, so undoing a brush
stroke on a 12-megapixel mask copies only the few tiles it crossed. A brush stroke snapshots each tile the first
time a segment touches it, so extending a stroke costs time in proportion to the segment, not the image.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.commands.base import Bounds, Change, Command
from annotations.document import CaseDocument
from annotations.footprint import checked_size, stroke_region
from annotations.fov import inside
from annotations.magic_area import MagicArea
from annotations.raster import Point, Region, clip_bounds, union_bounds
from annotations.wording import join_items

TILE = 256


@dataclass(frozen=True)
class MaskPatch:
    y0: int
    x0: int
    old: np.ndarray
    new: np.ndarray

    @property
    def bounds(self) -> Bounds:
        height, width = self.old.shape
        return self.y0, self.y0 + height, self.x0, self.x0 + width


def diff_patches(old: np.ndarray, new: np.ndarray, y0: int = 0, x0: int = 0) -> list[MaskPatch]:
    """Patches turning ``old`` into ``new`` (placed at y0, x0): one per changed tile, cropped to the change."""
    changed = old != new
    patches = []
    height, width = old.shape
    for ty in range(y0 // TILE * TILE, y0 + height, TILE):
        r0, r1 = max(ty - y0, 0), min(ty + TILE - y0, height)
        for tx in range(x0 // TILE * TILE, x0 + width, TILE):
            c0, c1 = max(tx - x0, 0), min(tx + TILE - x0, width)
            tile = changed[r0:r1, c0:c1]
            rows = np.flatnonzero(tile.any(axis=1))
            if rows.size == 0:
                continue
            cols = np.flatnonzero(tile.any(axis=0))
            a0, a1 = r0 + rows[0], r0 + rows[-1] + 1
            b0, b1 = c0 + cols[0], c0 + cols[-1] + 1
            patches.append(MaskPatch(y0 + int(a0), x0 + int(b0),
                                     old[a0:a1, b0:b1].copy(), new[a0:a1, b0:b1].copy()))
    return patches


def _set_or_clear(view: np.ndarray, where: np.ndarray, bit: int, erase: bool) -> None:
    """Set (or clear) one class bit where ``where`` is True; other classes' bits are left alone."""
    if erase:
        np.bitwise_and(view, np.uint8(~bit & 0xFF), out=view, where=where)
    else:
        np.bitwise_or(view, np.uint8(bit), out=view, where=where)


class MaskEdit(Command):
    """A mask command: computes its patches the first time it is applied, then replays them."""

    def __init__(self) -> None:
        self.patches: list[MaskPatch] | None = None

    def compute(self, doc: CaseDocument) -> list[MaskPatch]:
        """Change ``doc.mask`` in place and return the patches that describe the change; one that fails (memory for
        the patches of a large change) leaves the mask as it was, so that a step fails whole (CommandGroup)."""
        raise NotImplementedError

    def apply(self, doc: CaseDocument) -> list[Change]:
        if self.patches is None:
            self.patches = self.compute(doc)
        else:
            for patch in self.patches:
                y0, y1, x0, x1 = patch.bounds
                doc.mask[y0:y1, x0:x1] = patch.new
        return self._changes()

    def revert(self, doc: CaseDocument) -> list[Change]:
        for patch in reversed(self.patches or []):
            y0, y1, x0, x1 = patch.bounds
            doc.mask[y0:y1, x0:x1] = patch.old
        return self._changes()

    def _changes(self) -> list[Change]:
        region = None
        for patch in self.patches or []:
            region = union_bounds(region, patch.bounds)
        return [] if region is None else [Change("mask", region)]

    @property
    def changed(self) -> bool:
        return bool(self.patches)

    @property
    def nbytes(self) -> int:
        return 256 + sum(128 + patch.old.nbytes + patch.new.nbytes for patch in self.patches or [])


class PaintStroke(MaskEdit):
    """A brush stroke: the footprint of a brush ``size`` pixels across (annotations.footprint) taken through
    ``points`` (image coordinates, see raster.py).

    Built live by the history (``extend`` per mouse move, ``finish`` on release) or applied at once when given
    ``points``. With ``magic`` it is a magic brush: only the pixels that area allows change (the AI's at a
    threshold, annotations.magic_area). With ``limit`` (a bool map the image's size, e.g. the field of view) only
    pixels inside it change.
    """

    def __init__(self, cls: LesionClass, size: int, points: Sequence[Point] = (), erase: bool = False,
                 magic: MagicArea | None = None, limit: np.ndarray | None = None) -> None:
        super().__init__()
        self.cls, self.size, self.erase = cls, checked_size(size), erase
        self.points: list[Point] = list(points)
        self.magic = magic
        self.limit = limit
        verb = ("Magic erase" if erase else "Magic brush") if magic is not None else (
            "Erase" if erase else "Paint")
        self.text = f"{verb} {cls.name}"
        self._snapshots: dict[tuple[int, int], np.ndarray] = {}  # tile -> its values before the stroke
        self._touched: dict[tuple[int, int], Bounds] = {}  # tile -> bounds the stroke touched in it
        self._last: Point | None = None
        self.swept_bits = 0  # an eraser's: the class bits of the pixels it passed over, before it erased them
        self._passed_inside = self._passed_outside = False  # of ``limit``

    def extend(self, doc: CaseDocument, x: float, y: float) -> Bounds | None:
        """Paint from the previous point to (x, y) (a single dab for the first); return the bounds touched."""
        if self.patches is not None:
            raise RuntimeError(f"stroke {self.text!r} is already finished")
        if self.magic is not None and self.magic.mask.shape != doc.mask.shape:
            raise ValueError(f"AI mask {self.magic.mask.shape} does not match mask {doc.mask.shape}")
        start = self._last if self._last is not None else (x, y)
        self._last = (x, y)
        region = stroke_region(doc.mask.shape, start, (x, y), self.size)
        if self.magic is not None and region.mask.size:
            y0, y1, x0, x1 = region.bounds
            region = Region(region.mask & self.magic.crop(y0, y1, x0, x1), y0, x0)
        if self.limit is not None and self.limit.shape == doc.mask.shape:
            limited = inside(region, self.limit)
            self._passed_outside = self._passed_outside or bool((region.mask & ~limited.mask).any())
            self._passed_inside = self._passed_inside or bool(limited.mask.any())
            region = limited
        if not region.mask.size:
            return None
        self._snapshot(doc.mask, region.bounds)
        y0, y1, x0, x1 = region.bounds
        if self.erase:
            self.swept_bits |= int(np.bitwise_or.reduce(doc.mask[y0:y1, x0:x1][region.mask], initial=0))
        _set_or_clear(doc.mask[y0:y1, x0:x1], region.mask, self.cls.bit, self.erase)
        return region.bounds

    @property
    def kept_out(self) -> bool:
        """Whether ``limit`` kept the stroke from every pixel it passed over."""
        return self._passed_outside and not self._passed_inside

    def move_to(self, x: float, y: float) -> None:
        """The next ``extend`` paints from (x, y): the stroke leaves the way from its last point there unpainted."""
        if self.patches is not None:
            raise RuntimeError(f"stroke {self.text!r} is already finished")
        self._last = (x, y)

    def _snapshot(self, mask: np.ndarray, bounds: Bounds) -> None:
        y0, y1, x0, x1 = clip_bounds(bounds, mask.shape)
        for ty in range(y0 // TILE, (y1 - 1) // TILE + 1):
            for tx in range(x0 // TILE, (x1 - 1) // TILE + 1):
                key = (ty, tx)
                if key not in self._snapshots:
                    self._snapshots[key] = mask[ty * TILE:(ty + 1) * TILE, tx * TILE:(tx + 1) * TILE].copy()
                inside = (max(y0, ty * TILE), min(y1, (ty + 1) * TILE),
                          max(x0, tx * TILE), min(x1, (tx + 1) * TILE))
                self._touched[key] = union_bounds(self._touched.get(key), inside)

    def finish(self, doc: CaseDocument) -> None:
        """Turn the tile snapshots into patches of the changed pixels only, and drop the snapshots."""
        patches = []
        for key, (y0, y1, x0, x1) in self._touched.items():
            ty, tx = key[0] * TILE, key[1] * TILE
            old = self._snapshots[key][y0 - ty:y1 - ty, x0 - tx:x1 - tx]
            patches.extend(diff_patches(old, doc.mask[y0:y1, x0:x1], y0, x0))
        self.patches = patches
        self._snapshots.clear()
        self._touched.clear()
        self.magic = self.limit = None  # full-size maps; undo and redo only need the patches

    def cancel(self, doc: CaseDocument) -> Bounds | None:
        """Put back the values from before the stroke; return the bounds restored."""
        region = None
        for key, (y0, y1, x0, x1) in self._touched.items():
            ty, tx = key[0] * TILE, key[1] * TILE
            doc.mask[y0:y1, x0:x1] = self._snapshots[key][y0 - ty:y1 - ty, x0 - tx:x1 - tx]
            region = union_bounds(region, (y0, y1, x0, x1))
        self._snapshots.clear()
        self._touched.clear()
        self._last = None
        return region

    def compute(self, doc: CaseDocument) -> list[MaskPatch]:
        try:
            for x, y in self.points:
                self.extend(doc, x, y)
            self.finish(doc)
        except BaseException:
            self.cancel(doc)
            raise
        return self.patches or []


class FillRegion(MaskEdit):
    """Set (or with ``erase`` clear) one class's bit on the pixels of ``region``.

    ``region`` is a bool array the size of the mask, or a smaller one whose top-left pixel sits at ``offset``
    (row, column), or a raster.Region (which carries its own offset). Parts outside the image are ignored.
    """

    def __init__(self, cls: LesionClass, region: np.ndarray | Region, erase: bool = False,
                 offset: tuple[int, int] = (0, 0), text: str = "") -> None:
        super().__init__()
        if not isinstance(region, Region):
            region = Region(np.asarray(region, dtype=bool), int(offset[0]), int(offset[1]))
        self.cls, self.region, self.erase = cls, region, erase
        self.text = text or (f"Erase {cls.name} region" if erase else f"Fill {cls.name}")

    def compute(self, doc: CaseDocument) -> list[MaskPatch]:
        y0, y1, x0, x1 = clip_bounds(self.region.bounds, doc.mask.shape)
        if y0 >= y1 or x0 >= x1:
            return []
        where = self.region.mask[y0 - self.region.y0:y1 - self.region.y0, x0 - self.region.x0:x1 - self.region.x0]
        view = doc.mask[y0:y1, x0:x1]
        old = view.copy()
        _set_or_clear(view, where, self.cls.bit, self.erase)
        patches = _patches_or_put_back(old, view, y0, x0)
        self.region = Region.empty()  # the patches hold everything undo and redo need
        return patches


class ApplyAIPrediction(MaskEdit):
    """Take the AI mask's bits for ``classes``: replace the reader's bits of those classes, or add to them."""

    def __init__(self, classes: Iterable[LesionClass] = LESION_CLASSES, replace: bool = True) -> None:
        super().__init__()
        self.classes = tuple(classes)
        self.replace = replace
        names = join_items(cls.name for cls in self.classes)
        self.text = "Apply AI prediction" if self.classes == LESION_CLASSES else f"Apply AI {names}"

    def compute(self, doc: CaseDocument) -> list[MaskPatch]:
        if doc.ai is None or doc.ai.mask is None:
            raise ValueError(f"case {doc.case_id} has no AI mask to apply; run the analysis first")
        if doc.ai.mask.shape != doc.mask.shape:
            raise ValueError(f"AI mask {doc.ai.mask.shape} does not match case {doc.case_id} {doc.mask.shape}; "
                             "run the analysis again")
        bits = np.uint8(sum(cls.bit for cls in self.classes))
        old = doc.mask.copy()
        kept = old & ~bits if self.replace else old
        np.bitwise_or(kept, doc.ai.mask & bits, out=doc.mask)
        return _patches_or_put_back(old, doc.mask)


def _patches_or_put_back(old: np.ndarray, view: np.ndarray, y0: int = 0, x0: int = 0) -> list[MaskPatch]:
    """diff_patches of ``view`` changed in place from ``old``; when they cannot be made, ``view`` is ``old`` again."""
    try:
        return diff_patches(old, view, y0, x0)
    except BaseException:
        view[...] = old
        raise
