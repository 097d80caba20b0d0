"""An analysis of a multi-page TIFF that is no volume (colour pages: a photo series saved as one file) says that only
its first page was analysed, as such a TIFF opens as one picture: the result's warnings keep it (the window's
findings, `analyze`'s JSON notes). A TIFF of grey pages of one size is a volume (tests/unit/test_tiff_volume.py)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from inference.messages import FIRST_PAGE_ANALYSED
from inference.pipeline import analyze


def tiff(path: Path, pages: int) -> Path:
    frames = [Image.fromarray(np.full((24, 40, 3), 30 + 40 * number, np.uint8)) for number in range(pages)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return path


def test_a_multi_page_tiffs_analysis_says_only_its_first_page_was_analysed(tmp_path: Path) -> None:
    outcomes = analyze([tiff(tmp_path / "vol.tif", 3), tiff(tmp_path / "one.tif", 1)], None, device="cpu")
    assert [outcome.error for outcome in outcomes] == [None, None]
    assert FIRST_PAGE_ANALYSED.format(pages=3) in outcomes[0].result.warnings
    assert not any("TIFF" in text for text in outcomes[1].result.warnings)
