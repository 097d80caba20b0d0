"""Region tools: flood fill by colour, lasso, polygon, and "erase this component". Each edit is one FillRegion.

Ctrl with a fill, lasso or polygon removes the class from the region instead of adding it.
"""
from __future__ import annotations

import math

from annotations.classes import LESION_CLASSES
from annotations.commands import FillRegion
from annotations.fov import inside
from annotations.raster import Region, component_at, fill_cut_short, flood_fill, polygon_region, union_regions
from annotations.tools import messages as msg
from annotations.tools.base import Tool
from annotations.tools.context import ToolContext, ToolUnavailable, refuse_ai_only

MIN_LASSO_STEP = 0.75  # image pixels between recorded lasso points; finer adds nothing but work


class FillTool(Tool):
    """Click a lesion: the pixels joined to the clicked one whose colour is within the tolerance get the class.
    A fill that reached the side of the square it looks in keeps its step and says so (ToolUnavailable)."""

    name, text = "fill", "Fill"

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        image = self.context.image()
        if image is None:
            raise ToolUnavailable(msg.STILL_LOADING)
        settings = self.settings
        filled = flood_fill(image, x, y, settings.tolerance, max_radius=settings.fill_window)
        region = inside(filled, self.context.painting_limit(ctrl))
        if region.is_empty:
            return
        verb = "Unfill" if ctrl else "Fill"
        self.history.execute(FillRegion(settings.cls, region, erase=ctrl,
                                        text=f"{verb} {settings.cls.name} (tolerance {settings.tolerance})"))
        if fill_cut_short(filled, x, y, image.shape, settings.fill_window):  # said, or an optic disc gets flat sides
            raise ToolUnavailable(msg.FILL_CUT_SHORT.format(radius=settings.fill_window))


class EraseComponentTool(Tool):
    """Click a painted lesion to remove all of it (its connected pixels of one class).

    The selected class is tried first; when the pixel does not have it, the first class it does have is used,
    so clearing stray blobs needs no class switching. Only classes the view shows: a click on an exudate over a
    haemorrhage hidden from view erased the haemorrhage, unseen, and left the exudate.
    """

    name, text = "erase_component", "Erase component"

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        doc = self.context.doc
        row, col = math.floor(y), math.floor(x)
        if not (0 <= row < doc.height and 0 <= col < doc.width):
            return
        value = int(doc.mask[row, col])
        order = [self.settings.cls] + [cls for cls in LESION_CLASSES if cls != self.settings.cls]
        cls = next((c for c in order if value & c.bit and self.context.shown(c)), None)
        if cls is None:
            refuse_ai_only(doc, x, y, 1, order)
            return
        region = component_at(doc.class_mask(cls), x, y).cropped()
        self.history.execute(FillRegion(cls, region, erase=True, text=f"Erase {cls.name} component"))


class _OutlineTool(Tool):
    """Shared by lasso and polygon: collect an outline, fill its inside."""

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.points: list[tuple[float, float]] = []
        self._erase = False

    @property
    def busy(self) -> bool:
        return bool(self.points)

    def preview_points(self) -> list[tuple[float, float]]:
        """The outline drawn so far (the polygon adds the pointer as its rubber-band end)."""
        return list(self.points)

    def cancel(self) -> None:
        self.points = []

    @property
    def can_take_back(self) -> bool:
        """The outline being drawn: Ctrl+Z takes it back (Tool.take_back)."""
        return self.busy

    def _outlines(self) -> list[list[tuple[float, float]]]:
        """Every outline to fill, as one step."""
        return [self.points]

    def _finish(self) -> None:
        outlines = self._outlines()
        self.cancel()
        doc = self.context.doc
        drawn = union_regions([polygon_region(doc.mask.shape, points) for points in outlines])
        region: Region = inside(drawn, self.context.painting_limit(self._erase))
        if region.is_empty:
            return
        cls = self.settings.cls
        verb = "Remove" if self._erase else "Fill"
        self.history.execute(FillRegion(cls, region, erase=self._erase,
                                        text=f"{verb} {cls.name} {self.text.lower()}"))


class LassoTool(_OutlineTool):
    name, text = "lasso", "Lasso"

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.closed: list[list[tuple[float, float]]] = []  # the parts a zoom closed, filled with the last

    def cancel(self) -> None:
        super().cancel()
        self.closed = []

    def _outlines(self) -> list[list[tuple[float, float]]]:
        return [*self.closed, self.points]

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        self.points = [(x, y)]
        self._erase = ctrl

    def drag(self, x: float, y: float) -> None:
        super().drag(x, y)
        if self.points and math.dist(self.points[-1], (x, y)) >= MIN_LASSO_STEP:
            self.points.append((x, y))

    def jump(self, x: float, y: float, travelled: bool = False) -> None:
        """The outline is the pointer's way over the photo, so a pan extends it as a drag does: where the photo moves
        with the pointer the pointer stays over one point and nothing is added; where it cannot (a photo that fits
        the canvas, one at its edge) the outline follows the pointer rather than cut straight across to where the
        pan left it. A zoom has no way between: the part drawn so far is closed as a release would close it, and a
        new part begins under the pointer, as a brush stroke goes on there; the parts are filled together, one
        step."""
        if travelled or not self.points:
            self.drag(x, y)
            return
        self.pointer = (x, y)
        if len(self.points) >= 3:  # fewer outline nothing (a zoom right after the press)
            self.closed.append(self.points)
        self.points = [(x, y)]

    def release(self, x: float, y: float) -> None:
        super().release(x, y)
        if self.points:
            self.drag(x, y)
            self._finish()

    def key(self, name: str) -> bool:
        if name == "Escape" and self.points:
            self.cancel()
            return True
        return False


class PolygonTool(_OutlineTool):
    """Click the corners; click the first corner again (or press Enter) to fill, Backspace drops the last
    corner, Escape gives up. ``close_distance`` (image pixels) is how near the first corner counts as on it;
    the canvas adapter sets it from the zoom so it is a constant size on screen."""

    name, text = "polygon", "Polygon"

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.close_distance = 6.0

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        if not self.points:
            self._erase = ctrl
        elif len(self.points) >= 3 and math.dist(self.points[0], (x, y)) <= self.close_distance:
            self._finish()
            return
        self.points.append((x, y))

    def preview_points(self) -> list[tuple[float, float]]:
        return self.points + [self.pointer] if self.points and self.pointer else list(self.points)

    def take_back(self) -> bool:
        """The last corner, as Backspace (labelme's Ctrl+Z while a polygon is drawn): corners clicked one by one are
        taken back one by one."""
        return self.key("Backspace")

    def key(self, name: str) -> bool:
        if not self.points:
            return False
        if name in ("Return", "Enter"):
            self._finish()
        elif name == "Backspace":
            self.points.pop()
        elif name == "Escape":
            self.cancel()
        else:
            return False
        return True
