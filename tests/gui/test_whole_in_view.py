"""scroll_whole_into_view: a field shown whole with as little scrolling as does it, its top where it is taller than
the view (a text box's first lines, where typing starts)."""
from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QTextEdit, QVBoxLayout, QWidget

from widgets.whole_in_view import MARGIN, scroll_whole_into_view


def _scroll_area(qtbot, heights: list[int]) -> tuple[QScrollArea, list[QTextEdit]]:
    """A 200 px tall scroll area over text boxes of ``heights``, one under another, scrolled to its top."""
    content = QWidget()
    layout = QVBoxLayout(content)
    boxes = []
    for height in heights:
        box = QTextEdit()
        box.setFixedHeight(height)
        layout.addWidget(box)
        boxes.append(box)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(content)
    scroll.resize(300, 200)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    return scroll, boxes


def _shown(scroll: QScrollArea, box: QTextEdit) -> tuple[int, int]:
    """``box``'s top and bottom in the view's coordinates."""
    top = box.mapTo(scroll.viewport(), box.rect().topLeft()).y()
    return top, top + box.height()


def test_a_box_below_the_view_is_scrolled_up_to_whole_and_no_further(qtbot) -> None:
    scroll, boxes = _scroll_area(qtbot, [150, 150, 120])
    scroll_whole_into_view(scroll, boxes[1])
    top, bottom = _shown(scroll, boxes[1])
    assert top >= 0 and bottom == scroll.viewport().height() - MARGIN


def test_a_box_whole_in_view_is_left_where_it_is(qtbot) -> None:
    scroll, boxes = _scroll_area(qtbot, [60, 60, 300])
    scroll.verticalScrollBar().setValue(10)
    scroll_whole_into_view(scroll, boxes[1])
    assert scroll.verticalScrollBar().value() == 10


def test_a_box_taller_than_the_view_shows_its_top(qtbot) -> None:
    scroll, boxes = _scroll_area(qtbot, [150, 400, 150])
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    scroll_whole_into_view(scroll, boxes[1])
    assert _shown(scroll, boxes[1])[0] == MARGIN
