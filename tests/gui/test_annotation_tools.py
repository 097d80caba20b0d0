"""The annotation tools driven through the real canvas with mouse events and keys, offscreen."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from annotations.document import AIResult, CaseDocument
from annotations.footprint import brush_anchor
from annotations.history import History
from annotations.probability_maps import probability_levels
from annotations.raster import polygon_region
from annotations.tools import (CandidateReview, ToolContext, ToolSettings, ai_magic_area, find_candidates,
                               make_tools)
from widgets.canvas import ImageCanvas
from widgets.history_panel import HistoryPanel
from widgets.tool_bar import AnnotationToolBar
from widgets.tool_options_bar import ToolOptionsBar
from widgets.tools.candidate_view import CandidateView
from widgets.tools.tool_view import BoxToolView, ToolView

WIDTH, HEIGHT = 200, 150
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


def photo() -> np.ndarray:
    """A bright background with a dark round blob (a haemorrhage) at (60, 50), radius 12."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    image = np.full((HEIGHT, WIDTH, 3), (190, 120, 60), dtype=np.uint8)
    image[(xx - 60) ** 2 + (yy - 50) ** 2 <= 12 ** 2] = (70, 20, 15)
    return image


class Rig:
    def __init__(self, qtbot, zoom: float = 2.0) -> None:
        self.canvas = ImageCanvas()
        qtbot.addWidget(self.canvas)
        self.canvas.resize(500, 400)
        self.canvas.show()
        self.image = photo()
        self.canvas.set_image(self.image)
        self.doc = CaseDocument("case", "case.png", WIDTH, HEIGHT)
        self.history = History(self.doc)
        self.history.add_listener(self.canvas.apply_change)
        self.canvas.set_document(self.doc)
        self.canvas.set_view(zoom, QPointF(WIDTH / 2, HEIGHT / 2))
        self.settings = ToolSettings()
        self.messages: list[str] = []
        context = ToolContext(self.history, self.settings, image=lambda: self.image,
                              magic=ai_magic_area(self.history))
        self.views = {name: (BoxToolView if name == "box" else ToolView)(tool, self.messages.append)
                      for name, tool in make_tools(context).items()}

    def send(self, kind: QEvent.Type, pos: QPointF, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        """A mouse event at ``pos`` on the canvas's viewport, no keys held: what a press, move or release sends."""
        QApplication.sendEvent(self.canvas.viewport(), QMouseEvent(kind, pos, pos, button, buttons,
                                                                   Qt.KeyboardModifier.NoModifier))

    def use(self, name: str) -> ToolView:
        self.canvas.set_tool(self.views[name])
        return self.views[name]

    def _send(self, kind: QEvent.Type, x: float, y: float, button, buttons, modifiers) -> None:
        pos = QPointF(self.canvas.mapFromScene(QPointF(x, y)))
        global_pos = QPointF(self.canvas.viewport().mapToGlobal(pos.toPoint()))
        event = QMouseEvent(kind, pos, global_pos, button, buttons, modifiers)
        QApplication.sendEvent(self.canvas.viewport(), event)

    def drag(self, points: list[tuple[float, float]],
             modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self._send(QEvent.Type.MouseButtonPress, *points[0], LEFT, LEFT, modifiers)
        for x, y in points[1:]:
            self._send(QEvent.Type.MouseMove, x, y, NONE, LEFT, modifiers)
        self._send(QEvent.Type.MouseButtonRelease, *points[-1], LEFT, NONE, modifiers)

    def click(self, x: float, y: float, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        self.drag([(x, y)], modifiers)

    def hover(self, x: float, y: float) -> None:
        self._send(QEvent.Type.MouseMove, x, y, NONE, NONE, Qt.KeyboardModifier.NoModifier)

    def overlay_pixel(self, x: int, y: int) -> tuple[int, ...]:
        """The colour the mask layer shows at image pixel (x, y)."""
        return self.canvas.layers.mask.qimage().pixelColor(x, y).getRgb()


@pytest.fixture
def rig(qtbot) -> Rig:
    return Rig(qtbot)


def test_brush_stroke_paints_the_overlay_and_undo_restores_the_exact_mask(rig: Rig) -> None:
    rig.doc.mask[100:110, 150:160] = LesionClass.EX.bit
    before = rig.doc.mask.copy()
    clear = rig.overlay_pixel(30, 30)
    rig.settings.update(cls=LesionClass.HE, size=8)
    rig.use("brush")
    rig.drag([(20.5, 30.5), (30.5, 30.5), (40.5, 32.5), (60.5, 40.5)])
    he = rig.doc.class_mask(LesionClass.HE)
    assert he[30, 20] and he[30, 30] and he[40, 60] and not he[100, 100]
    assert rig.overlay_pixel(30, 30) != clear  # the overlay shows the stroke
    assert rig.history.entries == ["Paint HE"]
    rig.history.undo()
    assert np.array_equal(rig.doc.mask, before)
    assert rig.overlay_pixel(30, 30) == clear


def test_a_stroke_ends_with_the_left_button_though_the_middle_one_panned_meanwhile(rig: Rig) -> None:
    """Middle-drag pans during a stroke; letting go of the left button first still ends the stroke (it stayed open,
    holding back an analysis result, until the next click)."""
    middle = Qt.MouseButton.MiddleButton
    no_keys = Qt.KeyboardModifier.NoModifier
    rig.use("brush")
    rig._send(QEvent.Type.MouseButtonPress, 20.5, 30.5, LEFT, LEFT, no_keys)
    rig._send(QEvent.Type.MouseMove, 40.5, 30.5, NONE, LEFT, no_keys)
    rig._send(QEvent.Type.MouseButtonPress, 40.5, 30.5, middle, LEFT | middle, no_keys)
    rig._send(QEvent.Type.MouseButtonRelease, 40.5, 30.5, LEFT, middle, no_keys)
    assert not rig.history.stroke_active and rig.history.entries == ["Paint MA"]
    rig._send(QEvent.Type.MouseMove, 60.5, 30.5, NONE, middle, no_keys)
    rig._send(QEvent.Type.MouseButtonRelease, 60.5, 30.5, middle, NONE, no_keys)
    assert rig.history.entries == ["Paint MA"] and not rig.doc.class_mask(LesionClass.MA)[30, 50]


@pytest.mark.parametrize("zoom", [2.0, 8.0])
def test_a_middle_button_pan_during_a_stroke_draws_nothing_across_the_jump(qtbot, zoom: float) -> None:
    """The stroke went on from where it was before the pan to where the pointer was after it, in a straight line
    across the photo. At 200 % the photo fits the canvas, so a pan moves nothing but the pointer; at 800 % the pan
    moves the photo with the pointer, and the stroke goes on from the photo's point under it, as it did."""
    rig = Rig(qtbot, zoom)
    middle, send = Qt.MouseButton.MiddleButton, rig.send

    rig.settings.update(size=2)
    rig.use("brush")
    start = QPointF(rig.canvas.mapFromScene(QPointF(90.5, 70.5)))
    pan_from = start + QPointF(10 * zoom, 0)
    send(QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    send(QEvent.Type.MouseMove, pan_from, NONE, LEFT)
    send(QEvent.Type.MouseButtonPress, pan_from, middle, LEFT | middle)
    for step in (1, 2):  # 40 screen pixels down
        send(QEvent.Type.MouseMove, pan_from + QPointF(0, 20 * step), NONE, LEFT | middle)
    pan_to = pan_from + QPointF(0, 40)
    under_the_pointer = rig.canvas.to_image(pan_to)
    send(QEvent.Type.MouseButtonRelease, pan_to, middle, LEFT)
    send(QEvent.Type.MouseMove, pan_to + QPointF(10 * zoom, 0), NONE, LEFT)
    send(QEvent.Type.MouseButtonRelease, pan_to + QPointF(10 * zoom, 0), LEFT, NONE)
    painted = rig.doc.class_mask(LesionClass.MA)
    resumed_at = math.floor(under_the_pointer.y() + 0.5)  # a size 2 brush sits on the nearest pixel corner
    assert under_the_pointer.y() == pytest.approx(90.5 if zoom == 2.0 else 70.5, abs=0.5)
    assert set(np.flatnonzero(painted.any(axis=1)).tolist()) == {70, 71, resumed_at - 1, resumed_at}
    assert painted[resumed_at, math.floor(under_the_pointer.x()) + 5]  # and it did go on from there
    assert rig.history.entries == ["Paint MA"]  # one stroke


@pytest.mark.parametrize("zoom", [2.0, 8.0])
def test_a_middle_button_pan_during_a_lasso_cuts_no_straight_edge_across(qtbot, zoom: float) -> None:
    """The lasso's outline is the pointer's way over the photo. A pan that cannot move the photo (it fits the canvas
    at 200 %) moved the pointer over it unrecorded, and the outline cut straight across to where the pan left it;
    now it follows the pointer there as a drag does. At 800 % the photo moves with the pointer: nothing is added."""
    rig = Rig(qtbot, zoom)
    middle, way = Qt.MouseButton.MiddleButton, []

    def send(kind: QEvent.Type, pos: QPointF, button, buttons) -> None:
        rig.send(kind, pos, button, buttons)
        way.append(rig.canvas.to_image(pos))

    rig.use("lasso")
    pos = QPointF(rig.canvas.mapFromScene(QPointF(90.5, 50.5)))
    send(QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    send(QEvent.Type.MouseMove, pos := pos + QPointF(40, 0), NONE, LEFT)
    send(QEvent.Type.MouseButtonPress, pos, middle, LEFT | middle)
    for step in (QPointF(0, 20), QPointF(0, 20), QPointF(-20, 0), QPointF(-20, 0)):  # down, then left: an L
        send(QEvent.Type.MouseMove, pos := pos + step, NONE, LEFT | middle)
    send(QEvent.Type.MouseButtonRelease, pos, middle, LEFT)
    send(QEvent.Type.MouseMove, pos := pos + QPointF(-40, 0), NONE, LEFT)
    send(QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)
    expected = polygon_region(rig.doc.mask.shape, [(point.x(), point.y()) for point in way])
    painted = rig.doc.class_mask(LesionClass.MA)
    y0, y1, x0, x1 = expected.bounds
    assert painted.sum() == expected.mask.sum() and painted[y0:y1, x0:x1][expected.mask].all()
    assert rig.history.entries == ["Fill MA lasso"]


ZOOM_KEYS = {"zoom in (Ctrl++)": lambda canvas: canvas.zoom_by(1.25),
             "zoom out (Ctrl+-)": lambda canvas: canvas.zoom_by(0.8), "1:1 (Ctrl+0)": ImageCanvas.zoom_1_to_1}
VIEW_KEYS = {**ZOOM_KEYS, "fit (0)": ImageCanvas.fit_to_window}
# What moves the photo under a still pointer even during a stroke: fit, a split view kept in step with another
LEAPS = {"fit (0)": ImageCanvas.fit_to_window, "set_view": lambda canvas: canvas.set_view(3.0, QPointF(120, 90))}


@pytest.mark.parametrize("tool", ["brush", "lasso"])
@pytest.mark.parametrize("key", ZOOM_KEYS)
def test_a_zoom_key_during_a_stroke_or_lasso_zooms_round_the_pointer(qtbot, key: str, tool: str) -> None:
    """Zoom keys zoom round the view's centre, so during a stroke the photo leapt under the pointer, away from what
    was being drawn. With the button held they zoom round the pointer, as the wheel does: the stroke or outline goes
    on unbroken from where it was. (A photo that fits the canvas cannot be scrolled to keep a point anywhere: a small
    canvas here, so that the photo is larger than it at every zoom of the test.)"""
    rig = Rig(qtbot)
    rig.canvas.resize(160, 120)
    rig.canvas.set_view(2.0, QPointF(WIDTH / 2, HEIGHT / 2))
    way: list[tuple[float, float]] = []

    def send(kind: QEvent.Type, pos: QPointF, button, buttons) -> None:
        rig.send(kind, pos, button, buttons)
        point = rig.canvas.to_image(pos)
        way.append((point.x(), point.y()))

    rig.settings.update(size=1)
    view = rig.use(tool)
    pos = QPointF(rig.canvas.mapFromScene(QPointF(90.5, 70.5)))
    send(QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    send(QEvent.Type.MouseMove, pos := pos + QPointF(16, 0), NONE, LEFT)
    ZOOM_KEYS[key](rig.canvas)
    assert math.dist(way[-1], rig.canvas.to_image(pos).toTuple()) < 1 / rig.canvas.zoom_level()
    for step in (QPointF(0, 16), QPointF(-16, 0)):
        send(QEvent.Type.MouseMove, pos := pos + step, NONE, LEFT)
    send(QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)
    painted = rig.doc.class_mask(LesionClass.MA)
    if tool == "lasso":
        assert not view.tool.closed
        assert np.array_equal(painted, polygon_region(painted.shape, way).to_full(painted.shape))
    else:  # one unbroken line: every row from the first to the last
        rows = np.flatnonzero(painted.any(axis=1))
        assert rows.tolist() == list(range(rows[0], rows[-1] + 1)) and rows[-1] - rows[0] >= 6
    assert len(rig.history.entries) == 1


@pytest.mark.parametrize("key", LEAPS)
def test_a_zoom_key_during_a_stroke_draws_nothing_across_the_jump(qtbot, key: str) -> None:
    """Fit moves the photo under a still pointer: the next move drew a straight line from where the stroke was to the
    photo's point now under the pointer. It goes on from there without painting the way, as after a pan."""
    rig = Rig(qtbot)
    send = rig.send

    rig.settings.update(size=2)
    rig.use("brush")
    start = QPointF(rig.canvas.mapFromScene(QPointF(60.5, 40.5)))
    send(QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    send(QEvent.Type.MouseMove, start + QPointF(8, 0), NONE, LEFT)
    LEAPS[key](rig.canvas)
    still = start + QPointF(8, 0)
    now_under = rig.canvas.to_image(still)
    assert abs(now_under.y() - 40.5) > 4  # the photo moved under the pointer
    send(QEvent.Type.MouseMove, still + QPointF(12, 0), NONE, LEFT)
    send(QEvent.Type.MouseButtonRelease, still + QPointF(12, 0), LEFT, NONE)
    rows = set(np.flatnonzero(rig.doc.class_mask(LesionClass.MA).any(axis=1)).tolist())
    resumed_at = math.floor(now_under.y() + 0.5)  # a size 2 brush sits on the nearest pixel corner
    assert rows == {40, 41, resumed_at - 1, resumed_at}
    assert rig.history.entries == ["Paint MA"]  # one stroke


@pytest.mark.parametrize("key", LEAPS)
def test_a_zoom_key_during_a_lasso_cuts_no_straight_edge_across_the_jump(qtbot, key: str) -> None:
    """Fit moves the photo under a still pointer: the outline cut straight across from where it was to the photo's
    point now under the pointer. Now the part drawn closes as a release would close it (shown closed at once), the
    lasso goes on from the new point, as a brush stroke does, and both parts fill as one step."""
    rig = Rig(qtbot)
    parts: list[list[tuple[float, float]]] = [[]]

    def send(kind: QEvent.Type, pos: QPointF, button, buttons) -> None:
        rig.send(kind, pos, button, buttons)
        point = rig.canvas.to_image(pos)
        parts[-1].append((point.x(), point.y()))

    view = rig.use("lasso")
    pos = QPointF(rig.canvas.mapFromScene(QPointF(60.5, 40.5)))
    send(QEvent.Type.MouseButtonPress, pos, LEFT, LEFT)
    for step in (QPointF(16, 0), QPointF(0, 16)):
        send(QEvent.Type.MouseMove, pos := pos + step, NONE, LEFT)
    LEAPS[key](rig.canvas)
    now_under = rig.canvas.to_image(pos)
    assert math.dist(parts[0][-1], (now_under.x(), now_under.y())) > 4  # the photo moved under the pointer
    qtbot.waitUntil(lambda: view.tool.closed == [parts[0]], timeout=1_000)
    assert view._outline._path.toSubpathPolygons()[0].isClosed()  # the part drawn is shown closed at once
    parts.append([(now_under.x(), now_under.y())])
    for step in (QPointF(20, 0), QPointF(0, 20)):
        send(QEvent.Type.MouseMove, pos := pos + step, NONE, LEFT)
    send(QEvent.Type.MouseButtonRelease, pos, LEFT, NONE)
    expected = np.zeros_like(rig.doc.class_mask(LesionClass.MA))
    for part in parts:
        expected |= polygon_region(expected.shape, part).to_full(expected.shape)
    assert np.array_equal(rig.doc.class_mask(LesionClass.MA), expected)
    assert rig.history.entries == ["Fill MA lasso"]


@pytest.mark.parametrize("key", VIEW_KEYS)
def test_the_brush_outline_goes_at_once_to_the_photo_point_a_zoom_key_brings_under_the_pointer(qtbot, key) -> None:
    """The outline stayed on the photo point the pointer was over before the zoom, away from the pointer, until the
    mouse next moved."""
    rig = Rig(qtbot, 2.0 if key != "zoom out (Ctrl+-)" else 4.0)
    rig.settings.update(size=9)
    view = rig.use("brush")
    still = QPointF(rig.canvas.mapFromScene(QPointF(60.5, 40.5)))
    rig.send(QEvent.Type.MouseMove, still, NONE, NONE)
    VIEW_KEYS[key](rig.canvas)
    now_under = rig.canvas.to_image(still)
    assert abs(now_under.y() - 40.5) > 4  # the photo moved under the pointer
    qtbot.waitUntil(lambda: view._brush_outline.pos() == QPointF(*brush_anchor(now_under.x(), now_under.y(), 9)),
                    timeout=1_000)


@pytest.mark.parametrize("size, x, y, anchor", [(1, 70.25, 80.75, (70, 80)), (2, 70.25, 80.75, (70, 81)),
                                               (9, 70.25, 80.75, (70, 80)), (12, 70.75, 80.25, (71, 80))])
def test_the_brush_outline_at_the_pointer_encloses_exactly_the_pixels_a_click_paints(qtbot, size, x, y,
                                                                                     anchor) -> None:
    """The outline was a circle of the radius round the pointer: it did not show the pixels painted (size 1
    painted 3 to 5 of them inside a ring 2 pixels across)."""
    rig = Rig(qtbot, zoom=4.0)  # the mouse's screen pixels fall on quarters of image pixels
    rig.settings.update(size=size)
    view = rig.use("brush")
    rig.hover(x, y)
    outline = view._brush_outline
    assert outline.isVisible() and outline.pos() == QPointF(*anchor)
    assert outline._path.boundingRect().width() == outline._path.boundingRect().height() == size
    rig.click(x, y)
    rows, cols = np.nonzero(rig.doc.class_mask(LesionClass.MA))
    inside = {(row, col) for row in range(HEIGHT) for col in range(WIDTH)
              if outline._path.contains(QPointF(col + 0.5 - anchor[0], row + 0.5 - anchor[1]))}
    assert set(zip(rows.tolist(), cols.tolist())) == inside


def test_the_brush_outline_follows_the_size_and_goes_with_the_tool(rig: Rig) -> None:
    rig.settings.update(size=9)
    view = rig.use("brush")
    rig.hover(70.0, 80.0)
    outline = view._brush_outline
    rig.settings.grow_size()
    assert outline._path.boundingRect().width() == 11
    rig.canvas.set_tool(None)
    assert outline.scene() is None and not rig.settings._listeners  # nothing left behind by a switched-off tool


def test_shift_click_paints_a_straight_line_and_eraser_removes(rig: Rig) -> None:
    rig.settings.update(size=1)
    rig.use("brush")
    rig.click(10.5, 10.5)
    rig.click(110.5, 10.5, Qt.KeyboardModifier.ShiftModifier)
    assert rig.doc.class_mask(LesionClass.MA)[10, 10:111].all()
    rig.settings.update(size=6)
    rig.use("eraser")
    rig.drag([(50.5, 10.5), (70.5, 10.5)])
    row = rig.doc.class_mask(LesionClass.MA)[10]
    assert not row[50:71].any() and row[10:47].all() and row[74:111].all()


def test_fill_a_blob_by_clicking_it(rig: Rig) -> None:
    rig.settings.update(cls=LesionClass.HE, tolerance=30)
    rig.use("fill")
    rig.click(60.5, 50.5)
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    assert np.array_equal(rig.doc.class_mask(LesionClass.HE), (xx - 60) ** 2 + (yy - 50) ** 2 <= 12 ** 2)
    rig.use("erase_component")
    rig.click(55.5, 45.5)
    assert not rig.doc.mask.any() and len(rig.history.entries) == 2


def test_lasso_and_polygon_fill_and_preview(rig: Rig) -> None:
    rig.settings.update(cls=LesionClass.SE)
    rig.use("lasso")
    rig.drag([(10, 10), (40, 10), (40, 40), (10, 40), (10, 12)])
    assert rig.doc.class_mask(LesionClass.SE)[25, 25] and not rig.doc.class_mask(LesionClass.SE)[45, 45]
    view = rig.use("polygon")
    for point in [(100, 100), (140, 100), (140, 140)]:
        rig.click(*point)
    rig.hover(100, 140)
    assert view._outline.isVisible()
    assert view.key("Return")
    assert rig.doc.class_mask(LesionClass.SE)[110, 130] and not view._outline.isVisible()


def test_draw_move_resize_delete_a_box_with_the_mouse_and_keys(rig: Rig) -> None:
    rig.settings.update(cls=LesionClass.EX)
    view = rig.use("box")
    rig.drag([(20, 20), (35, 30), (50, 40)])
    (box,) = rig.doc.boxes
    assert (box.label, box.coords()) == (LesionClass.EX, (20, 20, 49, 39))
    assert len(rig.canvas.box_items()) == 1 and view._selection.isVisible()
    rig.drag([(35, 30), (40, 33), (45, 35)])  # move
    assert box.coords() == (30, 25, 59, 44)
    rig.hover(60, 45)
    assert rig.canvas.viewport().cursor().shape() == Qt.CursorShape.SizeFDiagCursor
    rig.drag([(60, 45), (70, 55), (80, 65)])  # resize by the bottom-right handle
    assert box.coords() == (30, 25, 79, 64)
    assert rig.history.entries == ["Add EX box", "Move box", "Resize box"]
    assert view.key("Delete")
    assert rig.doc.boxes == [] and rig.canvas.box_items() == [] and not view._selection.isVisible()
    rig.history.undo()
    assert rig.doc.boxes[0].coords() == (30, 25, 79, 64) and len(rig.canvas.box_items()) == 1


def test_magic_brush_without_ai_tells_the_person(rig: Rig) -> None:
    rig.use("magic_brush")
    rig.click(30, 30)
    assert rig.messages and "analysis" in rig.messages[0] and not rig.doc.mask.any()


def test_a_magic_brush_without_the_kept_map_says_so_once_not_at_every_stroke(rig: Rig) -> None:
    """The status bar said it again at each magic stroke, though nothing changes until the case is analysed again."""
    rig.doc.ai = AIResult(mask=np.full((HEIGHT, WIDTH), LesionClass.HE.bit, np.uint8),
                          probability_thresholds={"HE": 0.5})  # analysed before maps were kept
    rig.settings.update(cls=LesionClass.HE, magic_threshold=0.7)
    rig.use("magic_brush")
    for x in (30.5, 60.5, 90.5):
        rig.click(x, 50.5)
    assert len(rig.messages) == 1 and "no probability map of HE" in rig.messages[0]
    assert rig.history.entries == ["Magic brush HE"] * 3  # each stroke painted all the same


def test_the_threshold_box_decides_what_the_magic_brush_paints(qtbot, rig: Rig) -> None:
    """The box had no effect: the magic brush got the AI's 0/1 mask whatever it said."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    probability = np.clip(1.0 - np.hypot(xx - 60.5, yy - 50.5) / 20, 0, 1)  # 0.5 at 10 px from (60, 50)
    rig.doc.ai = AIResult(mask=((probability >= 0.5) * LesionClass.HE.bit).astype(np.uint8),
                          probabilities={"HE": probability_levels(probability)}, probability_thresholds={"HE": 0.5})
    options = ToolOptionsBar(rig.settings)
    qtbot.addWidget(options)
    rig.settings.update(cls=LesionClass.HE, size=60)
    rig.use("magic_brush")
    painted = {}
    for shown in ("AI's", "0.80", "0.20"):
        options.threshold.lineEdit().setText(shown)
        options.threshold.interpretText()
        rig.doc.mask[:] = 0
        rig.click(60.5, 50.5)
        painted[shown] = int(rig.doc.class_mask(LesionClass.HE).sum())
    assert options.threshold.value() == 0.2 and rig.settings.magic_threshold == 0.2
    assert painted["0.80"] < painted["AI's"] < painted["0.20"]
    assert painted["AI's"] == int((probability >= 0.5).sum()) and not rig.messages
    rig.doc.ai.probabilities.clear()  # analysed before maps were kept: the mask, and a word why
    rig.click(60.5, 50.5)
    assert "no probability map of HE" in rig.messages[-1]


def test_candidate_review_zooms_onto_the_candidate(rig: Rig) -> None:
    ai = np.zeros((HEIGHT, WIDTH), dtype=np.uint8)
    ai[80:84, 110:114] = LesionClass.MA.bit
    rig.doc.ai = AIResult(mask=ai)
    review = CandidateReview(rig.history, find_candidates(rig.doc))
    view = CandidateView(rig.canvas)
    view.show(review.current)
    centre = rig.canvas.view_centre()
    assert rig.canvas.zoom_level() > 5.0
    assert abs(centre.x() - 112) < 1 and abs(centre.y() - 82) < 1
    review.accept()
    view.show(review.current)
    assert rig.doc.class_mask(LesionClass.MA)[80:84, 110:114].all() and review.current is None


def test_history_panel_lists_steps_and_clicking_goes_back(qtbot, rig: Rig) -> None:
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_history(rig.history)
    rig.use("brush")
    rig.click(20, 20)
    rig.use("fill")
    rig.click(60, 50)
    assert [panel.item(i).text() for i in range(panel.count())] == [
        "Case as opened", "Paint MA", "Fill MA (tolerance 20)"]
    assert panel.currentRow() == 2
    panel.itemClicked.emit(panel.item(0))
    assert not rig.doc.mask.any() and rig.history.position == 0 and panel.count() == 3


def test_tool_bar_edits_the_shared_settings_and_follows_them(qtbot) -> None:
    settings = ToolSettings()
    bar, options = AnnotationToolBar(settings), ToolOptionsBar(settings)
    qtbot.addWidget(bar)
    qtbot.addWidget(options)
    chosen = []
    bar.tool_chosen.connect(chosen.append)
    bar.tool_actions["box"].trigger()
    bar.class_actions[LesionClass.SE].trigger()
    options.brush_size.setValue(17)
    assert chosen == ["box"] and settings.cls == LesionClass.SE and settings.size == 17
    settings.grow_size()
    assert options.brush_size.value() == settings.size
    settings.update(cls=LesionClass.HE)
    assert bar.class_actions[LesionClass.HE].isChecked()
    assert options.inside_fov.isChecked()  # on by default
    options.inside_fov.trigger()
    assert not settings.inside_fov
    settings.update(inside_fov=True)
    assert options.inside_fov.isChecked()


# -- in the main window ------------------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from PIL import Image

    from app.annotation_controller import AnnotationController
    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    images = tmp_path / "images"
    images.mkdir()
    Image.fromarray(photo()).save(images / "eye.png")
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    main = MainWindow(settings)
    assert isinstance(main.annotation, AnnotationController)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=5_000)
    assert main.open_paths([images])
    qtbot.waitUntil(lambda: main.cases.doc is not None and main.canvas.layers.document() is main.cases.doc
                    and bool(main.annotation.views), timeout=20_000)  # 2 shared cores: be patient
    main.canvas.set_view(2.0, QPointF(WIDTH / 2, HEIGHT / 2))
    return main


def window_drag(window, points, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    canvas = window.canvas

    def send(kind, x, y, button, buttons):
        pos = QPointF(canvas.mapFromScene(QPointF(x, y)))
        QApplication.sendEvent(canvas.viewport(), QMouseEvent(kind, pos, pos, button, buttons, modifiers))

    send(QEvent.Type.MouseButtonPress, *points[0], LEFT, LEFT)
    for x, y in points[1:]:
        send(QEvent.Type.MouseMove, x, y, NONE, LEFT)
    send(QEvent.Type.MouseButtonRelease, *points[-1], LEFT, NONE)


def test_main_window_keys_pick_tools_and_class_paint_undo_box_and_save_voc(qtbot, window) -> None:
    doc = window.cases.doc
    table = window.case_list.table
    qtbot.keyClick(table, Qt.Key.Key_2)  # HE
    qtbot.keyClick(table, Qt.Key.Key_B)  # brush
    assert window.canvas.tool() is window.annotation.views["brush"]
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    assert doc.class_mask(LesionClass.HE)[20, 20:41].all()
    assert window.annotation.history_panel.count() == 2 and window.isWindowModified()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not doc.mask.any()

    qtbot.keyClick(table, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    assert len(doc.boxes) == 1 and doc.boxes[0].label == LesionClass.HE
    qtbot.keyClick(table, Qt.Key.Key_3)  # picks EX for the next box: the box just drawn keeps its class
    assert doc.boxes[0].label == LesionClass.HE and window.annotation.settings.cls == LesionClass.EX
    qtbot.keyClick(table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # relabelling is its own key
    assert doc.boxes[0].label == LesionClass.EX
    window_drag(window, [(20, 20), (40, 40)])
    assert [box.label for box in doc.boxes] == [LesionClass.EX, LesionClass.EX]
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window_drag(window, [(115, 75)])  # a click selects the first box again
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert doc.boxes == []
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(doc.boxes) == 1

    window.annotation.actions["voc_next_to_images"].setChecked(True)
    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.cases.flush()  # saves are written on the storage queue
    xml = window.cases.workspace.folder / "eye.xml"
    assert xml.is_file() and "<name>EX</name>" in xml.read_text() and not window.isWindowModified()


def test_main_window_candidate_review_accepts_and_rejects_with_keys(qtbot, window) -> None:
    from annotations.commands import SetAIResult

    doc = window.cases.doc
    ai = np.zeros((HEIGHT, WIDTH), dtype=np.uint8)
    ai[40:60, 50:70] = LesionClass.HE.bit  # the larger: reviewed first
    ai[100:104, 150:154] = LesionClass.MA.bit
    window.cases.history.execute(SetAIResult(AIResult(mask=ai)))
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_C)
    assert window.annotation.review is not None and window.canvas.zoom_level() > 2.0
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)  # stop: the review's message goes with it
    assert window.annotation.review is None and window.statusBar().currentMessage() == ""
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_C)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert doc.class_mask(LesionClass.HE)[40:60, 50:70].all()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Backspace)
    assert [b.label for b in doc.rejected_candidates] == [LesionClass.MA]
    assert window.annotation.review is None and "reviewed" in window.statusBar().currentMessage()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.rejected_candidates == []


def test_no_two_actions_of_the_window_share_a_key(window) -> None:
    from PySide6.QtGui import QAction

    keys = [key.toString() for action in window.findChildren(QAction) for key in action.shortcuts()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert {"B", "E", "W", "1", "4", "[", "]", "Del", "Backspace", "Return"} <= set(keys)


def test_export_from_the_window_writes_the_saved_labels(qtbot, window, tmp_path) -> None:
    window.annotation.settings.update(cls=LesionClass.EX, tolerance=30)
    window.annotation.choose_tool("fill")
    window_drag(window, [(60.5, 50.5)])
    dialog = window.annotation.show_export()  # saves the case first: the export reads saved labels
    qtbot.waitUntil(lambda: dialog.counted)  # the scopes are read on a worker
    assert window.cases.history.is_clean and dialog.scope_buttons["all"].isChecked()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.format_boxes["voc"].setChecked(False)
    dialog.format_boxes["indexed"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as finished:
        dialog.export_button.click()
    assert "Exported 1 case(s) as indexed PNG" in finished.args[0] and "EX" in finished.args[0]
    assert (tmp_path / "out" / "eye.png").is_file()


def test_import_from_the_window_shows_the_imported_boxes(qtbot, window, tmp_path) -> None:
    labels = tmp_path / "yolo"
    labels.mkdir()
    (labels / "classes.txt").write_text("haemorrhage\n")
    (labels / "eye.txt").write_text(f"0 0.5 0.5 {20 / WIDTH:.6f} {10 / HEIGHT:.6f}\n")
    dialog = window.annotation.show_import()
    qtbot.addWidget(dialog)
    assert dialog.isModal()
    dialog.choose_format("yolo")
    dialog.source_edit.setText(str(labels))
    dialog.label_map_edit.setText("haemorrhage=HE")
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000) as finished:
        dialog.import_button.click()
    assert "Imported 1 case(s) as YOLO" in finished.args[0]
    qtbot.waitUntil(lambda: window.cases.doc is not None and bool(window.cases.doc.boxes), timeout=20_000)
    box = window.cases.doc.boxes[0]
    assert (box.label, box.coords()) == (LesionClass.HE, (WIDTH // 2 - 10, HEIGHT // 2 - 5, WIDTH // 2 + 10,
                                                          HEIGHT // 2 + 5))


def test_import_with_a_bad_label_map_says_so(qtbot, window, tmp_path) -> None:
    dialog = window.annotation.show_import()
    qtbot.addWidget(dialog)
    dialog.source_edit.setText(str(tmp_path))
    dialog.label_map_edit.setText("haemorrhage")
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000) as finished:
        dialog.import_button.click()
    assert "Import failed" in finished.args[0] and "name=CLASS" in finished.args[0]


def test_difficult_boxes_are_marked_on_the_canvas(qtbot, window) -> None:
    from widgets.canvas_items import BoxItem

    def tags() -> list[str]:
        return sorted(item.tag.text() for item in window.canvas.scene().items() if isinstance(item, BoxItem))

    qtbot.keyClick(window.case_list.table, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    assert tags() == ["MA"]
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.cases.doc.boxes[0].difficult and tags() == ["MA D"]
    item = next(i for i in window.canvas.scene().items() if isinstance(i, BoxItem))
    assert item.pen().style() == Qt.PenStyle.DotLine


def test_ctrl_d_duplicates_the_selected_box_a_few_screen_pixels_off_as_one_undo_step(qtbot, window) -> None:
    doc, table = window.cases.doc, window.case_list.table
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "Select a box first" in window.statusBar().currentMessage() and doc.boxes == []
    qtbot.keyClick(table, Qt.Key.Key_2)  # HE
    qtbot.keyClick(table, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    original, copy = doc.boxes
    assert copy.label == LesionClass.HE and not copy.difficult  # Ctrl+D no longer flags the box
    assert copy.coords() == tuple(value + 6 for value in original.coords())  # 12 screen pixels at zoom 2
    assert window.annotation.views["box"].tool.selected is copy
    assert window.cases.history.undo_text == "Duplicate HE box"
    assert window.annotation.history_panel.item(2).text() == "Duplicate HE box"
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.boxes == [original]


def test_the_box_menu_duplicates_the_box_and_shows_the_windows_keys(qtbot, window) -> None:
    doc, table = window.cases.doc, window.case_list.table
    qtbot.keyClick(table, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    menu = window.annotation.views["box"].box_menu()
    texts = [action.text() for action in menu.actions()]
    assert texts[-3:] == ["Difficult", "Duplicate box", "Delete box"]
    # the class entries show the keys that relabel the box, not "1 MA" (key 1 picks the next box's class)
    assert texts[0] == "MA — microaneurysm" and menu.actions()[1].shortcut().toString() == "Ctrl+2"
    assert menu.actions()[1].isShortcutVisibleInContextMenu()
    difficult = menu.actions()[-3]
    assert difficult.shortcut().toString() == "Ctrl+Shift+D" and difficult.isShortcutVisibleInContextMenu()
    duplicate = menu.actions()[-2]
    assert duplicate.shortcut().toString() == "Ctrl+D" and duplicate.isShortcutVisibleInContextMenu()
    delete = menu.actions()[-1]
    assert delete.shortcut().toString() == "Del" and delete.isShortcutVisibleInContextMenu()
    duplicate.trigger()
    original, copy = doc.boxes
    assert copy.coords() == tuple(value + 6 for value in original.coords())  # as Ctrl+D: 12 screen pixels
    assert window.cases.history.undo_text == "Duplicate MA box"


def test_each_right_click_menu_goes_when_closed(qtbot, window) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMenu

    qtbot.keyClick(window.case_list.table, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    canvas, shown = window.canvas, []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        shown.append(menu)
        menu.close()

    for _ in range(4):
        QTimer.singleShot(0, close_menu)
        pos = QPointF(canvas.mapFromScene(QPointF(115, 75)))
        right = Qt.MouseButton.RightButton
        QApplication.sendEvent(canvas.viewport(), QMouseEvent(QEvent.Type.MouseButtonPress, pos, pos, right, right,
                                                              Qt.KeyboardModifier.NoModifier))
        QApplication.sendEvent(canvas.viewport(), QMouseEvent(QEvent.Type.MouseButtonRelease, pos, pos, right,
                                                              NONE, Qt.KeyboardModifier.NoModifier))
    assert len(shown) == 4 and all(isinstance(menu, QMenu) for menu in shown)  # the menu did open each time
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert canvas.findChildren(QMenu) == []


def test_relabel_without_a_selected_box_says_what_to_do(qtbot, window) -> None:
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert "Select a box first" in window.statusBar().currentMessage()


def test_erasing_another_class_in_the_window_says_which_is_painted_there(qtbot, window) -> None:
    window.annotation.settings.update(cls=LesionClass.HE, size=12, inside_fov=False)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_B)
    window_drag(window, [(40.5, 40.5), (80.5, 40.5)])
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_1)  # MA
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_E)
    painted = window.cases.doc.mask.copy()
    window_drag(window, [(50.5, 40.5), (70.5, 40.5)])
    assert np.array_equal(window.cases.doc.mask, painted) and window.cases.history.entries == ["Paint HE"]
    assert window.statusBar().currentMessage() == ("no MA here to erase: the eraser removes only the selected class; "
                                                   "painted here: HE [2]")


def test_erasing_an_ai_lesion_in_the_window_says_to_accept_it_first(qtbot, window) -> None:
    from annotations.commands import SetAIResult

    ai = np.zeros((HEIGHT, WIDTH), dtype=np.uint8)
    ai[40:60, 50:70] = LesionClass.HE.bit
    window.cases.history.execute(SetAIResult(AIResult(mask=ai)))
    window.annotation.settings.update(cls=LesionClass.HE)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_X)  # erase blob
    window_drag(window, [(60.5, 50.5)])
    assert "accept it into your labels first" in window.statusBar().currentMessage()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_E)  # eraser
    window.statusBar().clearMessage()
    window_drag(window, [(60.5, 50.5), (62.5, 50.5)])
    assert "accept it into your labels first" in window.statusBar().currentMessage()
    assert window.cases.history.undo_text == "Set AI result"


def test_a_fill_stopped_short_of_its_region_says_so_in_the_window(window) -> None:
    window.annotation.settings.update(cls=LesionClass.OD, tolerance=255, fill_window=20, inside_fov=False)
    window.annotation.choose_tool("fill")
    window_drag(window, [(100.5, 75.5)])
    assert window.cases.history.entries[-1] == "Fill OD (tolerance 255)"
    assert window.cases.doc.class_mask(LesionClass.OD).sum() == 41 * 41
    assert window.statusBar().currentMessage().startswith("the fill looks no further than 20 px from the click")
