"""Finds text a widget shows cut off: labels and buttons narrower than their text, word-wrapped labels shorter
than their wrapped lines, tree and table columns narrower than their cells. For dialogs shown at their own
size, in any language."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QTreeWidget, QWidget


def clipped(root: QWidget) -> list[str]:
    """Descriptions of the texts under ``root`` that do not fit the room they were given."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(f"label {widget.text()!r}: {widget.height()} px high, needs "
                                 f"{widget.heightForWidth(widget.width())}")
            elif widget.width() < widget.sizeHint().width():
                found.append(f"label {widget.text()!r}: {widget.width()} px wide, needs {widget.sizeHint().width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.sizeHint().width():
                found.append(f"button {widget.text()!r}: {widget.width()} px wide, needs {widget.sizeHint().width()}")
        elif isinstance(widget, QTreeWidget):
            for column in range(widget.columnCount()):
                if widget.columnWidth(column) < widget.sizeHintForColumn(column):
                    found.append(f"column {column} of {widget.headerItem().text(column)!r} is too narrow")
            if widget.header().length() > widget.viewport().width():
                found.append(f"{widget.header().length()} px of columns in a {widget.viewport().width()} px view")
    return found
