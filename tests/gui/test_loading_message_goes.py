"""A stroke begun right after D, while the next photo loads, is refused with "The photo is still loading: draw again
in a moment". Once the photo was there the bar went on saying so for its 15 s, also on the next case: the annotator
waited for a load long over. The sentence goes as the photo arrives."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from tests.gui.test_annotation_tools import window_drag
from tests.gui.windows import reviewer_window

STILL_LOADING = "The photo is still loading: draw again in a moment"


def test_the_still_loading_sentence_goes_once_the_photo_is_shown(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for name in ("a.png", "b.png"):
        Image.fromarray(np.full((150, 200, 3), (190, 120, 60), dtype=np.uint8)).save(folder / name)
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: bool(window.annotation.views), timeout=20_000)
    qtbot.keyClick(window.canvas, Qt.Key.Key_B)
    qtbot.keyClick(window.canvas, Qt.Key.Key_D)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])  # before the next photo is read
    assert window.statusBar().currentMessage() == STILL_LOADING
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b.png"
                    and bool(window.annotation.views), timeout=20_000)
    assert window.statusBar().currentMessage() == ""
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    assert window.cases.doc.mask.any()
