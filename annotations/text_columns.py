"""Text whose table rows separate their cells by tabs (annotations.workspace.transfer_texts), each column as wide as
its widest cell: the window sets tab stops there (widgets.tab_columns), a terminal pads the cells with spaces."""
from __future__ import annotations

import unicodedata


def column_stops(widths: list[list[float]], gap: float) -> list[float]:
    """Where each column after the first starts: ``widths`` holds each row's cell widths (the cells a tab follows)."""
    columns: list[float] = []
    for row in widths:
        for index, width in enumerate(row):
            if index == len(columns):
                columns.append(0)
            columns[index] = max(columns[index], width)
    stops, position = [], 0.0
    for width in columns:
        position += width + gap
        stops.append(position)
    return stops


def padded_columns(text: str, gap: int = 3) -> str:
    """``text`` for a terminal: each tab-separated cell padded with spaces to its column's width and ``gap``
    (a Chinese character takes two columns of a terminal)."""
    rows = [line.split("\t") for line in text.splitlines()]
    stops = column_stops([[_terminal_width(cell) for cell in cells[:-1]] for cells in rows], gap)
    lines = []
    for cells in rows:
        line = ""
        for cell, stop in zip(cells[:-1], stops):
            line += cell + " " * (int(stop) - _terminal_width(line + cell))
        lines.append(line + cells[-1])
    return "\n".join(lines)


def _terminal_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
