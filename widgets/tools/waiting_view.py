"""The canvas's tool while the open case's photo is still loading (the tools need its pixels: fill, Inside FOV): a
left-drag there would otherwise pan the view, as it does with no tool, and the stroke an annotator began right after
D was dropped unseen while the view jumped. It keeps the view still and says to draw again in a moment."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt

from widgets.canvas import CanvasMouseEvent, CanvasTool

LEFT = Qt.MouseButton.LeftButton


class WaitingView(CanvasTool):
    cursor = Qt.CursorShape.BusyCursor

    def __init__(self, on_message: Callable[[str], None], text: str) -> None:
        self.on_message, self.text = on_message, text

    def press(self, event: CanvasMouseEvent) -> None:
        if event.button == LEFT:
            self.on_message(self.text)
