"""Is an image an OCT B-scan or a fundus photo? A DICOM file's header says so where its storage class or Modality
tag names tomography or photography; other files, and a header that says neither, are decided by their name, else
by their pixels. The window, the command line and the report decide alike because they all ask here.

A grey image is a B-scan where its bright area is no fundus camera's round field of view and its rows differ as a
B-scan's layers do: a red-free (green filter) photo is grey too, and cropped it shows no field of view. A B-scan's
bright area is a band of layers across the whole width, which no disc fits, between dark vitreous and a fading
choroid; a photo's background is smooth, its rows alike."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from annotations.dicom import looks_like_dicom
from annotations.document import Modality
from annotations.frames import split_frame
from annotations.image_io import load_image
from annotations.image_types import ImageLoadError

if TYPE_CHECKING:
    from annotations.dicom.reader import DicomHeader

_OCT_NAME = re.compile(r"(^|[^a-z])oct([^a-z]|$)", re.IGNORECASE)
OCT_MIN_ASPECT = 2.0  # wider than any fundus camera frame
FIELD_SAMPLE = 64  # points along the long side of the picture a field of view is looked for on: ~2 ms on 12 MP
FIELD_CORNER = 3  # sample points square in each corner: the surround's level is the brightest corner's median
FIELD_LEVEL = 0.1  # of the way from the surround's level to the bright area's: a photo's dim rim is still field
FIELD_MIN_CONTRAST = 8.0  # grey levels between surround and field; flatter images have no field of view
FIELD_RIM = 1.5  # sample points either side of the disc's edge that count for neither side (a blurred rim)
# field_of_view_fit: every grey IDRiD photo (luminance or green alone) 1.0, Kermany B-scans 0-0.66
FIELD_MIN_FIT = 0.85
# row_spread: Kermany B-scans 0.46-1.14 (0.39 cropped to a square of their middle), grey IDRiD photos cropped to no
# surround 0.00-0.29 (dark, over-exposed, vignetted, on a black page alike)
LAYER_MIN_SPREAD = 0.35
BLACK_SIDE = 4  # grey levels: a column no brighter is black page beside the picture (a dark photo is brighter)
BLACK_ROW = 1  # grey levels: a row no brighter is black page above or below it (a dark B-scan's vitreous is brighter)
DECIDE_PIXELS = 1_000_000  # a 12 MP photo decoded at a quarter of its side (JPEG DCT scaling): ~10x quicker


def image_looks_like_oct(path: str | Path, image: np.ndarray | None, header: DicomHeader | None = None) -> bool:
    """OCT by a DICOM header (its storage class or Modality tag), by name (a folder or file called *OCT*), or by
    pixels: grey (grey-ish where very wide) without a fundus photo's round field of view, its rows as unalike as a
    B-scan's layers make them (row_spread). A DICOM header that says photography (an OP or XC photo, even grey and
    wide) is believed over name and pixels; a Secondary Capture of another modality says nothing, so name and pixels
    decide it. A B-scan's address (annotations.frames) is decided by its volume's file. ``header``: a DICOM file's,
    where it was read with ``image`` (said_modality)."""
    said = said_modality(path, header)
    if said is not None:
        return said is Modality.OCT
    return image is not None and _pixels_look_like_oct(image)


def said_modality(path: str | Path, header: DicomHeader | None = None) -> Modality | None:
    """What a file says it is without its pixels (image_looks_like_oct): its DICOM header's storage class or Modality
    tag (read from the file, unless ``header`` is the one read with its pixels), else a name that says OCT; None
    where only its pixels can tell."""
    path = split_frame(path)[0]
    said = header.image.modality if header is not None else None
    if header is None and looks_like_dicom(path) and Path(path).is_file():
        said = _dicom_modality(Path(path))
    if said is not None:
        return said
    return Modality.OCT if named_oct(path) else None


def file_modality(path: str | Path) -> Modality:
    """guess_modality of a file whose pixels are not at hand (a case saved before it was ever opened, Workspace):
    its header or name where they tell, else its pixels, decoded reduced (DECIDE_PIXELS: an import into thousands
    of photos decodes each once, quickly). Pixels that cannot be decoded are a fundus photo's, as the window shows
    a case it cannot decode whose name says nothing (app.case_pixels.CasePixels.failed_modality)."""
    said = said_modality(path)
    if said is not None:
        return said
    try:
        image = load_image(path, DECIDE_PIXELS)
    except ImageLoadError:
        return Modality.FUNDUS
    return Modality.OCT if _pixels_look_like_oct(image) else Modality.FUNDUS


def _pixels_look_like_oct(image: np.ndarray) -> bool:
    if image.ndim != 3:
        return False
    image = _without_black_sides(image)
    sample = image[:: max(1, image.shape[0] // 64), :: max(1, image.shape[1] // 64)].astype(np.int16)
    spread = float(np.abs(sample[..., 0] - sample[..., 1]).mean() + np.abs(sample[..., 1] - sample[..., 2]).mean())
    # grey-ish is enough where the picture is wider than any camera's frame; a round field of view is a photo's
    # either way (a dim or red-free smartphone photo left wide by black the trim above did not reach)
    wide = image.shape[1] >= OCT_MIN_ASPECT * image.shape[0]
    if spread >= (8.0 if wide else 2.0) or field_of_view_fit(image) >= FIELD_MIN_FIT:
        return False
    return row_spread(image) >= LAYER_MIN_SPREAD  # a photo cropped to no surround shows no field of view either


def _without_black_sides(image: np.ndarray) -> np.ndarray:
    """The image less the black columns at its sides (a smartphone's fundus photo on its wide screen, a B-scan on a
    wide page): the picture's own width decides, and its own black surround, not the page's, shows a field of view."""
    step = max(1, max(image.shape[:2]) // (2 * FIELD_SAMPLE))  # as field_of_view_fit samples: ~0.4 ms on 12 MP
    lit = np.nonzero(image[::step, ::step].max(axis=(0, 2)) > BLACK_SIDE)[0]
    if lit.size == 0:
        return image
    return image[:, max(0, (lit[0] - 1) * step): (lit[-1] + 2) * step]


def named_oct(path: str | Path) -> bool:
    """A file, or one of the two folders it is in, called *OCT*."""
    return any(_OCT_NAME.search(part) for part in Path(path).parts[-3:])


def listed_looks_like_oct(path: str | Path, frames: int) -> bool:
    """Whether a case whose pixels are not at hand is an OCT scan (its image cannot be decoded, or a retrain lists it
    with no modality saved): what its file says (said_modality: a DICOM header, read without its pixels, else a name
    that says OCT), else whether its listing counts a volume of B-scans (only OCT volumes hold several). ``path`` may
    be a B-scan's address."""
    return said_looks_like_oct(said_modality(path), frames)


def said_looks_like_oct(said: Modality | None, frames: int) -> bool:
    """listed_looks_like_oct of what the file said (said_modality, read apart: off the GUI thread)."""
    return said is Modality.OCT if said is not None else frames > 1


def guess_modality(path: str | Path, image: np.ndarray | None, header: DicomHeader | None = None) -> Modality:
    return Modality.OCT if image_looks_like_oct(path, image, header) else Modality.FUNDUS


def field_of_view_fit(image: np.ndarray) -> float:
    """How far the bright area of an (H, W, 3) image is a disc on a dark surround: the lesser of the share of the
    disc that is bright and the share of the frame around it that is dark; 0 for a tiny or flat image, or one
    bright in a corner. Judged on a small sample of 2x2 means (they quiet a B-scan's speckle). A photo's surround
    reaches every corner; its bright area stands FIELD_LEVEL above the surround. The disc is centred on the bright
    area's widest rows and holds as many points of the frame as the bright area: the frame may cut it, at the top
    and bottom as often, or at the sides."""
    grey = _grey_sample(image)
    if min(grey.shape) < 8:
        return 0.0
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


def row_spread(image: np.ndarray) -> float:
    """How far the rows of an (H, W, 3) image differ in brightness: the standard deviation of their means over their
    mean, on field_of_view_fit's sample, black rows above and below (a page's) left out; 0 for a black image, or one
    too thin to sample (a pixel wide). A B-scan's rows go from dark vitreous through bright layers to a fading
    choroid; a fundus photo's vessels and disc change a row's mean little on its smooth background."""
    grey = _grey_sample(image)
    if grey.size == 0:
        return 0.0
    lit = np.nonzero(grey.max(axis=1) > BLACK_ROW)[0]
    if lit.size == 0:
        return 0.0
    rows = grey[lit[0]: lit[-1] + 1].mean(axis=1)
    return float(rows.std() / rows.mean())


def _grey_sample(image: np.ndarray) -> np.ndarray:
    """The grey levels of an (H, W, 3) image at about 2 * FIELD_SAMPLE points along its long side, as 2x2 means."""
    step = max(1, max(image.shape[:2]) // (2 * FIELD_SAMPLE))
    grey = image[::step, ::step].mean(axis=2)
    height, width = grey.shape[0] // 2 * 2, grey.shape[1] // 2 * 2
    return grey[:height, :width].reshape(height // 2, 2, width // 2, 2).mean(axis=(1, 3))


def _dicom_modality(path: Path) -> Modality | None:
    """What the header says: OCT, a fundus photo, or nothing, also where it cannot be read (annotations.dicom.reader.
    header_modality, of the header alone: file_header_modality)."""
    from annotations.dicom.reader import file_header_modality  # pydicom: when first asked

    return file_header_modality(path)
