"""How Qt-free code words what people read: through a ``translate(context, text) -> str`` function.

Code below the Qt layer writes ``translate("Context", "literal English")`` so pyside6-lupdate finds the text; the
caller passes Qt's translate (the interface's language) or a report's own, and ``english`` (the source text itself)
is what data files store."""
from __future__ import annotations

from typing import Callable, Iterable

Translate = Callable[[str, str], str]
ITEM_SEPARATOR = ", "  # between the names or values of a list, in English ("MA, HE")
CLAUSE_SEPARATOR = "; "  # between the sentences or problems of a list, in English ("too dark; blurred")


def english(context: str, text: str) -> str:
    """The source text itself: how data files store it."""
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks ``text`` as a template to translate in ``context`` and returns it unchanged, without Qt.

    For the messages Qt-free code formats in English (errors, warnings): it fills the template with ``.format``,
    and the interface (widgets/known_texts.py) matches the text against the same template to show it in the
    interface's language."""
    return text


def list_separator(separator: str, translate: Translate = english) -> str:
    """The separator ``translate``'s language writes where English writes ``separator`` (ITEM_SEPARATOR or
    CLAUSE_SEPARATOR): Chinese lists names with the enumeration comma "、" and clauses with the full-width "；".
    The one place that decides it: every list a person reads is joined here."""
    separators = {ITEM_SEPARATOR: translate("ListSeparators", ", "),
                  CLAUSE_SEPARATOR: translate("ListSeparators", "; ")}
    return separators[separator]


def join_items(items: Iterable[str], translate: Translate = english) -> str:
    """Names or values ("MA, HE") in ``translate``'s language."""
    return list_separator(ITEM_SEPARATOR, translate).join(items)


def join_clauses(items: Iterable[str], translate: Translate = english) -> str:
    """Sentences or problems ("too dark (…); blurred (…)") in ``translate``'s language."""
    return list_separator(CLAUSE_SEPARATOR, translate).join(items)
