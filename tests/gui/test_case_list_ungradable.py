"""A photo the reader recorded ungradable in the case list: its reader column says "U" (the tool tip "Ungradable"),
the grade filter offers it beside the DR grades and "Not graded" leaves it out, and its ⚠ says it differs from the
AI's grade unless the AI too found the image not gradable."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotations.case_source import CaseSource
from annotations.commands import SetAIResult
from annotations.document import UNGRADABLE, AIResult
from annotations.workspace.store import IndexStore
from widgets.case_list import AI_COLUMN, CASE_ID_ROLE, CHECK_COLUMN, READER_COLUMN, UNGRADED, CaseListWidget
from tests.gui.test_case_list import _list_showing, settled
from tests.gui.test_reader_workflow import _press, _window, folder, settings  # noqa: F401 - fixtures


def _ungradable_list(qtbot) -> CaseListWidget:
    index = IndexStore.in_memory()
    index.upsert_cases([
        {"case_id": "u", "image_path": "u.jpg", "review_state": "done", "ai_grade": 2, "reader_ungradable": 1},
        {"case_id": "both", "image_path": "both.jpg", "review_state": "done", "ai_grade": 1, "ai_ungradable": 1,
         "reader_ungradable": 1},
        {"case_id": "graded", "image_path": "graded.jpg", "review_state": "done", "ai_grade": 2, "reader_grade": 2},
        {"case_id": "open", "image_path": "open.jpg", "review_state": "todo", "ai_grade": 3},
    ])
    return settled(qtbot, _list_showing(qtbot, CaseSource(index)))


def _cells(case_list: CaseListWidget, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> dict[str, object]:
    model = case_list.model
    return {model.data(model.index(row, 0), CASE_ID_ROLE): model.index(row, column).data(role)
            for row in range(model.rowCount())}


def test_an_ungradable_reading_shows_u_and_is_flagged_against_an_ais_grade(qtbot) -> None:
    case_list = _ungradable_list(qtbot)
    assert _cells(case_list, READER_COLUMN) == {"u": "U", "both": "U", "graded": "2", "open": "–"}
    assert _cells(case_list, READER_COLUMN, Qt.ItemDataRole.ToolTipRole)["u"] == "Ungradable"
    assert _cells(case_list, CHECK_COLUMN, Qt.ItemDataRole.ToolTipRole) == {
        "u": "AI grade 2 differs from reader grade U", "both": None, "graded": None, "open": None}


def test_the_ai_column_shows_u_where_the_ais_quality_check_found_the_photo_not_gradable(qtbot) -> None:
    case_list = _ungradable_list(qtbot)
    assert _cells(case_list, AI_COLUMN) == {"u": "2", "both": "U", "graded": "2", "open": "3"}  # not its void 1
    assert _cells(case_list, AI_COLUMN, Qt.ItemDataRole.ToolTipRole)["both"] == "Ungradable"


def test_the_grade_filter_keeps_ungradable_readings_and_not_graded_leaves_them_out(qtbot) -> None:
    case_list = _ungradable_list(qtbot)
    combo = case_list.grade_filter
    row = combo.findData(UNGRADABLE)
    assert combo.itemText(row) == "U Ungradable" and combo.itemData(row - 1) == 4  # after the DR grades
    combo.setCurrentIndex(row)
    assert settled(qtbot, case_list).visible_case_ids() == ["both", "u"]
    case_list.set_filters(grade=UNGRADED)
    assert settled(qtbot, case_list).visible_case_ids() == ["open"]


def test_the_row_of_the_case_open_says_u_once_the_reader_records_it_ungradable(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    window.cases.execute(SetAIResult(AIResult(dr_grade=3)))
    _press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_U)
    case_list = settled(qtbot, window.case_list)
    shown = window.cases.doc.case_id
    assert _cells(case_list, READER_COLUMN)[shown] == "U"
    assert _cells(case_list, CHECK_COLUMN, Qt.ItemDataRole.ToolTipRole)[shown] == (
        "AI grade 3 differs from reader grade U")
