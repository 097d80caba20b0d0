"""How Qt-free code words what people read: through a ``translate(context, text) -> str`` function.

Code below the Qt layer writes ``translate("Context", "literal English")`` so pyside6-lupdate finds the text; the
caller passes Qt's translate (the interface's language) or a report's own, and ``english`` (the source text itself)
is what data files store."""
from __future__ import annotations

from typing import Callable

Translate = Callable[[str, str], str]


def english(context: str, text: str) -> str:
    """The source text itself: how data files store it."""
    return text
