"""Is an image an OCT B-scan or a fundus photo? A DICOM file says so in its header (Ophthalmic Tomography); other
files are decided by their name, else by their pixels. The window, the command line and the report decide alike
because they all ask here.

A grey image is a B-scan unless its bright area is a fundus camera's round field of view: a red-free (green
filter) photo is grey too. A B-scan's bright area is a band of layers across the whole width, which no disc fits."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from annotations.dicom import looks_like_dicom
from annotations.document import Modality
from annotations.frames import split_frame

_OCT_NAME = re.compile(r"(^|[^a-z])oct([^a-z]|$)", re.IGNORECASE)
OCT_MIN_ASPECT = 2.0  # wider than any fundus camera frame
FIELD_SAMPLE = 64  # points along the long side of the picture a field of view is looked for on: ~2 ms on 12 MP
FIELD_CORNER = 3  # sample points square in each corner: the surround's level is the brightest corner's median
FIELD_LEVEL = 0.1  # of the way from the surround's level to the bright area's: a photo's dim rim is still field
FIELD_MIN_CONTRAST = 8.0  # grey levels between surround and field; flatter images have no field of view
FIELD_RIM = 1.5  # sample points either side of the disc's edge that count for neither side (a blurred rim)
# field_of_view_fit: every grey IDRiD photo (luminance or green alone) 1.0, Kermany B-scans 0-0.66
FIELD_MIN_FIT = 0.85


def image_looks_like_oct(path: str | Path, image: np.ndarray | None) -> bool:
    """OCT by a DICOM header's storage class, by name (a folder or file called *OCT*), or by pixels: grey-ish and
    very wide, or grey without a fundus photo's round field of view. A DICOM photo's storage class is believed
    over its pixels; a Secondary Capture says nothing, so name and pixels decide it. A B-scan's address
    (annotations.frames) is decided by its volume's file."""
    path = split_frame(path)[0]
    if looks_like_dicom(path) and Path(path).is_file():
        said = _dicom_modality(Path(path))
        if said is not None:
            return said is Modality.OCT
    if named_oct(path):
        return True
    if image is None or image.ndim != 3:
        return False
    sample = image[:: max(1, image.shape[0] // 64), :: max(1, image.shape[1] // 64)].astype(np.int16)
    spread = float(np.abs(sample[..., 0] - sample[..., 1]).mean() + np.abs(sample[..., 1] - sample[..., 2]).mean())
    aspect = image.shape[1] / max(1, image.shape[0])
    if spread < 8.0 and aspect >= OCT_MIN_ASPECT:
        return True
    return spread < 2.0 and field_of_view_fit(image) < FIELD_MIN_FIT


def named_oct(path: str | Path) -> bool:
    """A file, or one of the two folders it is in, called *OCT*."""
    return any(_OCT_NAME.search(part) for part in Path(path).parts[-3:])


def listed_looks_like_oct(path: str | Path, frames: int) -> bool:
    """Whether a case whose image cannot be read is an OCT scan, from what its listing knows without opening the
    file: a volume of B-scans (only OCT volumes hold several) or a name that says OCT (``path`` may be a B-scan's
    address)."""
    return frames > 1 or named_oct(split_frame(path)[0])


def guess_modality(path: str | Path, image: np.ndarray | None) -> Modality:
    return Modality.OCT if image_looks_like_oct(path, image) else Modality.FUNDUS


def field_of_view_fit(image: np.ndarray) -> float:
    """How far the bright area of an (H, W, 3) image is a disc on a dark surround: the lesser of the share of the
    disc that is bright and the share of the frame around it that is dark; 0 for a tiny or flat image, or one
    bright in a corner. Judged on a small sample of 2x2 means (they quiet a B-scan's speckle). A photo's surround
    reaches every corner; its bright area stands FIELD_LEVEL above the surround. The disc is centred on the bright
    area's widest rows and holds as many points of the frame as the bright area: the frame may cut it, at the top
    and bottom as often, or at the sides."""
    step = max(1, max(image.shape[:2]) // (2 * FIELD_SAMPLE))
    grey = image[::step, ::step].mean(axis=2)
    height, width = grey.shape[0] // 2 * 2, grey.shape[1] // 2 * 2
    if min(height, width) < 16:
        return 0.0
    grey = grey[:height, :width].reshape(height // 2, 2, width // 2, 2).mean(axis=(1, 3))
    corner = FIELD_CORNER
    dark = max(float(np.median(grey[rows, columns])) for rows in (slice(corner), slice(-corner, None))
               for columns in (slice(corner), slice(-corner, None)))
    bright = float(np.percentile(grey, 95))
    if bright - dark < FIELD_MIN_CONTRAST:
        return 0.0
    field = grey > dark + FIELD_LEVEL * (bright - dark)
    row_widths = field.sum(axis=1)
    widest = row_widths >= np.percentile(row_widths, 95)
    centre_y = float(np.median(np.nonzero(widest)[0]))
    centre_x = float(np.nonzero(field[widest])[1].mean())
    ys, xs = np.ogrid[: field.shape[0], : field.shape[1]]
    distance = np.hypot(ys - centre_y, xs - centre_x)
    area = int(field.sum())
    radius = np.partition(distance.ravel(), area - 1)[area - 1]
    inside, surround = distance < radius - FIELD_RIM, distance > radius + FIELD_RIM
    if not inside.any() or not surround.any():
        return 0.0
    return float(min(field[inside].mean(), 1.0 - field[surround].mean()))


def _dicom_modality(path: Path) -> Modality | None:
    """What the storage class says: OCT, a fundus photo, or nothing (a Secondary Capture, say)."""
    from annotations.dicom.reader import PHOTOGRAPHY_CLASSES, read_dicom_header  # pydicom: when first asked

    dataset, image = read_dicom_header(path)
    if image.modality is Modality.OCT:
        return Modality.OCT
    return Modality.FUNDUS if str(dataset.get("SOPClassUID", "")) in PHOTOGRAPHY_CLASSES else None
