"""A B-scan whose pixels are not square (DICOM Pixel Spacing 4 µm down, 8 µm across) is drawn at its true shape: the
canvas's view stretches its coarser direction twice, while tools, the ruler, the cursor position and the overview
still work in image pixels. Square or unknown pixels are drawn as before.

Screen points are worked out by hand from the fitted view (a 100 x 100 B-scan shown 400 x 200 in a 400 x 300 view,
4 screen pixels per column, 2 per row, its top at y 50), not with the canvas's own mapping."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pydicom import uid

from annotations.classes import LesionClass
from annotations.document import CaseDocument, Modality
from annotations.history import History
from annotations.pixel_spacing import PixelSpacing
from annotations.tools import ToolContext, ToolSettings, make_tools
from app.report_controller import eye_input
from tests.dicom_files import per_frame_groups, write_dicom
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from widgets.canvas import ImageCanvas
from widgets.minimap import MINIMAP_SIDE
from widgets.qimage_convert import qimage_to_rgb
from widgets.tools.measure_view import MeasureToolView
from widgets.tools.tool_view import BoxToolView, ToolView

SIDE = 100  # the B-scan: SIDE x SIDE pixels
TWO_TO_ONE = PixelSpacing(row_mm=0.004, column_mm=0.008)  # each pixel twice as wide as it is deep
TOP = 50  # where the fitted B-scan's first row is on screen
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
WHITE, BLACK = (255, 255, 255), (0, 0, 0)


def screen(x: float, y: float) -> QPointF:
    """The viewport point over image point (x, y) of the fitted 2:1 B-scan: 4 screen pixels per column, 2 per row."""
    return QPointF(4 * x, TOP + 2 * y)


def bscan() -> np.ndarray:
    """The left half white, the right half black."""
    rgb = np.zeros((SIDE, SIDE, 3), np.uint8)
    rgb[:, : SIDE // 2] = 255
    return rgb


@pytest.fixture
def canvas(qtbot) -> ImageCanvas:
    view = ImageCanvas()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def shot(view: ImageCanvas) -> np.ndarray:
    return qimage_to_rgb(view.viewport().grab().toImage())


def colour(picture: np.ndarray, point: QPointF) -> tuple[int, int, int]:
    return tuple(int(v) for v in picture[int(point.y()), int(point.x())])


def send(view: ImageCanvas, kind: QEvent.Type, pos: QPointF, button: Qt.MouseButton,
         buttons: Qt.MouseButton) -> None:
    QApplication.sendEvent(view.viewport(), QMouseEvent(kind, pos, pos, button, buttons,
                                                        Qt.KeyboardModifier.NoModifier))


def drag(view: ImageCanvas, points: list[QPointF]) -> None:
    send(view, QEvent.Type.MouseButtonPress, points[0], LEFT, LEFT)
    for point in points[1:]:
        send(view, QEvent.Type.MouseMove, point, NONE, LEFT)
    send(view, QEvent.Type.MouseButtonRelease, points[-1], LEFT, NONE)


def test_a_two_to_one_bscan_fits_the_view_at_its_true_shape(canvas: ImageCanvas) -> None:
    canvas.set_image(bscan(), TWO_TO_ONE)
    assert canvas.display_stretch() == (2.0, 1.0)  # the coarser direction (across) is stretched, rows kept
    assert canvas.zoom_level() == pytest.approx(2.0)  # 200 x 100 fits 400 x 300 at twice its size
    on_screen = canvas.mapFromScene(QRectF(0, 0, SIDE, SIDE)).boundingRect()
    assert (on_screen.width(), on_screen.height()) == pytest.approx((400, 200), abs=1)  # 2:1 wide, not square
    picture = shot(canvas)
    assert colour(picture, screen(49, 50)) == WHITE and colour(picture, screen(51, 50)) == BLACK
    assert colour(picture, QPointF(198, TOP + 4)) == WHITE and colour(picture, QPointF(202, TOP + 4)) == BLACK
    assert colour(picture, QPointF(100, TOP - 4)) != WHITE  # above the B-scan: the view's background
    assert colour(picture, QPointF(100, TOP + 2 * SIDE + 4)) != WHITE


def test_zoom_steps_and_one_to_one_keep_the_true_shape(canvas: ImageCanvas) -> None:
    canvas.set_image(bscan(), TWO_TO_ONE)
    canvas.zoom_by(1.5)
    assert canvas.zoom_level() == pytest.approx(3.0)
    assert (canvas.transform().m11(), canvas.transform().m22()) == pytest.approx((6.0, 3.0))
    canvas.zoom_1_to_1()  # every row on its own screen pixel, each column on two
    assert (canvas.transform().m11(), canvas.transform().m22()) == pytest.approx((2.0, 1.0))
    canvas.zoom_by(1e-6)  # never smaller than the whole B-scan in view
    assert canvas.zoom_level() == pytest.approx(1.0)
    canvas.fit_to_window()
    assert (canvas.transform().m11(), canvas.transform().m22()) == pytest.approx((4.0, 2.0))


def test_the_overview_has_the_true_shape_and_frames_what_is_in_view(canvas: ImageCanvas, qtbot) -> None:
    canvas.set_image(bscan(), TWO_TO_ONE)
    canvas.set_view(8.0, QPointF(25, 50))  # 16 screen pixels a column: 25 columns and 37.5 rows in view
    minimap = canvas.minimap
    assert minimap.isVisible() and (minimap.width(), minimap.height()) == (MINIMAP_SIDE, MINIMAP_SIDE // 2)
    assert minimap._visible_rect.width() == pytest.approx(25, abs=0.5)
    assert minimap._visible_rect.height() == pytest.approx(37.5, abs=0.5)
    qtbot.mouseClick(minimap, LEFT, pos=QPointF(MINIMAP_SIDE * 0.75, MINIMAP_SIDE / 4).toPoint())  # (75, 50)
    centre = canvas.view_centre()
    assert (centre.x(), centre.y()) == pytest.approx((75, 50), abs=0.5)


def test_the_status_bar_position_is_the_image_pixel_under_the_pointer(canvas: ImageCanvas, qtbot) -> None:
    canvas.set_image(bscan(), TWO_TO_ONE)
    with qtbot.waitSignal(canvas.cursor_moved) as moved:
        qtbot.mouseMove(canvas.viewport(), screen(30.5, 70.5).toPoint())
    assert moved.args == [30, 70]


class Rig:
    """The tools on a fitted 2:1 B-scan, as the window builds them."""

    def __init__(self, qtbot, spacing: PixelSpacing | None = TWO_TO_ONE) -> None:
        self.canvas = ImageCanvas()
        qtbot.addWidget(self.canvas)
        self.canvas.resize(400, 300)
        self.canvas.show()
        self.image = bscan()
        self.canvas.set_image(self.image, spacing)
        self.doc = CaseDocument("scan", "scan.dcm", SIDE, SIDE, modality=Modality.OCT)
        self.history = History(self.doc)
        self.history.add_listener(self.canvas.apply_change)
        self.canvas.set_document(self.doc)
        self.settings = ToolSettings()
        context = ToolContext(self.history, self.settings, image=lambda: self.image, pixel_spacing=lambda: spacing)
        tools = make_tools(context)
        self.views = {name: ToolView(tool) for name, tool in tools.items()}
        self.views["box"] = BoxToolView(tools["box"])
        self.views["ruler"] = MeasureToolView(tools["ruler"])

    def use(self, name: str) -> ToolView:
        self.canvas.set_tool(self.views[name])
        return self.views[name]


def test_a_brush_dab_and_a_box_land_on_the_image_pixels_under_the_pointer(qtbot) -> None:
    rig = Rig(qtbot)
    rig.settings.update(cls=LesionClass.HE, size=1)
    rig.use("brush")
    drag(rig.canvas, [screen(30.5, 20.5)])
    assert list(zip(*np.nonzero(rig.doc.mask))) == [(20, 30)]  # row 20, column 30: one pixel
    drag(rig.canvas, [screen(60.5, 10.5), screen(70.5, 10.5)])  # a stroke across: 40 screen pixels, 10 columns
    assert np.flatnonzero(rig.doc.mask[10]).tolist() == list(range(60, 71))
    rig.use("box")
    drag(rig.canvas, [screen(10.2, 40.2), screen(19.8, 59.8)])
    box = rig.doc.boxes[0]
    assert (box.xmin, box.ymin, box.xmax, box.ymax) == (10, 40, 19, 59)


def test_the_ruler_reads_each_direction_by_its_own_spacing(qtbot) -> None:
    rig = Rig(qtbot)
    view = rig.use("ruler")
    drag(rig.canvas, [screen(20, 30), screen(20, 55)])  # 25 rows down: 50 screen pixels
    assert view._label.text == "100 µm · 25.0 px"  # 25 x 4 µm
    drag(rig.canvas, [screen(20, 30), screen(45, 30)])  # 25 columns across: 100 screen pixels
    assert view._label.text == "200 µm · 25.0 px"  # 25 x 8 µm


@pytest.mark.parametrize("spacing", [None, PixelSpacing(0.005, 0.005)], ids=["no spacing", "square spacing"])
def test_square_or_unknown_pixels_are_drawn_square_as_before(canvas: ImageCanvas, spacing) -> None:
    canvas.set_image(bscan(), spacing)
    assert canvas.display_stretch() == (1.0, 1.0)
    assert (canvas.transform().m11(), canvas.transform().m22()) == (3.0, 3.0)  # 100 x 100 fits 400 x 300 at 3
    assert canvas.zoom_level() == 3.0
    canvas.zoom_by(4.0)
    assert (canvas.minimap.width(), canvas.minimap.height()) == (MINIMAP_SIDE, MINIMAP_SIDE)


def test_the_next_bscan_of_a_volume_keeps_the_view_while_another_photo_is_square(canvas: ImageCanvas) -> None:
    canvas.set_image(bscan(), TWO_TO_ONE)
    canvas.set_view(4.0, QPointF(30, 40))
    canvas.show_preview(None, SIDE, SIDE)  # the next B-scan, its pixels on their way: drawn as the one before
    canvas.set_image(bscan(), TWO_TO_ONE)
    centre = canvas.view_centre()
    assert canvas.zoom_level() == pytest.approx(4.0) and (centre.x(), centre.y()) == pytest.approx((30, 40), abs=0.5)
    canvas.show_preview(None, 300, 200)  # a photo of another size: square, fitted
    assert canvas.display_stretch() == (1.0, 1.0)
    canvas.set_image(np.zeros((SIDE, SIDE, 3), np.uint8))  # a B-scan whose file records no spacing, fitted
    canvas.set_image(bscan(), TWO_TO_ONE)  # the same size with its spacing: fitted again, at its true shape
    assert (canvas.transform().m11(), canvas.transform().m22()) == pytest.approx((4.0, 2.0))


def test_a_volume_in_the_window_is_drawn_at_its_headers_shape_and_keeps_the_view_from_bscan_to_bscan(
        qtbot, settings, tmp_path, monkeypatch) -> None:  # noqa: F811
    """B-scans of 60 columns by 40 rows, 11.7 µm across and 3.9 µm down (per_frame_groups): 4.5 times as wide as
    deep on screen, and in the report."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    folder = tmp_path / "images"
    folder.mkdir()
    volume = np.stack([np.full((40, 60), 30 * (n + 1), np.uint8) for n in range(5)])  # B-scan n: grey 30 n
    write_dicom(folder / "macula.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True,
                header={"PerFrameFunctionalGroupsSequence": per_frame_groups(5)})
    window = _window(qtbot, settings, folder)
    canvas = window.canvas
    assert canvas.display_stretch() == pytest.approx((3.0, 1.0))
    on_screen = canvas.mapFromScene(QRectF(0, 0, 60, 40)).boundingRect()
    assert on_screen.width() / on_screen.height() == pytest.approx(4.5, rel=0.03)
    assert eye_input(window.cases, window.cases.doc).pixel_spacing == PixelSpacing(0.0039, 0.0117)
    canvas.set_view(4 * canvas.zoom_level(), QPointF(20, 15))
    zoom, before = canvas.zoom_level(), canvas.view_centre()
    window.bscans.bar.slider.setValue(window.bscans.bar.number + 1)  # the next B-scan, of the same shape
    qtbot.waitUntil(lambda: window.cases.image is not None and int(window.cases.image[0, 0, 0]) == 120,
                    timeout=10_000)
    centre = canvas.view_centre()
    assert canvas.display_stretch() == pytest.approx((3.0, 1.0)) and canvas.zoom_level() == pytest.approx(zoom)
    assert (centre.x(), centre.y()) == pytest.approx((before.x(), before.y()), abs=0.5)
    assert centre.x() == pytest.approx(20, abs=0.5)  # zoomed in on the left (every row may be in view)
