"""DICOM in and out: fundus photographs and OCT volumes as cases (reader), reports as Encapsulated PDF (writer).

Recognising a DICOM file needs no pydicom, so folder scans stay fast; pydicom loads with the first DICOM file read.
"""
from __future__ import annotations

import os
from pathlib import Path

from annotations.frames import own_case_address, split_frame
from annotations.image_types import ImageLoadError

DICOM_EXTENSIONS: frozenset[str] = frozenset({".dcm", ".dicom"})
PREAMBLE_LENGTH = 128


def may_be_dicom_name(image_path: str) -> bool:
    """Whether a case's image path (a B-scan's address too) may name a DICOM file, from its name alone: a .dcm or
    .dicom name, or one without extension (which looks_like_dicom would open to tell)."""
    suffix = Path(split_frame(image_path)[0]).suffix.lower()
    return suffix in DICOM_EXTENSIONS or not suffix


def looks_like_dicom(path: str | os.PathLike) -> bool:
    """A .dcm/.dicom name, or a file without extension that carries the Part 10 "DICM" marker."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in DICOM_EXTENSIONS:
        return True
    if suffix or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            handle.seek(PREAMBLE_LENGTH)
            return handle.read(4) == b"DICM"
    except OSError:
        return False


def frame_count(image_file: str | os.PathLike) -> int:
    """How many frames (B-scans) a file holds: those of a DICOM volume, else 1."""
    if not looks_like_dicom(image_file):
        return 1
    from annotations.dicom.reader import read_dicom_header  # pydicom: with the first DICOM file

    return read_dicom_header(image_file)[1].frames


def bscan_address(folder: str | os.PathLike, image_path: str) -> str:
    """A volume's own case (``image_path`` relative to ``folder``) addressed by its shown B-scan's number, as its
    other B-scans are (``vol.dcm#frame=4``), so that an export's names and messages (annotations.case_names) read
    every B-scan of a volume alike; any other path, or a file that cannot be read (what is wrong with it is said
    where it is opened), as it is."""
    if split_frame(image_path)[1] is not None:
        return image_path
    try:
        count = frame_count(Path(folder) / image_path)
    except (ImageLoadError, OSError, ValueError):
        return image_path
    return own_case_address(image_path, count)
