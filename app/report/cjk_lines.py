"""Chinese lines broken as Chinese is typeset: every line within its width, none starting with a closing mark
("）", "，") or ending with an opening one ("≥ 2（" / "ICDR 规则）"), words marked to stay together kept so ("B 扫描
12"), and a Latin word glued to Chinese in bold text ("复查OCT") broken like any other.

reportlab breaks Chinese lines between any two characters and keeps one closing mark off a line's start by hanging
it past the line's end, outside the column ("病变）" ran 4 pt past a caption's); a second mark after it ("）。")
starts the next line, as do the marks it does not know to keep off (CANNOT_START: "，"). When a Latin word
overflows, it breaks after the nearest Chinese character before it, which may be "（". Each such line is broken
again, measured its last character's width narrower, so that character goes to the next line with the mark. Words
marked not to break (reportlab's <nobr>, which its CJK breaking ignores) move to the next line together in the same
way where a line would end inside them, unless they start that line (longer than a line, they break as before).
A no-break space, where reportlab breaks a Chinese line as at any space ("轻度非增殖期" over "10%"), takes the
character before it to the next line too (text of one font is broken as runs, whose lines keep the space).

Looking back for a Chinese character to break after, reportlab also fails (TypeError) on the empty fragments that
outlined bold Chinese starts its runs with (app.report.fake_bold): while lines are broken those fragments carry a
zero-width space, which is never drawn (a callback fragment draws nothing but its callback).
"""
from __future__ import annotations

from itertools import takewhile
from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.rl_config import _FUZZ

PASSES_PER_LINE = 3  # each pass mends one line; once mended, it may end with a second mark ("“（", "）。")
ZERO_WIDTH_SPACE = "\u200b"  # no width in the Latin font, neither a space nor Chinese to reportlab's look-back
# reportlab keeps the full stop and closing brackets off the start of a Chinese line, but not the full-width comma,
# colon, semicolon, question and exclamation marks (GB/T 15834); its own rules stay as they are for its other users
CANNOT_START = ALL_CANNOT_START + "，：；？！"
NO_BREAK_SPACE = "\u00a0"  # reportlab breaks Latin lines at spaces, never at this one (nor, mended, Chinese ones)


class CJKParagraph(Paragraph):
    """A Paragraph that, in a style with ``wordWrap="CJK"``, breaks lines as the module says (other styles break
    them as reportlab does)."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - reportlab API
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        limits = list(widths)  # what each line may take; ``widths`` are narrowed to mend lines
        passes = 0
        while True:  # ends: the limit grows only with the lines, no more than the characters
            broken = self._break_with_placeholders(widths)
            lines = broken.lines
            moved = ((number, _moved_width(broken, number, limits[min(number, len(limits) - 1)]))
                     for number in range(len(lines)))
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
        if len(frags) == 1 and NO_BREAK_SPACE in getattr(frags[0], "text", ""):  # its lines would drop the space
            before, space, after = frags[0].text.partition(NO_BREAK_SPACE)
            self.frags = [frags[0].clone(text=before + space), frags[0].clone(text=after)]
        try:
            return super().breakLinesCJK(list(widths))
        finally:
            self.frags = frags


def _runs(broken: Any, line: Any) -> list[tuple[str, str, float]]:
    """What a line of ``broken`` (reportlab's lines of a paragraph, of either kind) draws, as (text, font, size)
    runs, without the spaces it ends with (they draw nothing; a no-break space is kept, to be seen)."""
    if broken.kind == 0:  # (space left, words) in the paragraph's one font
        runs = [(" ".join(line[1]), broken.fontName, broken.fontSize)]
    else:  # callbacks draw no text (and carry a placeholder while lines are broken)
        runs = [(word.text, word.fontName, word.fontSize) for word in line.words
                if getattr(word, "text", "") and not hasattr(word, "cbDefn")]
    while runs and not runs[-1][0].strip(" "):
        runs.pop()
    return runs[:-1] + [(runs[-1][0].rstrip(" "), *runs[-1][1:])] if runs else []


def _moved_width(broken: Any, number: int, limit: float) -> float:
    """How much of the end of line ``number`` of ``broken`` belongs on the next line: its last character where a
    closing mark hangs past ``limit`` or starts the next line, where it is an opening mark, where a no-break space
    ends the line or starts the next, or its <nobr> words that go on there; 0 for nothing."""
    lines = broken.lines
    line = lines[number]
    runs = _runs(broken, line)
    if not runs:
        return 0.0
    after = _runs(broken, lines[number + 1]) if number + 1 < len(lines) else []
    first = after[0][0].lstrip(" ")[:1] if after else ""  # of the next line
    text, font, size = runs[-1]
    overflows = sum(stringWidth(*run) for run in runs) > limit + _FUZZ
    glued = after and NO_BREAK_SPACE in (text[-1], first)
    if overflows or glued or (first and first in CANNOT_START) or (
            after and text[-1] in ALL_CANNOT_END):
        # the last character drawn: a no-break space ending the line may be a run of its own
        text, font, size = next((run for run in reversed(runs) if run[0].strip()), runs[-1])
        return stringWidth(text.rstrip()[-1:], font, size)
    if broken.kind == 0 or not after:
        return 0.0
    following = lines[number + 1]
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
