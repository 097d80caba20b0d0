"""The whole of a case's labels (boxes and mask) set at once as one step: labels imported into a case held open."""
from __future__ import annotations

import numpy as np

from annotations.commands.base import Change
from annotations.commands.boxes import BOXES
from annotations.commands.mask import MaskEdit, MaskPatch, diff_patches
from annotations.document import Box, CaseDocument


class SetLabels(MaskEdit):
    """Set the case's boxes to ``boxes`` and its mask to ``mask``; the mask is kept as patches of what changed."""

    def __init__(self, boxes: list[Box], mask: np.ndarray, text: str) -> None:
        super().__init__()
        self.text = text
        self.boxes = list(boxes)
        self.old_boxes: list[Box] | None = None  # read when first applied
        self._mask: np.ndarray | None = mask

    def compute(self, doc: CaseDocument) -> list[MaskPatch]:
        assert self._mask is not None
        patches = diff_patches(doc.mask, self._mask)
        doc.mask[...] = self._mask
        self._mask = None  # the patches hold everything undo and redo need
        return patches

    def apply(self, doc: CaseDocument) -> list[Change]:
        changes = super().apply(doc)  # the mask first: its patches may fail (memory), the boxes cannot, half-way
        if self.old_boxes is None:
            self.old_boxes = list(doc.boxes)
        doc.boxes[:] = self.boxes
        return changes + BOXES

    def revert(self, doc: CaseDocument) -> list[Change]:
        doc.boxes[:] = self.old_boxes or []
        return super().revert(doc) + BOXES

    @property
    def nbytes(self) -> int:
        return super().nbytes + 128 * (len(self.boxes) + len(self.old_boxes or []))
