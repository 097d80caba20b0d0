"""A second person who types a reader name already in use on another computer opens that reader's store read-only;
the Chinese window said 主机 ward-pc 上的进程 4242 and never which reader name was taken. It names it now."""
from __future__ import annotations

import re
import socket
from pathlib import Path

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import image_folder
from widgets.breakable_text import ZERO_WIDTH_SPACE


def test_the_chinese_window_names_the_reader_name_in_use_and_its_computer(qtbot, chinese_interface,
                                                                          tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "photos", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False, reader="王芳"))
    with open_reader(folder, "王芳"):  # the same name, in the window of a colleague
        window = MainWindow(settings)
        qtbot.addWidget(window)
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: not window.read_only_bar.isHidden(), timeout=20_000)  # why read-only (read_only_note)
        shown = window.read_only_bar.label.text().replace(ZERO_WIDTH_SPACE, "")
        assert "只读" in shown
        assert re.search(f"阅片者 ?王芳，主机 {re.escape(socket.gethostname())} 上的进程", shown), shown
        assert "如果那不是您，请在设置中填写您自己的阅片者姓名" in shown
        window.close()
