"""Tab-separated table rows in columns as wide as their widest cell: tab stops for the window, spaces for a
terminal (the export and import commands print what the window shows)."""
from __future__ import annotations

from annotations.text_columns import column_stops, padded_columns


def test_each_column_starts_past_its_widest_cell_and_the_gap() -> None:
    assert column_stops([[6, 5], [2, 2]], 3) == [9.0, 17.0]
    assert column_stops([], 3) == []


def test_a_terminal_gets_the_cells_padded_to_their_columns_and_the_lines_without_tabs_as_they_are() -> None:
    text = "Exported 2 case(s)\n\nLesion\tBoxes\tLabelled pixels\nEX\t40\t1234567\nOD\t2\t0"
    assert padded_columns(text).splitlines() == ["Exported 2 case(s)", "", "Lesion   Boxes   Labelled pixels",
                                                 "EX       40      1234567", "OD       2       0"]


def test_a_chinese_character_takes_two_terminal_columns() -> None:
    assert padded_columns("病灶\t数量\nEX\t4", gap=2).splitlines() == ["病灶  数量", "EX    4"]
