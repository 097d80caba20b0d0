"""Shows the AI candidate under review: zooms the canvas onto it and frames it; Enter/Backspace decisions are
made by the controller on annotations.tools.CandidateReview, this only displays."""
from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from annotations.tools import Candidate
from widgets.canvas import ImageCanvas
from widgets.tools.overlays import SelectionFrame

CONTEXT = 6.0  # the candidate fills about 1/CONTEXT of the view, so the surrounding retina is visible
MIN_VIEW_PX = 48  # a 3-pixel microaneurysm is shown as if it were this wide
MAX_ZOOM = 12.0


def review_zoom(canvas: ImageCanvas, candidate: Candidate) -> float:
    y0, y1, x0, x1 = candidate.bounds
    span_x = max(x1 - x0, MIN_VIEW_PX / CONTEXT) * CONTEXT
    span_y = max(y1 - y0, MIN_VIEW_PX / CONTEXT) * CONTEXT
    return min(MAX_ZOOM, canvas.zoom_showing(span_x, span_y))


class CandidateView:
    def __init__(self, canvas: ImageCanvas) -> None:
        self.canvas = canvas
        self._frame = SelectionFrame(canvas.scene(), handles=False)

    def show(self, candidate: Candidate | None) -> None:
        """Zoom to ``candidate`` and frame it; None clears the frame and leaves the view where it is."""
        if candidate is None:
            self._frame.clear()
            return
        y0, y1, x0, x1 = candidate.bounds
        margin = 2.0
        self._frame.show_frame(x0 - margin, y0 - margin, x1 + margin, y1 + margin, QColor(candidate.cls.colour))
        self.canvas.set_view(review_zoom(self.canvas, candidate), QPointF((x0 + x1) / 2, (y0 + y1) / 2))

    def close(self) -> None:
        self._frame.remove()
