"""numpy <-> QImage without copying where the memory layouts agree.

A QImage made here points at the numpy buffer (PySide6 keeps a reference to it for the QImage's lifetime), so
writing into the array changes what is drawn next. Callers keep the array too and never paint into the QImage
through Qt (that could detach a shared copy and silently stop following the array).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPixmap


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """Wrap an (H, W, 3) or (H, W) uint8 image; copies only when rows are not contiguous."""
    if rgb.dtype != np.uint8 or rgb.ndim not in (2, 3) or (rgb.ndim == 3 and rgb.shape[2] != 3):
        raise ValueError(f"expected an (H, W, 3) or (H, W) uint8 image, got {rgb.shape} {rgb.dtype}")
    if not _rows_contiguous(rgb):
        rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    image_format = QImage.Format.Format_RGB888 if rgb.ndim == 3 else QImage.Format.Format_Grayscale8
    return QImage(rgb, width, height, rgb.strides[0], image_format)


def rgb_to_shown(rgb: np.ndarray) -> QImage:
    """A copy of an (H, W, 3) uint8 image in the format a pixmap keeps (RGB32): made on a worker, it becomes a
    pixmap without a conversion on the GUI thread (4 ms for three 2500-pixel panes otherwise)."""
    return rgb_to_qimage(rgb).convertToFormat(QImage.Format.Format_RGB32)


def argb_buffer(height: int, width: int) -> tuple[np.ndarray, QImage]:
    """A transparent (H, W) uint32 buffer and the premultiplied ARGB32 QImage that shows it.

    Each uint32 is 0xAARRGGBB (native little-endian order is what Qt's ARGB32 formats use); colours must be
    premultiplied by alpha.
    """
    buffer = np.zeros((height, width), dtype=np.uint32)
    return buffer, argb_to_qimage(buffer)


def argb_to_qimage(buffer: np.ndarray) -> QImage:
    """Wrap an existing C-contiguous (H, W) uint32 premultiplied-ARGB buffer."""
    if buffer.dtype != np.uint32 or buffer.ndim != 2 or not buffer.flags.c_contiguous:
        raise ValueError(f"expected a C-contiguous (H, W) uint32 buffer, got {buffer.shape} {buffer.dtype}")
    height, width = buffer.shape
    return QImage(buffer, width, height, buffer.strides[0], QImage.Format.Format_ARGB32_Premultiplied)


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """Copy a QImage of any format into an (H, W, 3) uint8 array (for tests and screenshots, not hot paths)."""
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    height, width = converted.height(), converted.width()
    rows = np.frombuffer(converted.constBits(), dtype=np.uint8, count=converted.bytesPerLine() * height)
    return rows.reshape(height, converted.bytesPerLine())[:, : width * 3].reshape(height, width, 3).copy()


def pack_argb(red: int, green: int, blue: int, alpha: int = 255) -> int:
    """One premultiplied 0xAARRGGBB value."""
    scale = alpha / 255.0
    return (alpha << 24) | (round(red * scale) << 16) | (round(green * scale) << 8) | round(blue * scale)


def _rows_contiguous(array: np.ndarray) -> bool:
    item = array.itemsize * (array.shape[2] if array.ndim == 3 else 1)
    inner_ok = array.ndim == 2 or array.strides[2] == array.itemsize
    return inner_ok and array.strides[1] == item and array.strides[0] >= array.shape[1] * item


def encoded(picture: QImage | QPixmap, file_format: str) -> bytes | None:
    """The picture as a file of ``file_format`` ("PNG", "JPG" …) holds it, for an atomic write; None when Qt
    cannot write that format."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return bytes(data.data()) if picture.save(buffer, file_format) else None


def writes_format(file_format: str) -> bool:
    """Whether ``encoded`` writes ``file_format``: asked before a picture is taken (`open --screenshot`)."""
    return encoded(QImage(1, 1, QImage.Format.Format_RGB32), file_format) is not None
