"""The arbitration dialog's panes share the dialog's width (no fixed size: a laptop screen holds them, a large one
gives them its room), both readings at one scale, drawn at the size shown (device pixels, up to the photo's own), and
the arbiter's size and split are remembered in QSettings."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QImage

from annotations.classes import LesionClass
from annotations.graded_fields import GradeField
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.pixel_spacing import PixelSpacing
from annotations.reading.side_by_side import READING_PANES, ArbitrationCase, Pane, prepare_arbitration, render_panes
from app import arbitration_controller
from app.settings import Settings
from tests.gui.test_double_reading_gui import disputed, select, window_on  # noqa: F401 - disputed is a fixture
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from widgets import arbitration_dialog
from widgets.arbitration_dialog import MIN_PANE_SIDE, ArbitrationDialog


def shown_dialog(qtbot, folder: Path) -> ArbitrationDialog:
    dialog = ArbitrationDialog(prepare_arbitration(folder, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def resized(qtbot, dialog: ArbitrationDialog, width: int, height: int) -> list[tuple[int, int]]:
    """The sizes of the images drawn in the three panes (reading A, reading B, the map) once the layout settles (a
    dialog taller than its content needs at ``width`` is made as low as it)."""
    dialog.resize(width, height)
    qtbot.waitUntil(lambda: dialog.width() == width)
    sizes = []
    for _ in range(5):  # the panes' height follows their width: give the layout its rounds
        qtbot.wait(20)
        sizes.append([pane.image_rect().size().toTuple() for pane in (*dialog.panes, dialog.map_pane)])
    assert sizes[-1] == sizes[-2]
    return sizes[-1]


def test_the_panes_grow_with_the_dialog_keeping_both_readings_at_one_scale(qtbot, disputed: Path) -> None:  # noqa: F811
    dialog = shown_dialog(qtbot, disputed)
    small = resized(qtbot, dialog, 760, 560)  # a laptop's share of a 1280 x 800 screen holds all three
    large = resized(qtbot, dialog, 2400, 1300)
    for (small_width, small_height), (large_width, large_height) in zip(small, large):
        assert large_width > 2 * small_width and large_height > 2 * small_height
        assert abs(large_width / large_height - 160 / 120) < 0.02  # the photo's shape kept
    for sizes in (small, large):
        assert abs(sizes[0][0] - sizes[1][0]) <= 2  # reading A beside reading B at one scale (to a pixel's rounding)
        assert min(width for width, _ in sizes) >= MIN_PANE_SIDE
    assert large[0][0] > 700  # a large screen's room goes to the panes, not around them
    dialog.map_class.setCurrentIndex(3)  # another class's map fills the same pane
    assert dialog.map_pane.image_rect().size().toTuple() == large[2]


def test_a_taller_dialog_is_made_as_low_as_its_content(qtbot, disputed: Path) -> None:  # noqa: F811
    dialog = shown_dialog(qtbot, disputed)
    sizes = resized(qtbot, dialog, 1200, 800)  # the panes' width leaves them ~300 px high: no empty band is left
    panes_bottom = max(pane.mapTo(dialog, pane.image_rect().bottomLeft()).y() for pane in dialog.panes)
    labels_top = dialog.choice.button(0).mapTo(dialog, dialog.choice.button(0).rect().topLeft()).y()
    assert 0 < labels_top - panes_bottom < 80
    buttons_top = dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft()).y()
    assert 0 < buttons_top - dialog.finals[GradeField.DME_RISK].geometry().bottom() < 30
    assert dialog.height() < 600
    assert resized(qtbot, dialog, 1200, 800) == sizes  # the panes keep the height their width gives them


def test_the_arbiters_size_and_split_are_restored_next_time_also_after_the_window_closed(
        qtbot, disputed: Path, tmp_path: Path) -> None:  # noqa: F811
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    select(qtbot, window, case_of(0))
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.resize(780, 520)
    qtbot.waitUntil(lambda: dialog.width() == 780)
    qtbot.wait(50)  # a dialog taller than its content is made as low as it
    dialog.split.setSizes([410, 340])  # the map wider than the default third
    qtbot.waitUntil(lambda: dialog.split.sizes()[1] > 300)
    chosen = dialog.split.sizes(), dialog.size().toTuple()
    dialog.reject()  # closed undecided: the split is kept all the same
    assert Settings.from_file(tmp_path / "settings.ini").arbitration_layout() != (None, None)

    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    again = shown.args[0]
    assert again is not dialog and (again.split.sizes(), again.size().toTuple()) == chosen
    again.split.setSizes([430, 320])
    qtbot.waitUntil(lambda: again.split.sizes()[1] < 330)
    chosen = again.split.sizes(), again.size().toTuple()
    window.close()  # with the dialog open

    reopened = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")  # the same settings file
    select(qtbot, reopened, case_of(0))
    with qtbot.waitSignal(reopened.arbitration.dialog_shown, timeout=10_000) as shown:
        reopened.actions["arbitrate"].trigger()
    assert (shown.args[0].split.sizes(), shown.args[0].size().toTuple()) == chosen


def test_a_dragged_split_keeps_its_ratio_through_resizes_and_a_reopen(qtbot, disputed: Path) -> None:  # noqa: F811
    dialog = shown_dialog(qtbot, disputed)
    resized(qtbot, dialog, 1400, 700)
    handle = dialog.split.handle(1)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(2, 10))
    qtbot.mouseMove(handle, QPoint(-250, 10))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(-250, 10))
    readers, whole = dialog.split.sizes()[0], sum(dialog.split.sizes())
    assert abs(readers / whole - 2 / 3) > 0.1  # dragged well away from the 2:1 the dialog opens with

    def keeps_the_ratio(shown: ArbitrationDialog) -> bool:
        return abs(shown.split.sizes()[0] - sum(shown.split.sizes()) * readers / whole) <= 1  # to a pixel

    for width in (2400, 800, 1900):  # 800: the readings' minimum width decides, until there is room again
        resized(qtbot, dialog, width, 700)
        assert keeps_the_ratio(dialog) == (width != 800)
    state = dialog.layout_state()
    again = ArbitrationDialog(prepare_arbitration(disputed, case_of(0)), "'img0.png'")
    qtbot.addWidget(again)
    again.restore_layout(*state)
    again.show()
    resized(qtbot, again, 1100, 650)
    assert keeps_the_ratio(again)


@pytest.mark.parametrize("stored", ["not a state", None])
def test_a_missing_or_unreadable_stored_layout_opens_the_default(qtbot, tmp_path: Path, stored) -> None:
    settings = Settings.from_file(tmp_path / "settings.ini")
    if stored is not None:
        settings.store.setValue("arbitration/geometry", stored)
        settings.store.setValue("arbitration/split", stored)
    assert settings.arbitration_layout() == (None, None)


@pytest.fixture
def disputed_photo(tmp_path: Path) -> Path:
    """A double-read folder whose photo is wider than a large screen's pane (not 160 pixels: a 2400 x 1600 one)."""
    folder = image_folder(tmp_path / "large", count=1, width=2400, height=1600)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name, rows in (("Anna", slice(100, 400)), ("Ben", slice(300, 700))):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2, rows=rows)
    return folder


def test_wide_panes_are_drawn_at_their_own_size_off_the_gui_thread_once_a_resize_settles(
        qtbot, disputed_photo: Path, tmp_path: Path, monkeypatch) -> None:
    drawn_on: list[tuple[bool, set]] = []  # (on the GUI thread, the panes drawn) for each drawing

    def recorded(case, wanted, cancelled):
        drawn_on.append((threading.current_thread() is threading.main_thread(), set(wanted)))
        return render_panes(case, wanted, cancelled)

    monkeypatch.setattr(arbitration_controller, "render_panes", recorded)
    monkeypatch.setattr(arbitration_dialog, "SHARPEN_DELAY_MS", 1000)  # a loaded machine's resize steps stay within it
    window = window_on(qtbot, tmp_path, disputed_photo, "Dr Arbiter")
    select(qtbot, window, case_of(0))
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    panes = (*dialog.panes, dialog.map_pane)
    qtbot.waitUntil(lambda: all(pane.pixels_size() == pane.wanted_size() for pane in panes), timeout=10_000)
    assert dialog.panes[0].pixels_size().width() < 1024  # a small screen's panes: drawn at their size too
    drawn_on.clear()
    dialog.split.setSizes([4200, 400])  # the split moved, then a resize dragged over several steps
    for width in range(4000, 4600, 100):
        dialog.resize(width, 1800)
        qtbot.wait(1)
    qtbot.waitUntil(lambda: all(pane.pixels_size() == pane.wanted_size() for pane in panes), timeout=20_000)
    assert dialog.panes[0].pixels_size().width() >= 2000  # not a 1024-pixel preview enlarged
    assert all(pane.pixels_size() == pane.image_rect().size() for pane in panes)  # a pixel drawn for each shown
    assert drawn_on == [(False, {*READING_PANES, Pane()})]  # once, when the resize settled, on the worker

    dialog.map_class.setCurrentIndex(3)  # another class's map: only that pane is drawn again
    qtbot.waitUntil(lambda: len(drawn_on) == 2 and dialog.map_pane.pixels_size() == dialog.map_pane.wanted_size(),
                    timeout=10_000)
    assert drawn_on[1] == (False, {Pane(map_class=LesionClass.EX)})


def test_a_pane_wants_device_pixels_and_no_more_than_the_photo_has(
        qtbot, disputed: Path, disputed_photo: Path, monkeypatch) -> None:  # noqa: F811
    for folder in (disputed, disputed_photo):
        dialog = shown_dialog(qtbot, folder)
        resized(qtbot, dialog, 760, 560)
        pane = dialog.panes[0]
        monkeypatch.setattr(pane, "devicePixelRatioF", lambda: 2.0)  # a HiDPI screen
        assert pane.image_rect().width() > 200
        if folder == disputed:  # a 160 x 120 photo: its own pixels, however large it is shown
            assert pane.wanted_size() == QSize(160, 120)
        else:
            assert pane.wanted_size() == pane.image_rect().size() * 2


def opened_dialog(qtbot, window) -> ArbitrationDialog:
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    return shown.args[0]


def test_a_closed_dialog_goes_with_its_photo_and_pixels(qtbot, disputed: Path, tmp_path: Path) -> None:  # noqa: F811
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    select(qtbot, window, case_of(0))
    opened_dialog(qtbot, window).reject()  # closed undecided
    opened_dialog(qtbot, window)
    opened_dialog(qtbot, window).save_button.click()  # replaced the one open, then decided
    opened_dialog(qtbot, window).map_class.setCurrentIndex(2)
    window.cases.close_workspace()  # the dialog closes with its folder
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(ArbitrationDialog) == [] and window.arbitration.dialog is None


def test_the_window_closing_stops_a_drawing_under_way(qtbot, disputed_photo: Path, tmp_path: Path,
                                                      monkeypatch) -> None:
    started, left = threading.Event(), threading.Event()

    def slow(case, wanted, cancelled):  # asks whether it is cancelled between panes, as render_panes does
        started.set()
        while not cancelled():
            time.sleep(0.01)
        time.sleep(0.3)  # the pane being drawn when the window closed
        left.set()
        return {}

    monkeypatch.setattr(arbitration_controller, "render_panes", slow)
    window = window_on(qtbot, tmp_path, disputed_photo, "Dr Arbiter")
    select(qtbot, window, case_of(0))
    dialog = opened_dialog(qtbot, window)
    dialog.render_wanted.emit({Pane(0): (300, 200)})
    assert started.wait(10)
    window.close()
    assert left.is_set()  # the worker left the drawing before the window went


def test_pixels_drawn_for_a_dialog_closed_meanwhile_are_dropped(qtbot, disputed_photo: Path) -> None:
    dialog = shown_dialog(qtbot, disputed_photo)
    resized(qtbot, dialog, 760, 560)
    pane = dialog.panes[0]
    preview = pane.pixels_size()
    assert preview != pane.wanted_size()  # the preview is larger than the pane: sharper pixels were asked for
    dialog.reject()
    image = QImage(pane.wanted_size(), QImage.Format.Format_RGB32)
    dialog.show_rendered({READING_PANES[0]: image})
    assert pane.pixels_size() == preview


def test_a_b_scan_is_arbitrated_at_its_true_shape_where_the_reader_chose_it(
        qtbot, disputed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """View ▸ B-scan at true shape holds for the arbiter's panes as for the canvas: pixels three times as wide as
    tall (the photo's header, as a B-scan's records it) make panes three times as wide as the pixel count."""
    def recorded(folder: Path, case_id: str) -> ArbitrationCase:
        case = prepare_arbitration(folder, case_id)
        case.spacing = PixelSpacing(row_mm=0.004, column_mm=0.012)
        return case
    monkeypatch.setattr(arbitration_controller, "prepare_arbitration", recorded)
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    select(qtbot, window, case_of(0))
    for true_shape, width in ((False, 160), (True, 480)):
        window.values.bscan_true_shape = true_shape
        with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
            window.actions["arbitrate"].trigger()
        dialog = shown.args[0]
        assert [pane.image_size.toTuple() for pane in (*dialog.panes, dialog.map_pane)] == [(width, 120)] * 3
        rect = dialog.map_pane.image_rect()
        assert abs(rect.width() / rect.height() - width / 120) < 0.05
        dialog.reject()
