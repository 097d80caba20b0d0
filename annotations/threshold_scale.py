"""Moving a probability threshold from one model's scale onto another's, order kept: the map a member's map is put on
its card's scale with (inference.segmentation.onto_threshold) and the one a reader's threshold, set against one
model's own, follows another model's own with (inference.analysis_settings, the settings dialog's rows)."""
from __future__ import annotations

import numpy as np

NO_ANCHOR = -1.0  # a reader's threshold set against no model's own: absolute (as settings saved before anchors read)


def onto_threshold(probability: np.ndarray | float, own: float, target: float) -> np.ndarray:
    """``probability`` mapped piecewise linearly through (0, 0), (``own``, ``target``) and (1, 1): the order of the
    values (so AUPR) kept, ``own`` moved onto ``target``."""
    return np.interp(probability, (0.0, own, 1.0), (0.0, target, 1.0))


def is_anchor(anchor: float) -> bool:
    """Whether a reader's threshold set against ``anchor`` follows a model's own: one strictly between 0 and 1 has a
    scale to carry it by; NO_ANCHOR (or a hand-edited 0 or 1) leaves it absolute."""
    return 0.0 < anchor < 1.0


def anchored_threshold(value: float, anchor: float, own: float) -> float:
    """A reader's threshold ``value``, set against a model's own threshold ``anchor``, on a model whose own is ``own``:
    as much stricter or looser than ``own`` as it was than ``anchor``. Unchanged without an anchor (``is_anchor``:
    absolute) or where ``own`` is the anchor."""
    if not is_anchor(anchor) or anchor == own:
        return value
    return float(onto_threshold(value, anchor, own))
