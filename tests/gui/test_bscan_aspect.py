"""A B-scan whose pixels are not square (DICOM Pixel Spacing 4 µm down, 8 µm across) is drawn with square pixels, as
OCT devices show it, unless the reader asks for its true shape (View ▸ B-scan at true shape, kept in the Settings):
then the canvas's view stretches its coarser direction twice, while tools, the ruler, the cursor position and the
overview still work in image pixels; the report prints it as the canvas draws it. Square or unknown pixels are drawn
square either way.

Screen points are worked out by hand from the fitted view (a 100 x 100 B-scan shown 400 x 200 in a 400 x 300 view,
4 screen pixels per column, 2 per row, its top at y 50), not with the canvas's own mapping."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from PIL import Image
from pydicom import uid

from annotations.classes import LesionClass
from annotations.document import CaseDocument, Modality
from annotations.history import History
from annotations.pixel_spacing import PixelSpacing
from annotations.tools import ToolContext, ToolSettings, make_tools
from app.main_window import MainWindow
from app.report.panels import make_panels
from app.report_controller import eye_input
from app.settings import Settings
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


def new_canvas(qtbot, true_shape: bool) -> ImageCanvas:
    view = ImageCanvas()
    qtbot.addWidget(view)
    view.resize(400, 300)
    if true_shape:  # else as a new canvas draws
        view.set_true_shape(True)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def canvas(qtbot) -> ImageCanvas:
    """A canvas drawing B-scans at their true shape."""
    return new_canvas(qtbot, True)


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
        self.canvas.set_true_shape(True)
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


def volume_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a volume of five B-scans of 60 columns by 40 rows, 11.7 µm across and 3.9 µm down
    (per_frame_groups), B-scan n grey 30 n; no models."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    folder = tmp_path / "images"
    folder.mkdir()
    volume = np.stack([np.full((40, 60), 30 * (n + 1), np.uint8) for n in range(5)])
    write_dicom(folder / "macula.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True,
                header={"PerFrameFunctionalGroupsSequence": per_frame_groups(5)})
    return folder


def test_a_volume_in_the_window_is_drawn_at_its_headers_shape_and_keeps_the_view_from_bscan_to_bscan(
        qtbot, settings, tmp_path, monkeypatch) -> None:  # noqa: F811
    """At true shape, B-scans of 60 columns by 40 rows, 11.7 µm across and 3.9 µm down, are 4.5 times as wide as
    deep on screen, and in the report."""
    settings.save(replace(settings.load(), bscan_true_shape=True))
    window = _window(qtbot, settings, volume_folder(tmp_path, monkeypatch))
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


def test_by_default_a_bscan_is_drawn_with_square_pixels_whatever_its_spacing(qtbot) -> None:
    """One screen pixel per image pixel, as OCT devices show a B-scan (HEYEX's "1:1 Pixel"); the overview too."""
    view = new_canvas(qtbot, False)
    view.set_image(bscan(), TWO_TO_ONE)
    assert view.display_stretch() == (1.0, 1.0)
    assert (view.transform().m11(), view.transform().m22()) == (3.0, 3.0)  # 100 x 100 fits 400 x 300 at 3
    assert view.pixels_not_square()  # View ▸ B-scan at true shape would draw it otherwise
    picture = shot(view)
    assert colour(picture, QPointF(200 - 4, 150)) == WHITE and colour(picture, QPointF(200 + 4, 150)) == BLACK
    view.zoom_by(4.0)
    assert (view.minimap.width(), view.minimap.height()) == (MINIMAP_SIDE, MINIMAP_SIDE)


@pytest.mark.parametrize("spacing", [None, PixelSpacing(0.005, 0.005)], ids=["no spacing", "square spacing"])
def test_only_pixels_that_are_not_square_have_a_true_shape_to_choose(canvas: ImageCanvas, spacing) -> None:
    canvas.set_image(bscan(), spacing)
    assert not canvas.pixels_not_square()
    canvas.set_true_shape(False)
    assert canvas.display_stretch() == (1.0, 1.0) and canvas.transform().m11() == 3.0


def test_true_shape_toggles_both_ways_keeping_the_pixel_under_the_centre_or_the_fit(qtbot) -> None:
    view = new_canvas(qtbot, False)
    view.set_image(bscan(), TWO_TO_ONE)
    view.set_true_shape(True)  # fitted: fitted still, at the true shape
    assert (view.transform().m11(), view.transform().m22()) == pytest.approx((4.0, 2.0))
    view.set_true_shape(False)
    assert (view.transform().m11(), view.transform().m22()) == pytest.approx((3.0, 3.0))
    view.set_view(8.0, QPointF(30, 40))  # 50 columns and 37.5 rows in view: both directions cropped
    for true_shape, transform in ((True, (16.0, 8.0)), (False, (8.0, 8.0)), (True, (16.0, 8.0))):
        with qtbot.waitSignal(view.zoom_changed) as zoomed:
            view.set_true_shape(true_shape)
        centre = view.view_centre()
        assert (view.transform().m11(), view.transform().m22()) == pytest.approx(transform)
        assert zoomed.args == [pytest.approx(8.0)] and view.zoom_level() == pytest.approx(8.0)  # rows kept
        assert (centre.x(), centre.y()) == pytest.approx((30, 40), abs=0.5)
        shown = view.minimap  # the overview has the shape drawn, framing what is in view
        assert (shown.width(), shown.height()) == ((MINIMAP_SIDE, MINIMAP_SIDE // 2) if true_shape
                                                   else (MINIMAP_SIDE, MINIMAP_SIDE))
        assert shown._visible_rect.width() == pytest.approx(25 if true_shape else 50, abs=0.5)
        assert shown._visible_rect.height() == pytest.approx(37.5, abs=0.5)


@pytest.mark.parametrize("true_shape", [False, True])
def test_the_command_line_report_prints_bscans_as_the_windows_settings_say(tmp_path, monkeypatch, true_shape) -> None:
    from app.cli import main
    from app.commands import report as report_command

    folder = volume_folder(tmp_path, monkeypatch)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(replace(settings.load(), bscan_true_shape=true_shape))
    written = []
    monkeypatch.setattr(report_command, "_write", lambda report, *_: written.append(report) or 0)
    assert main(["report", str(folder / "macula.dcm"), "--out", str(tmp_path / "r.pdf"), "--no-analysis",
                 "--settings", str(tmp_path / "settings.ini")]) == 0
    (eye,) = written[0].eyes
    assert make_panels(eye, "summary", 180)[0].aspect == pytest.approx(4.5 if true_shape else 1.5)


def test_the_view_menus_true_shape_is_the_readers_kept_choice_and_the_report_follows_it(
        qtbot, settings, tmp_path, monkeypatch) -> None:  # noqa: F811
    from app import report_action
    from widgets.report_dialog import ReportDialog

    folder = volume_folder(tmp_path, monkeypatch)
    Image.fromarray(np.zeros((40, 60, 3), np.uint8)).save(folder / "photo.png")
    window = _window(qtbot, settings, folder)
    canvas, action = window.canvas, window.actions["bscan_true_shape"]
    assert window.cases.doc.image_path == "macula.dcm"
    assert not action.isChecked() and action.isEnabled() and canvas.display_stretch() == (1.0, 1.0)
    assert "Pixel Spacing" in action.toolTip() and "one screen pixel per image pixel" in action.toolTip()
    assert action in window.view_menu.actions()
    reported = []
    real_dialog = report_action.make_report_dialog
    monkeypatch.setattr(report_action, "make_report_dialog",
                        lambda parent, eyes, *args, **kwargs: reported.extend(eyes) or real_dialog(parent, eyes, *args,
                                                                                                   **kwargs))
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    for true_shape, stretch, aspect in ((True, (3.0, 1.0), 4.5), (False, (1.0, 1.0), 1.5)):
        qtbot.keyClick(canvas, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert action.isChecked() is true_shape and canvas.display_stretch() == pytest.approx(stretch)
        assert window.status.zoom_label.text() == f"{canvas.zoom_level() * 100:.0f}%"
        assert Settings.from_file(settings.store.fileName()).load().bscan_true_shape is true_shape
        window.reports.open_report()
        assert make_panels(reported.pop(), "summary", 180)[0].aspect == pytest.approx(aspect)
    action.trigger()
    later = MainWindow(Settings.from_file(settings.store.fileName()))  # the next session
    qtbot.addWidget(later)
    assert later.actions["bscan_true_shape"].isChecked()
    later.canvas.set_image(bscan(), TWO_TO_ONE)
    assert later.canvas.display_stretch() == (2.0, 1.0)
    photo = next(s.case_id for s in window.cases.summaries.values() if s.image_path == "photo.png")
    window.cases.select_case(photo)
    qtbot.waitUntil(lambda: window.cases.current_id == photo and window.cases.image is not None, timeout=10_000)
    assert not action.isEnabled() and action.isChecked()  # nothing to choose for a photo; the choice kept
    assert "Only for an image whose DICOM header records" in action.toolTip()
