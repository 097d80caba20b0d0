"""A multi-page TIFF as an OCT device exports a volume (one grey B-scan a page) read as a volume, as a multi-frame
DICOM file is: each page is a B-scan addressed by its number (annotations.frames), and the file itself shows its
middle one. A TIFF whose pages differ in size or hold colour (a photo series, a photo and its thumbnail) is no
volume: it opens as one picture, its first page, as it did before (image_io.tiff_pages says how many it leaves)."""
from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from annotations import messages as msg
from annotations.dicom import messages as dicom_msg
from annotations.file_answers import FileAnswers
from annotations.frames import shown_frame
from annotations.image_types import ImageLoadError

_GREY_MODES = frozenset({"1", "L", "I", "F", "I;16", "I;16L", "I;16B", "I;16N"})
# Pillow reads every page's tags to count them (10 ms of CPU for 128 B-scans): each step of the slider would, on the
# GUI thread. The answer is kept per file while it is unchanged.
_told: FileAnswers[int] = FileAnswers(kept=10_000)


def volume_pages(image: Image.Image, path: Path) -> int:
    """How many B-scans the opened ``image`` of ``path`` holds as a TIFF volume: two or more pages, each grey and of
    the first one's size; 1 for any other image. Reads the pages' headers only; the image is left on its first page."""
    if image.format != "TIFF":
        return 1
    try:
        status = os.stat(path)
    except OSError:
        return _counted(image)
    return _told.answer(path, status, lambda: _counted(image))


def _counted(image: Image.Image) -> int:
    """The pages of a TIFF volume, each page's tags read once on one walk (Pillow's n_frames walks them all, so a
    count first and a check after read each twice), stopped at the first page that is no B-scan: a colour photo
    series at its first."""
    if image.mode not in _GREY_MODES:
        return 1
    size, pages = image.size, 1
    try:
        while True:
            try:
                image.seek(pages)
            except EOFError:
                return pages
            if image.size != size or image.mode not in _GREY_MODES:
                return 1
            pages += 1
    except Exception:  # noqa: BLE001 - a damaged page chain (Pillow: OSError, KeyError, struct.error…): its first
        return 1  # page, which opens or says why not
    finally:
        image.seek(0)


def seek_page(image: Image.Image, path: Path, number: int | None) -> int:
    """Put the opened ``image`` of ``path`` on page ``number`` (1-based) of a TIFF volume, or on its shown (middle)
    page where ``number`` is None; return the volume's page count (1: no volume, left on its only picture).
    ImageLoadError for a number that names no page."""
    pages = volume_pages(image, path)
    if number is None:
        number = shown_frame(pages) if pages > 1 else 1
    elif pages == 1:
        raise ImageLoadError(path, msg.NOT_A_VOLUME.format(number=number), msg.OPEN_FILE_ITSELF)
    elif number > pages:
        raise ImageLoadError(path, dicom_msg.NO_SUCH_FRAME.format(frames=pages, number=number), dicom_msg.LABELS_KEPT)
    if number > 1:
        image.seek(number - 1)
    return pages
