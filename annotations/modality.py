"""Is an image an OCT B-scan or a fundus photo? Decided by its name, else by its pixels; the window, the command
line and the report decide alike because they all ask here."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from annotations.document import Modality

_OCT_NAME = re.compile(r"(^|[^a-z])oct([^a-z]|$)", re.IGNORECASE)
OCT_MIN_ASPECT = 2.0  # wider than any fundus camera frame


def image_looks_like_oct(path: str | Path, image: np.ndarray | None) -> bool:
    """OCT by name (a folder or file called *OCT*), or by pixels: grey, or grey-ish and very wide."""
    if any(_OCT_NAME.search(part) for part in Path(path).parts[-3:]):
        return True
    if image is None or image.ndim != 3:
        return False
    sample = image[:: max(1, image.shape[0] // 64), :: max(1, image.shape[1] // 64)].astype(np.int16)
    spread = float(np.abs(sample[..., 0] - sample[..., 1]).mean() + np.abs(sample[..., 1] - sample[..., 2]).mean())
    aspect = image.shape[1] / max(1, image.shape[0])
    return spread < 2.0 or (spread < 8.0 and aspect >= OCT_MIN_ASPECT)


def guess_modality(path: str | Path, image: np.ndarray | None) -> Modality:
    return Modality.OCT if image_looks_like_oct(path, image) else Modality.FUNDUS
