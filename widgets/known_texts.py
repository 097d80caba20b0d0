"""Texts that Qt-free code (annotations/, inference/) writes in English, shown in the interface's language.

Each kind of text is a template marked for translation, with its figures as {placeholders}; a text is matched
against the templates and its figures are put into the translated one. Values that are words themselves ("True",
"DR grade") are translated through ``values``; a figure that is itself a known text (the reason inside
"{path}: {reason}") is matched and translated through ``parts``. A text no template matches is shown as written.

Where several templates match a text, the most specific wins (``most_specific``): the one whose own words account
for most of it, so "{path}: {reason}" never takes "skipped: {error}" for a path and its reason, leaving it English.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

from PySide6.QtCore import QCoreApplication

from annotations.wording import ITEM_SEPARATOR, fill, list_separator

_PLACEHOLDER = re.compile(r"\\\{(\w+)\\\}")  # a {name} in a template after re.escape


class Shown(NamedTuple):
    """A text in the interface's language, and how many characters of the English the templates (and the words
    translated as values) wrote: how specific the match is. A figure shown as written counts none."""
    text: str
    specific: int


class Family:
    """A kind of text: ``shown`` says one in the interface's language with how specific the match is (None: not one
    of these); ``match`` says the text alone."""

    def shown(self, text: str) -> Shown | None:
        raise NotImplementedError

    def match(self, text: str) -> str | None:
        """``text`` in the interface's language, or None when it is not one of these."""
        shown = self.shown(text)
        return None if shown is None else shown.text


def most_specific(texts: Iterable[Family], text: str) -> Shown | None:
    """``text`` as the most specific of ``texts`` shows it (the first of equals), or None when none matches it."""
    best = None
    for known in texts:
        shown = known.shown(text)
        if shown is not None and (best is None or shown.specific > best.specific):
            best = shown
    return best


class KnownTexts(Family):
    def __init__(self, context: str, templates: Sequence[str], values: Mapping[str, str] | None = None,
                 parts: Mapping[str, Sequence[Family]] | None = None) -> None:
        """``templates`` and ``values`` (English value -> its text to translate) are marked in ``context``;
        ``parts``: placeholder -> the known texts its figure must be one of (tried in order)."""
        self.context = context
        self.templates = tuple(templates)
        self.values = dict(values or {})
        self.parts = {name: tuple(texts) for name, texts in (parts or {}).items()}
        self._patterns = [(re.compile(self._source(template, named=True), re.DOTALL), template)
                          for template in self.templates]

    def __call__(self, text: str) -> str:
        shown = self.match(text)
        return text if shown is None else shown

    def shown(self, text: str) -> Shown | None:
        """``text`` as the most specific template that matches it shows it, or None when none does."""
        best = None
        for pattern, template in self._patterns:
            found = pattern.fullmatch(text)
            if found:
                figures = {key: self._figure(key, value) for key, value in found.groupdict().items()}
                specific = len(text) - sum(len(value) for value in found.groupdict().values())  # the template's own
                specific += sum(figure.specific for figure in figures.values())
                if best is None or specific > best.specific:
                    shown = fill(QCoreApplication.translate(self.context, template),
                                 **{key: figure.text for key, figure in figures.items()})  # a translated figure
                    best = Shown(shown, specific)
        return best

    def source(self) -> str:
        """A regular expression, without groups, that matches any of these texts: how another KnownTexts finds
        one inside its own (``parts``)."""
        return "(?:" + "|".join(self._source(template, named=False) for template in self.templates) + ")"

    def _source(self, template: str, named: bool) -> str:
        def placeholder(found: re.Match) -> str:
            name = found.group(1)
            inner = "|".join(part.source() for part in self.parts.get(name, ())) or ".+?"
            return f"(?P<{name}>{inner})" if named else f"(?:{inner})"
        return _PLACEHOLDER.sub(placeholder, re.escape(template))

    def _figure(self, key: str, value: str) -> Shown:
        if value in self.values:  # a word said instead of a list ("none installed" for the known models' names)
            return Shown(QCoreApplication.translate(self.context, self.values[value]), len(value))
        return most_specific(self.parts.get(key, ()), value) or Shown(value, 0)


class AsWritten(Family):
    """Text shown as written (a file name, a class code): any text, or only one that ``pattern`` (a regular
    expression without groups) matches, so that a ListOf can tell its items from their separator."""

    def __init__(self, pattern: str = ".+?") -> None:
        self.pattern = pattern
        self._compiled = re.compile(pattern, re.DOTALL)

    def source(self) -> str:
        return f"(?:{self.pattern})"

    def shown(self, text: str) -> Shown | None:
        return Shown(text, 0) if self._compiled.fullmatch(text) else None


class Named(Family):
    """A code annotations/ writes in a text ("Set OCT class DRUSEN"), shown by ``name``: what a person reads it as,
    in the interface's language ("Drusen")."""

    def __init__(self, codes: Iterable[str], name: Callable[[str], str]) -> None:
        self.codes, self.name = tuple(codes), name

    def source(self) -> str:
        return "(?:" + "|".join(map(re.escape, self.codes)) + ")"

    def shown(self, text: str) -> Shown | None:
        return Shown(self.name(text), len(text)) if text in self.codes else None


class OneOf(Family):
    """The most specific of ``texts`` that match: an item of a ListOf said in more than one form (a case's name: its
    quoted image, or a volume's B-scan)."""

    def __init__(self, *texts: KnownTexts | AsWritten) -> None:
        self.texts = texts

    def source(self) -> str:
        return "(?:" + "|".join(text.source() for text in self.texts) + ")"

    def shown(self, text: str) -> Shown | None:
        return most_specific(self.texts, text)


class ListOf(Family):
    """Known texts joined by ``separator`` ("MA (in 2 files), HE (in 1 file)"), each shown in the interface's
    language and joined by that language's separator: a ``parts`` entry for a figure that lists several."""

    def __init__(self, texts: KnownTexts | AsWritten | OneOf, separator: str = ITEM_SEPARATOR) -> None:
        self.texts, self.separator = texts, separator
        # one item and what follows it, matched where the next item starts: only that far, so a list is matched in
        # linear time (a list of thousands of names is matched on the interface's thread)
        self._next_item = re.compile(f"(?:{texts.source()})(?:{re.escape(separator)}|\\Z)", re.DOTALL)

    def source(self) -> str:
        item, separator = self.texts.source(), re.escape(self.separator)
        return f"(?:{item}(?:{separator}{item})*)"

    def shown(self, text: str) -> Shown | None:
        """Each item in turn, the shortest that is a known text and is followed by another or ends the list: an item
        may hold the separator itself ("x is 2; a threshold is a probability" in a list joined by "; ",
        "'vol.dcm', B-scan 3" in one joined by ", ", whose "'vol.dcm'" alone would be a name too)."""
        if not self._next_item.match(text):  # no run of pieces from the start is an item: none to try one by one
            return None  # (each later start is one the item before it was accepted at, by the same match)
        pieces, items, start, offset = text.split(self.separator), [], 0, 0
        while start < len(pieces):
            for end in range(start + 1, len(pieces) + 1):
                written = self.separator.join(pieces[start:end])
                item = self.texts.shown(written)
                after = offset + len(written) + len(self.separator)  # where the next item would start
                if item is not None and (end == len(pieces) or self._next_item.match(text, after)):
                    break
            else:
                return None
            items.append(item)
            start, offset = end, after
        return Shown(list_separator(self.separator, QCoreApplication.translate).join(item.text for item in items),
                     sum(item.specific for item in items))
