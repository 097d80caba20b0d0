"""Files a file manager leaves in any folder it shows (macOS Finder's .DS_Store and ._NAME, Windows Explorer's
Thumbs.db and desktop.ini): no person's work, so a folder holding only these and the program's own files is the
program's."""
from __future__ import annotations

import re

FILE_MANAGER_FILE = re.compile(r"\.DS_Store|\._.+|Thumbs\.db|desktop\.ini", re.IGNORECASE)


def is_file_managers(name: str) -> bool:
    return FILE_MANAGER_FILE.fullmatch(name) is not None
