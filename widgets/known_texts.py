"""Texts that Qt-free code (annotations/, inference/) writes in English, shown in the interface's language.

Each kind of text is a template marked for translation, with its figures as {placeholders}; a text is matched
against the templates and its figures are put into the translated one. Values that are words themselves ("True",
"DR grade") are translated through ``values``. A text no template matches is shown as written.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from PySide6.QtCore import QCoreApplication


class KnownTexts:
    def __init__(self, context: str, templates: Sequence[str], values: Mapping[str, str] | None = None) -> None:
        """``templates`` and ``values`` (English value -> its text to translate) are marked in ``context``."""
        self.context = context
        self.values = dict(values or {})
        self._patterns = [(re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(template)) + "$"), template)
                          for template in templates]

    def __call__(self, text: str) -> str:
        for pattern, template in self._patterns:
            found = pattern.match(text)
            if found:
                figures = {key: self._value(value) for key, value in found.groupdict().items()}
                return QCoreApplication.translate(self.context, template).format(**figures)
        return text

    def _value(self, value: str) -> str:
        return QCoreApplication.translate(self.context, self.values[value]) if value in self.values else value
