"""A double-read folder on a slow network share: the window's title says who works as what (reader or arbiter)
from the reading settings read as the folder opened, off the GUI thread. It read the folder's reading.json again on
the GUI thread at each case switch, twice (as the case was asked for, and as it opened), and the window froze for
each read."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.slow_share import SlowShare
from tests.gui.test_double_reading_gui import window_on
from tests.unit.reading_fixtures import case_of, image_folder, read_case


@pytest.fixture
def double_read(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    return folder


@pytest.mark.parametrize(("person", "title"), [("Anna", "Anna, reader"), ("Dr Arbiter", "Dr Arbiter, arbiter")])
def test_a_case_switch_names_the_reader_in_the_title_without_reading_the_settings_again(
        qtbot, tmp_path: Path, double_read: Path, monkeypatch: pytest.MonkeyPatch, person: str, title: str) -> None:
    window = window_on(qtbot, tmp_path, double_read, person)
    window.show()
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    assert title in window.windowTitle()
    share = SlowShare(double_read, monkeypatch)
    share.slow = True
    window.cases.select_case(case_of(1))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.windowTitle().startswith("img1.png") and title in window.windowTitle()
    assert share.on_gui_thread == []
    window.close()
