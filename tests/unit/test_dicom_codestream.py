"""The size a compressed frame declares in its own codestream, read as the decoders read it: through JPEG's other
segments and fill bytes, and JPEG 2000's image offset and JP2 boxes; none where a stream has no frame header."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

from annotations.dicom.codestream import CodestreamSize, j2k_size, jpeg_size


def _encoded(format_: str, mode: str = "RGB", **options: object) -> bytes:
    out = io.BytesIO()
    Image.fromarray(np.zeros((30, 50, 3) if mode == "RGB" else (30, 50), np.uint8)).save(out, format=format_,
                                                                                          **options)
    return out.getvalue()


def test_a_jpegs_size_is_read_past_its_other_segments_and_fill_bytes() -> None:
    stream = _encoded("JPEG", icc_profile=b"\0" * 300, comment=b"device")  # APP0, APP2, COM, DQT before SOF
    assert jpeg_size(stream) == CodestreamSize(50, 30, 3)
    assert jpeg_size(_encoded("JPEG", mode="L")) == CodestreamSize(50, 30, 1)
    start = stream.index(b"\xff\xc0")
    assert jpeg_size(stream[:start] + b"\xff\xff\xff" + stream[start:]) == CodestreamSize(50, 30, 3)


def test_a_stream_without_a_frame_header_before_its_scan_has_no_size() -> None:
    stream = _encoded("JPEG")
    frame_header = stream.index(b"\xff\xc0")
    scan = stream.index(b"\xff\xda")
    assert jpeg_size(stream[:frame_header] + stream[scan:]) is None  # the scan's data first
    assert jpeg_size(stream[:frame_header + 6]) is None  # cut inside the frame header
    assert jpeg_size(b"\xff\xd8" + stream[2:frame_header].replace(b"\xff", b"\x00", 1)) is None  # no marker
    assert jpeg_size(stream[2:]) is None and jpeg_size(b"") is None  # no start of image


def test_a_jpeg_2000_size_is_its_grid_less_its_offset_in_a_codestream_or_a_jp2_file() -> None:
    stream = _encoded("JPEG2000", no_jp2=True)
    assert j2k_size(stream) == CodestreamSize(50, 30, 3)
    grid, offset = (57).to_bytes(4, "big") + (34).to_bytes(4, "big"), (7).to_bytes(4, "big") + (4).to_bytes(4, "big")
    assert j2k_size(stream[:8] + grid + offset + stream[24:]) == CodestreamSize(50, 30, 3)  # the image at (7, 4)
    assert j2k_size(_encoded("JPEG2000", mode="L", no_jp2=False)) == CodestreamSize(50, 30, 1)
    assert j2k_size(_encoded("JPEG2000", no_jp2=True)[:30]) is None and j2k_size(_encoded("JPEG")) is None
