"""How much two readers' lesion labels overlap: pixel Dice of masks, F1 of boxes matched at an IoU."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotations.document import Box

BOX_IOU = 0.5


@dataclass
class OverlapCounts:
    """Counts that add up over cases: pixels (or boxes) found by both, only by A, only by B."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0

    def __iadd__(self, other: "OverlapCounts") -> "OverlapCounts":
        self.both += other.both
        self.only_a += other.only_a
        self.only_b += other.only_b
        return self

    @property
    def score(self) -> float | None:
        """2·both / (2·both + only A + only B): Dice for pixels, F1 for matched boxes; None when both are empty."""
        total = 2 * self.both + self.only_a + self.only_b
        return None if total == 0 else 2 * self.both / total


def pixel_counts(a: np.ndarray, b: np.ndarray) -> OverlapCounts:
    """Binary masks of one class from two readers."""
    a, b = np.asarray(a, bool), np.asarray(b, bool)
    both = int(np.count_nonzero(a & b))
    return OverlapCounts(both, int(np.count_nonzero(a)) - both, int(np.count_nonzero(b)) - both)


def box_iou(a: Box, b: Box) -> float:
    """Intersection over union of two VOC boxes (xmax/ymax inclusive, as labelImg writes them)."""
    width = min(a.xmax, b.xmax) - max(a.xmin, b.xmin) + 1
    height = min(a.ymax, b.ymax) - max(a.ymin, b.ymin) + 1
    inter = max(width, 0) * max(height, 0)
    area_a = (a.xmax - a.xmin + 1) * (a.ymax - a.ymin + 1)
    area_b = (b.xmax - b.xmin + 1) * (b.ymax - b.ymin + 1)
    union = area_a + area_b - inter
    return inter / union if union > 0 else 0.0


def matched_boxes(a: list[Box], b: list[Box], iou: float = BOX_IOU) -> dict[int, int]:
    """Boxes of one class from two readers, matched one to one, best overlap first, when IoU ≥ ``iou``: the index
    in ``b`` of each matched box of ``a``, by its index in ``a``."""
    pairs = sorted(((box_iou(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)), reverse=True)
    matched: dict[int, int] = {}
    used_b: set[int] = set()
    for value, i, j in pairs:
        if value < iou:
            break
        if i not in matched and j not in used_b:
            matched[i] = j
            used_b.add(j)
    return matched


def box_counts(a: list[Box], b: list[Box], iou: float = BOX_IOU) -> OverlapCounts:
    """Boxes of one class from two readers, matched one to one (matched_boxes)."""
    both = len(matched_boxes(a, b, iou))
    return OverlapCounts(both, len(a) - both, len(b) - both)
