"""The size a compressed DICOM frame declares in its own codestream: JPEG's and JPEG-LS's frame header (SOF), JPEG
2000's image and tile size (SIZ). A decoder fills what the codestream declares, not what the DICOM header says (GDCM
decoded a 12000x12000 JPEG-LS frame of 1 kB under a header of 64x48 pixels into 144 MB, and handed back its first
rows), so the reader compares the two before decoding."""
from __future__ import annotations

from typing import NamedTuple

_JPEG_START = b"\xff\xd8"
# frame headers: SOF0-SOF15 less DHT (C4), JPG (C8) and DAC (CC), which share the range; JPEG-LS's SOF55 (F7)
_JPEG_FRAME_HEADERS = frozenset(set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}) | {0xF7}
_JPEG_SCAN_OR_END = frozenset({0xDA, 0xD9})  # a scan's data (SOS), the end of the image (EOI): no frame header came
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7: markers without a length
_J2K_START = b"\xff\x4f\xff\x51"  # SOC, then SIZ, as a codestream must start (15444-1 A.3)
_JP2_BOXES_SEARCHED = 4096  # bytes: a JP2 file's boxes before its codestream (DICOM wants none; some write them)


class CodestreamSize(NamedTuple):
    width: int
    height: int
    components: int


def jpeg_size(stream: bytes) -> CodestreamSize | None:
    """The size in a JPEG or JPEG-LS stream's frame header; None where there is none before its first scan."""
    if not stream.startswith(_JPEG_START):
        return None
    offset = len(_JPEG_START)
    while offset + 4 <= len(stream) and stream[offset] == 0xFF:
        marker = stream[offset + 1]
        if marker == 0xFF:  # a fill byte before a marker
            offset += 1
        elif marker in _JPEG_STANDALONE:
            offset += 2
        elif marker in _JPEG_SCAN_OR_END:
            return None
        elif marker in _JPEG_FRAME_HEADERS:
            header = stream[offset + 4:offset + 10]  # precision, height, width, components
            if len(header) < 6:
                return None
            return CodestreamSize(int.from_bytes(header[3:5], "big"), int.from_bytes(header[1:3], "big"), header[5])
        else:
            offset += 2 + int.from_bytes(stream[offset + 2:offset + 4], "big")
    return None


def j2k_size(stream: bytes) -> CodestreamSize | None:
    """The image size in a JPEG 2000 codestream's SIZ segment (its reference grid less the image offset), found
    after a JP2 file's boxes too; None where there is none."""
    start = stream.find(_J2K_START, 0, _JP2_BOXES_SEARCHED)
    siz = stream[start:start + 42] if start >= 0 else b""
    if len(siz) < 42:
        return None
    width, height, left, top = (int.from_bytes(siz[at:at + 4], "big") for at in (8, 12, 16, 20))
    return CodestreamSize(width - left, height - top, int.from_bytes(siz[40:42], "big"))
