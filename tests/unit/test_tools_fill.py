"""Flood fill, lasso, polygon and erase-component tools."""
from __future__ import annotations

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import CaseDocument
from annotations.history import History
from annotations.raster import polygon_region
from annotations.tools import EraseComponentTool, FillTool, LassoTool, PolygonTool, ToolContext, ToolSettings
from annotations.tools import ToolUnavailable


def make_context(image: np.ndarray | None = None, **settings: object) -> ToolContext:
    history = History(CaseDocument("c", "c.png", 64, 48))
    return ToolContext(history, ToolSettings(**settings), image=lambda: image)


def blob_image() -> tuple[np.ndarray, np.ndarray]:
    """A dark disc (a haemorrhage) with a slight gradient inside, on a brighter noisy background."""
    yy, xx = np.mgrid[0:48, 0:64]
    blob = (xx - 30) ** 2 + (yy - 20) ** 2 <= 8 ** 2
    image = np.full((48, 64, 3), 180, dtype=np.uint8)
    image[..., 0] += (np.random.default_rng(1).integers(0, 10, (48, 64))).astype(np.uint8)
    image[blob] = (60 + (xx[blob] - 22)).astype(np.uint8)[:, None]  # 60..76
    return image, blob


def test_fill_takes_the_clicked_blob_within_the_tolerance() -> None:
    image, blob = blob_image()
    context = make_context(image, cls=LesionClass.HE, tolerance=20)
    FillTool(context).press(30.5, 20.5)
    assert np.array_equal(context.history.doc.class_mask(LesionClass.HE), blob)
    assert context.history.entries == ["Fill HE (tolerance 20)"]


def test_fill_with_a_small_tolerance_takes_less_and_ctrl_removes() -> None:
    image, blob = blob_image()
    context = make_context(image, cls=LesionClass.HE, tolerance=2)
    FillTool(context).press(30.5, 20.5)
    partial = context.history.doc.class_mask(LesionClass.HE)
    assert 0 < partial.sum() < blob.sum()
    context.settings.update(tolerance=20)
    FillTool(context).press(30.5, 20.5, ctrl=True)
    assert not context.history.doc.mask.any()


def test_a_fill_stopped_by_its_search_square_is_filled_and_said() -> None:
    """A region larger than the square the fill looks in (an optic disc filled from its centre) gets flat sides:
    the step is kept and the reader told to click the part left."""
    image, _ = blob_image()
    context = make_context(image, cls=LesionClass.OD, tolerance=255, fill_window=10)
    with pytest.raises(ToolUnavailable, match="no further than 10 px from the click"):
        FillTool(context).press(30.5, 20.5)
    assert context.history.doc.class_mask(LesionClass.OD).sum() == 21 * 21
    assert context.history.entries == ["Fill OD (tolerance 255)"]


def test_a_fill_that_ends_inside_its_search_square_or_at_the_photo_edge_says_nothing() -> None:
    image, blob = blob_image()
    context = make_context(image, cls=LesionClass.HE, tolerance=20, fill_window=10)
    FillTool(context).press(30.5, 20.5)  # the blob, 8 px across each way, inside the 10-px square
    assert np.array_equal(context.history.doc.class_mask(LesionClass.HE), blob)
    whole = make_context(image, cls=LesionClass.OD, tolerance=255, fill_window=100)
    FillTool(whole).press(0.5, 0.5)  # the square holds the whole photo: its sides are the photo's edges
    assert whole.history.doc.class_mask(LesionClass.OD).all()


def test_fill_before_the_photo_is_decoded_explains() -> None:
    with pytest.raises(ToolUnavailable, match="loading"):
        FillTool(make_context(None)).press(3, 3)


def test_lasso_fills_the_drawn_outline_as_one_step() -> None:
    context = make_context(cls=LesionClass.EX)
    lasso = LassoTool(context)
    outline = [(10, 10), (40, 10), (40, 30), (10, 30)]
    lasso.press(*outline[0])
    for point in outline[1:]:
        lasso.drag(*point)
    assert lasso.preview_points() == outline
    lasso.release(10, 10)
    expected = polygon_region((48, 64), outline).to_full((48, 64))
    assert np.array_equal(context.history.doc.class_mask(LesionClass.EX), expected)
    assert context.history.entries == ["Fill EX lasso"] and not lasso.busy


def test_a_lasso_follows_the_pointer_over_the_photo_through_a_pan() -> None:
    """A pan's moves (``jump``) were left out of the outline, which cut straight from (40, 10) to (10, 30)."""
    context = make_context(cls=LesionClass.EX)
    lasso = LassoTool(context)
    lasso.press(10, 10)
    lasso.drag(40, 10)
    lasso.jump(40, 10, travelled=True)  # the photo moved with the pointer: nothing to add
    lasso.jump(40, 30, travelled=True)  # it could not: the pointer went on over the photo
    lasso.drag(10, 30)
    assert lasso.preview_points() == [(10, 10), (40, 10), (40, 30), (10, 30)]
    lasso.release(10, 10)
    expected = polygon_region((48, 64), [(10, 10), (40, 10), (40, 30), (10, 30)]).to_full((48, 64))
    assert np.array_equal(context.history.doc.class_mask(LesionClass.EX), expected)


def test_a_zoom_during_a_lasso_closes_the_part_drawn_and_goes_on_from_the_new_point_as_one_step() -> None:
    """A zoom brings another photo point under a still pointer (``jump``, not travelled): the outline cut straight
    across from (30, 20) to (40, 30), filling the band between the two parts. The part drawn is closed as a release
    would close it, a new one begins at the new point, as a brush stroke goes on there, and both fill as one step."""
    context = make_context(cls=LesionClass.EX)
    lasso = LassoTool(context)
    first, second = [(10, 5), (30, 5), (30, 20)], [(40, 30), (60, 30), (60, 45)]
    lasso.press(*first[0])
    for point in first[1:]:
        lasso.drag(*point)
    lasso.jump(*second[0])
    assert lasso.closed == [first] and lasso.preview_points() == [second[0]] and lasso.busy
    for point in second[1:]:
        lasso.drag(*point)
    lasso.release(*second[-1])
    expected = polygon_region((48, 64), first).to_full((48, 64)) | polygon_region((48, 64), second).to_full((48, 64))
    assert np.array_equal(context.history.doc.class_mask(LesionClass.EX), expected)
    assert context.history.entries == ["Fill EX lasso"] and not lasso.busy and lasso.closed == []


def test_a_zoom_right_after_a_lasso_press_leaves_no_part_behind() -> None:
    """A part of one or two points outlines nothing: the outline begins again under the pointer."""
    context = make_context(cls=LesionClass.EX)
    lasso = LassoTool(context)
    lasso.press(10, 10)
    lasso.jump(20, 20)
    assert lasso.closed == [] and lasso.preview_points() == [(20, 20)]


def test_polygon_closes_on_the_first_corner_and_enter_backspace_escape_work() -> None:
    context = make_context(cls=LesionClass.SE)
    polygon = PolygonTool(context)
    for point in [(5, 5), (30, 5), (50, 40), (30, 20)]:
        polygon.press(*point)
    assert polygon.key("Backspace") and len(polygon.points) == 3
    polygon.hover(20, 30)
    assert polygon.preview_points()[-1] == (20, 30)
    polygon.press(6, 6)  # within close_distance of the first corner
    expected = polygon_region((48, 64), [(5, 5), (30, 5), (50, 40)]).to_full((48, 64))
    assert np.array_equal(context.history.doc.class_mask(LesionClass.SE), expected)
    for point in [(5, 5), (30, 5), (30, 30)]:
        polygon.press(*point)
    assert polygon.key("Escape") and not polygon.busy
    for point in [(40, 5), (60, 5), (60, 30)]:
        polygon.press(*point)
    assert polygon.key("Return")
    assert context.history.doc.class_mask(LesionClass.SE)[10, 55]
    assert len(context.history.entries) == 2 and not polygon.key("Return")


def test_erase_component_removes_one_connected_blob_of_the_class_under_the_pointer() -> None:
    context = make_context(cls=LesionClass.MA)
    mask = context.history.doc.mask
    mask[5:10, 5:10] = LesionClass.HE.bit
    mask[9:12, 9:12] |= LesionClass.HE.bit  # touches the first blob diagonally -> same component
    mask[30:35, 30:35] = LesionClass.HE.bit
    mask[6, 6] |= LesionClass.EX.bit
    tool = EraseComponentTool(context)
    tool.press(7.5, 7.5)  # MA is selected but absent: the first class present there (HE) is erased
    he = context.history.doc.class_mask(LesionClass.HE)
    assert not he[5:12, 5:12].any() and he[30:35, 30:35].all()
    assert context.history.doc.class_mask(LesionClass.EX)[6, 6]
    assert context.history.entries == ["Erase HE component"]
    tool.press(50.5, 40.5)  # nothing there
    assert len(context.history.entries) == 1
