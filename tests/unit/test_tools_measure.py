"""Ruler and area tools: lengths and areas in pixels and, with a scale (the file's, else the findings'), in mm."""
from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult, Box, CaseDocument, Modality
from annotations.findings import Findings
from annotations.history import History
from annotations.tools import AreaTool, RulerTool, ToolContext, ToolSettings, case_scale, make_tools
from annotations.pixel_spacing import RECORDED_SCALE_SOURCE, PixelSpacing
from annotations.tools.measure import UNRECORDED_SCALE, polygon_area

MM_PER_PX = 0.01  # 10 µm per pixel
BSCAN = PixelSpacing(row_mm=0.0039, column_mm=0.011)  # an OCT B-scan's: 3.9 µm deep, 11 µm across


def make_context(scale: float | None = MM_PER_PX) -> ToolContext:
    doc = CaseDocument("c", "c.png", 200, 100)
    if scale is not None:
        doc.ai = AIResult(findings=Findings(mm_per_px=scale, scale_source="optic disc diameter taken as 1.8 mm"))
    return ToolContext(History(doc), ToolSettings())


def test_the_ruler_measures_a_dragged_line_in_mm_with_the_findings_scale() -> None:
    ruler = RulerTool(make_context())
    ruler.press(10, 10)
    ruler.drag(40, 30)
    assert ruler.busy and ruler.measurement.pixels == pytest.approx(36.0555, abs=1e-3)  # live while dragging
    ruler.release(40, 50)
    measurement = ruler.measurement
    assert not ruler.busy
    assert measurement.pixels == pytest.approx(50.0)  # 3-4-5: 30 across, 40 down
    assert measurement.millimetres == pytest.approx(0.5)
    assert measurement.scale.source.startswith("optic disc")


def test_without_a_scale_the_ruler_gives_pixels_only() -> None:
    ruler = RulerTool(make_context(scale=None))
    ruler.press(0, 0)
    ruler.release(3, 4)
    assert ruler.measurement.pixels == 5 and ruler.measurement.millimetres is None
    assert not ruler.measurement.scale.known


def test_escape_clears_the_line_and_a_click_measures_nothing() -> None:
    ruler = RulerTool(make_context())
    ruler.press(0, 0)
    ruler.release(10, 0)
    assert ruler.key("Escape") and ruler.measurement is None
    assert not ruler.key("Escape")  # nothing left to clear: the key is free for others
    ruler.press(5, 5)
    ruler.release(5, 5)
    assert ruler.measurement is None


def test_a_closed_polygon_gives_its_area_in_mm2() -> None:
    area = AreaTool(make_context())
    for x, y in ((10, 10), (110, 10), (110, 60)):
        area.press(x, y)
    area.hover(10, 60)
    assert area.measurement.pixels == pytest.approx(5000)  # live: closed through the pointer
    area.press(10, 60)
    assert area.key("Return")
    assert not area.busy
    assert area.result.pixels == pytest.approx(100 * 50)
    assert area.result.millimetres == pytest.approx(5000 * MM_PER_PX ** 2)


def test_clicking_the_first_corner_closes_and_backspace_drops_a_corner() -> None:
    area = AreaTool(make_context())
    for x, y in ((0, 0), (20, 0), (99, 99), (20, 20)):
        area.press(x, y)
    assert area.key("Backspace")  # drops (20, 20), then (99, 99)
    area.key("Backspace")
    area.press(20, 20)
    area.press(0, 20)
    area.press(1, 1)  # within close_distance of the first corner
    assert area.result.pixels == pytest.approx(400) and area.result.what == "polygon"


def test_clicking_a_painted_lesion_gives_its_pixel_area_and_the_document_is_untouched() -> None:
    context = make_context()
    doc = context.history.doc
    doc.mask[20:30, 50:56] |= LesionClass.EX.bit  # 60 px
    doc.mask[80:82, 150:152] |= LesionClass.HE.bit
    before = copy.deepcopy(doc)
    area = AreaTool(context)
    area.press(52.5, 25.5)
    assert area.result.what == "EX" and area.result.pixels == 60
    assert area.result.millimetres == pytest.approx(60 * 1e-4)
    assert area.result.points[0] == (50, 20) and area.result.points[2] == (56, 30)
    assert not area.busy  # no polygon was started
    assert np.array_equal(doc.mask, before.mask) and context.history.entries == []


def test_the_ai_lesion_counts_when_the_reader_has_none_there_and_a_box_when_no_lesion() -> None:
    context = make_context()
    doc = context.history.doc
    doc.ai.mask = np.zeros_like(doc.mask)
    doc.ai.mask[5:9, 5:9] = LesionClass.MA.bit
    doc.boxes.append(Box(LesionClass.HE, 100, 40, 119, 49))  # VOC inclusive: 20 x 10
    area = AreaTool(context)
    area.press(6, 6)
    assert area.result.what == "AI MA" and area.result.pixels == 16
    area.press(105, 45)
    assert area.result.what == "box" and area.result.pixels == 200


def test_shift_click_starts_a_polygon_even_on_a_lesion_and_escape_drops_it_then_the_result() -> None:
    context = make_context()
    context.history.doc.mask[20:30, 50:56] |= LesionClass.EX.bit
    area = AreaTool(context)
    area.press(52, 25)
    area.press(52, 25, shift=True)
    assert area.busy and area.result is None
    assert area.key("Escape") and not area.busy
    area.press(52, 25)
    assert area.key("Escape") and area.result is None
    assert not area.key("Escape")


def test_polygon_area_ignores_corner_order() -> None:
    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert polygon_area(square) == polygon_area(square[::-1]) == 16


def test_an_oct_scan_takes_its_files_pixel_size_a_photo_its_findings_scale() -> None:
    assert not case_scale(CaseDocument("c", "c.png", 4, 4)).known
    doc = make_context().history.doc
    assert case_scale(doc).spacing == PixelSpacing(MM_PER_PX, MM_PER_PX)
    scan = CaseDocument("c", "c.dcm", 4, 4, modality=Modality.OCT)
    recorded = case_scale(scan, BSCAN)  # the device's calibration: no analysis finds a scale on a B-scan
    assert recorded.spacing == BSCAN and recorded.source == RECORDED_SCALE_SOURCE


def test_a_photo_analysed_before_is_measured_by_its_findings_scale_though_its_file_records_one() -> None:
    """One photo, one mm² scale: a photo analysed by the disc's size (a result saved before the analysis read the
    header) gives a lesion's area by that scale in its findings and report, so the area tool does too. A lesion of
    1000 pixels is 0.1 mm² there (10 µm per pixel from the disc), and would have been 0.042 mm² by the header's
    6.5 µm."""
    photo = PixelSpacing(0.0065, 0.0065)
    area = AreaTool(ToolContext(make_context().history, ToolSettings(), pixel_spacing=lambda: photo))
    for x, y in ((10, 10), (60, 10), (60, 30), (10, 30)):
        area.press(x, y)
    area.key("Return")
    assert area.result.millimetres == pytest.approx(1000 * MM_PER_PX ** 2)
    assert area.result.scale.source.startswith("optic disc")


def test_a_calibrated_photo_not_analysed_yet_is_measured_by_the_size_its_file_records() -> None:
    """The scale its analysis will take (annotations.pixel_spacing.photo_mm_per_px): measured now, the ruler gives
    what the findings will; pixels that are not square leave it to the analysis's estimate, unknown until then."""
    photo = PixelSpacing(0.0065, 0.0065)
    recorded = case_scale(CaseDocument("c", "c.dcm", 4, 4), photo)
    assert recorded.spacing == photo and recorded.source == RECORDED_SCALE_SOURCE
    stretched = case_scale(CaseDocument("c", "c.dcm", 4, 4), PixelSpacing(0.0065, 0.013))
    assert not stretched.known and stretched.source == ""


def test_an_oct_scan_without_a_recorded_size_says_no_analysis_will_give_one() -> None:
    doc = CaseDocument("c", "c.png", 4, 4, modality=Modality.OCT)
    assert not case_scale(doc).known and case_scale(doc).source == UNRECORDED_SCALE
    assert case_scale(CaseDocument("c", "c.png", 4, 4)).source == ""  # a photo: the analysis may find one


def test_a_length_on_a_bscan_takes_each_spacing_in_its_own_direction() -> None:
    """3.9 µm between rows (deep), 11 µm between columns (across): 100 rows down is 0.39 mm, 100 columns across
    1.1 mm, and a slanted line both at once, as its right triangle's sides."""
    ruler = RulerTool(ToolContext(History(CaseDocument("c", "c.dcm", 512, 496, modality=Modality.OCT)),
                                  ToolSettings(), pixel_spacing=lambda: BSCAN))
    for end, mm in (((10, 110), 0.39), ((110, 10), 1.1), ((40, 50), math.hypot(30 * 0.011, 40 * 0.0039))):
        ruler.press(10, 10)
        ruler.release(*end)
        assert ruler.measurement.millimetres == pytest.approx(mm)
    assert ruler.measurement.pixels == pytest.approx(50.0)  # the pixel figure stays the line's length on screen
    assert BSCAN.length_mm((40, 50), (10, 10)) == pytest.approx(BSCAN.length_mm((10, 10), (40, 50)))


def test_an_area_on_a_bscan_is_its_pixels_times_both_spacings() -> None:
    area = AreaTool(ToolContext(History(CaseDocument("c", "c.dcm", 512, 496, modality=Modality.OCT)),
                                ToolSettings(), pixel_spacing=lambda: BSCAN))
    for x, y in ((10, 10), (110, 10), (110, 60), (10, 60)):
        area.press(x, y)
    area.key("Return")
    assert area.result.millimetres == pytest.approx(5000 * 0.0039 * 0.011)


def test_every_tool_set_has_a_ruler_and_an_area_tool() -> None:
    tools = make_tools(make_context())
    assert isinstance(tools["ruler"], RulerTool) and isinstance(tools["area"], AreaTool)
