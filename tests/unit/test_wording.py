"""Lists are joined in one place (annotations.wording): English as written, another language by its translation
of the separators."""
from __future__ import annotations

from annotations.wording import CLAUSE_SEPARATOR, ITEM_SEPARATOR, join_clauses, join_items, list_separator

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
