"""A window as most GUI tests want it: shown, a reader named "tester", no analysis on opening, a folder opening."""
from __future__ import annotations

from pathlib import Path

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues


def reviewer_window(qtbot, tmp_path: Path, folder: Path) -> MainWindow:  # noqa: ANN001 - pytest-qt's qtbot
    """The window on ``folder``, its settings in ``tmp_path``; its opening has started, not ended."""
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_paths([folder])
    return window
