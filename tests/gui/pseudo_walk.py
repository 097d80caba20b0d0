"""A pseudo locale that wraps every translated string in ⟦…⟧, and a walk over any widget that collects the text a
person can see, so a test can list what bypassed translation.

Use in a test (any dialog can be added this way):

    with pseudo_locale():
        dialog = SomeDialog(...)
        assert unwrapped(visible_texts(dialog), data=(reader_name,)) == []

``unwrapped`` reports text with a word outside the brackets, once the data shown in it (file names, reader names,
model names) is taken out: "⟦Labels of⟧ Anna" passes with data ("Anna",), "⟦Saved⟧ to disk" never does.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterable, Iterator

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDockWidget,
                               QGroupBox, QHeaderView, QLabel, QLineEdit, QListView, QMainWindow, QMenu, QPlainTextEdit,
                               QTableView, QTabBar, QTextEdit, QToolBar, QWidget)

OPEN, CLOSE = "⟦", "⟧"
_WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_TAG = re.compile(r"<[^>]+>")  # rich text markup
# What a person sees but nobody translates: numbers, codes, file names, key sequences, data.
_NO_WORDS = re.compile(r"^[^A-Za-z\u4e00-\u9fff]*$")  # digits, punctuation, symbols only
_FILE_OR_PATH = re.compile(r"^\S*([/\\]\S*|\.(png|jpe?g|tiff?|bmp|dcm|ini|json)(\[\*\])?)$", re.IGNORECASE)  # one word
# A key sequence as QKeySequence.toString() writes it ("Ctrl+Shift+O", "F5", "PgDown"); Qt also knows keys named
# "Help", "Cancel" or "History", which are words to translate, so only these key names count.
_KEYS = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)*(\S|F\d{1,2}|Return|Enter|Esc|Del|Backspace|Space|PgUp|PgDown|Left|"
                   r"Right|Up|Down|Tab|Home|End)$")
_PARTS = re.compile(r"\s*—\s*|\s{2,}")  # what joins pieces of a composite text, and what is left of a removed piece
_CODES = {"MA", "HE", "EX", "SE", "OD", "AI", "RGB", "cpu", "cuda", "mps", "RetinaReview"}


class PseudoTranslator(QTranslator):
    """Translates every string to ⟦string⟧, so whatever passed through Qt's translation shows it; ``asked``
    keeps every (context, source) asked for, to check that pyside6-lupdate extracted it too."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        self.asked.add((context, source))
        return f"{OPEN}{source}{CLOSE}" if source else source

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@contextmanager
def pseudo_locale() -> Iterator[PseudoTranslator]:
    translator = PseudoTranslator()
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        yield translator
    finally:
        app.removeTranslator(translator)


def is_untranslatable(text: str) -> bool:
    """True for text nobody translates: numbers and symbols, file names, key sequences and codes."""
    text = text.strip()
    parts = _PARTS.split(text)
    if len(parts) > 1:  # a composite: the window title "a.png — /folder — reader — RetinaReview", "MA — ⟦…⟧"
        return all(is_untranslatable(part) for part in parts)
    if _NO_WORDS.match(text) or _FILE_OR_PATH.search(text) or text in _CODES:
        return True
    keys = [part.strip(" ()[]") for part in text.split(",")]  # "A, PgUp" or a hint after a tip: "[Shift+R]"
    return all(_KEYS.match(key) for key in keys if key)


def untranslated_part(text: str, data: Iterable[str] = ()) -> str:
    """What is left of ``text`` without the given data (longest first: one value may hold another), outside the
    brackets (innermost first: data may hold translated words) and without markup."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    previous = None
    while previous != text:
        previous, text = text, _WRAPPED.sub(" ", text)
    return _TAG.sub(" ", text)


def unwrapped(texts: Iterable[tuple[str, str]], data: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(where, text) pairs with something a translator should have seen left outside the brackets: they bypassed
    translation. ``data`` is what the texts show as it is (names, paths), even inside a translated sentence."""
    data = tuple(value for value in data if value)
    return sorted({(where, text) for where, text in texts
                   if not is_untranslatable(untranslated_part(text, data))})


def menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    """The menu's title and every action in it and its submenus (filled as if opened)."""
    menu.aboutToShow.emit()
    found = [(where, menu.title())]
    for action in menu.actions():
        if action.menu() is not None:
            found += menu_texts(action.menu(), f"{where} ▸ {action.menu().title()}")
        elif not action.isSeparator():
            found += _action_texts(action, where)
    return found


def _action_texts(action: QAction, where: str) -> list[tuple[str, str]]:
    found = [(where, action.text())]
    if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
        found.append((f"{where} tool tip", action.toolTip()))
    return found


def _model_texts(view: QAbstractItemView, where: str) -> list[tuple[str, str]]:
    """Header labels and the cells' display texts (a list view's model hides its column count: one column; only a
    table shows row headers)."""
    model = view.model()
    if model is None:
        return []
    columns = 1 if isinstance(view, QListView) else model.columnCount(QModelIndex())
    found = [(f"{where} header", str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
             for column in range(columns) if not isinstance(view, QListView)]
    if isinstance(view, QTableView):
        found += [(f"{where} row header", str(model.headerData(row, Qt.Orientation.Vertical) or ""))
                  for row in range(model.rowCount(QModelIndex()))]

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                found.append((where, str(index.data() or "")))
                found.append((f"{where} tool tip", str(index.data(Qt.ItemDataRole.ToolTipRole) or "")))
                if column == 0 and not isinstance(view, QListView) and model.rowCount(index) > 0:
                    walk(index)

    walk(QModelIndex())
    return found


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text ``root`` and its children show: titles, labels, buttons, tool tips, place
    holders, combo box items, spin box words, header labels and cells, menus, tool bars and dock titles."""
    found: list[tuple[str, str]] = [(type(root).__name__, root.windowTitle())]
    if isinstance(root, QMainWindow):
        found.append(("status bar", root.statusBar().currentMessage()))
        for action in root.menuBar().actions():
            if action.menu() is not None:
                found += menu_texts(action.menu(), f"menu {action.menu().title()}")
    for widget in [root, *root.findChildren(QWidget)]:
        where = type(widget).__name__ + (f" {widget.objectName()}" if widget.objectName() else "")
        found.append((f"{where} tool tip", widget.toolTip()))
        if isinstance(widget, QDockWidget):
            found.append((where, widget.windowTitle()))
        elif isinstance(widget, QToolBar):
            found.append((where, widget.windowTitle()))
            for action in widget.actions():
                if not action.isSeparator():
                    found += _action_texts(action, where)
        elif isinstance(widget, QLabel):
            found.append((where, widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QComboBox):
            found += [(where, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            found.append((f"{where} place holder", widget.placeholderText()))
        elif isinstance(widget, QAbstractSpinBox):
            found.append((where, widget.specialValueText()))
            if hasattr(widget, "suffix"):  # QSpinBox, QDoubleSpinBox
                found += [(f"{where} prefix", widget.prefix()), (f"{where} suffix", widget.suffix())]
        elif isinstance(widget, QTabBar):
            found += [(where, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):  # headers: the view's
            found += _model_texts(widget, where)
    return [(where, text) for where, text in found if text and text.strip()]
