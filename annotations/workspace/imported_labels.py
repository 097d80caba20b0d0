"""How labels imported for one case go into it: the one rule for the case on disk (label_import) and for the same
case held in memory with an edit history (the window's "Import labels" step), so both end the same."""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from annotations.document import IMPORT_SOURCE, Box, CaseDocument


@dataclass(frozen=True)
class ImportedLabels:
    """What an import read for one case. ``boxes`` (source IMPORT_SOURCE, in the case's pixels) replace those of the
    earlier import; None where the format holds no boxes (per-class masks), which leaves the boxes alone. ``mask``'s
    pixels are added to the case's."""

    case_id: str
    boxes: list[Box] | None
    mask: np.ndarray | None

    def put_into(self, doc: CaseDocument) -> tuple[list[Box], np.ndarray]:
        """``doc``'s boxes and mask with these labels in, ``doc`` left as it is. The reader's own boxes stay, and an
        imported box equal to one of them (the case's own labels exported and read back), or to one the reader
        corrected (Box.imported_as) or deleted (CaseDocument.dismissed_imports) since it was imported, is not added
        again."""
        mask = doc.mask if self.mask is None else doc.mask | self.mask
        if self.boxes is None:
            return list(doc.boxes), mask
        own = [b for b in doc.boxes if b.source != IMPORT_SOURCE]
        here = ({b.labelled_corners() for b in own} | {b.imported_as for b in own if b.imported_as}
                | set(doc.dismissed_imports))
        fresh = [b for b in self.boxes if b.labelled_corners() not in here]
        return own + _keep_identities(fresh, [b for b in doc.boxes if b.source == IMPORT_SOURCE]), mask


def _keep_identities(imported: list[Box], earlier: list[Box]) -> list[Box]:
    """Each imported box that equals one of the earlier import takes over its uid, so importing the same file
    again leaves the case unchanged (not saved, nothing in the audit log)."""
    free = list(earlier)
    kept = []
    for box in imported:
        same = next((old for old in free if replace(old, uid=box.uid) == box), None)
        if same is not None:
            free.remove(same)
        kept.append(box if same is None else same)
    return kept
