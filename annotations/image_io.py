"""Reading source images safely: EXIF orientation, 16-bit and grey TIFFs, bombs and corrupt files refused clearly."""
from __future__ import annotations

import math
import os
import re
import struct
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Iterator

import numpy as np
from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

from annotations.dicom import is_dicom_document, looks_like_dicom
from annotations import messages as msg
from annotations.decoder_reasons import decoder_reason
from annotations.deep_pixels import DEEP_MODES, decode_low_bytes, deep_colour, to_8bit
from annotations.exif_turns import AXES_SWAPPED
from annotations.frames import split_frame
from annotations.image_types import MAX_PIXELS, ImageInfo, ImageLoadError, MeasuredImage  # image_io's own API too
from annotations.regular_files import open_regular, unreadable
from annotations.tiff_volume import seek_page, volume_pages

if TYPE_CHECKING:
    from annotations.dicom.reader import DicomHeader

IMAGE_EXTENSIONS: frozenset[str] = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"})
TIFF_SUFFIXES = (".tif", ".tiff")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_METADATA_CHUNKS = frozenset({b"eXIf", b"tEXt", b"zTXt", b"iTXt"})  # where Pillow finds a PNG's orientation
_TIFF_WIDTH, _TIFF_LENGTH = 256, 257  # the TIFF tags ImageWidth and ImageLength: the pixels as stored

# We do our own pixel check before decoding; keep Pillow's check as a second line at the same limit.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def is_image_file(path: str | os.PathLike) -> bool:
    """A photo by its extension, or a DICOM file (give the full path: extensionless DICOM is recognised by content)."""
    return Path(path).suffix.lower() in IMAGE_EXTENSIONS or looks_like_dicom(path)


def is_case_image(path: str | os.PathLike) -> bool:
    """An image file (is_image_file) that holds a picture: a folder's cases are these, not a DICOM report or a CD's
    DICOMDIR beside them (is_dicom_document)."""
    if Path(path).suffix.lower() in IMAGE_EXTENSIONS:
        return True
    return looks_like_dicom(path) and not is_dicom_document(path)


def read_image_info(path: str | os.PathLike) -> ImageInfo:
    """Size and mode from the header only (fast); raises ImageLoadError for unreadable or oversized files.
    ``path`` may address one B-scan of a volume (annotations.frames)."""
    path, number = _file_and_frame(path)
    if looks_like_dicom(path):
        from annotations.dicom.reader import dicom_image_info  # pydicom loads with the first DICOM file

        return dicom_image_info(path, number)
    with open_image(path) as image:
        frames = seek_page(image, path, number)
        return ImageInfo(*_shown_size(image, path), image.mode, image.format or "", frames=frames)


def load_image(path: str | os.PathLike, max_pixels: int | None = None) -> np.ndarray:
    """Decode to an RGB uint8 array (H, W, 3), EXIF orientation applied; deeper pixels scaled to 8 (deep_pixels).

    With ``max_pixels``, a larger image comes back shrunk by a whole factor (see ``reduction_factor``) so that
    it fits: a JPEG is decoded at that reduced size directly (DCT scaling), other formats are box-reduced
    right after decoding, before any conversion makes more full-size copies. (DICOM frames come back whole; the
    analysis shrinks any array above its budget itself.) ``path`` may address one B-scan of a volume
    (annotations.frames): that frame is decoded.
    """
    return load_measured_image(path, max_pixels)[0]


def load_measured_image(path: str | os.PathLike, max_pixels: int | None = None) -> MeasuredImage:
    """load_image, and the pixel size the file records for the frame decoded: a DICOM header's Pixel Spacing, from
    the same read of the file as the pixels; None for any other photo, whose dots per inch are a printer's, not the
    retina's."""
    return load_image_with_header(path, max_pixels)[0]


def load_image_with_header(path: str | os.PathLike,
                           max_pixels: int | None = None) -> tuple[MeasuredImage, DicomHeader | None]:
    """load_measured_image, and a DICOM file's header as the pixels were decoded by (None for any other photo): what
    else is asked of the file is answered from it, not read again."""
    file, number = _file_and_frame(path)
    if looks_like_dicom(file):
        from annotations.dicom.reader import read_dicom_frame  # pydicom loads with the first DICOM file

        frame = read_dicom_frame(file, number)
        return MeasuredImage(frame.pixels, frame.spacing), frame.header
    return MeasuredImage(_decoded_photo(file, number, max_pixels)), None


def _decoded_photo(path: Path, number: int | None, max_pixels: int | None) -> np.ndarray:
    """A photo file (not DICOM) decoded as load_image says: page ``number`` of a TIFF volume (tiff_volume). Pixels
    deeper than 8 bits are scaled (deep_pixels) before any reduction, so that the whole picture's range decides."""
    with open_image(path) as image, decoding(path):
        seek_page(image, path, number)
        if deep_colour(image):
            image = Image.fromarray(to_8bit(_deep_colour(image, path, number)))
        else:
            factor = reduction_factor(image.width, image.height, max_pixels)
            if factor > 1:
                image.draft("RGB", (math.ceil(image.width / factor), math.ceil(image.height / factor)))
            image.load()
            image = ImageOps.exif_transpose(image)
            if image.mode in DEEP_MODES:
                image = Image.fromarray(to_8bit(np.asarray(image)))
        factor = reduction_factor(image.width, image.height, max_pixels)
        if factor > 1:
            image = _reducible(image).reduce(factor)
        return _to_rgb8(image)


def _deep_colour(image: Image.Image, path: Path, number: int | None) -> np.ndarray:
    """The 16-bit channels of the opened deep_colour ``image``, upright: its high bytes, as Pillow decodes them, and
    its low bytes from a second decode of the file."""
    high = _upright_rgb(image)
    with open_image(path) as again:
        seek_page(again, path, number)
        decode_low_bytes(again)
        return high << 8 | _upright_rgb(again)


def _upright_rgb(image: Image.Image) -> np.ndarray:
    image.load()
    return np.asarray(ImageOps.exif_transpose(image).convert("RGB"), dtype=np.uint16)


@contextmanager
def decoding(path: Path) -> Iterator[None]:
    """Pillow's complaints while it decodes ``path``'s pixels as an ImageLoadError naming the file."""
    try:
        yield
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's OSError: e.g. "image file is truncated"
        if isinstance(exc, OSError) and exc.errno is not None:  # the system's (a share gone while read)
            raise unreadable(path, exc, ImageLoadError) from exc
        raise ImageLoadError(path, msg.IMAGE_DAMAGED.format(error=decoder_reason(exc)), msg.RECOPY_IMAGE) from exc


def _file_and_frame(path: str | os.PathLike) -> tuple[Path, int | None]:
    """The file and B-scan number ``path`` addresses; only a DICOM file's frames and a TIFF volume's pages are
    numbered (tiff_volume refuses a number on a TIFF that is no volume)."""
    file, number = split_frame(path)
    if number is not None and not looks_like_dicom(file) and Path(file).suffix.lower() not in TIFF_SUFFIXES:
        raise ImageLoadError(file, msg.NOT_A_VOLUME.format(number=number), msg.OPEN_FILE_ITSELF)
    return Path(file), number


@contextmanager
def open_image(path: str | os.PathLike) -> Iterator[Image.Image]:
    """The opened, not yet decoded image, for readers that decode their own way (thumbnails, previews): only a
    regular file, size checked against the bomb limit, ImageLoadError naming the file; closed on exit."""
    path = Path(path)
    with open_regular(path, error=ImageLoadError) as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            raise ImageLoadError(path, msg.EMPTY_FILE, msg.RECOPY_FROM_SOURCE)
        with _identify(path, handle) as image:
            yield image


def _identify(path: Path, handle: BinaryIO) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(handle)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's text quotes its own limit (twice ours) in English; say only the size and our limit.
        claimed = re.search(r"\((\d+) pixels\)", str(exc))
        reason = (msg.IMAGE_TOO_LARGE.format(megapixels=f"{int(claimed.group(1)) / 1e6:,.0f}") if claimed
                  else msg.IMAGE_TOO_LARGE_UNSIZED)
        raise ImageLoadError(path, reason, msg.MEGAPIXELS_REFUSED.format(limit=MAX_PIXELS // 1_000_000)) from exc
    except UnidentifiedImageError as exc:
        raise ImageLoadError(path, msg.NOT_AN_IMAGE, msg.SUPPORTED_IMAGES) from exc
    except ValueError as exc:  # e.g. a PNG text or ICC chunk that decompresses beyond Pillow's safety limit
        raise ImageLoadError(path, msg.UNSAFE_METADATA.format(error=decoder_reason(exc)), msg.STRIP_METADATA) from exc
    except OSError as exc:
        if exc.errno is None:  # Pillow's own complaint about the bytes (e.g. "Truncated File Read"), not the system's
            raise ImageLoadError(path, msg.IMAGE_DAMAGED.format(error=decoder_reason(exc)), msg.RECOPY_IMAGE) from exc
        raise unreadable(path, exc, ImageLoadError) from exc
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise ImageLoadError(path, msg.IMAGE_TOO_MANY_PIXELS.format(width=width, height=height),
                             msg.MEGAPIXELS_REFUSED.format(limit=MAX_PIXELS // 1_000_000))
    if width < 1 or height < 1:
        image.close()
        raise ImageLoadError(path, msg.NO_PIXELS)
    return image


def reduction_factor(width: int, height: int, max_pixels: int | None) -> int:
    """The smallest whole factor that brings width x height within ``max_pixels`` (1: no reduction)."""
    if not max_pixels or width * height <= max_pixels:
        return 1
    factor = math.ceil(math.sqrt(width * height / max_pixels))
    while math.ceil(width / factor) * math.ceil(height / factor) > max_pixels:
        factor += 1
    return factor


def _reducible(image: Image.Image) -> Image.Image:
    """Pillow reduces L, RGB(A) and CMYK (deep pixels are 8-bit by now); others are converted first."""
    return image if image.mode in ("L", "RGB", "RGBA", "CMYK") else image.convert("RGB")


def tiff_pages(path: str | os.PathLike) -> int:
    """How many pages a TIFF file that opens as one picture, its first page, holds (a photo series saved as one file,
    pages of other sizes or in colour); 1 for a TIFF volume (its pages are B-scans: volume_file_pages), any other
    file, or one that cannot be opened."""
    if Path(path).suffix.lower() not in TIFF_SUFFIXES:
        return 1
    try:
        with open_image(path) as image, decoding(Path(path)):
            pages = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
            return pages if pages > 1 and volume_pages(image, Path(path)) == 1 else 1
    except ImageLoadError:
        return 1


def volume_file_pages(path: str | os.PathLike) -> int:
    """How many B-scans a TIFF volume's file holds (tiff_volume); 1 for any other file. ImageLoadError for a TIFF
    that cannot be opened."""
    if Path(path).suffix.lower() not in TIFF_SUFFIXES:
        return 1
    with open_image(path) as image:
        return volume_pages(image, Path(path))


def exif_orientation(path: str | os.PathLike) -> int:
    """The EXIF orientation (1-8) by which loading turns a photo file's stored pixels; 1 for none, a DICOM file, or a
    file that cannot be opened."""
    if looks_like_dicom(path):
        return 1
    try:
        with open_image(path) as image:
            return _orientation(image, path)
    except ImageLoadError:
        return 1


def _shown_size(image: Image.Image, path: str | os.PathLike) -> tuple[int, int]:
    """The (width, height) load_image decodes the opened ``image`` to: its stored size turned by its orientation.
    Pillow 11 and later report a TIFF's size turned already (Pillow turns its pixels as it decodes them): a TIFF's
    stored size is the one its tags record."""
    width, height = (image.tag_v2[_TIFF_WIDTH], image.tag_v2[_TIFF_LENGTH]) if image.format == "TIFF" else image.size
    return (height, width) if _orientation(image, path) in AXES_SWAPPED else (width, height)


def _orientation(image: Image.Image, path: str | os.PathLike) -> int:
    try:
        exif = _png_exif(path) if image.format == "PNG" else image.getexif()
        orientation = exif.get(0x0112, 1)
    except Exception:  # a broken EXIF block must not stop the image from opening
        return 1
    return orientation if orientation in range(1, 9) else 1


def _png_exif(path: str | os.PathLike) -> Image.Exif:
    """A PNG's EXIF as Pillow reads it when it decodes the pixels (and so turns them): an eXIf chunk, else
    ImageMagick's "Raw profile type exif" text, else an orientation in XMP, wherever the chunks lie."""
    carrier = Image.new("1", (1, 1))  # Pillow's own reading of those chunks, with no PNG to decode for them
    carrier.info = _png_metadata(path)
    return carrier.getexif()


def _png_metadata(path: str | os.PathLike) -> dict[str, Any]:
    """The info Pillow makes of a PNG's eXIf and text chunks, found by walking its chunk headers: Pillow decodes the
    whole image to look for those after the pixel data (0.2 s for 12 MP, on the GUI thread when a case opens), these
    seeks read the chunk headers and those chunks alone."""
    with open(path, "rb") as handle:
        if handle.read(8) != PNG_SIGNATURE:
            return {}
        chunks = PngImagePlugin.PngStream(handle)  # reads each chunk as Pillow does, within its text limits
        while len(header := handle.read(8)) == 8:
            length, kind = struct.unpack(">I4s", header)
            if kind == b"IEND":
                break
            if kind in _PNG_METADATA_CHUNKS:
                chunks.call(kind, handle.tell(), length)
                length = 0
            handle.seek(length + 4, os.SEEK_CUR)  # the chunk's data (unless read) and CRC
        return chunks.im_info


def _to_rgb8(image: Image.Image) -> np.ndarray:
    if image.mode != "RGB":
        image = image.convert("RGB")  # covers L, P, RGBA, CMYK, LA
    return np.asarray(image, dtype=np.uint8).copy()
