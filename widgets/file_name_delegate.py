"""The case list's File column: a name too long for the column loses its extension before anything else, and then
its middle, so that what tells two photos apart stays: "codras_0001.jpg" read "codr….jpg" in a narrow list, every
case alike; it reads "codr…0001" (the whole name is in the cell's tooltip)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem


def shortened_name(name: str, fits: Callable[[str], bool], elide: Callable[[str], str]) -> str:
    """``name`` as it fits: whole, else without its extension, else that elided in its middle (``elide``)."""
    if fits(name):
        return name
    folder, _, file = name.rpartition("/")
    stem = file.rpartition(".")[0] or file
    shorter = f"{folder}/{stem}" if folder else stem
    return shorter if fits(shorter) else elide(shorter)


class FileNameDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if not option.text:
            return
        style = option.widget.style() if option.widget is not None else None
        if style is None:
            return
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget).width() - 6
        metrics = option.fontMetrics
        option.text = shortened_name(option.text, lambda text: metrics.horizontalAdvance(text) <= room,
                                     lambda text: metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room))
