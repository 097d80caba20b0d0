"""The image canvas: layers, zoom, crisp pixels, region updates, tool hooks, bare-image key, minimap, split view."""
from __future__ import annotations


import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass, hex_to_rgb
from annotations.commands import Change
from annotations.document import AIResult, Box, CaseDocument
from widgets.canvas import BARE_IMAGE_KEY, MAX_ZOOM, WHEEL_STEP, CanvasMouseEvent, CanvasTool, ImageCanvas
from widgets.canvas_items import mask_keys
from widgets.qimage_convert import qimage_to_rgb, rgb_to_qimage

GREY = (90, 90, 90)
WIDTH, HEIGHT = 80, 60
HE_BLOCK = (slice(10, 30), slice(10, 30))  # rows, cols
MA_BLOCK = (slice(40, 50), slice(50, 60))


@pytest.fixture
def canvas(qtbot) -> ImageCanvas:
    view = ImageCanvas()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def grey_image(width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    return np.full((height, width, 3), GREY, dtype=np.uint8)


def make_doc(width: int = WIDTH, height: int = HEIGHT) -> CaseDocument:
    doc = CaseDocument("case", "case.png", width, height)
    doc.mask[HE_BLOCK] |= LesionClass.HE.bit
    doc.mask[MA_BLOCK] |= LesionClass.MA.bit
    doc.boxes = [Box(LesionClass.HE, 10, 10, 29, 29), Box(LesionClass.EX, 60, 5, 70, 15, score=0.9, source="ai")]
    return doc


def screen_colour(view: ImageCanvas, x: float, y: float) -> tuple[int, int, int]:
    """Colour on screen at image point (x, y), from a real rendering of the viewport."""
    shot = qimage_to_rgb(view.viewport().grab().toImage())
    point = view.mapFromScene(QPointF(x, y))
    return tuple(int(v) for v in shot[point.y(), point.x()])


def shown(view: ImageCanvas, doc: CaseDocument) -> ImageCanvas:
    view.set_image(grey_image(doc.width, doc.height))
    view.set_document(doc)
    view.set_mask_opacity(1.0)
    return view


def test_image_and_document_create_layers(canvas: ImageCanvas) -> None:
    shown(canvas, make_doc())
    assert canvas.image_size() == (WIDTH, HEIGHT)
    assert canvas.layers.mask.buffer.shape == (HEIGHT, WIDTH)
    assert np.count_nonzero(canvas.layers.mask.buffer) == 20 * 20 + 10 * 10
    labels = sorted(item.tag.text() for item in canvas.box_items())
    assert labels == ["EX 0.90", "HE"]


def test_class_toggle_hides_only_that_class(canvas: ImageCanvas) -> None:
    shown(canvas, make_doc())
    assert screen_colour(canvas, 20, 20) == hex_to_rgb(LesionClass.HE.colour)
    assert screen_colour(canvas, 55, 45) == hex_to_rgb(LesionClass.MA.colour)
    canvas.set_layer_visible("HE", False)
    assert screen_colour(canvas, 20, 20) == GREY
    assert screen_colour(canvas, 55, 45) == hex_to_rgb(LesionClass.MA.colour)
    he_box = next(item for item in canvas.box_items() if item.label is LesionClass.HE)
    assert not he_box.isVisible()
    canvas.set_layer_visible("HE", True)
    assert screen_colour(canvas, 20, 20) == hex_to_rgb(LesionClass.HE.colour)
    with pytest.raises(ValueError, match="unknown layer"):
        canvas.set_layer_visible("XX", True)


def test_mask_opacity_blends_fills_but_keeps_the_disc_outline_opaque(canvas: ImageCanvas) -> None:
    doc = make_doc()
    doc.mask[20:50, 40:70] |= LesionClass.OD.bit
    shown(canvas, doc)
    canvas.set_mask_opacity(0.5)
    green = hex_to_rgb(LesionClass.HE.colour)
    blended = screen_colour(canvas, 20, 20)
    for got, over, under in zip(blended, green, GREY):
        assert abs(got - (over + under) / 2) <= 2
    assert screen_colour(canvas, 40, 35) == (255, 255, 255)  # left edge of the disc
    assert screen_colour(canvas, 55, 35) == GREY  # inside the disc: outline only


def test_zoom_fit_one_to_one_steps_and_clamps(canvas: ImageCanvas, qtbot) -> None:
    canvas.set_image(grey_image(800, 600))
    assert canvas.zoom_level() == pytest.approx(0.5)  # 800x600 fitted into 400x300
    canvas.zoom_1_to_1()
    assert canvas.zoom_level() == pytest.approx(1.0)
    with qtbot.waitSignal(canvas.zoom_changed) as signal:
        canvas.zoom_by(2.0)
    assert signal.args == [pytest.approx(2.0)]
    canvas.zoom_by(1000.0)
    assert canvas.zoom_level() == pytest.approx(MAX_ZOOM)
    canvas.zoom_by(1e-6)
    assert canvas.zoom_level() == pytest.approx(0.5)  # never smaller than the whole image in view
    canvas.zoom_by(4.0)
    canvas.fit_to_window()
    assert canvas.zoom_level() == pytest.approx(0.5)


def test_wheel_zooms_around_the_cursor(canvas: ImageCanvas) -> None:
    canvas.set_image(grey_image(800, 600))
    cursor = QPointF(100, 80)
    before = canvas.to_image(cursor)
    for _ in range(2):  # two notches up
        wheel = QWheelEvent(cursor, canvas.viewport().mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(canvas.viewport(), wheel)
    after = canvas.to_image(cursor)
    assert canvas.zoom_level() == pytest.approx(0.5 * WHEEL_STEP ** 2)
    assert abs(after.x() - before.x()) < 1 and abs(after.y() - before.y()) < 1


def test_space_drag_pans_without_reaching_the_tool(canvas: ImageCanvas, qtbot) -> None:
    canvas.set_image(grey_image(800, 600))
    canvas.zoom_1_to_1()
    tool = RecordingTool()
    canvas.set_tool(tool)
    centre = canvas.view_centre()
    qtbot.keyPress(canvas, Qt.Key.Key_Space)
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
    qtbot.mouseMove(canvas.viewport(), QPoint(150, 120))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(150, 120))
    qtbot.keyRelease(canvas, Qt.Key.Key_Space)
    moved = canvas.view_centre() - centre
    assert (round(moved.x()), round(moved.y())) == (50, 30)  # the image follows the hand
    assert [kind for kind, _ in tool.events if kind != "move"] == []


def test_left_drag_pans_when_no_tool_is_chosen(canvas: ImageCanvas, qtbot) -> None:
    canvas.set_image(grey_image(800, 600))
    canvas.zoom_1_to_1()
    centre = canvas.view_centre()
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
    qtbot.mouseMove(canvas.viewport(), QPoint(170, 140))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(170, 140))
    moved = canvas.view_centre() - centre
    assert (round(moved.x()), round(moved.y())) == (30, 10)


def test_magnified_pixels_stay_sharp_squares(canvas: ImageCanvas) -> None:
    rgb = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)
    rgb[30, 40] = 255
    canvas.set_image(rgb)
    canvas.set_view(8.0, QPointF(40.5, 30.5))
    shot = qimage_to_rgb(canvas.viewport().grab().toImage())
    lit = np.argwhere(shot.max(axis=2) > 0)
    top, left = lit.min(axis=0)
    bottom, right = lit.max(axis=0)
    assert (bottom - top + 1, right - left + 1) == (8, 8)
    assert len(lit) == 64
    assert (shot[top:bottom + 1, left:right + 1] == 255).all()  # no blended edge pixels
    assert not canvas.image_item.is_smooth()


def test_smoothing_only_when_shrunk(canvas: ImageCanvas) -> None:
    canvas.set_image(grey_image(1600, 1200))
    assert canvas.zoom_level() < 1 and canvas.image_item.is_smooth()
    canvas.zoom_1_to_1()
    assert not canvas.image_item.is_smooth()


def test_update_mask_region_recolours_only_that_region(canvas: ImageCanvas) -> None:
    doc = make_doc()
    shown(canvas, doc)
    buffer = canvas.layers.mask.buffer
    ex_colour = int(buffer[20, 20])  # an HE pixel's packed colour, for comparison below
    doc.mask[0:5, 70:75] |= LesionClass.EX.bit  # changed, but not announced
    doc.mask[50:55, 0:5] |= LesionClass.EX.bit  # changed and announced below
    canvas.apply_change(Change("mask", (50, 55, 0, 5)))
    assert buffer[0:5, 70:75].max() == 0
    assert np.count_nonzero(buffer[50:55, 0:5]) == 25
    assert int(buffer[52, 2]) != ex_colour
    canvas.update_mask_region(0, 5, 70, 75)
    assert np.count_nonzero(buffer[0:5, 70:75]) == 25


def test_region_update_matches_full_rebuild_with_outlines(canvas: ImageCanvas) -> None:
    doc = make_doc()
    doc.ai = AIResult(mask=doc.mask.copy())
    shown(canvas, doc)
    canvas.set_mask_source("both")
    yy, xx = np.ogrid[:HEIGHT, :WIDTH]
    disc = (yy - 30) ** 2 + (xx - 40) ** 2 < 12 ** 2
    doc.mask[disc] |= LesionClass.OD.bit
    canvas.update_mask_region(18, 43, 28, 53)
    doc.mask[:, 40:53] &= ~np.uint8(LesionClass.OD.bit)  # erasing: the new edge lies outside the region
    canvas.update_mask_region(18, 43, 40, 53)
    partial = canvas.layers.mask.buffer.copy()
    canvas.layers.refresh_masks()
    assert np.array_equal(partial, canvas.layers.mask.buffer)
    keys = mask_keys(doc.mask, outline_only=False, thickness=2)
    assert keys[30, 34] & LesionClass.OD.bit == 0 and keys[19, 39] & LesionClass.OD.bit  # outline, not fill


def test_ai_mask_sources(canvas: ImageCanvas) -> None:
    doc = make_doc()
    ai_mask = np.zeros_like(doc.mask)
    ai_mask[0:10, 0:10] = LesionClass.SE.bit
    doc.ai = AIResult(mask=ai_mask)
    shown(canvas, doc)
    canvas.set_mask_source("ai")
    assert screen_colour(canvas, 5, 5) == hex_to_rgb(LesionClass.SE.colour)
    assert screen_colour(canvas, 20, 20) == GREY
    canvas.set_mask_source("both")
    assert screen_colour(canvas, 20, 20) == hex_to_rgb(LesionClass.HE.colour)  # reader fill
    assert screen_colour(canvas, 0, 5) == hex_to_rgb(LesionClass.SE.colour)  # AI outline
    assert screen_colour(canvas, 5, 5) == GREY  # inside the AI outline the photo shows
    with pytest.raises(ValueError, match="mask source"):
        canvas.set_mask_source("model")


def test_heatmap_and_fov_layers(canvas: ImageCanvas) -> None:
    shown(canvas, make_doc())
    cam = np.zeros((HEIGHT, WIDTH), dtype=np.float32)
    cam[:, 60:] = 1.0
    canvas.set_heatmap(cam)
    canvas.set_heatmap_opacity(1.0)
    hot = screen_colour(canvas, 70, 50)
    assert hot[0] > 100 and hot[1] < 40 and hot[2] < 40  # the ramp's hot end is (dark) red
    assert screen_colour(canvas, 40, 55) == GREY  # cold areas keep the photo
    canvas.set_layer_visible("heatmap", False)
    assert screen_colour(canvas, 70, 50) == GREY
    canvas.set_fov(40, 30, 25)
    assert canvas.layers.fov.isVisible() and canvas.layers.fov.rect().width() == 50
    canvas.set_fov(None)
    assert not canvas.layers.fov.isVisible()


class RecordingTool(CanvasTool):
    def __init__(self) -> None:
        self.events: list[tuple[str, CanvasMouseEvent]] = []
        self.active = False

    def activate(self, canvas: ImageCanvas) -> None:
        self.active = True

    def deactivate(self, canvas: ImageCanvas) -> None:
        self.active = False

    def press(self, event: CanvasMouseEvent) -> None:
        self.events.append(("press", event))

    def move(self, event: CanvasMouseEvent) -> None:
        self.events.append(("move", event))

    def release(self, event: CanvasMouseEvent) -> None:
        self.events.append(("release", event))


def test_tool_receives_image_coordinates(canvas: ImageCanvas, qtbot) -> None:
    shown(canvas, make_doc())
    tool = RecordingTool()
    canvas.set_tool(tool)
    assert tool.active
    where = canvas.mapFromScene(QPointF(21.5, 12.5))
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(QPointF(30.5, 15.5)))
    kinds = [kind for kind, _ in tool.events]
    assert kinds == ["press", "release", "move"]
    assert tool.events[2][1].pixel == (30, 15)
    event = tool.events[0][1]
    assert event.pixel == (21, 12) and event.inside and event.button == Qt.MouseButton.LeftButton
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.MiddleButton, pos=where)  # panning, not for tools
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.MiddleButton, pos=where)
    assert len(tool.events) == 3
    canvas.set_tool(None)
    assert not tool.active


def test_cursor_position_signal(canvas: ImageCanvas, qtbot) -> None:
    shown(canvas, make_doc())
    with qtbot.waitSignal(canvas.cursor_moved) as moved:
        qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(QPointF(33.5, 44.5)))
    assert moved.args == [33, 44]
    with qtbot.waitSignal(canvas.cursor_moved) as moved:
        qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(QPointF(-3, -3)))
    assert moved.args == [-1, -1]


def test_bare_image_key_hides_overlays_while_held(canvas: ImageCanvas, qtbot) -> None:
    shown(canvas, make_doc())
    qtbot.keyPress(canvas, BARE_IMAGE_KEY)
    assert canvas.is_bare_image()
    assert screen_colour(canvas, 20, 20) == GREY
    qtbot.keyRelease(canvas, BARE_IMAGE_KEY)
    assert not canvas.is_bare_image()
    assert screen_colour(canvas, 20, 20) == hex_to_rgb(LesionClass.HE.colour)
    assert canvas.is_layer_visible("HE")


def test_minimap_only_when_zoomed_in(canvas: ImageCanvas) -> None:
    canvas.set_image(grey_image(800, 600))
    assert not canvas.minimap.isVisible()
    canvas.zoom_by(4.0)
    assert canvas.minimap.isVisible()
    canvas.fit_to_window()
    assert not canvas.minimap.isVisible()


def test_the_minimap_keeps_its_detail_on_a_high_density_screen(canvas: ImageCanvas, monkeypatch) -> None:
    """At 200 % display scaling the overview was made at its size in points and drawn twice as large, blurred."""
    canvas.set_image(grey_image(800, 600))
    canvas.zoom_by(4.0)
    minimap = canvas.minimap
    monkeypatch.setattr(minimap, "devicePixelRatioF", lambda: 2.0)  # moved to a 4K screen at 200 %
    overview = minimap._thumbnail_image()
    assert overview.size() == minimap.size() * 2 and overview.deviceIndependentSize().toSize() == minimap.size()


def test_a_preview_stands_for_the_full_size_until_the_photo_is_set(canvas: ImageCanvas) -> None:
    canvas.show_preview(grey_image(105, 70), 2100, 1400)
    assert canvas.image_size() == (2100, 1400) and canvas.image_array().shape[1] == 105
    canvas.show_preview(None, WIDTH, HEIGHT)  # no quick preview: a placeholder of the right size
    assert canvas.image_size() == (WIDTH, HEIGHT)
    canvas.set_document(make_doc())  # the document shows over the placeholder at once
    full = grey_image()
    canvas.set_image(full)
    assert canvas.image_array() is full
    assert screen_colour(canvas, 20, 20) != GREY  # the document's HE fill is drawn over the photo


def test_document_size_must_match_image(canvas: ImageCanvas) -> None:
    canvas.set_image(grey_image())
    with pytest.raises(ValueError, match="80x60"):
        canvas.set_document(make_doc(40, 30))


def test_qimage_wraps_numpy_without_copy() -> None:
    rgb = grey_image()
    image = rgb_to_qimage(rgb)
    rgb[3, 4] = (1, 2, 3)
    assert image.pixelColor(4, 3).getRgb()[:3] == (1, 2, 3)
    strided = grey_image(160, 60)[:, ::2]
    assert qimage_to_rgb(rgb_to_qimage(strided)).shape == (60, 80, 3)
    with pytest.raises(ValueError, match="uint8"):
        rgb_to_qimage(rgb.astype(np.float32))
