"""A table column whose cells wrap their words onto a second line where the column is too narrow for one, instead
of eliding in the middle: a list's rows are as tall as their thumbnails, room for two lines, and "needs reader 1"
elided read "need…er 1"."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem


class WrappingDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
