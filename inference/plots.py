"""Evaluation plots drawn with PIL (no matplotlib): curves on a unit square and confusion matrices, as PNG bytes
for the caller to write through an OutputFolder."""
from __future__ import annotations

import io
import math
import re
from functools import cache
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from annotations.shipped_fonts import SHIPPED_CJK, SHIPPED_REGULAR

SERIES_COLOURS = ["#FFB000", "#00A050", "#2979FF", "#E040A0", "#555555", "#D03000", "#7030C0"]
SIZE = 480
MARGIN = 56
FONT_PIXELS = 11  # the layout's offsets are set for it
# Chinese, Japanese and Korean letters and full-width punctuation, which DejaVu Sans lacks (drawn as boxes)
_WIDE = re.compile(r"([\u2e80-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+)")


def curve_png(series: dict[str, tuple[Sequence[float], Sequence[float]]], title: str, x_label: str, y_label: str,
              diagonal: bool = False, colours: Sequence[str] | None = None) -> bytes:
    """Lines through (x, y) points with both axes on [0, 1]; the legend lists ``series`` keys in order;
    ``colours`` (one per series, e.g. the lesion display colours) replace the default palette."""
    image = Image.new("RGB", (SIZE + MARGIN + 16, SIZE + MARGIN + 40), "white")
    draw = ImageDraw.Draw(image)
    left, top = MARGIN, 32
    _text(draw, (left, 8), title, "black")
    for tick in np.linspace(0, 1, 6):
        x, y = left + tick * SIZE, top + (1 - tick) * SIZE
        draw.line([(x, top), (x, top + SIZE)], fill="#E8E8E8")
        draw.line([(left, y), (left + SIZE, y)], fill="#E8E8E8")
        _text(draw, (x - 8, top + SIZE + 4), f"{tick:.1f}", "black")
        _text(draw, (left - 28, y - 6), f"{tick:.1f}", "black")
    draw.rectangle([left, top, left + SIZE, top + SIZE], outline="black")
    _text(draw, (left + SIZE // 2 - 30, top + SIZE + 20), x_label, "black")
    _text(draw, (4, top - 14), y_label, "black")
    if diagonal:
        draw.line([(left, top + SIZE), (left + SIZE, top)], fill="#BBBBBB")
    for index, (name, (xs, ys)) in enumerate(series.items()):
        colour = colours[index] if colours else SERIES_COLOURS[index % len(SERIES_COLOURS)]
        points = [(left + float(x) * SIZE, top + (1 - float(y)) * SIZE) for x, y in zip(xs, ys)]
        if len(points) > 1:
            draw.line(points, fill=colour, width=2)
        legend_y = top + 8 + 16 * index
        draw.line([(left + SIZE - 150, legend_y + 6), (left + SIZE - 130, legend_y + 6)], fill=colour, width=3)
        _text(draw, (left + SIZE - 124, legend_y), name, "black")
    return _png(image)


def confusion_png(matrix: np.ndarray, labels: Sequence[str], title: str, row_title: str, column_title: str) -> bytes:
    """Rows and columns as their titles say (the truth and the prediction, two readers); cells shaded by row
    fraction, labelled with counts."""
    matrix = np.asarray(matrix)
    n = len(labels)
    cell = max(40, min(96, 480 // max(n, 1)))
    widest = max((_length(str(label)) for label in labels), default=0)
    left, top = min(max(96, math.ceil(widest) + 16), 200), 48  # the row labels whole, up to a point
    image = Image.new("RGB", (left + n * cell + 16, top + n * cell + 24), "white")
    draw = ImageDraw.Draw(image)
    _text(draw, (8, 8), title, "black")
    _text(draw, (left, top - 16), column_title, "black")
    _text(draw, (4, top - 16), _fitted(row_title, left - 8), "black")  # above its labels
    rows = matrix.sum(axis=1, keepdims=True)
    fractions = np.divide(matrix, rows, out=np.zeros(matrix.shape, float), where=rows > 0)
    for t in range(n):
        _text(draw, (8, top + t * cell + cell // 2 - 6), _fitted(str(labels[t]), left - 12), "black")
        for p in range(n):
            shade = int(255 - 200 * fractions[t, p])
            box = [left + p * cell, top + t * cell, left + (p + 1) * cell - 1, top + (t + 1) * cell - 1]
            draw.rectangle(box, fill=(shade, shade, 255), outline="#888888")
            _text(draw, (box[0] + 6, box[1] + cell // 2 - 6), str(int(matrix[t, p])),
                  "white" if fractions[t, p] > 0.6 else "black")
    for p in range(n):
        _text(draw, (left + p * cell + 4, top + n * cell + 4), _fitted(str(labels[p]), cell - 8), "black")
    return _png(image)


def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The shipped DejaVu Sans: Pillow's default font has a two-pixel space ("DR grade" read "DRgrade")."""
    try:
        return ImageFont.truetype(str(SHIPPED_REGULAR), FONT_PIXELS)
    except OSError:  # the font file missing from a stripped install: a plot all the same
        return ImageFont.load_default()


def _cjk_font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The shipped Droid Sans Fallback, for the Chinese, Japanese and Korean runs of a text (_WIDE); DejaVu Sans where
    it is missing, as before."""
    try:
        return ImageFont.truetype(str(SHIPPED_CJK), FONT_PIXELS)
    except OSError:
        return _font()


@cache
def _fonts() -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, ImageFont.FreeTypeFont | ImageFont.ImageFont]:
    return _font(), _cjk_font()


def _runs(text: str) -> list[tuple[str, ImageFont.FreeTypeFont | ImageFont.ImageFont]]:
    """``text`` in runs, each with the font that has its letters: a reader named 王芳 was drawn as boxes."""
    latin, wide = _fonts()
    return [(run, wide if index % 2 else latin) for index, run in enumerate(_WIDE.split(text)) if run]


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill: str) -> None:
    """``text`` with its top-left corner at ``xy``, run by run, each run on DejaVu Sans's baseline."""
    x, y = xy
    ascent = _ascent(_fonts()[0])
    for run, font in _runs(text):
        draw.text((x, y + ascent - _ascent(font)), run, fill=fill, font=font)
        x += font.getlength(run)


def _ascent(font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> int:
    return font.getmetrics()[0] if isinstance(font, ImageFont.FreeTypeFont) else 0


def _length(text: str) -> float:
    return sum(font.getlength(run) for run, font in _runs(text))


def _fitted(text: str, width: float) -> str:
    """``text``, shortened with "..." where it is wider than ``width`` pixels: a label as long as its cell allows (a
    cut at a fixed length read "DME risk" under both DME risk 1 and 2). Three dots, not "…": Pillow 10.0's default
    font, the fallback, is a Latin-1 bitmap."""
    if _length(text) <= width:
        return text
    while text and _length(text + "...") > width:
        text = text[:-1]
    return text + "..."


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
