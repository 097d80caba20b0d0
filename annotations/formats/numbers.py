"""Numbers as label files write them, read strictly: a finite number or a message naming the place. Coordinates
are rounded to the nearest pixel as the box tool rounds them (raster.nearest_pixel)."""
from __future__ import annotations

import math
from pathlib import Path

from annotations.formats import FormatError


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


def detection_score(value: object) -> float | None:
    """A box's detection score as a finite number (one written as text read as its number); anything else is no
    score: a score is no label, and one of another kind must neither stop an import nor make a case file damaged
    (earlier imports saved a COCO file's as it came)."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None
