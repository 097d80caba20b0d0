"""File ▸ Rescan folder (Ctrl+R) looks at the open folder again with the open case left open (its unsaved edits and
undo kept): photos a camera saved into it since are listed, photos gone are dropped, an empty folder's first photo
opens, and a header the system failed to read (a share away) is read again."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PIL import Image

from annotations.image_io import ImageLoadError, read_image_info
from annotations.regular_files import unreadable
import app.folder_listing
from app.main_window import MainWindow
from annotations.reading.disagreement import CaseState
from tests.gui.test_double_reading_gui import disputed, window_on  # noqa: F401 - disputed is a fixture
from tests.gui.test_main_window import _fundus, fundus_folder
from tests.gui.windows import reviewer_window

def _window(qtbot, tmp_path: Path, folder: Path) -> MainWindow:
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: not window.cases.busy and window.case_list.model.rowCount() > 0, timeout=10_000)
    return window


def _listed(window: MainWindow) -> set[str]:
    model = window.case_list.model
    return {model.index(row, 0).data() for row in range(model.rowCount())}


def _rescan(qtbot, window: MainWindow) -> None:
    window.actions["rescan_folder"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Folder rescanned"), timeout=10_000)
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)


def test_new_and_deleted_photos_are_listed_and_the_open_case_keeps_its_edits(qtbot, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    window = _window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    open_id = window.cases.current_id
    window.cases.edits.set_findings("typed before the rescan")
    Image.fromarray(_fundus(5)).save(folder / "c.png")  # the camera saved another photo
    other = next(name for name in ("a.png", "b.png") if name != window.cases.doc.image_path)
    (folder / other).unlink()
    assert window.actions["rescan_folder"].shortcut().toString() == "Ctrl+R"
    _rescan(qtbot, window)
    assert _listed(window) == {window.cases.doc.image_path, "c.png"}
    assert window.cases.current_id == open_id and window.cases.doc.findings_text == "typed before the rescan"
    window.cases.undo()
    assert window.cases.doc.findings_text == ""


def test_an_empty_folder_opens_its_first_photo_once_rescanned(qtbot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ())
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: "No images in this folder" in window.notice.text(), timeout=10_000)
    Image.fromarray(_fundus(1)).save(folder / "first.png")
    _rescan(qtbot, window)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.cases.doc.image_path == "first.png"


def test_a_header_the_system_failed_to_read_is_read_again(qtbot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    away = [True]

    def header_of_share(path: Path) -> object:
        if away[0] and Path(path).name == "b.png":
            raise unreadable(path, OSError(errno.EIO, os.strerror(errno.EIO)), ImageLoadError)
        return read_image_info(path)
    monkeypatch.setattr("annotations.workspace.catalog.read_image_info", header_of_share)
    window = _window(qtbot, tmp_path, folder)
    errors = {s.image_path: s.error for s in window.cases.summaries.values()}
    assert "network share" in errors["b.png"] and errors["a.png"] is None
    away[0] = False
    _rescan(qtbot, window)
    assert all(s.error is None for s in window.cases.summaries.values())


def test_a_rescan_asked_while_the_folder_is_listed_waits(qtbot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png",))
    window = _window(qtbot, tmp_path, folder)
    window.actions["rescan_folder"].trigger()
    window.actions["rescan_folder"].trigger()  # the first one's listing is still under way
    assert "still being listed" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Folder rescanned"), timeout=10_000)


def test_a_double_read_folder_keeps_its_reading_states_while_it_is_rescanned(qtbot, tmp_path: Path,
                                                                           disputed: Path) -> None:
    """The states between the readers (disputed, agreed) stay known to the window until the rescan's own arrive:
    the findings, the B-scan bar and the arbitration read them while the scan runs."""
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    qtbot.waitUntil(lambda: not window.cases.busy and bool(window.cases.listing.reading_states), timeout=10_000)
    known = dict(window.cases.listing.reading_states)
    assert CaseState.NEEDS_ARBITRATION in known.values()
    window.actions["rescan_folder"].trigger()
    assert window.cases.listing.scanning and window.cases.listing.reading_states == known
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Folder rescanned"), timeout=10_000)
    assert window.cases.listing.reading_states == known


def test_the_open_photo_gone_since_is_said_and_its_edits_are_kept(qtbot, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Its row left the list while it stayed open and editable, the status bar saying only "Folder rescanned" (a
    screening programme's probe): the reader could not tell the photo was gone."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    window = _window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    name = window.cases.doc.image_path
    window.cases.edits.set_findings("typed before it was moved")
    (folder / name).rename(tmp_path / name)
    _rescan(qtbot, window)
    said = window.statusBar().currentMessage()
    assert f"The open photo '{name}' is no longer in the folder" in said, said
    assert window.cases.doc.findings_text == "typed before it was moved" and name not in _listed(window)


def test_a_scan_that_fails_says_so_and_the_next_rescan_lists_the_folder(qtbot, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The share went away mid-scan: the list may be out of date, and the person is told, not left to guess."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    window = _window(qtbot, tmp_path, folder)
    Image.fromarray(_fundus(5)).save(folder / "c.png")
    real = app.folder_listing.sync_batches

    def share_away(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - sync_batches' signature
        raise OSError(errno.EHOSTDOWN, os.strerror(errno.EHOSTDOWN), str(folder))
    monkeypatch.setattr(app.folder_listing, "sync_batches", share_away)
    window.actions["rescan_folder"].trigger()
    qtbot.waitUntil(lambda: "could not be listed to the end" in window.statusBar().currentMessage(), timeout=10_000)
    said = window.statusBar().currentMessage()
    assert said.startswith(f"{folder} could not be listed to the end (") and "Host is down" in said
    assert said.endswith("the list shows its cases as last listed; File ▸ Rescan folder (Ctrl+R) tries again")
    assert _listed(window) == {"a.png", "b.png"}
    monkeypatch.setattr(app.folder_listing, "sync_batches", real)
    _rescan(qtbot, window)
    assert _listed(window) == {"a.png", "b.png", "c.png"}
