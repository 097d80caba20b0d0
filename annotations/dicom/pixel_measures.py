"""The size of a frame's pixels as a DICOM header records it: Pixel Spacing (0028,0030), row spacing then column
spacing in mm. An enhanced multi-frame object (Ophthalmic Tomography) keeps it in the Pixel Measures Sequence
(0028,9110) of its functional groups, a frame's own (Per-frame, 5200,9230) before those all frames share (Shared,
5200,9229); a single-frame photo at the top level of its data set.

The most particular place holding a Pixel Spacing decides. A value that is damaged, not two positive numbers, finer
than any ophthalmic device's pixel (a value written in metres, 6.5e-6, not mm), or that would make the frame larger
than any eye (a placeholder such as 1\\1 on a frame of hundreds of pixels) says nothing: the frame is then measured in
pixels, never with a scale it does not have.
"""
from __future__ import annotations

import math
from typing import Any

from pydicom.dataset import Dataset

from annotations.pixel_spacing import PixelSpacing

# Wider or deeper than any eye (about 24 mm) with room to spare: an ultra-widefield photo spans about 40 mm of retina
MAX_EXTENT_MM = 50.0
# Finer than any ophthalmic device's pixel (an ultrahigh-resolution OCT's about 1 µm in depth): a value in metres
MIN_SPACING_MM = 0.0005


def frame_pixel_spacing(dataset: Dataset, index: int, width: int, height: int) -> PixelSpacing | None:
    """Frame ``index``'s (0-based) pixel spacing in ``dataset``, a frame ``width`` by ``height`` pixels; None where
    the header records none that can be believed."""
    try:
        for place in (_frame_group(dataset, "PerFrameFunctionalGroupsSequence", index),
                      _frame_group(dataset, "SharedFunctionalGroupsSequence", 0), dataset):
            if place is not None and "PixelSpacing" in place:
                return _believed(place.PixelSpacing, width, height)
    except Exception:  # noqa: BLE001 - a damaged header (its values read lazily) records no scale; the frame opens
        return None
    return None


def _frame_group(dataset: Dataset, keyword: str, index: int) -> Dataset | None:
    """The Pixel Measures item of item ``index`` of the functional groups sequence ``keyword``, if there is one."""
    groups = dataset.get(keyword)
    if not groups or index >= len(groups):
        return None
    measures = groups[index].get("PixelMeasuresSequence")
    return measures[0] if measures else None


def _believed(value: Any, width: int, height: int) -> PixelSpacing | None:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        return None
    row, column = float(value[0]), float(value[1])
    if not all(math.isfinite(mm) and mm >= MIN_SPACING_MM for mm in (row, column)):
        return None
    if row * height > MAX_EXTENT_MM or column * width > MAX_EXTENT_MM:
        return None
    return PixelSpacing(row, column)
