"""Bold Chinese in reports although the CJK font has no bold face.

The shipped Droid Sans Fallback, like most CJK fonts reportlab can embed, comes in one weight, so the CJK runs of a
bold style are drawn filled and outlined (PDF text render mode 2, "fill then stroke"), the outline a fraction of the
font size wide in the text's own colour. In a bold paragraph's markup every run starts with a named onDraw callback
that switches the mode (``bold_run``): a run's start, not its end, because reportlab drops an onDraw that ends some
lines, and the paragraph's saved graphics state ends the last run. The report's canvas registers the callbacks
(``register_fake_bold``). Latin runs keep the real bold face.
"""
from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

OUTLINE = "rr-fake-bold-outline"
FILL_ONLY = "rr-fake-bold-fill-only"
STROKE_PER_POINT = 0.045  # outline width per point of font size: close to DejaVu Sans Bold's extra weight
FILL, FILL_AND_STROKE = 0, 2  # PDF text render modes


def bold_run(markup: str, outlined: bool) -> str:
    """``markup`` (one run of a bold paragraph) drawn filled and outlined, or filled only (a font's real bold)."""
    return f'<onDraw name="{OUTLINE if outlined else FILL_ONLY}"/>{markup}'


def register_fake_bold(canvas: Canvas) -> None:
    """Let paragraphs drawn on ``canvas`` hold ``bold_run`` runs."""
    canvas.setNamedCB(OUTLINE, _outline)
    canvas.setNamedCB(FILL_ONLY, _fill_only)


def _outline(canvas: Canvas, kind: str, label: Any) -> None:
    # what reportlab hands an onDraw callback while it draws a paragraph: its text object and drawing state
    drawing = canvas._curr_tx_info
    style = drawing["xs"].style
    # the stroke settings go to the canvas: the paragraph has saved the graphics state, and restores it after
    canvas.setStrokeColor(style.textColor)
    canvas.setLineWidth(style.fontSize * STROKE_PER_POINT)
    drawing["tx"].setTextRenderMode(FILL_AND_STROKE)


def _fill_only(canvas: Canvas, kind: str, label: Any) -> None:
    canvas._curr_tx_info["tx"].setTextRenderMode(FILL)
