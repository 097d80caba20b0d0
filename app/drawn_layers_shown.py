"""A press that draws on a layer View hides (Alt+1…6: a class's pixels and boxes, or every box) shows it again: an
annotator hides HE to see the exudates under it, picks HE again and paints, and the stroke went on unseen, as if the
brush did nothing. The menu's check follows, and the status bar says which it turned back on."""
from __future__ import annotations

from typing import Callable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from app.actions import plain
from widgets.shown_lists import shown_items


def show_drawn_layers(actions: Mapping[str, QAction], say: Callable[[str], None], layers: list[str]) -> None:
    """Check View ▸ Show LAYER for each of ``layers`` (LayerStack's names), saying so."""
    shown = [actions[f"layer_{layer}"] for layer in layers]
    for action in shown:
        action.setChecked(True)
    said = QCoreApplication.translate("DrawnLayersShown", "View ▸ {layers}: turned back on, to show what you draw")
    say(said.format(layers=shown_items(plain(action.text()) for action in shown)))
