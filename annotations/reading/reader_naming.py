"""How agreement figures name a reader, in the window's dialog and on the command line alike: in single reading the
folder's labels go by the store's default name ("reader 1") unless the folder named their reader (reading
--single-reader), a number no person has, so they are named "the folder's labels". Only that store is: a person
whose name is literally "reader 1", reading beside a named single reader, keeps their name."""
from __future__ import annotations

from annotations.reading.settings import ReadingSettings

DEFAULT_SINGLE_READER = ReadingSettings().single_reader


def unnamed_reader(settings: ReadingSettings) -> str | None:
    """The name the folder's labels go by when no one named their reader (single reading under the default name),
    None when every reader of the folder is a person named; agreement reports carry it as ``folders_labels``."""
    return DEFAULT_SINGLE_READER if not settings.double and settings.single_reader == DEFAULT_SINGLE_READER else None


def names_the_folders_labels(unnamed: str | None, reader: str) -> bool:
    """Whether ``reader`` is the folder's unnamed main store (``unnamed``: unnamed_reader of the folder)."""
    return unnamed is not None and reader == unnamed
