"""What lxml made of each XML text a test had parsed: a tree, or the parser's refusal. A hostile label file's entities
must never be expanded, which a tree shows at any size (a parser that expands hands back a few KB of "lollol" for a
small nested-entity file); a clock on a billion-laughs file only guessed at it, and libxml2 refuses that one itself."""
from __future__ import annotations

from typing import NamedTuple

import pytest
from lxml import etree


class Parse(NamedTuple):
    data: bytes
    tree: etree._Element | None  # None: the parser refused the text


def watch_xml_parses(monkeypatch: pytest.MonkeyPatch) -> list[Parse]:
    """Every etree.fromstring from now to the test's end, as it happens (the label readers parse through it)."""
    parses: list[Parse] = []
    parse = etree.fromstring

    def watched(data: bytes, *args: object, **kwargs: object) -> etree._Element:
        try:
            tree = parse(data, *args, **kwargs)
        except etree.XMLSyntaxError:
            parses.append(Parse(data, None))
            raise
        parses.append(Parse(data, tree))
        return tree

    monkeypatch.setattr(etree, "fromstring", watched)
    return parses


def holding(parses: list[Parse], text: str) -> list[Parse]:
    """The parses whose tree holds ``text`` anywhere (an entity's expansion, a file it pulled in)."""
    return [parse for parse in parses if parse.tree is not None
            and text in etree.tostring(parse.tree, encoding="unicode")]
