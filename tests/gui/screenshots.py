"""GUI tests keep the pictures they take only where RETINA_REVIEW_SCREENSHOTS names a folder: a plain test run
leaves no PNGs behind (tests/unit/test_no_stray_screenshots.py holds the GUI tests to it)."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget


def keep_screenshot(picture: QWidget | QImage, name: str) -> None:
    """Save ``picture`` (a widget is grabbed) as ``name`` in the screenshot folder when one is asked for."""
    folder = os.environ.get("RETINA_REVIEW_SCREENSHOTS")
    if folder:
        image = picture.grab() if isinstance(picture, QWidget) else picture
        image.save(str(Path(folder) / name))
