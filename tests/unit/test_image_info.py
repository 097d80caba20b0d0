"""read_image_info reads the size from the header: a PNG is never decoded for it (Pillow would, looking for EXIF
after the pixel data), and an EXIF orientation turns the size as loading the image turns the pixels."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from annotations.image_io import exif_orientation, load_image, read_image_info


def _exif_turned() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees: the shown image is taller than stored
    return exif


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_png_is_not_decoded_to_read_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plain.png"
    Image.fromarray(np.zeros((30, 40, 3), np.uint8)).save(path)
    decoded = []
    load = PngImagePlugin.PngImageFile.load
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", lambda self: decoded.append(1) or load(self))
    info = read_image_info(path)
    assert (info.width, info.height) == (40, 30) and decoded == []


@pytest.mark.parametrize("after_pixels", [False, True])
def test_a_png_turned_by_its_exif_reads_as_it_loads(tmp_path: Path, after_pixels: bool) -> None:
    path = tmp_path / "turned.png"
    if after_pixels:  # an eXIf chunk after IDAT, as some writers place it
        Image.fromarray(np.zeros((30, 40, 3), np.uint8)).save(path)
        data = path.read_bytes()
        end = data.rindex(b"IEND") - 4
        path.write_bytes(data[:end] + _chunk(b"eXIf", _exif_turned().tobytes()) + data[end:])
    else:
        Image.fromarray(np.zeros((30, 40, 3), np.uint8)).save(path, exif=_exif_turned())
    info = read_image_info(path)
    assert (info.width, info.height) == (30, 40)
    assert load_image(path).shape[:2] == (info.height, info.width)


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("compression", [None, "tiff_lzw"])
def test_a_tiff_turned_by_its_orientation_tag_reads_as_it_loads(tmp_path: Path, orientation: int,
                                                                compression: str | None) -> None:
    path = tmp_path / "turned.tif"  # stored 40 wide and 30 tall; orientations 5-8 show it 30 wide and 40 tall
    Image.fromarray(np.zeros((30, 40, 3), np.uint8)).save(path, tiffinfo={0x0112: orientation},
                                                          compression=compression)
    info = read_image_info(path)
    assert (info.width, info.height) == ((30, 40) if orientation >= 5 else (40, 30))
    assert load_image(path).shape[:2] == (info.height, info.width)


_XMP_TURNED = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
               '<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="6"/>'
               '</rdf:RDF></x:xmpmeta>')


def _text_chunk(xmp: bool) -> bytes:
    """An iTXt chunk of XMP (as Photoshop writes it), or ImageMagick's zTXt "Raw profile type exif", turning 90."""
    if xmp:
        return _chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + _XMP_TURNED.encode())
    exif = _exif_turned().tobytes()
    text = f"\nexif\n{len(exif):8}\n{exif.hex()}\n".encode()
    return _chunk(b"zTXt", b"Raw profile type exif\0\0" + zlib.compress(text))


@pytest.mark.parametrize("xmp", [True, False])
@pytest.mark.parametrize("after_pixels", [False, True])
def test_a_png_turned_by_its_xmp_or_imagemagicks_exif_text_reads_as_it_loads(tmp_path: Path, xmp: bool,
                                                                            after_pixels: bool) -> None:
    """No eXIf chunk: Pillow's decode turns the pixels by the orientation these text chunks hold."""
    path = tmp_path / "turned.png"
    Image.fromarray(np.zeros((30, 40, 3), np.uint8)).save(path)
    data = path.read_bytes()
    at = data.rindex(b"IEND") - 4 if after_pixels else data.index(b"IDAT") - 4
    path.write_bytes(data[:at] + _text_chunk(xmp) + data[at:])
    info = read_image_info(path)
    assert load_image(path).shape[:2] == (info.height, info.width) == (40, 30)
    assert exif_orientation(path) == 6
