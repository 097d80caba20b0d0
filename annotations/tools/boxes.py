"""The box tool, the labelImg way: drag on empty image to draw a box of the selected class, click a box to
select it, drag inside to move it, drag a handle to resize it (the selected box's corners and edges, any other box's
corners); Delete removes it, ``set_class`` relabels it (an explicit action: picking the class for the next box does
not), arrows nudge it by a pixel, ``toggle_difficult`` flips its VOC "difficult" flag, ``duplicate_selected`` copies
it (annotations.tools.box_copies).

Geometry: a VOC box's xmax/ymax are inclusive pixel indices, so its frame in image coordinates runs from
(xmin, ymin) to (xmax + 1, ymax + 1). A move or resize drag is one undo step.
"""
from __future__ import annotations

import math

from annotations.classes import LesionClass
from annotations.commands import AddBox, DeleteBox, RelabelBox, SetBoxFlags, SetBoxGeometry
from annotations.document import Box
from annotations.raster import nearest_pixel
from annotations.tools import messages as msg
from annotations.tools.base import Tool
from annotations.tools.box_copies import duplicate_box
from annotations.tools.context import ToolContext, ToolUnavailable

HANDLES = ("nw", "n", "ne", "e", "se", "s", "sw", "w")
CORNERS = frozenset({"nw", "ne", "se", "sw"})  # the handles of a box not selected (labelImg's vertices)
MIN_SIZE = 2  # pixels; a smaller drag is a click
NUDGE = {"Left": (-1, 0), "Right": (1, 0), "Up": (0, -1), "Down": (0, 1)}
Frame = tuple[float, float, float, float]  # left, top, right, bottom in image coordinates


def frame(box: Box) -> Frame:
    return box.xmin, box.ymin, box.xmax + 1, box.ymax + 1


def handle_points(box: Box) -> dict[str, tuple[float, float]]:
    left, top, right, bottom = frame(box)
    mx, my = (left + right) / 2, (top + bottom) / 2
    return {"nw": (left, top), "n": (mx, top), "ne": (right, top), "e": (right, my),
            "se": (right, bottom), "s": (mx, bottom), "sw": (left, bottom), "w": (left, my)}


def hit_handle(box: Box, x: float, y: float, tolerance: float) -> str | None:
    """The handle of ``box`` nearest to (x, y) within ``tolerance``; None when none is.

    On a small box the reach shrinks to a quarter of its shorter side, so its middle still grabs the whole box.
    """
    left, top, right, bottom = frame(box)
    reach = min(tolerance, max(min(right - left, bottom - top) / 4, 0.5))
    distance, name = min((math.dist(point, (x, y)), name) for name, point in handle_points(box).items())
    return name if distance <= reach else None


def _area(box: Box) -> int:
    return (box.xmax - box.xmin + 1) * (box.ymax - box.ymin + 1)


def contains(box: Box, x: float, y: float) -> bool:
    left, top, right, bottom = frame(box)
    return left <= x < right and top <= y < bottom


def frame_to_coords(left: float, top: float, right: float, bottom: float, width: int, height: int
                    ) -> tuple[int, int, int, int]:
    """VOC corners (inclusive) of a frame, clipped to the image; corners in any order. Each side goes to the nearest
    pixel corner, halves up: round() sent halves to the even corner, so at 200 % an odd one was under one screen
    pixel in four."""
    left, right = sorted((left, right))
    top, bottom = sorted((top, bottom))
    xmin = min(max(nearest_pixel(left), 0), width - 1)
    ymin = min(max(nearest_pixel(top), 0), height - 1)
    xmax = min(max(nearest_pixel(right) - 1, xmin), width - 1)
    ymax = min(max(nearest_pixel(bottom) - 1, ymin), height - 1)
    return xmin, ymin, xmax, ymax


def _at_least_min_size(low: int, high: int, size: int) -> tuple[int, int]:
    """Inclusive ``low..high`` widened to MIN_SIZE pixels within ``0..size - 1``: a handle dropped on or past the
    opposite edge left a one-pixel box, smaller than any drawn one."""
    if high - low + 1 >= MIN_SIZE or size < MIN_SIZE:
        return low, high
    high = min(low + MIN_SIZE - 1, size - 1)
    return high - MIN_SIZE + 1, high


def shift_within(coords: tuple[int, int, int, int], dx: int, dy: int, width: int, height: int) -> tuple[int, int]:
    """``(dx, dy)`` stopped at the border of a ``width`` x ``height`` image for a box at ``coords`` (inclusive
    corners). A box that already reaches past the last column or row (xmax == width, as VOC files from labelImg and
    CODRAS say) stays there rather than being pushed back: a nudge right must not move it left, nor one down move
    it sideways."""
    xmin, ymin, xmax, ymax = coords
    return (min(max(dx, min(-xmin, 0)), max(width - 1 - xmax, 0)),
            min(max(dy, min(-ymin, 0)), max(height - 1 - ymax, 0)))


class BoxTool(Tool):
    name, text = "box", "Box"

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.handle_tolerance = 5.0  # image pixels; the adapter sets it from the zoom
        self._selected: str | None = None
        self._drag: str | None = None  # "draw", "move" or a handle name
        self._anchor: tuple[float, float] = (0.0, 0.0)
        self._start: tuple[int, int, int, int] = (0, 0, 0, 0)
        self._grouped = False
        self.draft: Frame | None = None  # the box being drawn, for the rubber band

    # -- selection -----------------------------------------------------------------------------------------
    @property
    def selected(self) -> Box | None:
        """The selected box, if it still exists (an undo may have removed it) and the view shows it."""
        if self._selected is None:
            return None
        for box in self._shown_boxes():
            if box.uid == self._selected:
                return box
        return None

    def _shown_boxes(self) -> list[Box]:
        """The boxes the view shows. A hidden one (View ▸ Show boxes, or its class, off) is neither selected nor
        grabbed: its frame stayed on screen, and a drag meant to draw a box moved it unseen."""
        if not self.context.boxes_shown():
            return []
        return [box for box in self.context.doc.boxes if self.context.shown(box.label)]

    def select(self, uid: str | None) -> None:
        self._selected = uid

    def box_at(self, x: float, y: float) -> Box | None:
        """The box under (x, y): the selected one first, else the smallest (small lesions sit in big ones)."""
        selected = self.selected
        if selected is not None and (contains(selected, x, y) or
                                     hit_handle(selected, x, y, self.handle_tolerance)):
            return selected
        under = [box for box in self._shown_boxes() if contains(box, x, y)]
        return min(under, key=_area) if under else None

    def handle_at(self, x: float, y: float) -> tuple[Box, str] | None:
        """The box handle a press at (x, y) grabs: the selected box's, else the nearest corner of any box, as
        labelImg grabs the corner under the pointer without a click to select its box first."""
        selected = self.selected
        if selected is not None:
            handle = hit_handle(selected, x, y, self.handle_tolerance)
            if handle:
                return selected, handle
        corners = [(math.dist(handle_points(box)[handle], (x, y)), box, handle) for box in self._shown_boxes()
                   if (handle := hit_handle(box, x, y, self.handle_tolerance)) in CORNERS]
        if not corners:
            return None
        _, box, handle = min(corners, key=lambda hit: (hit[0], _area(hit[1])))
        return box, handle

    def hover_target(self, x: float, y: float) -> str | None:
        """What a press at (x, y) would grab: a handle name, "move", or None (draw a new box)."""
        grabbed = self.handle_at(x, y)
        if grabbed is not None:
            return grabbed[1]
        return "move" if self.box_at(x, y) is not None else None

    # -- mouse ---------------------------------------------------------------------------------------------
    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        self._anchor = (x, y)
        target = self.hover_target(x, y)
        if target is None:
            self._selected = None
            self._drag = "draw"
            self.draft = (x, y, x, y)
            return
        grabbed = self.box_at(x, y) if target == "move" else self.handle_at(x, y)[0]  # type: ignore[index]
        self._selected = grabbed.uid  # type: ignore[union-attr]  # hover_target found it
        self._drag = target
        self._start = self.selected.coords()  # type: ignore[union-attr]

    def drag(self, x: float, y: float) -> None:
        super().drag(x, y)
        if self._drag == "draw":
            self.draft = (*self._anchor, x, y)
        elif self._drag is not None and self.selected is not None:
            coords = self._dragged_coords(x, y)
            if coords != self.selected.coords():
                if not self._grouped:
                    self.history.begin_group("Move box" if self._drag == "move" else "Resize box")
                    self._grouped = True
                self.history.execute(SetBoxGeometry(self._selected, *coords))

    def release(self, x: float, y: float) -> None:
        super().release(x, y)
        try:
            if self._drag == "draw":
                self._add_drawn(x, y)
        finally:
            self._end_drag()

    def _add_drawn(self, x: float, y: float) -> None:
        """Add the box drawn from the anchor to (x, y); one smaller than MIN_SIZE is none, and a thin one (a line at
        least MIN_SIZE long) raises ToolUnavailable saying so: a thin microaneurysm's box vanished unseen (at 3200 %
        too: the size is in image pixels); a click, or a drag within one pixel, is no box, unsaid."""
        self.draft = None
        doc = self.context.doc
        xmin, ymin, xmax, ymax = frame_to_coords(*self._anchor, x, y, doc.width, doc.height)
        width, height = xmax - xmin + 1, ymax - ymin + 1
        if width < MIN_SIZE or height < MIN_SIZE:
            if max(width, height) >= MIN_SIZE:
                raise ToolUnavailable(msg.BOX_TOO_SMALL.format(width=width, height=height, least=MIN_SIZE))
            return
        box = Box(self.settings.cls, xmin, ymin, xmax, ymax)
        self.history.execute(AddBox(box))
        self._selected = box.uid

    def _dragged_coords(self, x: float, y: float) -> tuple[int, int, int, int]:
        doc = self.context.doc
        xmin, ymin, xmax, ymax = self._start
        dx, dy = x - self._anchor[0], y - self._anchor[1]
        if self._drag == "move":
            # Keep the size; stop at the image border.
            dx, dy = shift_within((xmin, ymin, xmax, ymax), nearest_pixel(dx), nearest_pixel(dy),
                                  doc.width, doc.height)
            return xmin + dx, ymin + dy, xmax + dx, ymax + dy
        left, top, right, bottom = xmin, ymin, xmax + 1, ymax + 1
        handle = self._drag or ""
        if "w" in handle:
            left += dx
        if "e" in handle:
            right += dx
        if "n" in handle:
            top += dy
        if "s" in handle:
            bottom += dy
        xmin, ymin, xmax, ymax = frame_to_coords(left, top, right, bottom, doc.width, doc.height)
        xmin, xmax = _at_least_min_size(xmin, xmax, doc.width)
        ymin, ymax = _at_least_min_size(ymin, ymax, doc.height)
        return xmin, ymin, xmax, ymax

    def _end_drag(self) -> None:
        self._drag = None
        self.draft = None
        if self._grouped:
            self._grouped = False
            self.history.end_group()

    @property
    def busy(self) -> bool:
        return self._drag is not None

    def cancel(self) -> None:
        """Abandon a drag: a half-drawn box vanishes, a half-done move or resize is put back (no step: what redo
        offered stays)."""
        try:
            if self._grouped:
                self._grouped = False
                self.history.cancel_group()
        finally:  # a move that cannot be put back is a step to undo (History.cancel_group): the drag is over either way
            self._end_drag()

    @property
    def can_take_back(self) -> bool:
        """A box being drawn, moved or resized: Ctrl+Z takes it back (Tool.take_back)."""
        return self.busy

    # -- keys and commands -----------------------------------------------------------------------------------
    def key(self, name: str) -> bool:
        box = self.selected
        if name == "Escape":
            if self.busy:
                self.cancel()
            elif box is not None:
                self._selected = None
            else:
                return False
            return True
        if box is None or self.busy:
            return False
        if name in ("Delete", "Backspace"):
            self.delete_selected()
        elif name in NUDGE:
            doc = self.context.doc
            dx, dy = shift_within((box.xmin, box.ymin, box.xmax, box.ymax), *NUDGE[name], doc.width, doc.height)
            if dx or dy:
                self.history.execute(SetBoxGeometry(box.uid, box.xmin + dx, box.ymin + dy,
                                                    box.xmax + dx, box.ymax + dy))
        else:
            return False
        return True

    def delete_selected(self) -> bool:
        box = self.selected
        if box is None:
            return False
        self.history.execute(DeleteBox(box.uid))  # still its uid: an undo brings it back selected, as it went
        return True

    def set_class(self, cls: LesionClass) -> bool:
        """Relabel the selected box (True), or do nothing when none is selected or it already has ``cls``."""
        box = self.selected
        if box is None or box.label == cls:
            return False
        self.history.execute(RelabelBox(box.uid, cls))
        return True

    def toggle_difficult(self) -> bool:
        box = self.selected
        if box is None:
            return False
        self.history.execute(SetBoxFlags(box.uid, difficult=not box.difficult))
        return True

    def duplicate_selected(self, offset: int) -> bool:
        """Copy the selected box ``offset`` pixels off it, as one step, and select the copy; False when none is
        selected (or a drag is under way)."""
        box = self.selected
        if box is None or self.busy:
            return False
        self._selected = duplicate_box(self.history, box, offset).uid
        return True
