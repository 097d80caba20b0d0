"""Text for a terminal, where a Chinese character takes two columns: tables whose rows separate their cells by tabs
(annotations.workspace.transfer_texts), each column as wide as its widest cell (the window sets tab stops there,
widgets.tab_columns; a terminal pads the cells with spaces), and paragraphs wrapped to a width."""
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
    stops = column_stops([[terminal_width(cell) for cell in cells[:-1]] for cells in rows], gap)
    lines = []
    for cells in rows:
        line = ""
        for cell, stop in zip(cells[:-1], stops):
            line += cell + " " * (int(stop) - terminal_width(line + cell))
        lines.append(line + cells[-1])
    return "\n".join(lines)


def terminal_width(text: str) -> int:
    """The columns ``text`` takes on a terminal."""
    return sum(2 if _wide(char) else 1 for char in text)


NO_LINE_START = "，。、；：！？）》」』】,.;:!?)"  # punctuation kept on the line of the character before it


def wrapped_lines(text: str, width: int) -> list[str]:
    """``text`` (one paragraph: its spaces single) in lines of at most ``width`` terminal columns, broken at spaces
    and between Chinese characters, where textwrap breaks at spaces only (a Chinese sentence, which has none, was
    one line across the terminal). A closing punctuation mark never starts a line: the character it follows goes down
    with it (past the width only where that cannot be)."""
    lines: list[str] = []
    line, spaced = "", False
    for unit in _units(text):
        if unit == " ":
            spaced = True
            continue
        joined = line + (" " if spaced and line else "") + unit
        if line and terminal_width(joined) > width:
            if unit[0] not in NO_LINE_START:
                lines.append(line)
                joined = unit
            elif len(line) > 1 and _wide(line[-1]) and not spaced:
                lines.append(line[:-1])
                joined = line[-1] + unit
        line, spaced = joined, False
    return lines + [line] if line else lines


def _units(text: str) -> list[str]:
    """What a line may break between: spaces, each wide (Chinese) character, and the runs of other characters
    between them (a Latin word with its apostrophe or dash stays whole)."""
    units, word = [], ""
    for char in text:
        if char == " " or _wide(char):
            units += [word, char] if word else [char]
            word = ""
        else:
            word += char
    return units + [word] if word else units


def _wide(char: str) -> bool:
    """A character a terminal draws two columns wide."""
    return unicodedata.east_asian_width(char) in "WF"
