"""Ruler and area tools: a length or an area on the image, in pixels and, where the case has a scale, in µm and
mm². An OCT scan's scale is the pixel size its file records (a DICOM header's Pixel Spacing, a B-scan's rows and
columns apart); a photo's the one its findings rest on, which its lesion areas in the findings and the report use
too: a calibrated camera's recorded size (photo_mm_per_px), else the analysis's estimate (from the optic disc or the
field of view).

A measurement is a look, not a label: it lives in the tool only, never enters the case document, its history or
its files, and goes away with Escape, another measurement, another tool or another case.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import CaseDocument, Modality
from annotations.pixel_spacing import RECORDED_SCALE_SOURCE, PixelSpacing, Point, photo_mm_per_px
from annotations.raster import component_at
from annotations.tools.base import Tool
from annotations.tools.boxes import contains, frame
from annotations.tools.context import ToolContext

# Scale.source without a scale, for a B-scan: no analysis finds one, only its file could have recorded it
UNRECORDED_SCALE = "not recorded in the file"


@dataclass(frozen=True)
class Scale:
    """The size of an image pixel and where it comes from; ``spacing`` None when nobody knows, ``source`` then
    UNRECORDED_SCALE for an OCT scan, "" for a photo (its analysis may find one)."""

    spacing: PixelSpacing | None = None
    source: str = ""

    @property
    def known(self) -> bool:
        return self.spacing is not None


def case_scale(doc: CaseDocument, recorded: PixelSpacing | None = None) -> Scale:
    """The scale of the case's image, one for each image: an OCT scan's is ``recorded``, the pixel size its file
    records (no analysis finds one there); an analysed photo's the one its AI findings rest on, the same one the
    lesion areas in mm² use, so that the tools never give a lesion another area than the findings and the report (a
    calibrated photo's recorded size, photo_mm_per_px, where the analysis read it; its estimate where it did not,
    one analysed before); a photo not analysed yet the recorded size the analysis will take, else none."""
    if recorded is not None and doc.modality is Modality.OCT:
        return Scale(recorded, RECORDED_SCALE_SOURCE)
    findings = doc.ai.findings if doc.ai is not None else None
    if findings is None and doc.modality is Modality.FUNDUS and (mm := photo_mm_per_px(recorded)) is not None:
        return Scale(PixelSpacing(mm, mm), RECORDED_SCALE_SOURCE)
    if findings is None or not findings.mm_per_px or findings.mm_per_px <= 0:
        return Scale(source=UNRECORDED_SCALE if doc.modality is Modality.OCT else "")
    mm = float(findings.mm_per_px)
    return Scale(PixelSpacing(mm, mm), findings.scale_source)


def context_scale(context: ToolContext) -> Scale:
    """case_scale of the document the tools edit, with the pixel size its image's file records."""
    return case_scale(context.doc, context.pixel_spacing())


@dataclass(frozen=True)
class Measurement:
    """A length (``kind`` "length", ``points`` its two ends) or an area (``kind`` "area", ``points`` the outline:
    polygon corners, or the frame of a box or lesion). ``what`` names the measured thing: "line", "polygon",
    "box", or a lesion component's class ("EX"; "AI EX" for one of the AI's)."""

    kind: str
    points: tuple[Point, ...]
    pixels: float  # px for a length, px² for an area
    scale: Scale
    what: str = ""

    @property
    def millimetres(self) -> float | None:
        """mm for a length, mm² for an area; None without a scale."""
        spacing = self.scale.spacing
        if spacing is None:
            return None
        if self.kind == "area":
            return spacing.area_mm2(self.pixels)
        return spacing.length_mm(self.points[0], self.points[-1])


def polygon_area(points: list[Point] | tuple[Point, ...]) -> float:
    """Area enclosed by a polygon (shoelace formula), whatever the direction of its corners."""
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, [*points[1:], *points[:1]]))
    return abs(twice) / 2


def _frame_points(left: float, top: float, right: float, bottom: float) -> tuple[Point, ...]:
    return (left, top), (right, top), (right, bottom), (left, bottom)


class RulerTool(Tool):
    """Drag from one point to another: the distance between them."""

    name, text = "ruler", "Ruler"

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.start: Point | None = None
        self.end: Point | None = None
        self._dragging = False

    @property
    def measurement(self) -> Measurement | None:
        if self.start is None or self.end is None:
            return None
        return Measurement("length", (self.start, self.end), math.dist(self.start, self.end),
                           context_scale(self.context), "line")

    @property
    def busy(self) -> bool:
        return self._dragging

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        self.start = self.end = (x, y)
        self._dragging = True

    def drag(self, x: float, y: float) -> None:
        super().drag(x, y)
        if self._dragging:
            self.end = (x, y)

    def release(self, x: float, y: float) -> None:
        super().release(x, y)
        if self._dragging:
            self.end = (x, y)
            self._dragging = False
            if self.start == self.end:  # a click measures nothing: it clears the last line
                self.start = self.end = None

    def key(self, name: str) -> bool:
        if name == "Escape" and self.start is not None:
            self.cancel()
            return True
        return False

    def cancel(self) -> None:
        self.start = self.end = None
        self._dragging = False


class AreaTool(Tool):
    """Click a painted lesion (the reader's, else the AI's) or a box: its area. Elsewhere, click the corners of
    a polygon and close it (first corner or Enter): the area inside. Shift+click always places a corner;
    Backspace drops the last corner; Escape drops the polygon, then the result."""

    name, text = "area", "Area"

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.corners: list[Point] = []
        self.result: Measurement | None = None
        self.close_distance = 6.0  # image pixels; the canvas adapter keeps it a constant size on screen

    @property
    def busy(self) -> bool:
        return bool(self.corners)

    @property
    def measurement(self) -> Measurement | None:
        """The closed result, or the polygon being drawn (closed through the pointer) while there is one."""
        if len(self.corners) >= 2:
            outline = tuple(self.preview_points())
            return Measurement("area", outline, polygon_area(outline), context_scale(self.context), "polygon")
        return self.result

    def preview_points(self) -> list[Point]:
        return self.corners + [self.pointer] if self.corners and self.pointer else list(self.corners)

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        if not self.corners and not shift:
            found = self.object_at(x, y)
            if found is not None:
                self.result = found
                return
        if len(self.corners) >= 3 and math.dist(self.corners[0], (x, y)) <= self.close_distance:
            self._close()
            return
        self.result = None
        self.corners.append((x, y))

    def key(self, name: str) -> bool:
        if name in ("Return", "Enter") and len(self.corners) >= 3:
            self._close()
        elif name == "Backspace" and self.corners:
            self.corners.pop()
        elif name == "Escape" and self.corners:
            self.corners = []
        elif name == "Escape" and self.result is not None:
            self.result = None
        else:
            return False
        return True

    def cancel(self) -> None:
        self.corners, self.result = [], None

    def _close(self) -> None:
        corners, self.corners = tuple(self.corners), []
        self.result = Measurement("area", corners, polygon_area(corners), context_scale(self.context), "polygon")

    def object_at(self, x: float, y: float) -> Measurement | None:
        """The lesion component under (x, y), the reader's before the AI's and the picked class first, else the
        smallest box there; None over bare retina."""
        doc = self.context.doc
        scale = context_scale(self.context)
        row, col = math.floor(y), math.floor(x)
        if 0 <= row < doc.height and 0 <= col < doc.width:
            order = [self.settings.cls] + [c for c in LESION_CLASSES if c != self.settings.cls]
            ai_mask = doc.ai.mask if doc.ai is not None and doc.ai.mask is not None else None
            for mask, owner in ((doc.mask, ""), (ai_mask, "AI ")):
                if mask is None or mask.shape != doc.mask.shape:
                    continue
                cls = next((c for c in order if int(mask[row, col]) & c.bit), None)
                if cls is not None:
                    return self._component(mask, cls, x, y, scale, owner + cls.name)
        under = [box for box in doc.boxes if contains(box, x, y)]
        if under:
            box = min(under, key=lambda b: (b.xmax - b.xmin + 1) * (b.ymax - b.ymin + 1))
            left, top, right, bottom = frame(box)
            return Measurement("area", _frame_points(left, top, right, bottom), (right - left) * (bottom - top),
                               scale, "box")
        return None

    @staticmethod
    def _component(mask, cls: LesionClass, x: float, y: float, scale: Scale, what: str  # noqa: ANN001
                   ) -> Measurement:
        region = component_at((mask & cls.bit) != 0, x, y).cropped()
        y0, y1, x0, x1 = region.bounds
        return Measurement("area", _frame_points(x0, y0, x1, y1), float(region.mask.sum()), scale, what)
