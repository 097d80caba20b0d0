"""A folder opened the first time on a slow share: its list shows the photos as the walk finds them and the first one
listed opens, while the headers of files named as masks (histeq/, seconds on a share) are still being read;
before, the list stayed empty until every header was read. Rows that come later, some sorting above it, neither open
another case nor move the selection off it, and the order the person chose meanwhile holds."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import annotations.formats.photo_modes as photo_modes
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window

WAIT_MS = 10_000
FIRST = ["z.png", "a/p0.png", "a/p1.png"]  # found before histeq/'s headers are read: the folder's own photos first
LATER = ["histeq/p0_HE.png", "histeq/p1_HE.png"]  # colour photos named as masks of a/'s: their headers tell


def test_the_list_fills_as_the_photos_are_found(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("z.png",))
    for name in FIRST[1:] + LATER:
        (folder / name).parent.mkdir(exist_ok=True)
        shutil.copyfile(folder / "z.png", folder / name)
    reached, go, real = threading.Event(), threading.Event(), photo_modes.has_photo_mode

    def slow_share(path: str) -> bool:
        reached.set()
        go.wait(WAIT_MS / 1000)
        return real(path)
    monkeypatch.setattr(photo_modes, "has_photo_mode", slow_share)
    window = reviewer_window(qtbot, tmp_path, folder)
    opened: list[str] = []
    window.cases.case_opened.connect(lambda doc, history: opened.append(doc.image_path))
    model = window.case_list.model
    try:
        qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: model.rowCount() == len(FIRST) and window.cases.image is not None, timeout=WAIT_MS)
        assert not go.is_set() and window.cases.listing.scanning  # the first header still being read
        assert len(opened) == 1 and opened[0] in FIRST
        assert window.case_list.current_case_id() == window.cases.current_id
        window.case_list.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the person sorts meanwhile
        qtbot.waitUntil(lambda: not window.case_list.pending, timeout=WAIT_MS)
    finally:
        go.set()
    qtbot.waitUntil(lambda: not window.cases.busy and not window.case_list.pending
                    and model.rowCount() == len(FIRST + LATER), timeout=WAIT_MS)
    paths = [window.cases.summaries[case_id].image_path for case_id in window.case_list.visible_case_ids()]
    assert paths == sorted(FIRST + LATER, reverse=True)
    assert len(opened) == 1  # no other case opened as rows came, some sorting above it
    assert window.case_list.current_case_id() == window.cases.current_id
    assert window.case_list.selected_case_ids() == [window.cases.current_id]
