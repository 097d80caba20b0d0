"""Chinese lines broken as Chinese is typeset: no line ends with an opening bracket or quote ("≥ 2（" / "ICDR
规则）"), words marked to stay together do ("B 扫描 12"), and a Latin word glued to Chinese in bold text ("复查OCT")
breaks like any other.

reportlab breaks Chinese lines between any two characters and keeps closing punctuation off a line's start, but
when a Latin word overflows it breaks after the nearest Chinese character before it, which may be "（". Where a
line would end with an opening mark, that line is measured a mark's width narrower, so the mark moves to the next
line with its word. Words marked not to break (reportlab's <nobr>, which its CJK breaking ignores) move to the next
line together in the same way where a line would end inside them, unless they start that line (longer than a line,
they break as before). Looking back for that character, reportlab also fails (TypeError) on the empty fragments that
outlined bold Chinese starts its runs with (app.report.fake_bold): while lines are broken those fragments carry a
zero-width space, which is never drawn (a callback fragment draws nothing but its callback).
"""
from __future__ import annotations

from itertools import takewhile
from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

PASSES_PER_LINE = 2  # each pass mends one line; once mended, a line may end with a second mark ("“（")
ZERO_WIDTH_SPACE = "\u200b"  # no width in the Latin font, neither a space nor Chinese to reportlab's look-back


def _last_word(line: Any) -> Any:
    """The last word of a broken line with text of its own (not a callback), or None."""
    return next((word for word in reversed(getattr(line, "words", []))
                 if getattr(word, "text", "") and not hasattr(word, "cbDefn")), None)


class CJKParagraph(Paragraph):
    """A Paragraph that, in a style with ``wordWrap="CJK"``, breaks lines as the module says (other styles break
    them as reportlab does)."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - reportlab API
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        passes = 0
        while True:  # ends: the limit grows only with the lines, no more than the characters
            broken = self._break_with_placeholders(widths)
            lines = broken.lines if getattr(broken, "kind", 0) == 1 else []
            moved = ((number, _moved_width(line, following)) for number, (line, following)
                     in enumerate(zip(lines, lines[1:])))
            found = next(((number, width) for number, width in moved if width), None)
            if found is None or passes >= PASSES_PER_LINE * len(lines):  # a long paragraph takes as many as it needs
                return broken
            passes += 1
            number, width = found
            widths += [widths[-1]] * (number + 2 - len(widths))  # the lines after it keep their width
            widths[number] -= max(width, 1)

    def _break_with_placeholders(self, widths: list[float]) -> Any:
        frags = self.frags
        self.frags = [_placeholder(frag, self.style.fontName) if hasattr(frag, "cbDefn") and not frag.text else frag
                      for frag in frags]
        try:
            return super().breakLinesCJK(list(widths))
        finally:
            self.frags = frags


def _moved_width(line: Any, following: Any) -> float:
    """How much of the end of ``line`` belongs on the ``following`` line: an opening mark it ends with, or its
    <nobr> words that go on there; 0 for nothing."""
    word = _last_word(line)
    if word is not None and word.text[-1] in ALL_CANNOT_END:
        return stringWidth(word.text[-1], word.fontName, word.fontSize)
    words = getattr(line, "words", [])
    kept = list(takewhile(_unbroken, reversed(words)))  # the <nobr> words the line ends with
    if not kept or len(kept) == len(words) or not _unbroken(next(iter(getattr(following, "words", [])), None)):
        return 0.0
    return sum(stringWidth(word.text, word.fontName, word.fontSize) for word in kept)


def _unbroken(word: Any) -> bool:
    return bool(getattr(word, "nobr", False))


def _placeholder(frag: Any, font: str) -> Any:
    """A callback fragment with a zero-width space for text, measured in the style's (Latin) font."""
    clone = frag.clone()
    clone.text, clone.fontName = ZERO_WIDTH_SPACE, font
    return clone
