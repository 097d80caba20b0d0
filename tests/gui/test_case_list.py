"""The case browser: shows summaries, filters by state and grade, sorts, and reports picks."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from annotations.document import ReviewState
from annotations.workspace import CaseSummary
from widgets.case_list import DISAGREE, ERRORS, UNGRADED, CaseListWidget
from widgets.qimage_convert import rgb_to_qimage


def _cases() -> list[CaseSummary]:
    return [
        CaseSummary("c", "sub/c.jpg", ReviewState.DONE, ai_grade=2, reader_grade=2, error=None),
        CaseSummary("a", "a.jpg", ReviewState.TODO, ai_grade=None, reader_grade=None, error=None),
        CaseSummary("b", "b.png", ReviewState.IN_PROGRESS, ai_grade=4, reader_grade=3, error=None),
        CaseSummary("d", "d.jpg", ReviewState.TODO, ai_grade=None, reader_grade=None, error="d.jpg: damaged"),
    ]


@pytest.fixture
def case_list(qtbot) -> CaseListWidget:
    widget = CaseListWidget()
    qtbot.addWidget(widget)
    widget.set_cases(_cases())
    return widget


def test_rows_show_name_state_and_grades_sorted_by_path(case_list) -> None:
    assert case_list.visible_case_ids() == ["a", "b", "d", "c"]  # "sub/c.jpg" sorts after "d.jpg"
    model = case_list.proxy
    row_c = case_list.visible_case_ids().index("c")
    assert model.index(row_c, 0).data() == "c.jpg"
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
def test_filters_by_state_and_grade(case_list, state, grade, expected) -> None:
    case_list.set_filters(state, grade)
    assert case_list.visible_case_ids() == expected
    assert case_list.count_label.text().startswith(f"{len(expected)} of 4")


def test_sorting_by_ai_grade_column(case_list) -> None:
    case_list.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert case_list.visible_case_ids()[:2] == ["b", "c"]


def test_clicking_a_row_announces_the_case_but_select_case_does_not(qtbot, case_list) -> None:
    picked = []
    case_list.case_selected.connect(picked.append)
    case_list.select_case("c")
    assert picked == [] and case_list.current_case_id() == "c"
    with qtbot.waitSignal(case_list.case_selected) as blocker:
        case_list.table.setCurrentIndex(case_list.proxy.index(1, 0))
    assert blocker.args == ["b"]


def test_update_case_and_thumbnail(case_list) -> None:
    case_list.update_case(CaseSummary("a", "a.jpg", ReviewState.DONE, 1, 1, None))
    assert case_list.proxy.index(0, 1).data() == "done"
    assert case_list.proxy.index(0, 3).data() == "1"
    case_list.set_thumbnail("a", rgb_to_qimage(np.full((40, 60, 3), 200, np.uint8)))
    assert case_list.model.has_thumbnail("a")
    assert case_list.proxy.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
