"""A grey frame's display levels as its header asks: the rescale (Modality LUT), then the window or VOI LUT.

An OCT device or a 16-bit camera often stores values in a narrow part of their range and says in the header which
part to show (Window Center/Width, or a VOI LUT table); shown over the whole range instead, such a B-scan is black
and the analysis finds it too dark. An enhanced multi-frame object (an OCT volume) gives these per frame, in its
functional groups: a frame's own override the shared ones, which override the data set's.
"""
from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.pixels import apply_modality_lut, apply_voi

_LEVEL_KEYS = ("RescaleSlope", "RescaleIntercept", "ModalityLUTSequence", "WindowCenter", "WindowWidth",
               "VOILUTFunction", "VOILUTSequence")
_FRAME_MACROS = ("PixelValueTransformationSequence", "FrameVOILUTSequence")  # where functional groups hold them


def windowed_levels(frame: np.ndarray, dataset: Dataset, index: int) -> np.ndarray | None:
    """Frame ``index`` of ``dataset`` (its pixels ``frame``, grey) as display levels 0-255 (float), before any
    MONOCHROME1 inversion; None where the header gives no window or VOI LUT, or one that cannot be used (the
    frame is then shown over its stored range, as a viewer would)."""
    levels = _levels_of_frame(dataset, index)
    try:
        if levels.get("VOILUTSequence"):
            table_bits = int(levels.VOILUTSequence[0].LUTDescriptor[2])
            shown = apply_voi(apply_modality_lut(frame, levels).astype(np.int64), levels)
            return shown.astype(np.float32) * (255.0 / (2**table_bits - 1))
        if "WindowCenter" in levels and "WindowWidth" in levels:
            return _window(apply_modality_lut(frame, levels), _first(levels.WindowCenter),
                           _first(levels.WindowWidth), str(levels.get("VOILUTFunction", "") or "LINEAR").upper())
    except (AttributeError, IndexError, KeyError, TypeError, ValueError, OverflowError):
        return None  # a damaged window leaves the frame shown, not refused
    return None


def _levels_of_frame(dataset: Dataset, index: int) -> Dataset:
    """The rescale and window attributes that hold for frame ``index``, gathered into one data set."""
    levels = Dataset()
    levels.file_meta = dataset.file_meta  # a LUT's 16-bit words are read in the file's byte order
    sources = [dataset]
    for groups, number in (("SharedFunctionalGroupsSequence", 0), ("PerFrameFunctionalGroupsSequence", index)):
        items = dataset.get(groups) or []
        if number < len(items):
            sources += [items[number][macro][0] for macro in _FRAME_MACROS if items[number].get(macro)]
    for source in sources:
        for key in _LEVEL_KEYS:
            if key in source:
                levels[key] = source[key]
    return levels


def _first(value: object) -> float:
    """A header may offer several windows: the first is the device's choice (pydicom and viewers take it too)."""
    return float(value[0] if isinstance(value, MultiValue) else value)


def _window(values: np.ndarray, centre: float, width: float, function: str) -> np.ndarray:
    """PS3.3 C.11.2.1.2 (LINEAR) and C.11.2.1.3 (LINEAR_EXACT, SIGMOID), to 0-255."""
    values = np.asarray(values, dtype=np.float32)
    if function == "SIGMOID":
        if width <= 0:
            raise ValueError("a sigmoid window needs a positive width")
        return 255.0 / (1.0 + np.exp(-4.0 * (values - centre) / width))
    if function == "LINEAR":
        if width < 1:
            raise ValueError("a linear window needs a width of at least 1")
        centre, width = centre - 0.5, width - 1
    elif function != "LINEAR_EXACT" or width <= 0:
        raise ValueError(f"window function {function!r} with width {width}")
    if width == 0:  # a width of 1: a threshold at the centre
        return np.where(values > centre, 255.0, 0.0).astype(np.float32)
    return np.clip((values - centre) / width + 0.5, 0.0, 1.0) * 255.0
