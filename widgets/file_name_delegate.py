"""The case list's File column: a name too long for the column loses its extension before anything else, and then
its middle, so that what tells two photos apart stays: "codras_0001.jpg" read "codr….jpg" in a narrow list, every
case alike; it reads "codr…0001" (the whole name is in the cell's tooltip). A name whose stem the row above or
below shares (a.jpg beside a.png, listed by name) keeps its extension: the stem alone would read alike."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem


def without_extension(name: str) -> str:
    folder, _, file = name.rpartition("/")
    stem = file.rpartition(".")[0] or file
    return f"{folder}/{stem}" if folder else stem


def shortened_name(name: str, fits: Callable[[str], bool], elide: Callable[[str], str],
                   keep_extension: bool = False) -> str:
    """``name`` as it fits: whole, else without its extension (unless ``keep_extension``), else elided in its middle
    (``elide``)."""
    if fits(name):
        return name
    shorter = name if keep_extension else without_extension(name)
    return shorter if fits(shorter) else elide(shorter)


class FileNameDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if not option.text:
            return
        style = option.widget.style() if option.widget is not None else None
        if style is None:
            return
        # The style draws the text within a margin each side, and cuts it short itself ("CNV-6294…5-1.jpeg") where
        # its width, to a fraction of a pixel, exceeds that room: measured in whole pixels, a name 124.2 px wide
        # fitted a room of 124 here, and lost its middle where its extension alone had to go.
        margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1)
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget).width() - margins
        metrics = QFontMetricsF(option.font)
        stem = without_extension(option.text)
        beside = (index.siblingAtRow(index.row() + step).data() for step in (-1, 1))
        shared = any(isinstance(name, str) and without_extension(name) == stem for name in beside)
        option.text = shortened_name(option.text, lambda text: metrics.horizontalAdvance(text) <= room,
                                     lambda text: metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room),
                                     keep_extension=shared)
