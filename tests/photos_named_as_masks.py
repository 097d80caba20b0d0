"""Photos named as masks of others (``histeq/P1_HE.png``: P1 histogram-equalised, beside ``orig/P1.png``), which
photo_sorter tells from masks by their headers, and a spy on those header reads (20 ms each on a share)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pytest
from PIL import Image

from annotations.formats import masks


def photo_study(root: Path, stems: Sequence[str] = ("P1", "P2"), shape: tuple[int, int] = (24, 40)) -> list[str]:
    """Writes each stem's colour photo as ``orig/STEM.png`` and again as ``histeq/STEM_HE.png``; returns their paths
    relative to ``root``, sorted as a listing gives them."""
    written: list[str] = []
    for number, stem in enumerate(stems):
        pixels = np.random.default_rng(number).integers(0, 256, (*shape, 3), np.uint8)
        for name in (f"orig/{stem}.png", f"histeq/{stem}_HE.png"):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(pixels).save(root / name)
            written.append(name)
    return sorted(written)


@pytest.fixture
def headers_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose header mode is read, in the order read: every such read goes through
    masks._header_mode (photo_sorter's through has_photo_mode, an import's through has_indexed_mode)."""
    read: list[str] = []
    real = masks._header_mode
    monkeypatch.setattr(masks, "_header_mode", lambda path: read.append(Path(path).name) or real(path))
    return read
