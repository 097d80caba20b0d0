"""What every image reader shares (Pillow's in image_io, pydicom's in dicom.reader): the size limit, the header
summary and the error. Here, below both, so that neither reader imports the other's module for them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from annotations.errors import FileProblem
from annotations.pixel_spacing import PixelSpacing

if TYPE_CHECKING:
    from annotations.document import PatientInfo

# 4288x2848 fundus photos are 12 MP; allow generous headroom but refuse decompression bombs.
MAX_PIXELS = 120_000_000


class ImageLoadError(FileProblem):
    """A file that cannot be shown, with the reason and what the person can do."""

    # whose file it is, where its header was read before it was refused (a DICOM file no decoder here decodes)
    patient: PatientInfo | None = None


@dataclass(frozen=True)
class ImageInfo:
    width: int  # after EXIF orientation
    height: int
    mode: str
    format: str
    patient_id: str = ""  # the patient ID the header carries (DICOM), read with the size at no extra cost
    eye: str = ""  # the eye it records (DICOM): "OD", "OS" or ""
    patient_name: str = ""  # the patient's name it carries (DICOM), and its ideographic form beside it (PatientInfo's)
    ideographic_name: str = ""
    frames: int = 1  # how many frames (B-scans) it holds: a DICOM or TIFF volume's (tiff_volume), else 1


class MeasuredImage(NamedTuple):
    """Decoded pixels (RGB uint8, (H, W, 3)) and the size of a pixel as their file records it (a DICOM header's Pixel
    Spacing; None for any other file): what an analysis of pixels already decoded needs to measure them as the file
    says (inference.pipeline)."""

    pixels: np.ndarray
    spacing: PixelSpacing | None = None
