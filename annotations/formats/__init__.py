"""Label file formats: Pascal VOC, per-class and indexed masks, COCO JSON, grades CSV and the dataset export.

Every reader raises FormatError for a file a person can fix; every writer goes through annotations.atomic.
"""
from __future__ import annotations

from annotations.errors import FileProblem


class FormatError(FileProblem):
    """A label file that cannot be read, naming the file and what is wrong with it."""
