"""A PALETTE COLOR frame as RGB: each pixel an index into the header's red, green and blue tables (PS3.3 C.7.6.3.1.5),
as some cameras and capture cards store colour pictures. Read through the tables as a viewer shows them."""
from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset
from pydicom.pixels import apply_color_lut

PALETTE = "PALETTE COLOR"


def palette_rgb(frame: np.ndarray, dataset: Dataset) -> np.ndarray:
    """``frame`` (indexes) through ``dataset``'s colour tables, as RGB uint8 (H, W, 3); a table of 16-bit entries
    scaled to 8 bits. Raises ValueError (pydicom's) where the header holds no usable tables."""
    rgb = apply_color_lut(frame, dataset)
    if rgb.dtype == np.uint8:
        return rgb
    return ((rgb.astype(np.uint32) * 255 + 32767) // 65535).astype(np.uint8)
