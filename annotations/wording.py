"""How Qt-free code words what people read: through a ``translate(context, text) -> str`` function.

Code below the Qt layer writes ``translate("Context", "literal English")`` so pyside6-lupdate finds the text; the
caller passes Qt's translate (the interface's language) or a report's own, and ``english`` (the source text itself)
is what data files store."""
from __future__ import annotations

import re
import string
from typing import Callable, Iterable, Sequence

Translate = Callable[[str, str], str]
ITEM_SEPARATOR = ", "  # between the names or values of a list, in English ("MA, HE")
CLAUSE_SEPARATOR = "; "  # between the sentences or problems of a list, in English ("too dark; blurred")
# One name as quote_name writes it: in single quotes, a quote of its own doubled (a Windows path's "\\" stays as is).
QUOTED_NAME = r"'(?:[^']|'')*'"
NAMES_SHOWN = 5  # file or case names a warning lists before it says how many more
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")  # ideographs and full-width punctuation


def english(context: str, text: str) -> str:
    """The source text itself: how data files store it."""
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks ``text`` as a template to translate in ``context`` and returns it unchanged, without Qt.

    For the messages Qt-free code formats in English (errors, warnings): it fills the template with ``.format``,
    and the interface (widgets/known_texts.py) matches the text against the same template to show it in the
    interface's language."""
    return text


# how a language joins a list: its separators, the tail of a list cut short (written out in each template marked, as
# pyside6-lupdate reads literals only)
LIST_CONTEXT = "ListSeparators"
MORE_NAMES = QT_TRANSLATE_NOOP("ListSeparators", "... (+{count})")  # the tail of a list join_names cut short


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


def quote_name(name: str) -> str:
    """A file or image name as a message quotes it (``'Wang, Li 2021.jpg'``), so that the name's own ", " or quotes
    are never taken for a list's separator or its end: the interface finds each name again (QUOTED_NAME)."""
    return "'" + name.replace("'", "''") + "'"


def join_names(names: Sequence[str], shown: int | None = None, translate: Translate = english) -> str:
    """File or image names, each quoted (``'a.jpg', 'b.jpg'``); past ``shown`` names, how many more (MORE_NAMES), in
    ``translate``'s language: the one way a message lists names (Qt-free code's in English, which the interface shows
    translated: widgets.domain_messages)."""
    return join_named([quote_name(name) for name in names[:shown]], len(names), translate)


def join_named(named: Sequence[str], count: int, translate: Translate = english) -> str:
    """Names quoted already (a case as case_names names it), the first of ``count``, and how many more, in
    ``translate``'s language (join_names)."""
    more = [translate(LIST_CONTEXT, MORE_NAMES).format(count=count - len(named))] if count > len(named) else []
    return join_items([*named, *more], translate)


def join_clauses(items: Iterable[str], translate: Translate = english) -> str:
    """Sentences or problems ("too dark (…); blurred (…)") in ``translate``'s language."""
    return list_separator(CLAUSE_SEPARATOR, translate).join(items)


def fill(template: str, **values: object) -> str:
    """``template.format(**values)`` without the space a Chinese template leaves between a Chinese character and a
    value that starts or ends with one: "由 {source} 绘制" reads "由 ma-candidates 1 绘制" but "由经典病灶检测器绘制",
    as Chinese puts no spaces between words. For templates that take a translated name; the values' own spaces and
    an English template's are kept."""
    pieces: list[str] = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if pieces and _CJK.match(literal[1:2]) and _CJK.search(pieces[-1][-1:]) and literal[:1] == " ":
            literal = literal[1:]  # after a value that ends in Chinese, before Chinese
        pieces.append(literal)
        if field is None:
            continue
        value = ("{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}").format(
            **values)
        if _CJK.match(value[:1]) and pieces[-1].endswith(" ") and _CJK.match(pieces[-1][-2:-1]):
            pieces[-1] = pieces[-1][:-1]  # before a value that starts in Chinese, after Chinese
        pieces.append(value)
    return "".join(pieces)
