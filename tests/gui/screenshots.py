"""GUI tests keep the pictures they take only where RETINA_REVIEW_SCREENSHOTS names a folder: a plain test run
leaves no PNGs behind (tests/unit/test_no_stray_screenshots.py holds the GUI tests to it)."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget


def screenshot_folder() -> Path | None:
    """Where pictures go, None when no folder is asked for (a test that only takes pictures skips then)."""
    folder = os.environ.get("RETINA_REVIEW_SCREENSHOTS")
    return Path(folder) if folder else None


def keep_screenshot(picture: QWidget | QImage, name: str) -> None:
    """Save ``picture`` (a widget is grabbed) as ``name`` in the screenshot folder when one is asked for."""
    folder = screenshot_folder()
    if folder is not None:
        image = picture.grab() if isinstance(picture, QWidget) else picture
        assert image.save(str(folder / name)), folder / name
