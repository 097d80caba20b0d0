"""Lists are joined in one place (annotations.wording): English as written, another language by its translation
of the separators."""
from __future__ import annotations

import re

from annotations.wording import (CLAUSE_SEPARATOR, ITEM_SEPARATOR, QUOTED_NAME, fill, join_clauses, join_items,
                                 join_names, list_separator)

CHINESE_SEPARATORS = {("ListSeparators", ", "): "、", ("ListSeparators", "; "): "；"}


def chinese(context: str, text: str) -> str:
    return CHINESE_SEPARATORS.get((context, text), text)


def test_english_joins_names_with_commas_and_clauses_with_semicolons() -> None:
    assert join_items(["MA", "HE", "EX"]) == "MA, HE, EX"
    assert join_clauses(["too dark", "blurred"]) == "too dark; blurred"
    assert join_items([]) == ""


def test_another_language_joins_with_its_own_separators() -> None:
    assert join_items(iter(["MA", "HE"]), chinese) == "MA、HE"
    assert join_clauses(["过暗", "模糊"], chinese) == "过暗；模糊"
    assert (list_separator(ITEM_SEPARATOR, chinese), list_separator(CLAUSE_SEPARATOR, chinese)) == ("、", "；")


def test_a_chinese_name_filled_into_a_chinese_sentence_takes_no_spaces() -> None:
    assert fill("{name}：由 {source} 绘制", name="微动脉瘤", source="经典病灶检测器") == "微动脉瘤：由经典病灶检测器绘制"
    assert fill("由 {a}{b} 绘制", a="经典", b="检测器") == "由经典检测器绘制"


def test_latin_values_and_english_templates_keep_their_spaces() -> None:
    assert fill("{name}：由 {source} 绘制", name="MA", source="ma-candidates 1") == "MA：由 ma-candidates 1 绘制"
    assert fill("{name}: drawn by {source}", name="HE", source="classical lesion detector") == \
        "HE: drawn by classical lesion detector"
    assert fill("第 {n:.1f} 处，{x!r} 与 {y}", n=2, x="a", y="眼 底") == "第 2.0 处，'a' 与眼 底"  # the value as written


def test_listed_names_are_each_quoted_so_a_reader_finds_every_name_whole() -> None:
    names = ["Wang, Li 2021.jpg", "it's, x.png", 'say "a", b\'.png', "C:\\scans\\a.png", "d.png"]
    listed = join_names(names, shown=4)
    assert listed.startswith("'Wang, Li 2021.jpg', 'it''s, x.png', ") and listed.endswith(", ... (+1)")
    assert "'C:\\scans\\a.png'" in listed, "a Windows path reads as written, its backslashes single"
    items = re.findall(f"(?:{QUOTED_NAME})(?=, )", listed)
    assert [item[1:-1].replace("''", "'") for item in items] == names[:4]
    assert join_names(["a.png"]) == "'a.png'" and join_names([]) == ""


def test_a_list_cut_short_says_how_many_more_in_its_own_language() -> None:
    chinese_tail = {**CHINESE_SEPARATORS, ("ListSeparators", "... (+{count})"): "…（另 {count} 个）"}
    assert join_names(["a.png", "b.png", "c.png"], 2, lambda context, text: chinese_tail.get((context, text), text)) \
        == "'a.png'、'b.png'、…（另 1 个）"
