"""Why a folder opened read-only (another window holds it) is a long text, a path in it: the status bar cut it short
("…", whole only in its tooltip) and dropped it after 15 seconds. It is said whole, wrapped, over the photo, for as
long as the folder is open, in English and in Chinese, and goes with the folder."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from annotations.workspace import Workspace
from app.inference_messages import shown_message
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.unit.reading_fixtures import image_folder
from widgets.breakable_text import ZERO_WIDTH_SPACE


def shown_whole(window: MainWindow, text: str) -> bool:
    """``text`` is on screen whole, in a label (not cut short in the status bar, nor only in a tooltip)."""
    return any(label.isVisible() and label.text().replace(ZERO_WIDTH_SPACE, "") == text
               for label in window.findChildren(QLabel))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_folder_open_elsewhere_says_why_whole_at_1280_px(qtbot, request, tmp_path: Path, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese_interface")
    folder = image_folder(tmp_path / "photos-of-the-diabetic-retinopathy-screening-clinic-2026", count=1)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False, reader="Anna"))
    held = Workspace.open(folder, reader="Bob")  # another window's
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    try:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=20_000)
        reason = shown_message(window.cases.workspace.read_only_reason)
        assert str(folder) in reason and ("Bob" in reason) and (("只读" in reason) == (language == "zh_CN"))
        qtbot.waitUntil(lambda: shown_whole(window, reason), timeout=5_000)
        assert window.width() == 1280  # wrapped, the long folder name too: the window is not widened
        assert reason not in window.statusBar().currentMessage()  # said once, not again cut short there
        window.cases.close_workspace()
        assert not shown_whole(window, reason)
    finally:
        window.close()
        held.close()
