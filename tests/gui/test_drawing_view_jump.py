"""The view moving under a still pointer while a polygon, an area outline, a ruler or a box is being drawn: zoom keys
zoom round the pointer while anything is being drawn, as during a brush stroke or a lasso (what is being drawn stays
under it), not only while the left button is held; and what follows the pointer (the polygon's rubber band, the
ruler's end, the box's corner) goes at once to the photo point a leap (fit, a split view kept in step) brings under
it."""
from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QEvent, QPointF

from tests.gui.test_annotation_tools import HEIGHT, LEAPS, LEFT, NONE, WIDTH, ZOOM_KEYS, Rig


def _small_rig(qtbot) -> Rig:
    """A photo larger than the canvas at every zoom of the tests, so a zoom can keep any point where it is."""
    rig = Rig(qtbot)
    rig.canvas.resize(160, 120)
    rig.canvas.set_view(2.0, QPointF(WIDTH / 2, HEIGHT / 2))
    return rig


def _click(rig: Rig, pos: QPointF) -> None:
    rig.send(QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    rig.send(QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)


@pytest.mark.parametrize("tool", ["polygon", "area"])
@pytest.mark.parametrize("key", ZOOM_KEYS)
def test_a_zoom_key_between_a_polygons_corners_zooms_round_the_pointer(qtbot, key: str, tool: str) -> None:
    rig = _small_rig(qtbot)
    view = rig.use(tool)
    pos = QPointF(rig.canvas.mapFromScene(QPointF(90.5, 70.5)))
    _click(rig, pos)
    _click(rig, pos := pos + QPointF(20, 0))
    rig.send(QEvent.Type.MouseMove, pos := pos + QPointF(0, 20), NONE, NONE)
    over = rig.canvas.to_image(pos).toTuple()
    ZOOM_KEYS[key](rig.canvas)
    qtbot.wait(1)  # the canvas's catch-up with the pointer, queued by the view move
    assert math.dist(rig.canvas.to_image(pos).toTuple(), over) < 1 / rig.canvas.zoom_level()
    assert math.dist(view.tool.preview_points()[-1], over) < 1 / rig.canvas.zoom_level()  # the rubber band's end


@pytest.mark.parametrize("tool", ["ruler", "box"])
@pytest.mark.parametrize("key", LEAPS)
def test_what_follows_the_pointer_goes_at_once_where_a_leap_brings_it(qtbot, key: str, tool: str) -> None:
    rig = _small_rig(qtbot)
    view = rig.use(tool)
    pos = QPointF(rig.canvas.mapFromScene(QPointF(90.5, 70.5)))
    rig.send(QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    rig.send(QEvent.Type.MouseMove, pos := pos + QPointF(20, 16), NONE, LEFT)
    LEAPS[key](rig.canvas)
    qtbot.wait(1)
    now_over = rig.canvas.to_image(pos).toTuple()
    end = view.tool.end if tool == "ruler" else view.tool.draft[2:]
    assert math.dist(end, now_over) < 1e-6
