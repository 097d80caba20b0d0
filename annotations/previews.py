"""Small decodes of a photo for display: the case list's thumbnails and the canvas's first, reduced picture.

libjpeg can scale by 1/2, 1/4 or 1/8 while decoding (Pillow's ``draft``), so a 12-megapixel photo gives a
thumbnail in milliseconds and a 1024-pixel preview in a few tens of milliseconds. EXIF orientation is applied, as
load_image applies it, so previews and the full image agree. A B-scan's thumbnail has square pixels, as devices
show it, whatever View ▸ B-scan at true shape says for the canvas: the thumbnails are kept without that choice.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from annotations.deep_pixels import is_deep
from annotations.dicom import looks_like_dicom
from annotations.frames import split_frame
from annotations.image_io import load_image, open_image
from annotations.tiff_volume import seek_page

THUMB_SIZE = (120, 80)
PREVIEW_MIN_SIDE = 2048  # smaller files decode fully in a few tens of ms: no preview needed
PREVIEW_SIDE = 1024


def read_thumbnail(path: str | os.PathLike, size: tuple[int, int] = THUMB_SIZE) -> np.ndarray:
    """A small RGB picture within ``size``; raises OSError, ValueError, DecompressionBombError or ImageLoadError for
    a bad file."""
    if looks_like_dicom(path):  # Pillow cannot open DICOM: decode the shown frame, then shrink it
        return _shrunk(load_image(path), size)
    file, number = split_frame(path)
    with open_image(file) as image:
        seek_page(image, Path(file), number)  # a TIFF volume's B-scan: its shown one where the file is named alone
        if is_deep(image):  # scaled by the whole picture's range, as the canvas shows it
            return _shrunk(load_image(path), size)
        image = _reduced(image, (size[0] * 2, size[1] * 2))
        image.thumbnail(size)
        return np.asarray(image.convert("RGB"), dtype=np.uint8).copy()


def decode_preview(path: str | os.PathLike, side: int = PREVIEW_SIDE) -> np.ndarray | None:
    """A reduced RGB decode (at least ``side`` pixels on the long edge) of a large JPEG; None for other files or
    when the quick path fails (the full load then reports any problem clearly)."""
    if split_frame(path)[1] is not None or looks_like_dicom(path):  # a B-scan's address, or a volume: no JPEG
        return None
    try:
        with open_image(path) as image:
            if image.format != "JPEG" or max(image.size) < PREVIEW_MIN_SIDE:
                return None
            scale = side / max(image.size)
            return np.asarray(_reduced(image, (math.ceil(image.width * scale),
                                               math.ceil(image.height * scale))).convert("RGB"))
    except Exception:  # noqa: BLE001 - any failure here just means "no preview"; load_image explains errors
        return None


def _shrunk(pixels: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    image = Image.fromarray(pixels)
    image.thumbnail(size)
    return np.asarray(image, dtype=np.uint8).copy()


def _reduced(image: Image.Image, at_least: tuple[int, int]) -> Image.Image:
    """The image decoded at the smallest JPEG scale that still covers ``at_least``, upright."""
    image.draft("RGB", at_least)
    return ImageOps.exif_transpose(image)
