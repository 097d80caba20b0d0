import threading
from concurrent.futures import Future

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import CaseDocument
import annotations.fov
from annotations.fov import FieldOfViewLookup, field_of_view
from annotations.history import History
from annotations.tools import BrushTool, ToolContext, ToolSettings, ToolUnavailable
from annotations.tools.fill import LassoTool


def _fundus(width: int = 80, height: int = 60) -> np.ndarray:
    """A lit disc of radius 25 on black, with a dark lesion inside it."""
    yy, xx = np.mgrid[0:height, 0:width]
    image = np.zeros((height, width, 3), np.uint8)
    image[(xx - 40) ** 2 + (yy - 30) ** 2 <= 25 ** 2] = (180, 80, 30)
    image[28:32, 38:42] = (12, 5, 5)  # darker than the surround threshold, yet inside the field
    return image


def test_field_of_view_is_the_lit_disc_with_dark_lesions_inside() -> None:
    fov = field_of_view(_fundus())
    assert fov is not None and fov[30, 40] and fov[30, 16] and not fov[30, 10] and not fov[2, 2]
    assert field_of_view(np.full((60, 80, 3), 120, np.uint8)) is None  # no black surround: no limit
    assert field_of_view(np.zeros((60, 80), np.uint8)) is None


def _context(image: np.ndarray, inside_fov: bool = True) -> ToolContext:
    history = History(CaseDocument("c", "c.png", image.shape[1], image.shape[0]))
    return ToolContext(history, ToolSettings(cls=LesionClass.HE, size=12, inside_fov=inside_fov),
                       image=lambda: image, fov=FieldOfViewLookup(lambda: image))


def test_brush_and_lasso_stay_inside_the_field_of_view() -> None:
    image = _fundus()
    context = _context(image)
    brush = BrushTool(context)
    brush.press(14, 30)  # at the rim: half the dab falls on the black surround
    brush.release(14, 30)
    painted = context.history.doc.class_mask(LesionClass.HE)
    fov = field_of_view(image)
    assert painted.any() and not (painted & ~fov).any()
    lasso = LassoTool(context)
    lasso.press(0, 0)
    for point in ((79, 0), (79, 59), (0, 59), (0, 0)):
        lasso.drag(*point)
    lasso.release(0, 0)
    assert np.array_equal(context.history.doc.class_mask(LesionClass.HE), fov)


def test_a_stroke_wholly_outside_the_field_says_why_it_painted_nothing() -> None:
    """A stroke in the black border painted nothing, with no step and no word: it looked like a broken brush."""
    context = _context(_fundus())
    brush = BrushTool(context)
    brush.press(3, 3)
    brush.drag(8, 3)
    with pytest.raises(ToolUnavailable, match="nothing painted: with Inside FOV on .* HE is painted inside"):
        brush.release(8, 3)
    assert context.history.entries == [] and not context.history.doc.mask.any()
    brush.press(14, 30)  # half inside: what is inside is painted, and that needs no word
    brush.release(14, 30)
    brush.press(14, 30)  # the same again: nothing new, but nothing was kept out either
    brush.release(14, 30)
    assert context.history.entries == ["Paint HE"]


def test_the_limit_can_be_switched_off_and_never_limits_erasing() -> None:
    image = _fundus()
    context = _context(image, inside_fov=False)
    brush = BrushTool(context)
    brush.press(14, 30)
    brush.release(14, 30)
    assert context.history.doc.class_mask(LesionClass.HE)[30, 10]  # outside the field: painted all the same
    context.settings.update(inside_fov=True)
    eraser = BrushTool(context, erase=True)
    eraser.press(14, 30)
    eraser.release(14, 30)
    assert not context.history.doc.class_mask(LesionClass.HE).any()


def test_a_field_of_view_worked_out_ahead_is_not_worked_out_again(monkeypatch) -> None:
    """The first stroke with Inside FOV worked it out on the GUI thread, 0.1-0.5 s on a 12 MP photo; the window
    has a worker work it out when the photo arrives (app.field_of_view_ahead), and a stroke sooner than that waits
    for the worker instead of doing the same work beside it."""
    image, other = _fundus(), _fundus()
    shown = [image]
    lookup = FieldOfViewLookup(lambda: shown[0])
    ahead: Future = Future()
    lookup.expect(image, ahead)
    worked_out = []
    monkeypatch.setattr(annotations.fov, "field_of_view", lambda photo: worked_out.append(photo) or None)
    threading.Timer(0.2, lambda: ahead.set_result(field_of_view(image))).start()  # the worker, still at it
    assert np.array_equal(lookup(), field_of_view(image)) and np.array_equal(lookup(), field_of_view(image))
    assert not worked_out
    shown[0] = other  # another photo, nothing worked out ahead: at the first call, once
    assert lookup() is None and lookup() is None and len(worked_out) == 1 and worked_out[0] is other
    cancelled: Future = Future()
    cancelled.cancel()  # the worker never started on it (another photo came first)
    lookup.expect(other, cancelled)
    assert lookup() is None and len(worked_out) == 2
