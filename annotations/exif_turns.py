"""Labels drawn on a photo's stored pixels, turned as the program shows the photo: loading applies its EXIF
orientation (image_io), while a tool that ignores it (labelImg) draws on the pixels as stored. The turns are
Pillow's, as ImageOps.exif_transpose makes them, so labels and pixels turn alike."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image

from annotations.document import Box

_T = Image.Transpose
TURNS: dict[int, Image.Transpose] = {2: _T.FLIP_LEFT_RIGHT, 3: _T.ROTATE_180, 4: _T.FLIP_TOP_BOTTOM, 5: _T.TRANSPOSE,
                                     6: _T.ROTATE_270, 7: _T.TRANSVERSE, 8: _T.ROTATE_90}  # EXIF orientation -> turn
AXES_SWAPPED = frozenset({5, 6, 7, 8})  # the orientations that show a photo stored W x H as H x W
# mirrored or turned half round: shown at its stored size, so labels drawn on it as stored look like any others
SIZE_KEPT = frozenset({2, 3, 4})


def turned_mask(mask: np.ndarray, orientation: int) -> np.ndarray:
    """A label mask of the stored pixels as the photo is shown."""
    turn = TURNS.get(orientation)
    return mask if turn is None else np.asarray(Image.fromarray(mask).transpose(turn))


def turned_box(box: Box, orientation: int, width: int, height: int) -> Box:
    """A box on the stored ``width`` x ``height`` pixels as the photo is shown; a corner on the far edge (a VOC file's
    xmax == width) counts as the last pixel, which it covers."""
    turn = TURNS.get(orientation)
    if turn is None:
        return box
    x0, y0 = box.xmin, box.ymin
    x1, y1 = min(box.xmax, width - 1), min(box.ymax, height - 1)
    xs, ys = zip(*(_turned_pixel(x, y, turn, width, height) for x, y in ((x0, y0), (x1, y1))))
    return replace(box, xmin=min(xs), ymin=min(ys), xmax=max(xs), ymax=max(ys))


def _turned_pixel(x: int, y: int, turn: Image.Transpose, width: int, height: int) -> tuple[int, int]:
    right, bottom = width - 1, height - 1
    return {_T.FLIP_LEFT_RIGHT: (right - x, y), _T.ROTATE_180: (right - x, bottom - y),
            _T.FLIP_TOP_BOTTOM: (x, bottom - y), _T.TRANSPOSE: (y, x), _T.ROTATE_270: (bottom - y, x),
            _T.TRANSVERSE: (bottom - y, right - x), _T.ROTATE_90: (y, right - x)}[turn]
