"""How many B-scans a file holds, and the address of a volume's own case, for either kind of volume: a multi-frame
DICOM file (annotations.dicom) and a TIFF of grey pages of one size (annotations.tiff_volume)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from annotations import dicom
from annotations.frames import own_case_address, split_frame
from annotations.image_io import volume_file_pages
from annotations.image_types import ImageLoadError

if TYPE_CHECKING:
    from annotations.dicom.reader import DicomHeader


def frame_count(image_file: str | os.PathLike) -> int:
    """How many frames (B-scans) a file holds: those of a DICOM or TIFF volume, else 1."""
    return dicom.frame_count(image_file) if dicom.looks_like_dicom(image_file) else volume_file_pages(image_file)


def bscan_address(folder: str | os.PathLike, image_path: str, header: DicomHeader | None = None) -> str:
    """A volume's own case (``image_path`` relative to ``folder``) addressed by its shown B-scan's number, as its
    other B-scans are (``vol.dcm#frame=4``), so that an export's names and messages (annotations.case_names) read
    every B-scan of a volume alike; any other path, or a file that cannot be read (what is wrong with it is said
    where it is opened), as it is. ``header``: the file's, where it was read with its pixels (its count is read
    from it)."""
    if split_frame(image_path)[1] is not None:
        return image_path
    try:
        count = header.image.frames if header is not None else frame_count(Path(folder) / image_path)
    except (ImageLoadError, OSError, ValueError):
        return image_path
    return own_case_address(image_path, count)
