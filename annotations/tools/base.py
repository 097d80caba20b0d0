"""The interface every Qt-free editing tool offers to a canvas adapter.

Coordinates are image coordinates (raster.py: pixel (col, row) covers col..col+1, row..row+1). ``press``,
``drag`` (pointer moved with the button held), ``release``, ``hover`` (moved without a button) and ``jump`` (over
another point of the photo because the view was panned or zoomed: nothing to draw on the way) come from the mouse;
``key`` takes key names ("Return", "Escape", "Backspace", "Delete", "Left", ...). Modifier flags:
``shift`` (brush: straight line from the last point) and ``ctrl`` (fills: remove the class instead of adding it).
"""
from __future__ import annotations

from annotations.tools.context import ToolContext


class Tool:
    name = ""
    text = ""  # shown in the tool bar

    def __init__(self, context: ToolContext) -> None:
        self.context = context
        self.pointer: tuple[float, float] | None = None  # last known pointer position, for previews

    @property
    def history(self):  # noqa: ANN201 - annotations.history.History
        return self.context.history

    @property
    def settings(self):  # noqa: ANN201 - ToolSettings
        return self.context.settings

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        self.pointer = (x, y)

    def drag(self, x: float, y: float) -> None:
        self.pointer = (x, y)

    def release(self, x: float, y: float) -> None:
        self.pointer = (x, y)

    def hover(self, x: float, y: float) -> None:
        self.pointer = (x, y)

    def jump(self, x: float, y: float, travelled: bool = False) -> None:
        """The pointer got to (x, y) during a drag without drawing on the way: the next drag goes on from here.
        ``travelled``: it went there over the photo (a pan that could not move the photo); otherwise the photo moved
        under it (a zoom key, fit, 1:1), a leap with no way between. A tool that draws no path (a ruler's end, a
        box's corner) follows at once, as a drag; one that draws the pointer's way (brush, lasso) overrides this."""
        self.drag(x, y)

    def key(self, name: str) -> bool:
        """Handle a key; False when this tool has no use for it."""
        return False

    def cancel(self) -> None:
        """Drop any half-made edit (switching tools, changing case)."""

    def take_back(self) -> bool:
        """Ctrl+Z: take back the edit half made, which no step holds yet (True); False when there is none, and undo
        takes the newest step. Undone beneath it, that step went from redo once the edit was finished. By default
        as Escape (cancel) where can_take_back."""
        if not self.can_take_back:
            return False
        self.cancel()
        return True

    @property
    def can_take_back(self) -> bool:
        """Whether take_back would take back an edit half made (Edit ▸ Undo is enabled for it)."""
        return False

    @property
    def busy(self) -> bool:
        """True while an edit is half made (a stroke, a lasso, a box drag)."""
        return False
