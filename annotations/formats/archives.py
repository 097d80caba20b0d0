"""A label file that is a zip archive: CVAT hands out its exports (CVAT for images, COCO) as zips, and a person may
give the zip itself to `import`. Its bytes are no XML or JSON, so a reader says what it is and what to give instead
(messages.CVAT_ZIP, COCO_ZIP) rather than a parser's complaint about the first byte; given where a folder of label
files belongs, it is named as a zip, not as a folder not found (workspace messages.LABEL_FOLDER_ZIP)."""
from __future__ import annotations

import os

from annotations.errors import FileProblem
from annotations.regular_files import open_regular

# a zip's first local file header, or the end record an empty zip starts with (PKWARE's APPNOTE)
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")


def is_zip(data: bytes) -> bool:
    """Whether ``data`` (a file's content) is a zip archive."""
    return data.startswith(ZIP_SIGNATURES)


def is_zip_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a regular file holding a zip archive; False where it cannot be read (the caller's own
    message stands)."""
    try:
        with open_regular(path) as handle:
            return is_zip(handle.read(len(ZIP_SIGNATURES[0])))
    except (FileProblem, OSError):
        return False
