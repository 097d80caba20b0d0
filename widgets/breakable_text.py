"""Text a word-wrapped label may break anywhere it must: Qt wraps a label's text only between words, so a word longer
than the room (a 120-character file name in a warning) made the label, and its window, as wide as that word; the
report dialog opened 1351 px wide, past a 1366-pixel laptop's edge with its frame. A zero-width space every
``BREAK_EVERY`` characters of such a word lets Qt break it there where it has to, and shows nothing."""
from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
BREAK_EVERY = 20  # characters: about a file name's stem, narrower than any label's room
# a character of a word that is neither a space nor Chinese (Chinese breaks between its characters already, and must
# not before its closing marks)
_WORD_CHARACTER = r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
_LONG_WORD = re.compile(f"{_WORD_CHARACTER}{{{BREAK_EVERY}}}(?={_WORD_CHARACTER})")


def breakable(text: str) -> str:
    """``text`` with a zero-width space after every BREAK_EVERY characters of each word longer than that."""
    return _LONG_WORD.sub(lambda match: match.group(0) + ZERO_WIDTH_SPACE, text)
