"""What the arbiter looks at: each reading's labels over the same photo, and where their masks differ.

Rendered at display size: the photo is averaged down, the masks are reduced with OR (a pixel shown is
labelled when any pixel it covers is), so a microaneurysm of two pixels stays visible on a 4288-pixel photo.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.dicom import bscan_address
from annotations.image_io import load_image
from annotations.reading.disagreement import BOTH, ONLY_A, ONLY_B, Comparison, class_disagreement, compare_readings
from annotations.reading import messages as msg
from annotations.reading.readers import Reading, load_readings
from annotations.reading.settings import load_settings
from annotations.render import overlay_mask

# Disagreement colours: only the first reading orange, only the second sky blue, both white.
CODE_COLOURS = {ONLY_A: (255, 140, 0), ONLY_B: (0, 176, 255), BOTH: (255, 255, 255)}
DISPLAY_SIDE = 1024


class TooFewReadings(ValueError):
    """A case with fewer than two submitted readings; the message leaves naming the case to the caller, who says it
    as the person sees it."""

    def __init__(self, count: int) -> None:
        super().__init__(msg.TOO_FEW_READINGS.format(count=count))
        self.count = count


@dataclass
class ArbitrationCase:
    """Two readings of one case prepared for display (first two submitted readings, by reader name)."""

    case_id: str
    image_path: str
    readings: list[Reading]
    comparison: Comparison
    panes: list[np.ndarray] = field(default_factory=list)  # one RGB overlay per reading
    disagreement: dict[LesionClass | None, np.ndarray] = field(default_factory=dict)  # None: every class


def reduce_bits(bits: np.ndarray, factor: int) -> np.ndarray:
    """Shrink a bit-per-class mask by ``factor`` keeping every bit set anywhere in a block."""
    if factor <= 1:
        return bits
    height, width = bits.shape
    padded = np.zeros((math.ceil(height / factor) * factor, math.ceil(width / factor) * factor), np.uint8)
    padded[:height, :width] = bits
    blocks = padded.reshape(padded.shape[0] // factor, factor, padded.shape[1] // factor, factor)
    return np.bitwise_or.reduce(np.bitwise_or.reduce(blocks, axis=3), axis=1)


def disagreement_rgb(image: np.ndarray, bits_a: np.ndarray, bits_b: np.ndarray,
                     classes: tuple[LesionClass, ...] = LESION_CLASSES) -> np.ndarray:
    """The photo, dimmed, with every pixel of ``classes`` coloured by who labelled it (CODE_COLOURS)."""
    out = (image.astype(np.float32) * 0.5).astype(np.uint8)
    for cls in classes:
        codes = class_disagreement(bits_a, bits_b, cls)
        for code, colour in CODE_COLOURS.items():
            out[codes == code] = colour
    return out


def prepare_arbitration(folder: Path, case_id: str, side: int = DISPLAY_SIDE) -> ArbitrationCase:
    """Load the case's submitted readings and its photo, and render both readings and the disagreement map.

    Raises TooFewReadings when fewer than two readings were submitted (nothing to arbitrate yet)."""
    settings = load_settings(folder)
    readings = [r for r in load_readings(folder, case_id) if r.submitted][:2]
    if len(readings) < 2:
        raise TooFewReadings(len(readings))
    a, b = readings[0].doc, readings[1].doc
    image = load_image(Path(folder) / a.image_path)
    factor = max(1, math.ceil(max(image.shape[:2]) / side))
    small = np.asarray(Image.fromarray(image).reduce(factor)) if factor > 1 else image
    bits = [reduce_bits(r.doc.mask, factor)[:small.shape[0], :small.shape[1]] for r in readings]
    case = ArbitrationCase(case_id, bscan_address(Path(folder), a.image_path), readings,
                           compare_readings(a, b, settings.dice_threshold))
    case.panes = [overlay_mask(small, mask) for mask in bits]
    case.disagreement = {None: disagreement_rgb(small, *bits)}
    case.disagreement.update({cls: disagreement_rgb(small, *bits, classes=(cls,)) for cls in LESION_CLASSES})
    return case

