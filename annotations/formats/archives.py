"""A label file that is a zip archive: CVAT hands out its exports (CVAT for images, COCO) as zips, and a person may
give the zip itself to `import`. Its bytes are no XML or JSON, so a reader says what it is and what to give instead
(messages.CVAT_ZIP, COCO_ZIP) rather than a parser's complaint about the first byte."""
from __future__ import annotations

# a zip's first local file header, or the end record an empty zip starts with (PKWARE's APPNOTE)
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")


def is_zip(data: bytes) -> bool:
    """Whether ``data`` (a file's content) is a zip archive."""
    return data.startswith(ZIP_SIGNATURES)
