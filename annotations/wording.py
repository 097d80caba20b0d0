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


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks ``text`` as a template to translate in ``context`` and returns it unchanged, without Qt.

    For the messages Qt-free code formats in English (errors, warnings): it fills the template with ``.format``,
    and the interface (widgets/known_texts.py) matches the text against the same template to show it in the
    interface's language."""
    return text
