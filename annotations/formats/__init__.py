"""Label file formats: Pascal VOC, per-class and indexed masks, COCO JSON, grades CSV and the dataset export.

Every reader raises FormatError for a file a person can fix; every writer goes through annotations.atomic.
"""
from __future__ import annotations

import os


class FormatError(Exception):
    """A label file that cannot be read, naming the file and what is wrong with it."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
