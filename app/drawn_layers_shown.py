"""A press that draws on a layer View hides (Alt+1…6: a class's pixels and boxes, or every box) shows it again: an
annotator hides HE to see the exudates under it, picks HE again and paints, and the stroke went on unseen, as if the
brush did nothing. So does an undo or redo of a step on a hidden layer (Ctrl+Z of "Paint HE" changed nothing to be
seen). The menu's check follows, and the status bar says which it turned back on."""
from __future__ import annotations

from typing import Callable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from app.actions import plain
from widgets.shown_lists import shown_items


def show_drawn_layers(actions: Mapping[str, QAction], say: Callable[[str], None], layers: list[str]) -> None:
    """Check View ▸ Show LAYER for each of ``layers`` (LayerStack's names) that is hidden, saying so."""
    shown = [action for layer in layers if not (action := actions[f"layer_{layer}"]).isChecked()]
    if not shown:
        return
    for action in shown:
        action.setChecked(True)
    # "the change": the stroke drawn, or the step an undo or redo took back or made again
    said = QCoreApplication.translate("DrawnLayersShown", "View ▸ {layers}: turned back on to show the change")
    say(said.format(layers=shown_items(plain(action.text()) for action in shown)))
