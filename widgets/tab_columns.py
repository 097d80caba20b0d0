"""Text whose table rows separate their cells by tabs (annotations.workspace.transfer_texts), shown with each column
as wide as its widest cell: aligned in any language and font, which padding with spaces never is."""
from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from annotations.text_columns import column_stops

GAP_CHARS = 3  # between two columns, in average characters


def show_in_columns(edit: QPlainTextEdit, text: str) -> None:
    """``text`` in ``edit``, its tab-separated cells in columns."""
    metrics = edit.fontMetrics()
    rows = [[metrics.horizontalAdvance(cell) for cell in line.split("\t")[:-1]] for line in text.splitlines()]
    document = edit.document()
    option = document.defaultTextOption()
    option.setTabArray(column_stops(rows, metrics.averageCharWidth() * GAP_CHARS) or [])
    document.setDefaultTextOption(option)
    edit.setPlainText(text)
