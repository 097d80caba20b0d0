"""Generators for the bad inputs real users bring: broken images, hostile label files, unusual folders.

Every file is made on the fly into a test's tmp folder (no committed binaries). Each function writes one file
(or folder) and returns its path, so a test reads as a list of what it feeds the program.
"""
from __future__ import annotations

import io
import json
import os
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

UNICODE_NAME = "眼底 图像 👁 left eye.png"  # Chinese characters, spaces and an emoji in one name


def fundus_rgb(width: int = 48, height: int = 32, seed: int = 0) -> np.ndarray:
    """A small orange disc on black with noise: enough of a fundus for loaders and savers."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:height, :width]
    inside = (xx - width / 2) ** 2 + (yy - height / 2) ** 2 < (min(width, height) * 0.45) ** 2
    image = np.zeros((height, width, 3), np.uint8)
    image[inside] = (170, 80, 30)
    noise = rng.integers(0, 12, image.shape, dtype=np.uint8)
    return np.where(inside[..., None], image + noise, image).astype(np.uint8)


def save_rgb(path: Path, image: np.ndarray | None = None, fmt: str | None = None, **params: object) -> Path:
    Image.fromarray(fundus_rgb() if image is None else image).save(path, format=fmt, **params)
    return path


def clinic_folder(root: Path) -> Path:
    """``root``/clinic holding one photo, eye.png: the folder the hostile tests open."""
    folder = root / "clinic"
    folder.mkdir()
    save_rgb(folder / "eye.png")
    return folder


# images ----------------------------------------------------------------------------------------------------
def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncated_jpeg(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return path


def png_with_bad_header_crc(path: Path) -> Path:
    """A PNG whose IHDR checksum is wrong: the header cannot be trusted, so the file is refused."""
    buffer = io.BytesIO()
    Image.fromarray(fundus_rgb()).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[29] ^= 0xFF  # bytes 29..32 are the IHDR CRC (8 signature + 4 length + 4 type + 13 data)
    path.write_bytes(bytes(data))
    return path


def png_named_jpg(path: Path) -> Path:
    """A PNG saved with a .jpg extension: the content decides, not the name."""
    return save_rgb(path, fmt="PNG")


def cmyk_jpeg(path: Path) -> Path:
    Image.new("CMYK", (20, 10), (0, 255, 255, 0)).save(path, "JPEG")  # pure red in CMYK
    return path


def grey16_tiff(path: Path, value: int = 65535) -> Path:
    ramp = np.linspace(0, value, 24 * 16).astype(np.uint16).reshape(16, 24)
    Image.fromarray(ramp).save(path, "TIFF")
    return path


def one_pixel_png(path: Path) -> Path:
    return save_rgb(path, np.full((1, 1, 3), 200, np.uint8), fmt="PNG")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A valid PNG header claiming 30000x30000 pixels (2.7 GB decoded) in a file of a few dozen bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
                     + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _png_chunk(b"IEND", b""))
    return path


def bomb_bmp(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A BMP header claiming 30000x30000 24-bit pixels, with no pixel data behind it."""
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    path.write_bytes(b"BM" + struct.pack("<IHHI", 14 + len(info), 0, 0, 14 + len(info)) + info)
    return path


def animated_gif_named_png(path: Path) -> Path:
    """Two frames (dark, then bright) in a GIF renamed .png: the realistic way a GIF reaches the program."""
    frames = [Image.fromarray(np.full((10, 12, 3), value, np.uint8)) for value in (30, 220)]
    frames[0].save(path, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return path


def exif_rotated_jpeg(path: Path, orientation: int = 6) -> Path:
    """A 40x20 landscape JPEG whose EXIF says "rotate 90° clockwise": shown as 20x40, red marker at the top."""
    image = np.zeros((20, 40, 3), np.uint8)
    image[:, :5] = (255, 0, 0)  # left edge red: after a 90° clockwise turn it is the top edge
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.fromarray(image).save(path, "JPEG", exif=exif, quality=95)
    return path


def symlink_loop(folder: Path) -> Path:
    """``folder/sub/back`` points at ``folder``: a naive recursive scan never ends."""
    sub = folder / "sub"
    sub.mkdir(exist_ok=True)
    os.symlink(folder, sub / "back", target_is_directory=True)
    return sub / "back"


# label files -----------------------------------------------------------------------------------------------
VOC_TEMPLATE = """<annotation>
\t<filename>{filename}</filename>
\t<size><width>{width}</width><height>{height}</height><depth>3</depth></size>
{objects}</annotation>
"""


def voc_object(name: str, xmin: object, ymin: object, xmax: object, ymax: object) -> str:
    return (f"\t<object><name>{name}</name><difficult>0</difficult><bndbox><xmin>{xmin}</xmin>"
            f"<ymin>{ymin}</ymin><xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox></object>\n")


def voc_file(path: Path, objects: list[str], width: object = 48, height: object = 32,
             filename: str = "eye.png") -> Path:
    path.write_text(VOC_TEMPLATE.format(filename=filename, width=width, height=height, objects="".join(objects)),
                    encoding="utf-8")
    return path


def voc_xxe(path: Path, secret: Path) -> Path:
    """An external entity that would paste ``secret``'s content into the file name."""
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE annotation [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
                    + VOC_TEMPLATE.format(filename="&xxe;", width=48, height=32, objects=""), encoding="utf-8")
    return path


def voc_billion_laughs(path: Path, levels: int = 10) -> Path:
    """Nested entities that expand to 10**levels copies of "lol" (a few GB at 10 levels)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    doctype = "<!DOCTYPE annotation [" + "".join(entities) + "]>\n"
    path.write_text('<?xml version="1.0"?>\n' + doctype + VOC_TEMPLATE.format(
        filename=f"&lol{levels - 1};", width=48, height=32, objects=""), encoding="utf-8")
    return path


def huge_file(path: Path, size_bytes: int, head: bytes = b"", fill: bytes = b" ") -> Path:
    """``head`` followed by filler up to ``size_bytes``, written in blocks (sparse-friendly, fast)."""
    block = fill * (1 << 20)
    with open(path, "wb") as handle:
        handle.write(head)
        remaining = size_bytes - len(head)
        while remaining > 0:
            handle.write(block[:remaining])
            remaining -= len(block)
    return path


def coco_file(path: Path, images: list[dict], annotations: list[dict],
              categories: list[dict] | None = None) -> Path:
    categories = categories if categories is not None else [{"id": 1, "name": "MA"}, {"id": 2, "name": "HE"}]
    path.write_text(json.dumps({"images": images, "categories": categories, "annotations": annotations}),
                    encoding="utf-8")
    return path


def grey_mask(path: Path, width: int, height: int) -> Path:
    Image.fromarray(np.full((height, width), 255, np.uint8)).save(path)
    return path
