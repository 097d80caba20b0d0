"""Which B-scan of each OCT volume was open last, so that coming back to a volume (D/A, its row, the folder opened
again) shows that B-scan, not the middle one: each B-scan is a case of its own, and the volume's row in the case
list stands for all of them (annotations.frames)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.frames import split_bscan_case_id
from annotations.image_types import ImageLoadError
from annotations.workspace import WorkspaceError

if TYPE_CHECKING:
    from annotations.workspace import Workspace


class LastBScans:
    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}  # volume's case id -> its B-scan open last, when not the volume's own

    def opened(self, case_id: str) -> None:
        """``case_id`` was opened: a B-scan is the one its volume opens on from now on; a volume's own case (its
        middle B-scan) is where it opens anyway, so nothing is kept for it, nor for a photo."""
        volume, number = split_bscan_case_id(case_id)
        if number is None:
            self._numbers.pop(volume, None)
        else:
            self._numbers[volume] = number

    def number(self, listed_case_id: str) -> int | None:
        """The B-scan the volume listed as ``listed_case_id`` was left on; None: its own case (a photo: itself)."""
        return self._numbers.get(listed_case_id)

    def clear(self) -> None:
        self._numbers.clear()


def bscan_case(workspace: Workspace, listed_case_id: str, number: int, count: int | None = None) -> str:
    """The case of B-scan ``number`` of the volume listed as ``listed_case_id`` (Workspace.bscan_case_id, of ``count``
    B-scans where known), else the volume's own case: the file replaced by a shorter or unreadable one, whose own
    case says what is wrong."""
    if count is not None and not 1 <= number <= count:
        return listed_case_id  # without the error's wording, which may read the file's header (on the GUI thread)
    try:
        return workspace.bscan_case_id(listed_case_id, number, count)
    except (ImageLoadError, WorkspaceError, OSError):
        return listed_case_id
