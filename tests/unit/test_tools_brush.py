"""Brush, eraser, magic brush and tool settings, driven like a canvas would drive them."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult, CaseDocument
from annotations.footprint import stroke_region
from annotations.history import History
from annotations.magic_area import AI_OWN
from annotations.probability_maps import probability_levels, reduce_for_storage
from annotations.tools import BrushTool, ToolContext, ToolSettings, ToolUnavailable, ai_magic_area


def make_context(width: int = 80, height: int = 60, **settings: object) -> ToolContext:
    history = History(CaseDocument("c", "c.png", width, height))
    return ToolContext(history, ToolSettings(**settings))


def test_stroke_paints_along_the_drag_and_undo_restores_exactly() -> None:
    context = make_context(cls=LesionClass.HE, size=6)
    doc = context.history.doc
    doc.mask[5:8, 5:8] = LesionClass.MA.bit
    before = doc.mask.copy()
    brush = BrushTool(context)
    brush.press(10.5, 10.5)
    for x in range(11, 40, 3):
        brush.drag(x + 0.5, 20.5)
    brush.release(39.5, 20.5)
    painted = doc.class_mask(LesionClass.HE)
    assert painted[10, 10] and painted[20, 38] and not painted[50, 70]
    assert context.history.entries == ["Paint HE"]
    context.history.undo()
    assert np.array_equal(doc.mask, before)


@pytest.mark.parametrize("x, y", [(10.5, 10.5), (10.2, 10.7), (10.0, 10.0), (10.9, 10.1)])
def test_size_1_paints_the_one_pixel_clicked_and_a_one_pixel_line_dragged(x: float, y: float) -> None:
    """napari's brush size 1 paints one pixel; a radius-1 disc painted 3 to 5 of them, wherever it was clicked."""
    context = make_context(size=1)
    brush = BrushTool(context)
    brush.press(x, y)
    brush.release(x, y)
    painted = context.history.doc.class_mask(LesionClass.MA)
    assert painted.sum() == 1 and painted[10, 10]
    brush.press(x + 10, y)
    brush.drag(x + 40, y + 9)  # a fast move: no gap, one pixel per column
    brush.release(x + 40, y + 9)
    line = context.history.doc.class_mask(LesionClass.MA)[:, 20:51]
    assert line.sum(axis=0).tolist() == [1] * 31 and line[10, 0] and line[19, 30]


def test_size_2_paints_a_two_by_two_square() -> None:
    context = make_context(size=2)
    brush = BrushTool(context)
    brush.press(10.3, 10.6)
    brush.release(10.3, 10.6)
    painted = context.history.doc.class_mask(LesionClass.MA)
    assert painted.sum() == 4 and painted[10:12, 9:11].all()


def test_a_stroke_goes_on_after_a_jump_without_painting_the_way_there() -> None:
    """A pan during a stroke moves the pointer over the photo without drawing (the canvas says ``jump``)."""
    context = make_context(size=1)
    brush = BrushTool(context)
    brush.press(10.5, 10.5)
    brush.drag(20.5, 10.5)
    brush.jump(20.5, 40.5)
    assert brush.pointer == (20.5, 40.5)
    brush.drag(30.5, 40.5)
    brush.release(30.5, 40.5)
    painted = context.history.doc.class_mask(LesionClass.MA)
    assert np.flatnonzero(painted.any(axis=1)).tolist() == [10, 40]
    assert painted[10, 10:21].all() and painted[40, 20:31].all() and context.history.entries == ["Paint MA"]
    brush.jump(50.5, 50.5)  # between strokes: only the pointer moves
    assert brush.pointer == (50.5, 50.5) and context.history.entries == ["Paint MA"]


def test_shift_click_draws_a_straight_line_from_the_previous_stroke() -> None:
    context = make_context(size=2)
    brush = BrushTool(context)
    brush.press(5.5, 5.5)
    brush.release(5.5, 5.5)
    brush.press(45.5, 25.5, shift=True)
    brush.release(45.5, 25.5)
    expected = stroke_region((60, 80), (5.5, 5.5), (45.5, 25.5), 2).to_full((60, 80))
    assert np.array_equal(context.history.doc.class_mask(LesionClass.MA), expected)
    assert len(context.history.entries) == 2


def test_eraser_clears_only_the_selected_class() -> None:
    context = make_context(cls=LesionClass.EX, size=8)
    doc = context.history.doc
    doc.mask[:, :] = LesionClass.EX.bit | LesionClass.SE.bit
    eraser = BrushTool(context, erase=True)
    eraser.press(20.5, 20.5)
    eraser.release(20.5, 20.5)
    assert not doc.class_mask(LesionClass.EX)[20, 20] and doc.class_mask(LesionClass.EX)[0, 0]
    assert doc.class_mask(LesionClass.SE).all()


def test_escape_during_a_stroke_takes_it_back() -> None:
    context = make_context(size=6)
    brush = BrushTool(context)
    brush.press(20, 20)
    brush.drag(30, 30)
    assert brush.busy and brush.key("Escape")
    assert not context.history.doc.mask.any() and not context.history.can_undo


def analysed_wide_photo() -> tuple[ToolContext, np.ndarray, np.ndarray]:
    """A photo 3100 pixels wide, so its kept probability map has a pixel per 3x3 block, analysed with HE cut at
    0.5: the mask is exact to the pixel (a disc not aligned with the blocks), the map is one level per block."""
    context = make_context(3100, 40, cls=LesionClass.HE, size=40)
    rows, cols = np.indices((40, 3100))
    probability = np.clip(0.9 - np.hypot(rows - 20.0, cols - 1000.0) / 25, 0, 1)  # 0.5 at 10 px from (1000, 20)
    mask = ((probability >= 0.5) * LesionClass.HE.bit).astype(np.uint8)
    blocks = reduce_for_storage(probability_levels(probability))  # the map the analysis keeps: a level per block
    context.history.doc.ai = AIResult(mask=mask, probabilities={"HE": blocks}, probability_thresholds={"HE": 0.5})
    context.magic = ai_magic_area(context.history)
    return context, mask != 0, np.repeat(np.repeat(blocks, 3, axis=0), 3, axis=1)[:40, :3100]


def magic_click(context: ToolContext, threshold: float) -> np.ndarray:
    context.history.doc.mask[:] = 0
    context.settings.update(magic_threshold=threshold)
    brush = BrushTool(context, magic=True)
    brush.press(1000.5, 20.5)
    brush.release(1000.5, 20.5)
    return context.history.doc.class_mask(LesionClass.HE)


def test_the_magic_brush_threshold_follows_the_mask_at_its_own_cut_and_the_kept_map_beyond_it() -> None:
    """The brush got the AI's 0/1 mask, so its Threshold box changed nothing between 0.01 and 1."""
    context, mask, levels = analysed_wide_photo()
    assert np.array_equal(magic_click(context, AI_OWN), mask)  # "AI's": the mask, exact to the pixel
    assert np.array_equal(magic_click(context, 0.5), mask)  # the model's own threshold: the same
    stricter = magic_click(context, 0.7)
    assert np.array_equal(stricter, mask & (levels >= 0.7 * 255))
    looser = magic_click(context, 0.3)
    brush = stroke_region((40, 3100), (1000.5, 20.5), (1000.5, 20.5), 40).to_full((40, 3100))
    assert np.array_equal(looser, (mask | (levels >= 0.3 * 255)) & brush)
    assert stricter.sum() < mask.sum() < looser.sum() and not (stricter & ~mask).any() and (looser >= mask).all()
    assert context.history.entries[-1] == "Magic brush HE"


def test_a_magic_brush_without_the_kept_map_follows_the_mask_and_says_why_not_the_threshold() -> None:
    context, mask, _ = analysed_wide_photo()
    context.history.doc.ai.probabilities.clear()  # analysed before maps were kept
    assert np.array_equal(magic_click(context, AI_OWN), mask)  # nothing to say at "AI's"
    context.settings.update(magic_threshold=0.7)
    brush = BrushTool(context, magic=True)
    brush.press(1000.5, 20.5)
    with pytest.raises(ToolUnavailable, match=r"no probability map of HE.*not threshold 0\.70"):
        brush.release(1000.5, 20.5)
    assert np.array_equal(context.history.doc.class_mask(LesionClass.HE), mask)  # painted all the same


def test_a_magic_brush_without_the_kept_map_says_so_once_for_each_class_until_the_case_is_analysed_again() -> None:
    """It said so at every magic stroke, though nothing changes until the case is analysed again."""
    context, _, _ = analysed_wide_photo()
    context.history.doc.ai.probabilities.clear()
    context.settings.update(magic_threshold=0.7)

    def said(tool: BrushTool, cls: LesionClass = LesionClass.HE) -> bool:
        context.settings.update(cls=cls)
        tool.press(1000.5, 20.5)
        try:
            tool.release(1000.5, 20.5)
        except ToolUnavailable:
            return True
        return False

    brush, magic_eraser = BrushTool(context, magic=True), BrushTool(context, magic=True, erase=True)
    assert said(brush) and not said(brush) and not said(magic_eraser)  # the same case, the same class
    assert said(brush, LesionClass.EX)  # another class has a map of its own, or not
    context.history.doc.ai = replace(context.history.doc.ai)  # analysed again, still without the map
    assert said(brush) and not said(brush)


def test_magic_brush_without_an_ai_result_says_what_to_do() -> None:
    context = make_context()
    context.magic = ai_magic_area(context.history)
    with pytest.raises(ToolUnavailable, match="analysis"):
        BrushTool(context, magic=True).press(5, 5)
    assert not context.history.stroke_active


def test_brush_size_keys_grow_and_shrink_within_limits_and_tell_listeners() -> None:
    settings = ToolSettings(size=6)
    heard = []
    settings.add_listener(lambda: heard.append(settings.size))
    settings.grow_size()
    settings.grow_size()
    assert heard == [8, 10]
    for _ in range(30):
        settings.shrink_size()
    assert settings.size == 1
    settings.update(size=10_000, tolerance=-3, magic_threshold=2)
    assert (settings.size, settings.tolerance, settings.magic_threshold) == (800, 0, 1.0)
    settings.update(magic_threshold=-1)
    assert settings.magic_threshold == AI_OWN
    settings.update(size=2.6)
    assert settings.size == 3  # whole pixels
    with pytest.raises(AttributeError):
        settings.update(colour="red")


@pytest.mark.parametrize("given, kept", [(0, 1), (2.6, 3), (5000, 800)])
def test_settings_made_with_a_size_out_of_range_are_kept_in_range_as_updated_ones(given: float, kept: int) -> None:
    """Only update clamped: a brush made with Size 0 refused every stroke (ValueError from the footprint)."""
    context = make_context(size=given, tolerance=900, magic_threshold=3, mask_opacity=-1)
    settings = context.settings
    assert (settings.size, settings.tolerance, settings.magic_threshold, settings.mask_opacity) == (kept, 255, 1.0, 0.0)
    brush = BrushTool(context)
    brush.press(40.5, 30.5)
    brush.release(40.5, 30.5)
    assert context.history.doc.class_mask(LesionClass.MA)[30, 40]


def test_eraser_on_a_lesion_only_the_ai_marked_says_to_accept_it_first() -> None:
    from annotations.tools.fill import EraseComponentTool

    context = make_context(cls=LesionClass.HE, size=6)
    ai = np.zeros((60, 80), np.uint8)
    ai[10:20, 10:20] = LesionClass.HE.bit
    context.history.doc.ai = AIResult(mask=ai)
    eraser = BrushTool(context, erase=True)
    with pytest.raises(ToolUnavailable, match="accept it into your labels first"):
        eraser.press(15, 15)
    with pytest.raises(ToolUnavailable, match="HE is the AI's"):
        EraseComponentTool(context).press(12, 12)
    assert not context.history.can_undo

    context.history.doc.mask[10:20, 10:20] = LesionClass.HE.bit  # accepted: now the eraser erases
    eraser.press(15, 15)
    eraser.release(15, 15)
    assert not context.history.doc.mask[15, 15]
    eraser.press(50, 50)  # no lesion of anyone's there: erasing nothing needs no message
    eraser.release(50, 50)


def test_an_eraser_stroke_over_another_class_only_says_which_class_is_there() -> None:
    """The eraser removes the selected class alone: a stroke over an HE blob with MA selected erases nothing, and
    says that HE is what is painted there and its key, rather than look like a broken eraser."""
    context = make_context(cls=LesionClass.MA, size=6)
    doc = context.history.doc
    doc.mask[10:20, 10:30] = LesionClass.HE.bit
    doc.mask[15:20, 25:30] |= LesionClass.EX.bit
    before = doc.mask.copy()
    eraser = BrushTool(context, erase=True)
    eraser.press(12, 15)
    eraser.drag(27, 17)
    with pytest.raises(ToolUnavailable, match=r"no MA here to erase.*painted here: HE \[2\], EX \[3\]"):
        eraser.release(27, 17)
    assert np.array_equal(doc.mask, before) and not context.history.can_undo
    eraser.press(50, 50)  # nothing of any class under it: nothing to say
    eraser.release(50, 50)
    context.settings.update(cls=LesionClass.HE)
    eraser.press(12, 15)  # the selected class is there: it is erased, without a word
    eraser.release(12, 15)
    assert not doc.mask[15, 12] and context.history.entries == ["Erase HE"]
