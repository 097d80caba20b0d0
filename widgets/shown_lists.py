"""Lists the window shows, joined in the interface's language: "MA, HE" and "too dark; blurred" in English,
"MA、HE" and "过暗；模糊" in Chinese (annotations.wording decides the separators, for window and report alike)."""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QCoreApplication

from annotations.wording import join_clauses, join_items


def shown_items(items: Iterable[str]) -> str:
    """Names or values, joined as the interface's language lists them."""
    return join_items(items, QCoreApplication.translate)


def shown_clauses(items: Iterable[str]) -> str:
    """Sentences or problems, joined as the interface's language lists them."""
    return join_clauses(items, QCoreApplication.translate)
