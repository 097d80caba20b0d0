"""The review window on a 1366 x 768 clinic laptop, in English and Chinese: every tool bar control in reach (none
behind a » menu), the lesion table in the findings dock without scrolling, the patient details folded on request
and kept so, the photo wider than the case list and the History dock a few rows; on a 1600 px screen the tool bars
stay one row. The reader's own sizes (a dragged splitter, also in the next run, and a dock layout from the settings)
win."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QSplitter, QToolBar

from annotations.commands import SetAIResult
from annotations.document import AIResult, PatientInfo
from annotations.findings import Findings
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from widgets.case_list import GIVE_WAY_ORDER, READING_COLUMN, THUMB_SIZE
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_double_reading_gui import disputed  # noqa: F401 - a fixture
from tests.gui.test_main_window import _window, fundus_folder

LESIONS = {  # the QA photo's (IDRiD-like, codras_0008): quadrant counts that wrap in the dock
    name: {"count": count, "area_px": 900, "area_mm2": area, "quadrants": dict(zip(("ST", "SN", "IT", "IN"), where))}
    for name, count, area, where in (("MA", 68, 0.111, (26, 22, 15, 5)), ("HE", 69, 2.903, (19, 24, 17, 9)),
                                     ("EX", 253, 5.916, (104, 70, 48, 31)), ("SE", 4, 0.596, (1, 2, 1, 0)))}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    return settings


@pytest.fixture
def window(qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """A photo with a patient and an AI result like the QA case's, at 1366 x 768."""
    window = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))
    window.cases.edits.set_patient(PatientInfo(patient_id="QA-0001", name="Wang", birth_date="1968-03-14", age=58,
                                               sex="M", exam_date="2026-11-22"))
    findings = Findings.from_json(LESIONS | {"lesions_present_probability": 0.9,
                                             "referable_source": "DR signs classifier or DR grade >= 2",
                                             "optic_disc": {"found": True, "center": [10, 50]}})
    window.cases.execute(SetAIResult(AIResult(dr_grade=2, grade_source="icdr-rules", referable=True,
                                              findings=findings)))
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    return window


def _hidden_controls(window: MainWindow) -> list[str]:
    """The tool bar controls Qt put behind a » menu (it hides each one that does not fit)."""
    return [action.text() or action.objectName() for bar in window.findChildren(QToolBar) if bar.isVisible()
            for action in bar.actions() if not action.isSeparator() and not bar.widgetForAction(action).isVisible()]


def _rows_in_view(window: MainWindow) -> int:
    """How many of the lesion table's rows the findings dock shows whole, without scrolling."""
    table, viewport = window.findings.lesions, window.findings_dock.widget().viewport()
    shown = QRect(QPoint(0, 0), viewport.size())
    return sum(1 for row in range(table.rowCount())
               if shown.contains(QRect(table.viewport().mapTo(viewport, QPoint(0, table.rowViewportPosition(row))),
                                       QRect(0, 0, 1, table.rowHeight(row)).size())))


def test_every_tool_bar_control_is_in_reach_at_1366_px(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not _hidden_controls(window))
    assert window.annotation.options_bar.widgetForAction(window.annotation.options_bar.inside_fov).isVisible()


def test_every_tool_bar_control_is_in_reach_at_1366_px_in_chinese(qtbot, chinese, settings, tmp_path,
                                                                    monkeypatch) -> None:
    window = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366 and not _hidden_controls(window))


def test_the_tool_bars_stay_one_row_on_a_wider_screen(qtbot, window: MainWindow) -> None:
    bars = window.annotation.tool_bar, window.annotation.options_bar
    qtbot.waitUntil(lambda: bars[1].y() > bars[0].y())  # 1366 px: the options take a row of their own
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: bars[1].y() == bars[0].y() and not _hidden_controls(window))


def test_the_options_take_their_own_row_when_the_reader_put_them_before_the_tools(qtbot, window: MainWindow) -> None:
    tools, options = window.annotation.tool_bar, window.annotation.options_bar
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: options.y() == tools.y())
    window.insertToolBar(tools, options)  # what dragging the options bar before the tools does
    qtbot.waitUntil(lambda: options.x() < tools.x())
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: tools.y() > options.y() and not _hidden_controls(window))


def test_the_options_stay_on_the_row_the_reader_dragged_them_to(qtbot, window: MainWindow) -> None:
    tools, options = window.annotation.tool_bar, window.annotation.options_bar
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: options.y() == tools.y())
    window.insertToolBarBreak(options)  # what dragging the options bar below the tools does
    qtbot.waitUntil(lambda: options.y() > tools.y())
    window.resize(1700, 1000)
    qtbot.waitUntil(lambda: window.case_list.width() == 560)  # the window's resize is through: the list follows it
    assert window.toolBarBreak(options)


def test_the_lesion_table_is_in_view_at_1366_x_768(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: _rows_in_view(window) >= 2)  # the details shown: MA and HE
    window.patients.panel.toggle.click()
    qtbot.waitUntil(lambda: _rows_in_view(window) == 4)  # folded into one line: the whole table


def _whole_in_dock(window: MainWindow, widget) -> bool:
    """Whether ``widget`` shows whole in the findings dock's viewport (not scrolled partly out of it)."""
    viewport = window.findings_dock.widget().viewport()
    return QRect(QPoint(0, 0), viewport.size()).contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


@pytest.mark.parametrize("folded", [False, True], ids=["shown", "folded"])
def test_f3_after_ctrl_g_shows_the_patient_folds_header_on_a_laptop_at_125_percent(qtbot, window: MainWindow,
                                                                                   folded: bool) -> None:
    """Ctrl+G scrolled the dock down to the reader's grade; F3 then scrolled back only as far as the patient ID
    (Qt's 50 px margin), the Patient fold's header half out of view above it at 1093 x 550 (the laptop's maximised
    window at 125 % scaling)."""
    window.resize(1093, 550)
    qtbot.waitUntil(lambda: window.width() == 1093)
    window.patients.panel.set_expanded(not folded)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _whole_in_dock(window, window.findings.dr_grade))
    qtbot.keyClick(window.canvas, Qt.Key.Key_F3)
    panel = window.patients.panel
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.patient_id)
    assert _whole_in_dock(window, panel.toggle) and _whole_in_dock(window, panel.patient_id)


def test_f2_shows_the_whole_findings_box_on_a_laptop_at_125_percent(qtbot, window: MainWindow) -> None:
    """F2 from the top of the dock scrolled only to the box's first line (its text cursor, with Qt's 50 px margin):
    the rest of the box, where the findings typed go on, stayed below the dock's edge at 1093 x 550."""
    window.resize(1093, 550)
    qtbot.waitUntil(lambda: window.width() == 1093)
    window.findings_dock.widget().verticalScrollBar().setValue(0)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.findings.findings_text)
    assert _whole_in_dock(window, window.findings.findings_text)


def test_tab_into_the_findings_box_shows_it_whole_on_a_laptop_at_125_percent(qtbot, window: MainWindow) -> None:
    """Tab scrolled the dock to the box's text cursor only, as F2 did: its first line in view, the rest below."""
    window.resize(1093, 550)
    qtbot.waitUntil(lambda: window.width() == 1093)
    box = window.findings.findings_text
    window.findings_dock.widget().verticalScrollBar().setValue(0)
    window.findings.dme_risk.setFocus()
    for _ in range(4):  # the Accept button, then the box
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is box:
            break
    assert QApplication.focusWidget() is box and _whole_in_dock(window, box)


def test_the_patient_details_fold_into_one_line_and_stay_folded(qtbot, window: MainWindow, settings) -> None:
    panel = window.patients.panel
    assert panel.details.isVisible() and not panel.summary.isVisible()
    panel.toggle.click()
    assert not panel.details.isVisible() and panel.summary.text() == "Wang · QA-0001"
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert not again.patients.panel.details.isVisible() and again.patients.panel.summary.isVisible()
    again.patients.panel.toggle.click()
    assert again.patients.panel.details.isVisible() and settings.patient_details_shown()


def test_the_fold_and_the_tool_values_are_on_disk_while_the_window_is_open(qtbot, window: MainWindow,
                                                                            tmp_path: Path) -> None:
    """Not only at close: a process killed later keeps them (QSettings writes a change at the event loop's next
    pass)."""
    window.patients.panel.toggle.click()
    window.annotation.options_bar.brush_size.setValue(23)
    ini = tmp_path / "settings.ini"
    qtbot.waitUntil(lambda: "patient_details=false" in ini.read_text() and "size=23" in ini.read_text())
    assert window.isVisible()


def test_the_folded_details_are_read_back_from_an_ini_file(tmp_path: Path) -> None:
    (tmp_path / "hand.ini").write_text("[window]\npatient_details=false\n")  # text, not a bool: "false" is truthy
    assert not Settings.from_file(tmp_path / "hand.ini").patient_details_shown()


def test_a_case_list_width_edited_by_hand_into_nonsense_is_never_dragged(tmp_path: Path) -> None:
    (tmp_path / "hand.ini").write_text("[window]\ncase_list_width=wide\n")
    assert Settings.from_file(tmp_path / "hand.ini").case_list_width() is None


def test_the_area_and_quadrant_columns_get_the_room_the_counts_leave(qtbot, window: MainWindow) -> None:
    table = window.findings.lesions
    qtbot.waitUntil(lambda: table.width() < 340)  # the dock's width at 1366 px
    two_lines = 3 * table.fontMetrics().lineSpacing()  # "ST 26 SN 22 / IT 15 IN 5", not three lines of it
    assert all(table.rowHeight(row) < two_lines for row in (0, 1, 3))  # MA, HE, SE


def test_the_photo_gets_the_room_at_1366_px_and_the_file_names_stay_readable(qtbot, window: MainWindow) -> None:
    case_list = window.case_list
    qtbot.waitUntil(lambda: window.centre.width() >= 520 and window.centre.width() > case_list.width())
    name = THUMB_SIZE.width() + case_list.table.fontMetrics().horizontalAdvance("codras_0008.jpg")
    assert case_list.table.horizontalHeader().sectionSize(0) > name  # beside the thumbnail, not elided
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: case_list.width() >= 500)  # a wider screen: room for longer names too


def test_a_dragged_case_list_keeps_its_width(qtbot, window: MainWindow) -> None:
    splitter = window.centralWidget()
    assert isinstance(splitter, QSplitter)
    splitter.moveSplitter(340, 1)  # what dragging the handle does
    qtbot.waitUntil(lambda: window.case_list.width() == 340)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600)
    assert window.case_list.width() == 340


def _restarted(qtbot, settings: Settings) -> MainWindow:
    """The window of the next run, at 1366 x 768 (the offscreen screen narrows the geometry the last one saved)."""
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    again.resize(1366, 768)
    qtbot.waitUntil(lambda: again.width() == 1366)
    return again


def test_a_dragged_case_list_keeps_its_width_in_the_next_run(qtbot, window: MainWindow, settings: Settings) -> None:
    window.case_split.moveSplitter(340, 1)  # what dragging the handle does
    qtbot.waitUntil(lambda: window.case_list.width() == 340)
    window.close()
    again = _restarted(qtbot, settings)
    qtbot.waitUntil(lambda: again.case_list.width() == 340)  # not the 455 px of the window's rule
    again.resize(1600, 1000)
    qtbot.waitUntil(lambda: again.width() == 1600)
    assert again.case_list.width() == 340


def test_a_findings_dock_widened_on_a_large_screen_leaves_the_photo_room_on_a_laptop(qtbot, window: MainWindow) -> None:
    """Widened to 900 px on a 4K monitor, the Findings dock kept that width on a 1366 px laptop (the window moved to
    it, or the next run there): the photo had 217 px. A window narrowed takes the dock back to a third of its width."""
    window.resize(2560, 1400)
    qtbot.waitUntil(lambda: window.width() == 2560)
    window.resizeDocks([window.findings_dock], [900], Qt.Orientation.Horizontal)  # what dragging its edge does
    qtbot.waitUntil(lambda: window.findings_dock.width() == 900)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    qtbot.waitUntil(lambda: window.findings_dock.width() <= 1366 // 3)
    assert window.centre.width() > 400
    window.resizeDocks([window.findings_dock], [600], Qt.Orientation.Horizontal)  # the reader wants it wide here
    qtbot.waitUntil(lambda: window.findings_dock.width() == 600)
    window.resize(1500, 800)  # a window widened leaves the reader's drag as it is
    qtbot.waitUntil(lambda: window.width() == 1500)
    qtbot.wait(50)
    assert window.findings_dock.width() >= 600


def test_a_case_list_dragged_wide_on_a_large_screen_leaves_the_photo_room(qtbot, window: MainWindow,
                                                                          settings: Settings) -> None:
    window.close()
    settings.save_case_list_width(1200)  # dragged on a 2560 px monitor
    again = _restarted(qtbot, settings)
    qtbot.waitUntil(lambda: again.case_list.width() == 1366 // 2)


def test_a_case_list_dragged_shut_opens_again_in_the_next_run(qtbot, window: MainWindow, settings: Settings) -> None:
    window.case_split.moveSplitter(0, 1)  # dragged to the window's edge: Qt collapses the list
    qtbot.waitUntil(lambda: window.case_split.sizes()[0] == 0)
    window.close()
    again = _restarted(qtbot, settings)
    qtbot.waitUntil(lambda: again.case_list.width() == 455)  # the window's rule, not a list hidden behind the edge


def test_an_undragged_case_list_keeps_following_the_window(qtbot, window: MainWindow, settings: Settings) -> None:
    window.close()
    assert settings.case_list_width() is None
    again = _restarted(qtbot, settings)
    qtbot.waitUntil(lambda: again.case_list.width() == 455)
    again.resize(1600, 1000)
    qtbot.waitUntil(lambda: again.case_list.width() == 533)


def test_the_history_dock_is_a_few_rows_and_the_findings_get_the_rest(qtbot, window: MainWindow) -> None:
    history = window.annotation.history_dock
    qtbot.waitUntil(lambda: history.height() <= window.height() // 8)
    assert history.widget().viewport().height() >= 3 * history.widget().fontMetrics().lineSpacing()


def test_a_dock_layout_from_the_settings_wins(qtbot, window: MainWindow, settings: Settings) -> None:
    window.resizeDocks([window.findings_dock, window.annotation.history_dock], [300, 300], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: window.annotation.history_dock.height() >= 290)
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.height() == 768 and again.annotation.history_dock.height() >= 290)


@pytest.mark.parametrize(("room", "maximised"), [(QRect(0, 0, 1366, 728), True),  # a 1366 x 768 laptop
                                                 (QRect(0, 0, 1536, 824), True),  # 1920 x 1080 at 125 %
                                                 (QRect(0, 0, 1920, 1160), False)])  # a desktop monitor
def test_a_first_run_opens_maximised_where_the_default_size_does_not_fit(qtbot, settings: Settings,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          room: QRect, maximised: bool) -> None:
    """The window's default 1500 x 950 reaches past a laptop's screen, the status bar under its task bar."""
    monkeypatch.setattr("app.main_window.free_room", lambda _window: room)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show_first()
    qtbot.waitExposed(window)
    assert window.isMaximized() == maximised
    if not maximised:
        assert (window.width(), window.height()) == (1500, 950)


def test_a_later_run_opens_as_the_reader_left_it_also_on_a_laptop(qtbot, settings: Settings,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(900, 640)  # the reader's own size
    qtbot.waitUntil(lambda: first.width() == 900)
    first.close()
    monkeypatch.setattr("app.main_window.free_room", lambda _window: QRect(0, 0, 1366, 728))
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show_first()
    qtbot.waitExposed(again)
    assert not again.isMaximized() and again.height() == 640  # (the offscreen screen narrows a restored width)


@pytest.mark.parametrize("width", [1280, 1093])  # a projector; a 1366 x 768 laptop at 125 % scaling
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_in_double_reading_on_a_small_screen_the_photo_is_as_wide_as_the_list(qtbot, request, tmp_path: Path,
                                                                               disputed: Path, language: str,
                                                                               width: int) -> None:
    """A list of every column left the photo 264 px at 1093 px (459 px of list in Chinese, 508 in English); at
    1280 px the Reading column had taken the File column down to "im…ng". The photo now gets at least the list's
    width: short of room, the flag, patient, reader's and AI columns give way in that order, File (a name elided in
    its middle at the least), State and Reading stay, none of it scrolled out of sight; dragged wider, the list
    shows them again."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    settings = Settings.from_file(tmp_path / "arbiter.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="Dr Arbiter"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(width, 574)
    qtbot.waitUntil(lambda: window.width() == width)
    assert window.open_paths([disputed])  # the folder opened in the window as it stands
    case_list = window.case_list
    table = case_list.table
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    qtbot.waitUntil(lambda: window.width() == width and not table.isColumnHidden(READING_COLUMN))
    qtbot.waitUntil(lambda: window.centre.width() >= case_list.width())
    assert header.sectionSize(0) - THUMB_SIZE.width() - 14 >= metrics.horizontalAdvance("photo…jpg")
    assert header.length() <= table.viewport().width()
    hidden = [column for column in range(header.count()) if header.isSectionHidden(column)]
    assert hidden and hidden == sorted(GIVE_WAY_ORDER[:len(hidden)])  # the first ones of the order, the flag first
    assert all(table.model().headerData(column, Qt.Orientation.Horizontal) in header.toolTip()
               for column in hidden)  # the header's tool tip names them
    window.case_split.moveSplitter(case_list.least_width() + 10, 1)  # what dragging the handle does
    qtbot.waitUntil(lambda: not any(map(header.isSectionHidden, range(header.count()))))
    assert header.length() <= table.viewport().width() and header.toolTip() == ""


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_menu_opens_in_one_column_on_a_laptop_at_125_percent(qtbot, request, language: str) -> None:
    """Qt splits a menu taller than the screen's free room into columns: the Annotate menu (32 rows, 712 px) opened
    in two on a 1280 x 720 projector (680 px under its task bar), and with relabelling a sub-menu (624 px) still on a
    1366 x 768 laptop at 125 % scaling (614 logical px, 574 under its task bar). Tools and classes are sub-menus now."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window = request.getfixturevalue("window")  # its menus in the language just installed
    laptop_room = 574
    menus = [action.menu() for action in window.menuBar().actions() if action.menu() is not None]
    assert menus and all(menu.sizeHint().height() <= laptop_room for menu in menus), \
        {menu.title(): menu.sizeHint().height() for menu in menus}


def test_the_rule_gives_the_photo_the_lists_width_unless_the_columns_that_stay_need_more() -> None:
    from app.window_shares import case_list_width
    assert case_list_width(1093, least=459, floor=300, shared=728) == 364  # every column would leave the photo 269
    assert case_list_width(1093, least=459, floor=400, shared=728) == 400  # File, State and Reading stay whole
    assert case_list_width(1920, least=459, floor=300, shared=1500) == 560  # room for every column: as before
    assert case_list_width(1093, dragged=500, least=459, floor=300, shared=728) == 500  # the reader's own width
