"""Label file formats: Pascal VOC, YOLO, labelme, COCO JSON, CVAT XML, per-class and indexed masks, grades CSV and the
dataset export.

Every reader raises FormatError for a file a person can fix; every writer goes through annotations.atomic.
"""
from __future__ import annotations

from annotations.errors import FileProblem


class FormatError(FileProblem):
    """A label file that cannot be read, naming the file and what is wrong with it."""
