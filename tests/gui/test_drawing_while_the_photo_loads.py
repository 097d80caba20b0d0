"""A drag begun on a case whose photo is still loading (D, then a stroke at once: 60-220 ms on a 12 MP photo) kept
no tool to draw with and panned the view instead, the stroke dropped unseen. The view now stays still and the status
bar says to draw again; the chosen tool is back once the photo is there."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import _ids, _window, fundus_folder
from widgets.tools.waiting_view import WaitingView


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))


def test_a_drag_before_the_photo_is_there_keeps_the_view_still_and_says_so(qtbot, window: MainWindow) -> None:
    window.annotation.choose_tool("brush")
    canvas = window.canvas
    canvas.zoom_by(4)  # room to pan
    scroll = (canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value())
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    window.cases.select_case(_ids(window)["b.png"])  # its pixels are decoded off the GUI thread: not here yet
    assert isinstance(canvas.tool(), WaitingView) and window.cases.image is None
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    qtbot.mouseMove(viewport, QPoint(100, 120))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(100, 120))
    assert (canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value()) == scroll
    assert any("still loading" in text for text in said)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert canvas.tool() is window.annotation.views["brush"]


def test_look_mode_pans_while_the_photo_loads(qtbot, window: MainWindow) -> None:
    window.annotation.choose_tool("none")
    window.cases.select_case(_ids(window)["b.png"])
    assert window.canvas.tool() is None  # a left-drag pans, as in any image viewer
