"""How the reader-agreement dialog sets out its tables of figures: each exactly as big as its rows and columns, in
the first of a few arrangements that fits the dialog's width, under a scroll area that scrolls up and down only.

Three readers' pairs' table beside the chosen pair's lesions and confusion was wider than the dialog's 1100 px: it
scrolled both ways while the lower half of the dialog stayed empty. Four readers with names longer than some 19
characters made the pairs' table wider than the dialog: it scrolled sideways, a clinician scrolling to see the kappa
figures. Their titles now wrap within the width."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QTableWidget, QVBoxLayout, QWidget

from widgets.screen_room import VerticalScrollArea

Part = QWidget | QLayout
LINES_A_PART = 3  # a reader's name wraps to three lines at most: the longest names elided, the figures near the top


def _beside_columns(table: QTableWidget) -> int:
    """The px of ``table``'s width that are not its columns': its figures' names and its frame."""
    names = table.verticalHeader()
    return (0 if names.isHidden() else names.sizeHint().width()) + 2 * table.frameWidth()


def _width(table: QTableWidget) -> int:
    """The table's width as big as its rows and columns."""
    return _beside_columns(table) + table.horizontalHeader().length()


def _wrapped(part: str, metrics: QFontMetrics, font: QFont, width: int) -> list[str]:
    """``part`` wrapped at word boundaries to ``width`` px, the lines past LINES_A_PART - 1 joined into one, a line
    still wider elided in the middle: a name keeps its start and its end, a pair's first reader the " /" after it
    (wrapped within a word instead, "Featherstonehaugh" left its "h" on a line of its own)."""
    layout = QTextLayout(part, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    starts = starts[:LINES_A_PART]
    lines = [part[start:end] for start, end in zip(starts, starts[1:] + [None])]
    return [metrics.elidedText(line.strip(), Qt.TextElideMode.ElideMiddle, width) for line in lines]


def set_titles(table: QTableWidget, titles: Sequence[str], room: int) -> None:
    """``titles`` as ``table``'s column titles, once its figures are in. Where the table would be wider than ``room``
    so (four readers with long names), each column takes an even share of it, at least its figures' width, and each
    line of its title (a pair's reader) wraps within that share; the whole title is then the column's tooltip."""
    table.setHorizontalHeaderLabels(list(titles))
    table.resizeColumnsToContents()
    if _width(table) <= room or not titles:
        return
    header = table.horizontalHeader()
    font = QFont(header.font())
    font.setBold(True)  # the header measures its sections so, a title highlighted bold keeping its width
    metrics = QFontMetrics(font)
    share = (room - _beside_columns(table)) // len(titles)
    for index, title in enumerate(titles):
        padding = header.sectionSizeFromContents(index).width() - metrics.size(0, title).width()
        width = max(share, table.sizeHintForColumn(index)) - padding
        item = table.horizontalHeaderItem(index)
        item.setText("\n".join(line for part in title.split("\n") for line in _wrapped(part, metrics, font, width)))
        item.setToolTip(title)


def fit(table: QTableWidget, room: int) -> None:
    """As big as its rows and columns: the dialog's scroll area scrolls it up and down, never the table itself. Where
    it is wider than ``room`` even so (its figures alone wider: many readers' pairs) it narrows to that and scrolls
    sideways, taller by the scroll bar."""
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    titles = table.horizontalHeader()
    width = _width(table)
    height = (0 if titles.isHidden() else titles.sizeHint().height()) + table.verticalHeader().length() \
        + 2 * table.frameWidth()
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
