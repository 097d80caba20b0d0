"""A pseudo locale for finding text that bypasses translation: every string that goes through Qt's translation is
shown as ⟦text⟧, so what a widget shows without the brackets never asked a translator.

``visible_texts(widget)`` walks a widget tree and collects what a person reads (titles, labels, buttons, tool
tips, placeholders, combo box items, spin box affixes, table headers); ``unwrapped(texts, data)`` keeps those
with words outside the brackets, once the data shown in them (file names, reader names) is taken out."""
from __future__ import annotations

import re
from typing import Iterable

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QPlainTextEdit, QSpinBox, QTextEdit, QWidget)

OPEN, CLOSE = "⟦", "⟧"
_WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_WORD = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"<[^>]+>")


class PseudoTranslator(QTranslator):
    """Translates every string into itself in brackets (Qt's own strings too: standard buttons say ⟦&Close⟧)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"{OPEN}{source}{CLOSE}" if source else source


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every non-empty text a person reads in ``root`` and its visible children."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__}({widget.objectName()}).{what}", text))

    add(root, "windowTitle", root.windowTitle())
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        add(widget, "toolTip", widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(widget, "text", widget.text())
        if isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            add(widget, "placeholderText", widget.placeholderText())
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, f"item {index}", widget.itemText(index))
        if isinstance(widget, QSpinBox):
            add(widget, "prefix", widget.prefix())
            add(widget, "suffix", widget.suffix())
        if isinstance(widget, QAbstractSpinBox):
            add(widget, "specialValueText", widget.specialValueText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),
                                       (Qt.Orientation.Vertical, model.rowCount())):
                for section in range(count):
                    add(widget, f"header {section}", str(model.headerData(section, orientation) or ""))
    return found


def untranslated_part(text: str, data: Iterable[str] = ()) -> str:
    """What is left of ``text`` outside the brackets (innermost first: data may hold translated words), without
    markup and without the given data."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    previous = None
    while previous != text:
        previous, text = text, _WRAPPED.sub(" ", text)
    return _TAG.sub(" ", text)


def unwrapped(texts: Iterable[tuple[str, str]], data: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The texts that still hold a word outside the brackets: they bypassed translation."""
    data = tuple(data)
    return [(where, text) for where, text in texts if _WORD.search(untranslated_part(text, data))]
