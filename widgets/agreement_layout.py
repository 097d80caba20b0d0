"""How the reader-agreement dialog sets out its tables of figures: each exactly as big as its rows and columns, in
the first of a few arrangements that fits the dialog's width, under a scroll area that scrolls up and down only.

Three readers' pairs' table beside the chosen pair's lesions and confusion was wider than the dialog's 1100 px: it
scrolled both ways while the lower half of the dialog stayed empty."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QTableWidget, QVBoxLayout, QWidget

from widgets.screen_room import VerticalScrollArea

Part = QWidget | QLayout


def fit(table: QTableWidget, room: int) -> None:
    """As big as its rows and columns: the dialog's scroll area scrolls it up and down, never the table itself. Where
    it is wider than ``room`` (the pairs' table of four readers with long names) it narrows to that and scrolls
    sideways, taller by the scroll bar."""
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    names, titles, frame = table.verticalHeader(), table.horizontalHeader(), 2 * table.frameWidth()
    width = (0 if names.isHidden() else names.sizeHint().width()) + titles.length() + frame
    height = (0 if titles.isHidden() else titles.sizeHint().height()) + names.length() + frame
    if width > room:
        width, height = room, height + table.horizontalScrollBar().sizeHint().height()
    table.setFixedSize(width, height)


def column(title: str, *parts: QWidget) -> QVBoxLayout:
    """``title`` over ``parts``, top-aligned beside the other columns; the title wraps within its table's width (one
    line wider would take the width a table beside it needs)."""
    label = QLabel(title)
    label.setWordWrap(True)
    label.setMaximumWidth(parts[-1].maximumWidth())
    return stacked(label, *parts)


def _boxed(box: QBoxLayout, parts: Sequence[Part]) -> QBoxLayout:
    box.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            box.addLayout(part)
        else:
            box.addWidget(part)
    box.addStretch(1)  # left- or top-aligned: the room left over stays after the last part
    return box


def side_by_side(*parts: Part) -> QHBoxLayout:
    return _boxed(QHBoxLayout(), parts)


def stacked(*parts: Part) -> QVBoxLayout:
    return _boxed(QVBoxLayout(), parts)


def first_fitting(scroll: VerticalScrollArea, room: int, arrangements: Sequence[Callable[[], QLayout]]) -> int:
    """Sets as ``scroll``'s content the first of ``arrangements`` (each builds its layout anew) with which the area is
    at most ``room`` px wide, the last where none is; returns its index. The widgets move into each content built; the
    area deletes the content it held before, with the titles it made."""
    for index, arrangement in enumerate(arrangements):
        content = QWidget()
        content.setLayout(arrangement())
        scroll.setWidget(content)
        if scroll.minimumSizeHint().width() <= room:
            break
    return index
