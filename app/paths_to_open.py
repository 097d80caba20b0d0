"""What opening some paths opens: a folder, or image files of one folder (its case list then shows only those).

Image files open the folder that holds their saved cases: the nearest one above them whose store or a reader's does
(as report finds a photo's case), else their own. A clinic's folder of one sub-folder per month or patient, opened
once as a whole, keeps its labels there: opening ``clinic/2026-12/IDRiD_08.jpg`` by itself had opened ``2026-12`` as
a new, empty folder, showed the photo unlabelled and began a second store of its labels there."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QCoreApplication

from annotations.image_io import is_image_file
from annotations.reading.readers import holds_case_of


class CannotOpen(Exception):
    """The paths do not make one folder to open; the message names the path and what to do."""


def folder_to_open(paths: Sequence[str | os.PathLike]) -> tuple[Path, set[str] | None]:
    """The folder to open and, for image files, their paths relative to it (None: the whole folder). Raises
    CannotOpen for a missing path, a mix of folders and files, or files of several folders."""
    paths = [Path(p).absolute() for p in paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CannotOpen(QCoreApplication.translate(
            "PathsToOpen", "{path}: not found; check the path and open it again").format(path=missing[0]))
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0], None
    files = [p for p in paths if p.is_file()]
    if len(files) != len(paths) or not all(is_image_file(p) for p in files):
        odd = next(p for p in paths if not (p.is_file() and is_image_file(p)))
        raise CannotOpen(QCoreApplication.translate(
            "PathsToOpen", "{path}: open one folder, or image files (JPEG, PNG, TIFF, BMP) of one folder")
            .format(path=odd))
    folders = {p.parent for p in files}
    if len(folders) > 1:
        raise CannotOpen(QCoreApplication.translate(
            "PathsToOpen", "{count} folders given: open image files from one folder at a time")
            .format(count=len(folders)))
    folder = _folder_holding(folders.pop(), files)
    return folder, {p.relative_to(folder).as_posix() for p in files}  # as spelled on disk: NFC and NFD twins differ


def _folder_holding(parent: Path, files: list[Path]) -> Path:
    """The nearest folder from ``parent`` up whose store (or a reader's) holds a saved case of one of ``files``, else
    ``parent``: a folder that holds none is neither scanned nor locked."""
    for folder in (parent, *parent.parents):
        try:
            if any(holds_case_of(folder, file.relative_to(folder).as_posix()) for file in files):
                return folder
        except OSError:  # a store this user may not read (another's, mode 700): not the one to open
            continue
    return parent
