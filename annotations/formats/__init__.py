"""Label file formats: Pascal VOC, YOLO, labelme, COCO JSON, CVAT XML, per-class and indexed masks, grades CSV and the
dataset export.

Every reader raises FormatError for a file a person can fix; every writer goes through annotations.atomic.
"""
from __future__ import annotations

from typing import Iterator, Sequence, TypeVar

from annotations.errors import FileProblem

CaseT = TypeVar("CaseT")


class FormatError(FileProblem):
    """A label file that cannot be read, naming the file and what is wrong with it."""


class CaseSkipped(Exception):
    """Raised by the sequence of cases an export writes for a case it cannot read (a damaged saved file), once it has
    said so: the writers leave that case out and go on (readable_cases), and keep what an earlier export wrote of
    it (``case_id``): it may be its last good copy."""

    def __init__(self, case_id: str, reason: str) -> None:
        super().__init__(reason)
        self.case_id = case_id


def readable_cases(cases: Sequence[CaseT]) -> Iterator[tuple[int, CaseT]]:
    """Each case of ``cases`` with its index, leaving out those that raise CaseSkipped."""
    for index in range(len(cases)):
        try:
            case = cases[index]
        except CaseSkipped:
            continue
        yield index, case
