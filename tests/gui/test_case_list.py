"""The case browser: shows the index's cases, filters by state, grade and reading, sorts, and reports picks; its
thumbnails stay in a bounded cache. Its order is read on a worker: tests wait for it (``settled``)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from annotations.case_source import CaseSource
from annotations.document import ReviewState
from annotations.reading.disagreement import CaseState
from annotations.workspace import CaseSummary
from annotations.workspace.store import IndexStore
from app.case_listing_reader import CaseListingReader
from app.window_shares import case_list_width
from widgets.case_list import (CACHED_THUMBNAILS, CASE_ID_ROLE, DISAGREE, ERRORS, FLAGGED, PATIENT_COLUMN,
                               READING_COLUMN, THUMB_SIZE, UNGRADED, CaseListWidget, reading_text)
from widgets.clinical_terms import oct_class_short_name
from widgets.qimage_convert import rgb_to_qimage
from tests.gui.screenshots import keep_screenshot, screenshot_folder
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture


def _source() -> CaseSource:
    index = IndexStore.in_memory()
    index.upsert_cases([
        {"case_id": "c", "image_path": "sub/c.jpg", "review_state": "done", "ai_grade": 2, "reader_grade": 2},
        {"case_id": "a", "image_path": "a.jpg", "review_state": "todo"},
        {"case_id": "b", "image_path": "b.png", "review_state": "in_progress", "ai_grade": 4, "reader_grade": 3},
        {"case_id": "d", "image_path": "d.jpg", "review_state": "todo", "error": "d.jpg: damaged"},
    ])
    return CaseSource(index)


def settled(qtbot, case_list: CaseListWidget) -> CaseListWidget:
    """``case_list`` once it shows what was last asked of it."""
    qtbot.waitUntil(lambda: not case_list.pending, timeout=10_000)
    return case_list


def _list_showing(qtbot, source: CaseSource) -> CaseListWidget:
    """A case list (its reader owned by it) given ``source``; not yet settled."""
    reader = CaseListingReader()
    widget = CaseListWidget(reader)
    reader.setParent(widget)
    qtbot.addWidget(widget)
    widget.set_source(source)
    return widget


@pytest.fixture
def case_list(qtbot) -> CaseListWidget:
    return settled(qtbot, _list_showing(qtbot, _source()))


def test_rows_show_name_state_and_grades_sorted_by_path(case_list) -> None:
    assert case_list.visible_case_ids() == ["a", "b", "d", "c"]  # "sub/c.jpg" sorts after "d.jpg"
    model = case_list.model
    row_c = case_list.visible_case_ids().index("c")
    assert model.index(row_c, 0).data() == "sub/c.jpg"  # by its path in the folder: P001/OD.jpg, P002/OD.jpg
    assert model.index(row_c, 1).data() == "done"
    assert model.index(row_c, 2).data() == "2"
    assert model.index(0, 2).data() == "–"  # not analysed yet
    assert model.index(2, 1).data() == "error"
    assert "damaged" in model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("state, grade, expected", [
    (ReviewState.TODO, None, ["a"]),
    (ReviewState.DONE, None, ["c"]),
    (ERRORS, None, ["d"]),
    (None, 3, ["b"]),  # reader grade 3
    (None, 4, ["b"]),  # AI grade 4
    (None, DISAGREE, ["b"]),
    (None, UNGRADED, ["a", "d"]),
    (ReviewState.DONE, 4, []),
])
def test_filters_by_state_and_grade(qtbot, case_list, state, grade, expected) -> None:
    case_list.set_filters(state, grade)
    assert settled(qtbot, case_list).visible_case_ids() == expected
    assert case_list.count_label.text().startswith(f"{len(expected)} of 4")


def test_sorting_by_ai_grade_column(qtbot, case_list) -> None:
    case_list.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert settled(qtbot, case_list).visible_case_ids()[:2] == ["b", "c"]


def _oct_scans_listed(qtbot) -> CaseListWidget:
    """A list of a photo graded 2 and two OCT scans, each with a DR grade left from before it was marked OCT."""
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": "done",
                         "reader_grade": grade, "reader_oct_class": oct_class}
                        for case_id, grade, oct_class in (("a", 2, None), ("b", 1, "DRUSEN"), ("c", 3, "CNV"))])
    widget = _list_showing(qtbot, CaseSource(index))
    return settled(qtbot, widget)


def test_the_reader_column_names_an_oct_scan_by_its_class(qtbot) -> None:
    model = _oct_scans_listed(qtbot).model
    shown = [(model.index(row, 3).data(), model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)) for row in range(3)]
    assert shown == [("2", "Moderate NPDR"), ("Drusen", "Drusen"), ("CNV", "CNV — choroidal neovascularisation")]


def test_the_reader_column_names_oct_classes_in_chinese(qtbot, chinese) -> None:  # noqa: F811
    case_list = _oct_scans_listed(qtbot)
    drusen = case_list.model.index(1, 3).data()
    assert drusen == oct_class_short_name("DRUSEN") != "Drusen"
    room = case_list.table.horizontalHeader().sectionSize(3)  # the whole name, not "玻…疣"
    assert room >= case_list.table.fontMetrics().horizontalAdvance(drusen) + 12
    if screenshot_folder() is not None:
        case_list.resize(700, 300)
        keep_screenshot(case_list, "zh-case-list-oct.png")


def test_the_ai_column_names_an_oct_scan_by_the_ais_class(qtbot) -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": "done", "ai_grade": grade,
                         "analysed": 1, "ai_oct_class": oct_class}
                        for case_id, grade, oct_class in (("a", 2, None), ("b", None, "DRUSEN"), ("c", None, "CNV"))])
    widget = _list_showing(qtbot, CaseSource(index))
    model = settled(qtbot, widget).model
    shown = [(model.index(row, 2).data(), model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)) for row in range(3)]
    assert shown == [("2", "Moderate NPDR"), ("Drusen", "Drusen"), ("CNV", "CNV — choroidal neovascularisation")]
    wanted = widget.table.fontMetrics().horizontalAdvance("Drusen") + 6
    qtbot.waitUntil(lambda: widget.table.columnWidth(2) >= wanted, timeout=2000)  # whole, not "…"
    widget.set_source(CaseSource(IndexStore.in_memory()))
    assert widget.table.columnWidth(2) < wanted  # a folder of photos keeps the room for its file names


def _mixed_folder(qtbot) -> CaseListWidget:
    """Two photos and three OCT scans, the scans with DR grades left from before they were marked OCT."""
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "review_state": "done", "revision": 1,
                         "analysed": 1, "ai_grade": ai, "reader_grade": reader, "ai_oct_class": ai_class,
                         "reader_oct_class": reader_class}
                        for case_id, ai, reader, ai_class, reader_class in (
                            ("photo1", 2, 1, None, None), ("photo2", 2, 2, None, None),
                            ("scan1", None, 2, "DME", "CNV"), ("scan2", None, 1, "DRUSEN", "DRUSEN"),
                            ("scan3", None, 2, "NORMAL", None))])
    widget = _list_showing(qtbot, CaseSource(index))
    return settled(qtbot, widget)


@pytest.mark.parametrize("state, grade, expected", [
    (None, 2, ["photo1", "photo2"]),  # scan1's and scan3's reader grade 2 is from before: it names no scan
    (None, "CNV", ["scan1"]),  # the reader's class
    (None, "DME", ["scan1"]),  # the AI's class
    (None, "NORMAL", ["scan3"]),
    (None, DISAGREE, ["photo1", "scan1"]),  # scan1's classes differ, scan2's agree whatever its old grade
    (None, UNGRADED, ["scan3"]),  # classed by the AI only
    (FLAGGED, None, ["photo1", "scan1"]),
])
def test_a_mixed_folder_filters_photos_by_grade_and_oct_scans_by_class(qtbot, state, grade, expected) -> None:
    case_list = _mixed_folder(qtbot)
    case_list.set_filters(state, grade)
    assert settled(qtbot, case_list).visible_case_ids() == expected


def test_the_grade_filter_offers_the_oct_classes_after_the_dr_grades(qtbot) -> None:
    combo = _mixed_folder(qtbot).grade_filter
    texts = [combo.itemText(row) for row in range(combo.count())]
    assert texts[:7] == ["Any grade or class", "0 No DR", "1 Mild NPDR", "2 Moderate NPDR", "3 Severe NPDR", "4 PDR",
                         "U Ungradable"]
    assert texts[8:12] == ["CNV", "DME", "Drusen", "Normal"] and texts[-2:] == ["AI ≠ reader", "Not graded"]
    assert [combo.itemData(row) for row in range(8, 12)] == ["CNV", "DME", "DRUSEN", "NORMAL"]


def test_a_scans_grades_differ_flag_names_its_classes(qtbot) -> None:
    model = _mixed_folder(qtbot).model
    flags = {model.data(model.index(row, 0), CASE_ID_ROLE): (model.index(row, 5).data(),
                                                             model.index(row, 5).data(Qt.ItemDataRole.ToolTipRole))
             for row in range(model.rowCount())}
    assert flags == {"photo1": ("⚠", "AI grade 2 differs from reader grade 1"), "photo2": ("", None),
                     "scan1": ("⚠", "AI OCT class DME differs from reader OCT class CNV"), "scan2": ("", None),
                     "scan3": ("", None)}
    assert model.index(4, 3).data() == "–"  # scan3's reader gave no class; the old grade 2 is not shown


def test_a_scans_grades_differ_flag_in_chinese(qtbot, chinese) -> None:  # noqa: F811
    case_list = _mixed_folder(qtbot)
    tip = case_list.model.index(2, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "AI OCT 分类 DME 与阅片者 OCT 分类 CNV 不一致"
    assert case_list.grade_filter.itemText(10) == oct_class_short_name("DRUSEN") != "Drusen"
    if screenshot_folder() is not None:
        case_list.resize(700, 300)
        keep_screenshot(case_list, "zh-case-list-mixed.png")


def test_clicking_a_row_announces_the_case_but_select_case_does_not(qtbot, case_list) -> None:
    picked = []
    case_list.case_selected.connect(picked.append)
    case_list.select_case("c")
    assert picked == [] and case_list.current_case_id() == "c"
    with qtbot.waitSignal(case_list.case_selected) as blocker:
        case_list.table.setCurrentIndex(case_list.model.index(1, 0))
    assert blocker.args == ["b"]


def test_update_case_and_thumbnail(case_list) -> None:
    edited = CaseSummary("a", "a.jpg", ReviewState.DONE, 1, 1, None)
    case_list.model.source.update(edited)  # what the controller does before announcing it
    case_list.update_case(edited)
    assert case_list.model.index(0, 1).data() == "done"
    assert case_list.model.index(0, 3).data() == "1"
    case_list.set_thumbnail("a", rgb_to_qimage(np.full((40, 60, 3), 200, np.uint8)))
    assert case_list.model.has_thumbnail("a")
    assert case_list.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None


def test_a_thumbnail_keeps_its_detail_on_a_high_density_screen(case_list, monkeypatch) -> None:
    """On a 4K screen at 200 % scaling the 60 x 40 point thumbnail was a 60 x 40 pixel picture drawn twice as large,
    blurred, though 120 x 80 pixels are decoded for it. It holds the screen's pixels now, at the same size on screen."""
    monkeypatch.setattr(case_list.table, "devicePixelRatioF", lambda: 2.0)
    case_list.set_thumbnail("a", rgb_to_qimage(np.full((80, 120, 3), 200, np.uint8)))
    thumb = case_list.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert thumb.size() == THUMB_SIZE * 2 and thumb.deviceIndependentSize().toSize() == THUMB_SIZE


def test_every_row_s_name_starts_at_one_place(case_list) -> None:
    """An OCT scan's thumbnail is narrower than a photo's (41 x 40, 60 x 40): drawn at its own width, it moved the
    name beside it left, and gave that name more room than the next one's."""
    case_list.set_thumbnail("a", rgb_to_qimage(np.full((80, 120, 3), 200, np.uint8)))  # a photo
    case_list.set_thumbnail("b", rgb_to_qimage(np.full((496, 512, 3), 90, np.uint8)))  # an OCT B-scan
    table = case_list.table
    delegate = table.itemDelegateForColumn(0)  # the File column's
    starts = []
    for row in (0, 1):
        option = QStyleOptionViewItem()
        option.initFrom(table.viewport())
        option.widget, option.rect = table, table.visualRect(case_list.model.index(row, 0))
        delegate.initStyleOption(option, case_list.model.index(row, 0))
        starts.append(table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table).left()
                      - option.rect.left())
    assert starts[0] == starts[1]


def test_the_thumbnail_cache_is_bounded_and_rows_ask_for_theirs(case_list) -> None:
    asked: list[str] = []
    case_list.thumbnail_wanted.connect(asked.append)
    assert case_list.model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert asked == ["b"]  # drawn without one: asked for once
    case_list.model.index(1, 0).data(Qt.ItemDataRole.DecorationRole)
    assert asked == ["b"]
    assert case_list.model.index(2, 0).data(Qt.ItemDataRole.DecorationRole) is None and asked == ["b"]  # error
    image = rgb_to_qimage(np.full((40, 60, 3), 90, np.uint8))
    for number in range(CACHED_THUMBNAILS + 50):
        case_list.set_thumbnail(f"other-{number}", image)
    assert case_list.model.thumbnail_count() == CACHED_THUMBNAILS
    assert case_list.model.has_thumbnail(f"other-{CACHED_THUMBNAILS + 49}")
    assert not case_list.model.has_thumbnail("other-0")  # the least recently used went first


def test_reading_column_shows_filters_and_sorts_in_double_reading(qtbot, case_list) -> None:
    assert case_list.table.isColumnHidden(READING_COLUMN) and case_list.reading_filter.isHidden()
    case_list.set_double_reading(True)
    assert not case_list.table.isColumnHidden(READING_COLUMN) and not case_list.reading_filter.isHidden()
    case_list.model.source.set_reading_states({"b": CaseState.NEEDS_ARBITRATION, "c": CaseState.ARBITRATED,
                                               "a": CaseState.NEEDS_READER_2})
    settled(qtbot, case_list).refresh()
    texts = {case_list.model.index(row, 0).data(): case_list.model.index(row, READING_COLUMN).data()
             for row in range(case_list.model.rowCount())}
    assert texts == {"a.jpg": "needs reader 2", "b.png": "needs arbitration", "sub/c.jpg": "arbitrated",
                     "d.jpg": "needs reader 1"}
    case_list.set_filters(reading=CaseState.NEEDS_ARBITRATION.value)
    assert settled(qtbot, case_list).visible_case_ids() == ["b"]
    case_list.set_filters()
    case_list.table.sortByColumn(READING_COLUMN, Qt.SortOrder.DescendingOrder)
    assert settled(qtbot, case_list).visible_case_ids()[:2] == ["c", "b"]


def test_sorting_keeps_the_selected_case_selected(qtbot, case_list) -> None:
    case_list.select_case("b")
    case_list.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert settled(qtbot, case_list).current_case_id() == "b"
    assert case_list.selected_case_ids() == ["b"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_at_a_1600_px_window_the_reading_column_shows_a_cases_way_through_double_reading_whole(
        qtbot, request, language) -> None:
    """It was cut to its header's width there in English ("rea…one" for "reader 1 done") while the File column kept
    room for a whole typical name: the name now gives up that room first, elided in its middle. Only the rare
    "revised since arbitration" may be elided."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    case_list = _list_showing(qtbot, _source())
    case_list.resize(case_list_width(1600), 400)
    case_list.show()
    settled(qtbot, case_list)
    case_list.set_double_reading(True)
    header, metrics = case_list.table.horizontalHeader(), case_list.table.fontMetrics()
    way_through = [reading_text(state.value) for state in CaseState if state is not CaseState.REVISED_SINCE_ARBITRATION]
    assert header.sectionSize(READING_COLUMN) >= 8 + max(map(metrics.horizontalAdvance, way_through))
    assert header.sectionSize(0) - THUMB_SIZE.width() - 14 >= metrics.horizontalAdvance("photo…jpg")
    assert header.length() <= case_list.table.viewport().width()
    keep_screenshot(case_list, f"case-list-1600-{language}.png")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_list_a_third_of_the_window_wide_keeps_room_for_file_names_beside_the_reading(
        qtbot, request, language) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    case_list = _list_showing(qtbot, _source())
    case_list.resize(1400 // 3, 400)  # the list's share of a 1400 px window (app.window_shares)
    case_list.show()
    settled(qtbot, case_list)
    case_list.set_double_reading(True)  # a folder read by two readers, opened in the shown window
    header, metrics = case_list.table.horizontalHeader(), case_list.table.fontMetrics()

    name_room = header.sectionSize(0) - THUMB_SIZE.width() - 14
    assert name_room >= metrics.horizontalAdvance("photo…jpg")  # a name elided in its middle, not a thumbnail alone
    keep_screenshot(case_list, f"case-list-{language}.png")

    header.resizeSection(READING_COLUMN, 300)  # the reader's own width stands, through a resize
    case_list.resize(1400 // 3 + 20, 400)
    assert header.sectionSize(READING_COLUMN) == 300


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_at_a_1600_px_window_the_patient_column_shows_a_hospitals_patient_id_whole(qtbot, request, language) -> None:
    """The Patient column was as wide as "P-0000 OD": a clinic's ID with its eye, "ZS-1001 OD", read "ZS-1…1 OD",
    which could be another patient's. It widens to the longest ID listed (up to 16 characters), the File column
    giving up the room; a newly opened folder starts narrow again."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": "a", "image_path": "wang_OD.dcm", "review_state": "todo",
                         "patient_id": "ZS-1001", "eye": "OD"},
                        {"case_id": "b", "image_path": "li.dcm", "review_state": "todo",
                         "patient_id": "0012345678", "eye": "OS"},
                        {"case_id": "c", "image_path": "odd.dcm", "review_state": "todo",
                         "patient_id": "9" * 40, "eye": "OS"}])
    case_list = _list_showing(qtbot, CaseSource(index))
    case_list.resize(case_list_width(1600), 400)
    case_list.show()
    settled(qtbot, case_list)
    header, metrics = case_list.table.horizontalHeader(), case_list.table.fontMetrics()
    qtbot.waitUntil(lambda: header.sectionSize(PATIENT_COLUMN) >= 8 + metrics.horizontalAdvance("0012345678 OS"))
    assert header.sectionSize(PATIENT_COLUMN) <= 14 + metrics.horizontalAdvance("0" * 16 + " OD")
    assert header.sectionSize(0) - THUMB_SIZE.width() - 14 >= metrics.horizontalAdvance("photo…jpg")
    assert header.length() <= case_list.table.viewport().width()
    keep_screenshot(case_list, f"case-list-patient-ids-{language}.png")

    case_list.set_source(_source())
    settled(qtbot, case_list)
    assert header.sectionSize(PATIENT_COLUMN) < metrics.horizontalAdvance("0012345678 OS")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_beside_10_digit_patient_ids_at_a_1600_px_window_every_reading_state_is_read_whole(
        qtbot, request, language) -> None:
    """The Patient column keeps a 10-digit ID whole by taking room from the Reading column, which elided its states
    in the middle: "need…er 1" and "need…er 2" could not be told apart. A state too long for the column goes on a
    second line (the row is as tall as its thumbnail), the column at least as wide as its longest word."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": f"c{number}", "image_path": f"IMG_{number:04d}_OD.jpg", "review_state": "todo",
                         "patient_id": f"{number:010d}", "eye": "OD"} for number in range(len(CaseState))])
    source = CaseSource(index, arbiter=True)
    source.set_reading_states({f"c{number}": state for number, state in enumerate(CaseState)}, replace_all=False)
    case_list = _list_showing(qtbot, source)
    case_list.resize(case_list_width(1600), 400)
    case_list.show()
    settled(qtbot, case_list)
    case_list.set_double_reading(True)
    header, table = case_list.table.horizontalHeader(), case_list.table
    metrics = table.fontMetrics()
    qtbot.waitUntil(lambda: header.sectionSize(PATIENT_COLUMN) >= 8 + metrics.horizontalAdvance("0000000001 OD"))
    width, row_height = header.sectionSize(READING_COLUMN), table.verticalHeader().defaultSectionSize()
    option = QStyleOptionViewItem()
    index_of = case_list.model.index(0, READING_COLUMN)
    table.itemDelegateForIndex(index_of).initStyleOption(option, index_of)
    assert option.features & QStyleOptionViewItem.ViewItemFeature.WrapText
    for state in CaseState:  # the rare "revised since arbitration" too, though it may be elided (its tool tip)
        text = reading_text(state.value)
        assert all(8 + metrics.horizontalAdvance(word) <= width for word in text.split()), text
        laid_out = metrics.boundingRect(QRect(0, 0, width - 8, 1000), Qt.TextFlag.TextWordWrap, text)
        assert laid_out.height() <= row_height, text
    assert header.length() <= table.viewport().width()
    keep_screenshot(case_list, f"case-list-ids-double-reading-{language}.png")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_cells_that_may_be_elided_say_their_whole_text_in_a_tool_tip(qtbot, request, language) -> None:
    """At a 1600 px window the Reading column elides the rare "revised since arbitration" and the Patient column a
    long patient ID: their cells had no tool tip (the Patient cell's said the name alone), so neither could be read
    in full."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    index = IndexStore.in_memory()
    index.upsert_cases([
        {"case_id": "r", "image_path": "revised.jpg", "review_state": "done", "patient_id": "HOSP-2024-000123456",
         "patient_name": "Ann Example", "eye": "OD"},
        {"case_id": "n", "image_path": "new.jpg", "review_state": "todo"}])
    source = CaseSource(index, arbiter=True)
    source.set_reading_states({"r": CaseState.REVISED_SINCE_ARBITRATION}, replace_all=False)
    case_list = _list_showing(qtbot, source)
    case_list.resize(case_list_width(1600), 400)
    case_list.show()
    settled(qtbot, case_list)
    case_list.set_double_reading(True)
    case_list.resize(case_list_width(1600, least=case_list.least_width()), 400)  # as the window's rule gives it
    model, header = case_list.model, case_list.table.horizontalHeader()
    qtbot.waitUntil(lambda: not header.isSectionHidden(PATIENT_COLUMN))
    row = case_list.visible_case_ids().index("r")
    revised = reading_text(CaseState.REVISED_SINCE_ARBITRATION.value)
    assert model.index(row, READING_COLUMN).data() == revised
    metrics = case_list.table.fontMetrics()
    if language == "en":  # Chinese fits whole
        assert header.sectionSize(READING_COLUMN) < 8 + metrics.horizontalAdvance(revised)
    assert header.sectionSize(PATIENT_COLUMN) < 8 + metrics.horizontalAdvance("HOSP-2024-000123456 OD")
    assert model.index(row, READING_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == revised
    assert model.index(row, PATIENT_COLUMN).data() == "HOSP-2024-000123456 OD"
    assert model.index(row, PATIENT_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == "HOSP-2024-000123456 OD\nAnn Example"
    unread = case_list.visible_case_ids().index("n")  # nothing to say: no tip
    assert model.index(unread, PATIENT_COLUMN).data(Qt.ItemDataRole.ToolTipRole) is None
    keep_screenshot(case_list, f"case-list-elided-reading-{language}.png")


@pytest.mark.parametrize("language, tips", [
    ("en", ["P-7 OD\nXiaoming Wang (王小明)", "P-8 OS\nHua Li (李华)"]),
    ("zh_CN", ["P-7 OD\n王小明（Xiaoming Wang）", "P-8 OS\n李华（Hua Li）"])])
def test_the_patient_tool_tip_names_both_forms_of_a_dicom_name(qtbot, request, language: str, tips: list[str]
                                                               ) -> None:
    """A name a DICOM header writes Wang^Xiaoming=王^小明 was named "Xiaoming Wang" alone: a Chinese clinic's 王小明
    dropped. Both forms, the language's own first, as the patient panel and the report show them; a case nobody
    saved yet had no name in its tip: its header's."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": "w", "image_path": "eye.dcm", "patient_id": "P-7", "eye": "OD",
                         "patient_name": "Xiaoming Wang", "patient_ideographic_name": "王小明"},
                        {"case_id": "x", "image_path": "unsaved.dcm", "header_patient_id": "P-8", "header_eye": "OS",
                         "header_patient_name": "Hua Li", "header_ideographic_name": "李华"}])
    case_list = settled(qtbot, _list_showing(qtbot, CaseSource(index)))
    assert [case_list.model.index(row, PATIENT_COLUMN).data(Qt.ItemDataRole.ToolTipRole) for row in (0, 1)] == tips


def test_a_file_name_too_long_for_its_column_loses_its_extension_before_its_middle() -> None:
    """"codras_0001.jpg" read "codr….jpg" in a narrow list: every case alike."""
    from widgets.file_name_delegate import shortened_name

    def shown(name: str, room: int) -> str:
        return shortened_name(name, lambda text: len(text) <= room, lambda text: text[:4] + "…" + text[-(room - 5):])

    assert shown("codras_0001.jpg", 20) == "codras_0001.jpg"
    assert shown("codras_0001.jpg", 12) == "codras_0001"
    assert shown("codras_0001.jpg", 9) == "codr…0001"
    assert shown("sub/img.v2.png", 11) == "sub/img.v2"
    assert shortened_name("a_long_name.jpg", lambda text: len(text) <= 12, lambda text: "…" + text[-11:],
                          keep_extension=True) == "…ng_name.jpg"  # a_long_name.png listed beside it


def test_a_name_a_fraction_of_a_pixel_too_wide_loses_its_extension_not_its_middle(qtbot) -> None:
    """A folder of OCT scans read "CNV-6294…5-1.jpeg" in every row: measured in whole pixels, the name (124.2 px) fitted
    the cell's 124, and the style, measuring to the fraction, cut its middle out itself."""
    from PySide6.QtGui import QFontMetrics, QFontMetricsF, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from widgets.file_name_delegate import FileNameDelegate

    view = QTableView()
    qtbot.addWidget(view)
    whole, fraction = QFontMetrics(view.font()), QFontMetricsF(view.font())
    name = next(name for name in ("CNV-6294785-1.jpeg", "DME-9583225-1.jpeg", "IDRiD_01.jpg", "codras_0008.jpg")
                if fraction.horizontalAdvance(name) > whole.horizontalAdvance(name))
    model = QStandardItemModel()
    model.appendRow(QStandardItem(name))
    view.setModel(model)
    delegate = FileNameDelegate(view)
    view.setItemDelegateForColumn(0, delegate)

    def shown() -> tuple[str, int]:
        """The text the cell draws, and the room the style draws it in."""
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.widget, option.rect = view, view.visualRect(model.index(0, 0))
        delegate.initStyleOption(option, model.index(0, 0))
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        return option.text, view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option,
                                                        view).width() - 2 * margin

    view.setColumnWidth(0, 400)
    beyond_room = view.columnWidth(0) - shown()[1]
    view.setColumnWidth(0, whole.horizontalAdvance(name) + beyond_room)  # in whole pixels it fits
    text, room = shown()
    assert fraction.horizontalAdvance(text) <= room and "…" not in text


def test_names_of_one_stem_keep_their_extensions_in_a_narrow_column(qtbot) -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

    from widgets.file_name_delegate import FileNameDelegate

    model = QStandardItemModel()
    for name in ("fundus_left_eye.jpg", "fundus_left_eye.png", "fundus_right_eye.jpg"):
        model.appendRow(QStandardItem(name))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = FileNameDelegate(view)
    view.setItemDelegateForColumn(0, delegate)
    view.setColumnWidth(0, view.fontMetrics().horizontalAdvance("fundus_right_eye") + 12)

    def shown(row: int) -> str:
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.widget = view
        option.rect = view.visualRect(model.index(row, 0))
        delegate.initStyleOption(option, model.index(row, 0))
        return option.text

    assert shown(2) == "fundus_right_eye"  # its extension dropped: its stem is its own
    assert shown(0).endswith(".jpg") and shown(1).endswith(".png")  # one stem: told apart by their extensions
