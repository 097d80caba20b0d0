"""Every key of the window starts one command: two actions holding one key in the window is Qt's "ambiguous
shortcut overload" (neither runs, the key does nothing), and a key that begins a chord (Ctrl+G, then the grade)
cannot also be a command of its own, or Qt waits on it for the chord's next key."""
from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from app.main_window import MainWindow
from tests.gui.test_findings_dock_keys import window  # noqa: F401 - window is a fixture

WIDGET_CONTEXTS = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)


def _holders(window: MainWindow) -> dict[str, list[QAction]]:
    holders: dict[str, list[QAction]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            holders[key.toString()].append(action)
    return holders


def _scope(action: QAction) -> object:
    """Where a key of ``action`` is heard: the widget it was given to, or the whole window."""
    widgets = action.associatedObjects()
    return widgets[0] if action.shortcutContext() in WIDGET_CONTEXTS and len(widgets) == 1 else None


def test_no_key_of_the_window_is_held_twice(window: MainWindow) -> None:  # noqa: F811
    twice = {key: [action.objectName() or action.text() for action in actions]
             for key, actions in _holders(window).items()
             if len(actions) > 1 and len({_scope(action) for action in actions}) < len(actions)}
    assert twice == {}


def test_no_key_both_begins_a_chord_and_is_a_command(window: MainWindow) -> None:  # noqa: F811
    keys = [QKeySequence(key) for key in _holders(window)]
    chord_starts = {QKeySequence(key[0]).toString() for key in keys if key.count() > 1}
    assert chord_starts and not chord_starts & {key.toString() for key in keys if key.count() == 1}
