"""The field of view of a fundus photo: the lit disc inside the camera's black surround. Painting stays inside it
(an option, on by default), so a brush stroke at the rim never labels the black border as a lesion."""
from __future__ import annotations

import functools
from concurrent.futures import CancelledError, Future
from typing import Callable

import numpy as np

from annotations.raster import Region

DARK = 20  # brightest channel at or below this: the camera's black surround (JPEG noise stays under it)
MIN_BORDER_SHARE = 0.02  # less black than this: no surround to keep out of (a cropped or OCT image)


def field_of_view(image: np.ndarray) -> np.ndarray | None:
    """Bool mask of the lit field: per row, from the first to the last lit pixel (dark lesions inside stay in);
    None when the image has no black surround worth the name."""
    if image.ndim != 3:
        return None
    # the brightest channel, channel by channel: image.max(axis=2) takes 1.3 s on a 12 MP photo, at the first stroke
    lit = functools.reduce(np.maximum, (image[..., c] for c in range(image.shape[2]))) > DARK
    if lit.mean() > 1.0 - MIN_BORDER_SHARE or not lit.any():
        return None
    width = lit.shape[1]
    any_lit = lit.any(axis=1)
    first = np.where(any_lit, lit.argmax(axis=1), width)
    last = np.where(any_lit, width - 1 - lit[:, ::-1].argmax(axis=1), -1)
    columns = np.arange(width)[None, :]
    return (columns >= first[:, None]) & (columns <= last[:, None])


def inside(region: Region, limit: np.ndarray | None) -> Region:
    """``region`` without the pixels outside ``limit`` (None: no limit)."""
    if limit is None or not region.mask.size:
        return region
    y0, y1, x0, x1 = region.bounds
    return Region(region.mask & limit[y0:y1, x0:x1], y0, x0)


class FieldOfViewLookup:
    """The field of view of whatever photo ``image()`` returns, worked out once per photo: by a worker as soon as
    the photo is there (``expect``, app.field_of_view_ahead: on a 12 MP photo it takes 0.1-0.5 s, which the first
    stroke with Inside FOV used to spend on the GUI thread), else at the first call. A call while the worker is at
    it waits for the worker rather than do the work a second time beside it."""

    def __init__(self, image: Callable[[], np.ndarray | None]) -> None:
        self._image = image
        self._of: np.ndarray | None = None  # the photo ``_fov`` belongs to
        self._fov: Future | np.ndarray | None = None

    def expect(self, image: np.ndarray, fov: Future) -> None:
        """``fov`` will hold ``image``'s field of view."""
        self._of, self._fov = image, fov

    def __call__(self) -> np.ndarray | None:
        current = self._image()
        if current is None:
            return None
        if self._of is not current:
            self._of, self._fov = current, field_of_view(current)
        elif isinstance(self._fov, Future):
            try:
                self._fov = self._fov.result()
            except CancelledError:  # the worker never started on it
                self._fov = field_of_view(current)
        return self._fov
