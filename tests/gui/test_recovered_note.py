"""After a crash the folder's opening recovers the unsaved edits of some cases and saves them; the status bar said
which to check for 15 seconds only. A note over the photo names those not opened since, its button opens the next,
and it goes once each was opened (in English and in Chinese); the status bar no longer says it too, cut short."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import ReaderGrade
from annotations.workspace import Workspace
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.unit.reading_fixtures import image_folder
from tests.unit.test_workspace_recovery import fake_dead_owner
from widgets.breakable_text import ZERO_WIDTH_SPACE


def note_text(window: MainWindow) -> str:
    """The recovered cases' note as shown, "" while it is hidden."""
    bar = window.recovered_bar
    return bar.label.text().replace(ZERO_WIDTH_SPACE, "") if bar.isVisible() else ""


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_recovered_cases_are_named_until_each_is_opened(qtbot, request, tmp_path: Path, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese_interface")
    folder = image_folder(tmp_path / "photos", count=4)
    crashed = Workspace.open(folder)
    ids = {case.image_path: case.case_id for case in crashed.cases()}
    for name in ("img1.png", "img3.png"):  # edited, autosaved, and then the program crashed
        doc = crashed.load_case(ids[name])
        doc.grade = ReaderGrade(dr_grade=2)
        crashed.autosave(doc)
    fake_dead_owner(crashed.sidecar / "lock")
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    said_below: list[str] = []
    window.statusBar().messageChanged.connect(said_below.append)
    try:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["img0.png"],
                        timeout=20_000)
        qtbot.waitUntil(lambda: "'img3.png'" in note_text(window), timeout=5_000)
        said = note_text(window)
        assert "'img1.png'" in said and "'img0.png'" not in said and (("崩溃" in said) == (language == "zh_CN"))
        assert not [text for text in said_below if "'img1.png'" in text]  # the note says it whole, the status bar not
        window.recovered_bar.button.click()  # Open next
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["img1.png"],
                        timeout=10_000)
        assert "'img1.png'" not in note_text(window) and "'img3.png'" in note_text(window)  # opened: checked
        window.recovered_bar.button.click()
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["img3.png"],
                        timeout=10_000)
        assert not window.recovered_bar.isVisible()  # each looked at: nothing left to say
    finally:
        window.close()
