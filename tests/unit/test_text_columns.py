"""Tab-separated table rows in columns as wide as their widest cell: tab stops for the window, spaces for a
terminal (the export and import commands print what the window shows); Chinese paragraphs for a terminal (the
command line's --help) wrapped by the columns they take, between characters, a closing mark kept on its line."""
from __future__ import annotations

from annotations.text_columns import column_stops, padded_columns, terminal_width, wrapped_lines


def test_each_column_starts_past_its_widest_cell_and_the_gap() -> None:
    assert column_stops([[6, 5], [2, 2]], 3) == [9.0, 17.0]
    assert column_stops([], 3) == []


def test_a_terminal_gets_the_cells_padded_to_their_columns_and_the_lines_without_tabs_as_they_are() -> None:
    text = "Exported 2 case(s)\n\nLesion\tBoxes\tLabelled pixels\nEX\t40\t1234567\nOD\t2\t0"
    assert padded_columns(text).splitlines() == ["Exported 2 case(s)", "", "Lesion   Boxes   Labelled pixels",
                                                 "EX       40      1234567", "OD       2       0"]


def test_a_chinese_character_takes_two_terminal_columns() -> None:
    assert padded_columns("病灶\t数量\nEX\t4", gap=2).splitlines() == ["病灶  数量", "EX    4"]


def test_a_chinese_sentence_wraps_between_its_characters_within_the_width() -> None:
    text = "阅片医师姓名，印在签名栏旁（默认：设置中的阅片者，否则为窗口报告对话框中最后输入的姓名）"
    lines = wrapped_lines(text, 20)
    assert "".join(lines) == text
    assert all(terminal_width(line) <= 20 for line in lines[:-1]) and len(lines) == 5
    assert not any(line[0] in "，）：" for line in lines)


def test_latin_words_inside_stay_whole_and_spaces_still_break() -> None:
    lines = wrapped_lines("配合 --screenshot：等待分析超过此时长即放弃（默认 600）", 16)
    assert lines == ["配合", "--screenshot：等", "待分析超过此时长", "即放弃（默认 600）"]


def test_a_mark_that_closes_takes_the_character_it_follows_to_the_next_line() -> None:
    assert wrapped_lines("一二三四，五", 8) == ["一二三", "四，五"]
    assert wrapped_lines("word，五", 4) == ["word，", "五"]  # nothing wide to take down: past the width


def test_a_latin_word_with_a_narrow_mark_beyond_ascii_stays_whole() -> None:
    assert wrapped_lines("中文中文 don’t stop", 12) == ["中文中文", "don’t stop"]
