"""The edit histories of the cases not on screen, kept while the folder is open so undo survives a case switch.

Least recently used first out when their memory (undo steps plus the document's arrays, which the history keeps
alive) passes a byte budget, but never one with unsaved edits. A history with no steps is not worth keeping: the case
reloads from its files.
"""
from __future__ import annotations

from collections import OrderedDict

from annotations.history import History

DEFAULT_BUDGET = 1024 * 2**20


def history_bytes(history: History) -> int:
    """Memory a kept history holds: its steps, the document's mask and the AI arrays."""
    doc = history.doc
    return history.memory_bytes + doc.mask.nbytes + sum(
        array.nbytes for array in (doc.ai.arrays() if doc.ai is not None else {}).values())


class HistoryCache:
    def __init__(self, max_bytes: int = DEFAULT_BUDGET) -> None:
        self.max_bytes = max_bytes
        self._kept: OrderedDict[str, History] = OrderedDict()  # oldest use first

    def put(self, case_id: str, history: History) -> None:
        """Keep ``history`` as the most recently used; drop the oldest saved ones over the budget (never this one).
        A history with edits not on disk (its save failed: a full disk, a share away) is never dropped: it holds
        the only copy of them, and the budget gives way instead."""
        self._kept.pop(case_id, None)
        if not history.entries:
            return
        self._kept[case_id] = history
        while self.memory_bytes > self.max_bytes:
            oldest = next((kept for kept, held in self._kept.items() if kept != case_id and held.is_clean), None)
            if oldest is None:
                break
            del self._kept[oldest]

    def unsaved(self) -> list[tuple[str, History]]:
        """The kept histories with edits not on disk (their save failed), oldest use first."""
        return [(case_id, history) for case_id, history in self._kept.items() if not history.is_clean]

    def take(self, case_id: str) -> History | None:
        """The kept history of ``case_id``, no longer kept here (it is the open case's now)."""
        return self._kept.pop(case_id, None)

    def get(self, case_id: str) -> History | None:
        return self._kept.get(case_id)

    def case_ids(self) -> set[str]:
        return set(self._kept)

    def clear(self) -> None:
        self._kept.clear()

    def __contains__(self, case_id: object) -> bool:
        return case_id in self._kept

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def memory_bytes(self) -> int:
        return sum(history_bytes(history) for history in self._kept.values())
