"""A field scrolled whole into a scroll area's view. QScrollArea.ensureWidgetVisible shows a text box's text cursor
only, with a 50 px margin: F2 from the top of the findings dock left the findings box's first lines in view and the
rest, where the findings typed go on, below the dock's edge on a laptop screen; Tab into it did the same."""
from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea, QWidget

MARGIN = 8  # px kept beside the field, so that its frame is not flush with the view's edge


def scroll_whole_into_view(scroll: QScrollArea, widget: QWidget) -> None:
    """Scroll ``scroll`` up or down as little as shows ``widget`` (inside its content) whole; its top where it is taller
    than the view."""
    top = widget.mapTo(scroll.widget(), QPoint(0, 0)).y() - MARGIN
    bottom = top + widget.height() + 2 * MARGIN
    bar = scroll.verticalScrollBar()
    bar.setValue(min(max(bar.value(), bottom - scroll.viewport().height()), top))


class FieldsScrollArea(QScrollArea):
    """A scroll area of fields where the field Tab reaches shows whole, a text box too (QScrollArea's own Tab shows
    its text cursor only)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        moved = super().focusNextPrevChild(next)
        field = self.focusWidget()
        if moved and field is not None:
            scroll_whole_into_view(self, field)
        return moved
