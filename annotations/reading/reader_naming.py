"""How agreement figures name a reader, in the window's dialog and on the command line alike: in single reading the
folder's labels go by the store's default name ("reader 1") unless the folder named their reader (reading
--single-reader), a number no person has, so they are named "the folder's labels"."""
from __future__ import annotations

from annotations.reading.settings import ReadingMode, ReadingSettings

FOLDERS_LABELS = "the folder's labels"  # the command line's words; the dialog says them in its language
DEFAULT_SINGLE_READER = ReadingSettings().single_reader


def names_the_folders_labels(mode: str, reader: str) -> bool:
    """Whether ``reader`` of a folder read in ``mode`` (a ReadingMode value) is its unnamed main store."""
    return mode == ReadingMode.SINGLE.value and reader == DEFAULT_SINGLE_READER


def shown_reader(mode: str, reader: str) -> str:
    """``reader`` as the command line names them."""
    return FOLDERS_LABELS if names_the_folders_labels(mode, reader) else reader
