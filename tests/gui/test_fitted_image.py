"""An arbitration pane's pixels: scaled fast while pixels of the size shown are on their way (a resize under way),
smoothly only for a photo smaller than its pane, and never asked for larger than the photo."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from widgets.fitted_image import FittedImage
from widgets.qimage_convert import rgb_to_shown


def checkerboard(side: int) -> QImage:
    """Black and white pixels alternating: a smooth enlargement greys them, a fast one keeps them black and white."""
    rows, columns = np.indices((side, side))
    return rgb_to_shown(np.repeat((((rows + columns) % 2) * 255).astype(np.uint8)[..., None], 3, axis=2))


def drawn(qtbot, pixels: QImage, image_size: tuple[int, int]) -> QImage:
    """What a 400 x 400 pane showing ``pixels`` of a photo of ``image_size`` draws."""
    pane = FittedImage(pixels, image_size, 50)
    qtbot.addWidget(pane)
    pane.resize(400, 400)
    return pane.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def scaled(pixels: QImage, mode: Qt.TransformationMode) -> QImage:
    return pixels.scaled(400, 400, Qt.AspectRatioMode.IgnoreAspectRatio, mode).convertToFormat(
        QImage.Format.Format_RGB32)


def test_a_preview_waiting_for_its_sharp_pixels_is_scaled_fast(qtbot) -> None:
    preview = checkerboard(100)  # of a 1000-pixel photo: 400 pixels are on their way
    assert drawn(qtbot, preview, (1000, 1000)) == scaled(preview, Qt.TransformationMode.FastTransformation)


def test_a_photo_smaller_than_its_pane_is_scaled_smoothly(qtbot) -> None:
    photo = checkerboard(100)  # its own pixels: no more will come
    assert drawn(qtbot, photo, (100, 100)) == scaled(photo, Qt.TransformationMode.SmoothTransformation)


def test_a_pane_never_wants_more_rows_than_the_photo_has(qtbot, monkeypatch) -> None:
    pane = FittedImage(checkerboard(8), (104, 59), 20)
    qtbot.addWidget(pane)
    pane.resize(500, 34)  # shown 59 x 34: at 1.75 device pixels to a pixel, 103 x 60 (rounded each way)
    monkeypatch.setattr(pane, "devicePixelRatioF", lambda: 1.75)
    assert pane.image_rect().size() == QSize(59, 34)
    assert pane.wanted_size() == QSize(104, 59)
