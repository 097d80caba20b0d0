"""Numbers as label files write them: read strictly (a finite number or a message naming the place), and
coordinates rounded to the nearest pixel the same way in every format."""
from __future__ import annotations

import math
from pathlib import Path

from annotations.formats import FormatError


def nearest_pixel(value: float) -> int:
    """Halves round up (12.5 -> 13), whatever their sign, as the formats' own tools draw them."""
    return int(math.floor(value + 0.5))


def finite_number(path: Path, text: str, not_a_number: str, not_finite: str, **place: object) -> float:
    """``text`` as a finite float; else FormatError with ``not_a_number`` or ``not_finite`` (messages templates with
    ``{text}`` and the fields of ``place``, which says where in the file it stands)."""
    try:
        value = float(text)
    except ValueError:
        raise FormatError(path, not_a_number.format(text=repr(text), **place)) from None
    if not math.isfinite(value):
        raise FormatError(path, not_finite.format(text=repr(text), **place))
    return value
