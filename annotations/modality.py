"""Is an image an OCT B-scan or a fundus photo? A DICOM file says so in its header (Ophthalmic Tomography); other
files are decided by their name, else by their pixels. The window, the command line and the report decide alike
because they all ask here."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from annotations.dicom import looks_like_dicom
from annotations.document import Modality
from annotations.frames import split_frame

_OCT_NAME = re.compile(r"(^|[^a-z])oct([^a-z]|$)", re.IGNORECASE)
OCT_MIN_ASPECT = 2.0  # wider than any fundus camera frame


def image_looks_like_oct(path: str | Path, image: np.ndarray | None) -> bool:
    """OCT by a DICOM header's storage class, by name (a folder or file called *OCT*), or by pixels: grey, or
    grey-ish and very wide. A DICOM photo's storage class is believed over its pixels (a red-free photo is grey);
    a Secondary Capture says nothing, so name and pixels decide it. A B-scan's address (annotations.frames) is
    decided by its volume's file."""
    path = split_frame(path)[0]
    if looks_like_dicom(path) and Path(path).is_file():
        said = _dicom_modality(Path(path))
        if said is not None:
            return said is Modality.OCT
    if any(_OCT_NAME.search(part) for part in Path(path).parts[-3:]):
        return True
    if image is None or image.ndim != 3:
        return False
    sample = image[:: max(1, image.shape[0] // 64), :: max(1, image.shape[1] // 64)].astype(np.int16)
    spread = float(np.abs(sample[..., 0] - sample[..., 1]).mean() + np.abs(sample[..., 1] - sample[..., 2]).mean())
    aspect = image.shape[1] / max(1, image.shape[0])
    return spread < 2.0 or (spread < 8.0 and aspect >= OCT_MIN_ASPECT)


def guess_modality(path: str | Path, image: np.ndarray | None) -> Modality:
    return Modality.OCT if image_looks_like_oct(path, image) else Modality.FUNDUS


def _dicom_modality(path: Path) -> Modality | None:
    """What the storage class says: OCT, a fundus photo, or nothing (a Secondary Capture, say)."""
    from annotations.dicom.reader import PHOTOGRAPHY_CLASSES, read_dicom_header  # pydicom: when first asked

    dataset, image = read_dicom_header(path)
    if image.modality is Modality.OCT:
        return Modality.OCT
    return Modality.FUNDUS if str(dataset.get("SOPClassUID", "")) in PHOTOGRAPHY_CLASSES else None
