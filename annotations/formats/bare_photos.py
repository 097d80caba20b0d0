"""A photo's copy for a data set that leaves the clinic: its pixels and EXIF orientation, nothing else.

Fundus cameras and the programs photos pass through write the patient's name, ID and birth date, the operator and
the camera's serial number into a photo's metadata (EXIF ImageDescription, UserComment, Artist, XMP, JPEG comments,
PNG text chunks, TIFF tags). The copy keeps only what the program, and training, read of the photo: the pixels as
decoded, turned by the EXIF orientation.

- JPEG: the same compressed data, segment by segment (decoded pixels identical, no re-encoding): the tables, frame
  and scans, JFIF's header without its thumbnail and Adobe's colour-transform flag (both change how pixels decode);
  every other APPn segment (EXIF, XMP, ICC, IPTC, maker data), comments and whatever follows the end of the image
  are left out, and an EXIF block holding the orientation alone is put back.
- PNG: the chunks that make the pixels (IHDR, PLTE, tRNS, IDAT, IEND), the orientation in an eXIf chunk of its own.
- TIFF (BigTIFF too): its first page decoded and written again without loss (Deflate), turned as shown: Pillow
  applies a TIFF's orientation as it decodes it, so the copy needs no orientation tag.
- BMP has no place for such text, and is copied as it is.
- Any other picture Pillow reads whatever its name (a WebP or GIF named .jpg) is refused, naming the file: copied as
  it was, it kept its EXIF, XMP and comments.
"""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

from annotations import messages as msg
from annotations.image_io import PNG_SIGNATURE, decoding, exif_orientation, open_image
from annotations.image_types import ImageLoadError

_ORIENTATION = 0x0112
_PNG_PIXEL_CHUNKS = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"})
_SOS, _EOI, _APP0, _APP14 = 0xDA, 0xD9, 0xE0, 0xEE
_JFIF_HEADER = 14  # "JFIF\0", version, units, densities, thumbnail width and height (then the thumbnail's pixels)
_ADOBE_HEADER = 12  # "Adobe", version, two flag words, the colour transform: all a decoder reads of it


def bare_photo(source: Path, data: bytes) -> bytes:
    """``data`` (the bytes of the photo file ``source``) with every metadata but the EXIF orientation left out; the
    decoded pixels are the same. Raises ImageLoadError naming the file when its structure cannot be followed."""
    orientation = exif_orientation(source)
    try:
        if data.startswith(b"\xff\xd8"):
            return _bare_jpeg(data, orientation)
        if data.startswith(PNG_SIGNATURE):
            return _bare_png(data, orientation)
    except (IndexError, struct.error, ValueError) as exc:  # the first two: a header read past the file's end
        reason = msg.CUT_SHORT if isinstance(exc, (IndexError, struct.error)) else str(exc)
        raise ImageLoadError(source, msg.IMAGE_DAMAGED.format(error=reason), msg.RECOPY_IMAGE) from exc
    if data.startswith(b"BM"):
        return data
    return _bare_tiff(source)


def _orientation_exif(orientation: int) -> bytes:
    """An EXIF block ("Exif\\0\\0" and its TIFF structure) holding the orientation alone; empty for none."""
    if orientation == 1:
        return b""
    exif = Image.Exif()
    exif[_ORIENTATION] = orientation
    return exif.tobytes()


def _bare_jpeg(data: bytes, orientation: int) -> bytes:
    out = [b"\xff\xd8"]
    exif = _orientation_exif(orientation)
    at = 2
    while True:
        while at + 2 <= len(data) and data[at] == data[at + 1] == 0xFF:  # fill bytes before a marker
            at += 1
        if at + 2 > len(data):
            raise ValueError("the file ends before the end of its image")
        if data[at] != 0xFF:
            raise ValueError(f"no JPEG marker at byte {at}")
        marker = data[at + 1]
        if marker == _EOI:
            out.append(b"\xff\xd9")
            return b"".join(out)
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        end = at + 2 + length
        body = data[at + 4:end]
        if marker == _APP0 and body.startswith(b"JFIF\0") and len(body) >= _JFIF_HEADER:
            out.append(_segment(_APP0, body[:_JFIF_HEADER - 2] + b"\0\0"))
        elif marker == _APP14 and body.startswith(b"Adobe"):
            out.append(_segment(_APP14, body[:_ADOBE_HEADER]))
        elif not (0xE0 <= marker <= 0xEF or marker == 0xFE):  # APPn and COM hold metadata, nothing else pixels
            if exif:  # the orientation before the frame, after JFIF's header (which comes first)
                out.append(_segment(0xE1, exif))
                exif = b""
            if marker == _SOS:
                end = _scan_end(data, end)
            out.append(data[at:end])
        at = end


def _segment(marker: int, body: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body


def _scan_end(data: bytes, at: int) -> int:
    """Where the entropy-coded data starting at ``at`` ends: at the next marker but a stuffed byte or a restart."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 == len(data):
            raise ValueError("the file ends inside its image data")
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            at += 1
            continue
        return at


def _bare_png(data: bytes, orientation: int) -> bytes:
    out = [PNG_SIGNATURE]
    exif = _orientation_exif(orientation)[len(b"Exif\0\0"):]
    at = len(PNG_SIGNATURE)
    while True:
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length  # length, type, data, CRC
        if end > len(data):
            raise ValueError(f"PNG chunk {kind!r} cut short")
        if kind == b"IDAT" and exif:
            out.append(struct.pack(">I", len(exif)) + b"eXIf" + exif + struct.pack(">I", zlib.crc32(b"eXIf" + exif)))
            exif = b""
        if kind in _PNG_PIXEL_CHUNKS:
            out.append(data[at:end])
        if kind == b"IEND":
            return b"".join(out)
        at = end


def _bare_tiff(source: Path) -> bytes:
    with open_image(source) as image:
        if image.format != "TIFF":
            raise ImageLoadError(source, msg.NOT_BARED_FORMAT.format(kind=image.format), msg.SAVE_AS_SUPPORTED)
        with decoding(source):
            image.load()  # turned by its orientation
            pixels = image.copy()
    pixels.info = {}
    buffer = io.BytesIO()
    pixels.save(buffer, format="TIFF", compression="tiff_adobe_deflate")
    return buffer.getvalue()
