"""A folder's listing can be stopped part-way (the status bar's Stop beside its progress, or Esc anywhere in the
window that has no other use for it): the cases listed so far stay listed, nothing of the folder changes, the status
bar says how far it got and that File ▸ Rescan folder lists the rest, which it does. A photo removed since is dropped
once every photo was found; stopped before, the status bar says the list is the earlier listing. Its progress moves on
a rescan where nothing changed."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import Qt

import annotations.workspace.catalog as catalog
from app.main_window import MainWindow
from tests.gui.test_annotation_tools import window_drag
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window

NAMES = tuple(f"p{number}.png" for number in range(8))
WAIT_S = 10


class _Hold:
    """A slow share: the scan's look at photo ``name`` waits until ``go`` is set, saying it got there (``reached``)."""

    def __init__(self, name: str) -> None:
        self.name, self.reached, self.go = name, threading.Event(), threading.Event()

    def at(self, name: str) -> None:
        if name == self.name and not self.go.is_set():
            self.reached.set()
            self.go.wait(WAIT_S)


def _listed(window: MainWindow) -> set[str]:
    model = window.case_list.model
    return {model.index(row, 0).data() for row in range(model.rowCount())}


def _files(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` but the index (the sidecar's case files among them), with its modification time."""
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns for path in folder.rglob("*")
            if path.is_file() and not path.name.startswith("index.db")}


def _held(qtbot, window: MainWindow, hold: _Hold) -> None:
    qtbot.waitUntil(hold.reached.is_set, timeout=WAIT_S * 1000)
    qtbot.waitUntil(lambda: window.status.stop_scan_button.isVisible(), timeout=WAIT_S * 1000)


def _rescan(qtbot, window: MainWindow) -> None:
    window.actions["rescan_folder"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Folder rescanned"), timeout=WAIT_S * 1000)
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=WAIT_S * 1000)


def test_stop_keeps_the_cases_listed_so_far_and_a_rescan_lists_the_rest(qtbot, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, NAMES)
    hold, real = _Hold("p3.png"), catalog.read_image_info
    monkeypatch.setattr(catalog, "read_image_info", lambda path: hold.at(Path(path).name) or real(path))
    window = reviewer_window(qtbot, tmp_path, folder)  # a first opening: every photo's header is read
    _held(qtbot, window, hold)
    assert window.status.scan_label.text().startswith("Listing the folder")
    before = _files(folder)
    qtbot.mouseClick(window.status.stop_scan_button, Qt.MouseButton.LeftButton)
    assert not window.status.stop_scan_button.isEnabled()  # said at once; the header being read is read first
    hold.go.set()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=WAIT_S * 1000)
    assert _listed(window) == {"p0.png", "p1.png", "p2.png", "p3.png"}
    assert window.statusBar().currentMessage() == ("Listing stopped while the photos were being found: the 4 found "
                                                   "first are listed; File ▸ Rescan folder (Ctrl+R) lists them all")
    assert not window.status.scan_label.isVisible() and not window.status.stop_scan_button.isVisible()
    assert _files(folder) == before  # no photo, case file or note touched by stopping
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=WAIT_S * 1000)  # the window works on
    listed = [summary.case_id for summary in window.cases.summaries.values()]
    qtbot.waitUntil(lambda: all(map(window.case_list.model.has_thumbnail, listed)), timeout=WAIT_S * 1000)
    _rescan(qtbot, window)
    assert _listed(window) == set(NAMES)


def _rescan_held(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                 removed: str | None = None) -> tuple[MainWindow, _Hold]:
    """A rescan (photos added since, the photo ``removed`` deleted) held at p5.png, with a case open on the canvas,
    the window active."""
    folder = fundus_folder(tmp_path, monkeypatch, NAMES[:4])
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: not window.cases.busy and window.cases.image is not None, timeout=WAIT_S * 1000)
    for name in NAMES[4:]:
        (folder / name).write_bytes((folder / "p0.png").read_bytes())
    if removed is not None:
        (folder / removed).unlink()
    hold, real = _Hold("p5.png"), catalog.header_current
    monkeypatch.setattr(catalog, "header_current", lambda row, stat: hold.at(row["image_path"]) or real(row, stat))
    window.actions["rescan_folder"].trigger()
    _held(qtbot, window, hold)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_S * 1000)
    return window, hold


def _stopped_at(qtbot, window: MainWindow, hold: _Hold, said: str) -> None:  # noqa: ANN001
    """Stopped at once; once the held header is read, the status bar's message starts with ``said``."""
    assert not window.status.stop_scan_button.isEnabled()
    hold.go.set()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=WAIT_S * 1000)
    assert window.statusBar().currentMessage().startswith(said)


def test_esc_on_the_canvas_stops_the_listing_when_no_tool_uses_it(qtbot, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A rescan (photos added since) with a case open on the canvas: Esc clears a measurement first."""
    window, hold = _rescan_held(qtbot, tmp_path, monkeypatch)
    window.canvas.setFocus()
    window.annotation.choose_tool("ruler")
    window_drag(window, [(20, 20), (50, 60)])
    ruler = window.annotation.views["ruler"].tool
    assert ruler.measurement is not None
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert ruler.measurement is None and window.status.stop_scan_button.isEnabled()  # the ruler's Esc alone
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    _stopped_at(qtbot, window, hold, "Listing stopped part-way: 6 of 8 photos checked")
    assert _listed(window) == set(NAMES[:6])


def test_esc_in_the_case_list_stops_the_listing_and_in_the_findings_hands_back_the_keyboard(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Esc stopped the listing only on the canvas: in the case list it did nothing. The findings box keeps its own."""
    window, hold = _rescan_held(qtbot, tmp_path, monkeypatch)
    window.actions["write_findings"].trigger()
    qtbot.keyClick(window.findings.findings_text, Qt.Key.Key_Escape)
    assert window.canvas.hasFocus() and window.status.stop_scan_button.isEnabled()  # the box's Esc alone
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Escape)
    _stopped_at(qtbot, window, hold, "Listing stopped part-way: 6 of 8 photos checked")


@pytest.mark.parametrize("where", ["case list", "window"])
def test_esc_with_no_case_open_stops_the_listing(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 where: str) -> None:
    """A first opening held at its first photo: no case on the canvas, whose Esc alone stopped it."""
    folder = fundus_folder(tmp_path, monkeypatch, NAMES)
    hold, real = _Hold("p0.png"), catalog.read_image_info
    monkeypatch.setattr(catalog, "read_image_info", lambda path: hold.at(Path(path).name) or real(path))
    window = reviewer_window(qtbot, tmp_path, folder)
    _held(qtbot, window, hold)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_S * 1000)
    assert window.cases.doc is None and window.centre.currentWidget() is window.notice
    target = window.case_list.table if where == "case list" else window
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    _stopped_at(qtbot, window, hold, "Listing stopped while the photos were being found: the 1 found first "
                                     "are listed")  # a first listing checks each photo as it is found


def test_a_rescan_stopped_part_way_drops_the_photos_removed_since(qtbot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped in the header reads, every photo found: a photo deleted since stayed listed as if it were there."""
    window, hold = _rescan_held(qtbot, tmp_path, monkeypatch, removed="p1.png")
    qtbot.mouseClick(window.status.stop_scan_button, Qt.MouseButton.LeftButton)
    _stopped_at(qtbot, window, hold, "Listing stopped part-way: 5 of 7 photos checked")
    qtbot.waitUntil(lambda: _listed(window) == {"p0.png", "p2.png", "p3.png", "p4.png", "p5.png"},
                    timeout=WAIT_S * 1000)


def test_a_rescan_stopped_while_the_photos_are_found_says_the_list_is_as_last_listed(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Which photos went is known only once all are found: the list keeps the earlier listing's rows, and says so."""
    folder = fundus_folder(tmp_path, monkeypatch, NAMES)
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: not window.cases.busy and window.cases.image is not None, timeout=WAIT_S * 1000)
    (folder / "p7.png").unlink()
    hold, real = _Hold("walk"), catalog.walk_images

    def walk(root: Path, state: object, modes: object) -> Iterator[object]:
        for number, found in enumerate(real(root, state, modes)):
            if not number:
                hold.at("walk")  # a slow share's walk, its first photo found: a look before each next one
            yield found
    monkeypatch.setattr(catalog, "walk_images", walk)
    window.actions["rescan_folder"].trigger()
    _held(qtbot, window, hold)
    qtbot.mouseClick(window.status.stop_scan_button, Qt.MouseButton.LeftButton)
    hold.go.set()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=WAIT_S * 1000)
    assert window.statusBar().currentMessage() == (
        "Listing stopped while the photos were being found: the list shows the folder as last listed, which may "
        "include photos removed since; File ▸ Rescan folder (Ctrl+R) lists it anew")
    assert _listed(window) == set(NAMES)


def test_the_progress_moves_on_while_an_unchanged_folder_is_rescanned(qtbot, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Only changed rows made a batch: a rescan of a big folder where nothing changed said nothing until its end."""
    folder = fundus_folder(tmp_path, monkeypatch, NAMES)
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: not window.cases.busy and window.case_list.model.rowCount() == len(NAMES),
                    timeout=WAIT_S * 1000)
    real = catalog.header_current

    def slow_share(row: dict, stat: object) -> bool:
        time.sleep(0.2)
        return real(row, stat)
    monkeypatch.setattr(catalog, "header_current", slow_share)
    shown: list[str] = []
    window.cases.scan_progress.connect(  # after the status bar's own slot: its label as it reads now
        lambda done, total: shown.append(window.status.scan_label.text()) if done < total else None)
    _rescan(qtbot, window)
    assert shown and all(text.startswith("Listing the folder: ") and text.endswith(" of 8 photos") for text in shown)


def test_the_next_folders_listing_can_be_stopped_after_one_stopped_and_left_before_its_end(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop pressed while a header on a slow share is still being read, and another folder opened before that read
    ended: the stopped listing never finishes (opening cancels it), and its Stop stayed disabled for the next one."""
    first = fundus_folder(tmp_path, monkeypatch, NAMES)
    second = tmp_path / "second"
    second.mkdir()
    for name in NAMES:
        (second / f"q{name}").write_bytes((first / name).read_bytes())
    holds, real = (_Hold("p3.png"), _Hold("qp5.png")), catalog.read_image_info
    monkeypatch.setattr(catalog, "read_image_info",
                        lambda path: [hold.at(Path(path).name) for hold in holds] and real(path))
    window = reviewer_window(qtbot, tmp_path, first)
    _held(qtbot, window, holds[0])
    qtbot.mouseClick(window.status.stop_scan_button, Qt.MouseButton.LeftButton)
    threading.Timer(0.3, holds[0].go.set).start()  # the read ends while the first folder is being closed
    assert window.open_paths([second])
    _held(qtbot, window, holds[1])
    assert window.status.stop_scan_button.isEnabled()
    qtbot.mouseClick(window.status.stop_scan_button, Qt.MouseButton.LeftButton)
    holds[1].go.set()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=WAIT_S * 1000)
    assert window.statusBar().currentMessage().startswith("Listing stopped while the photos were being found: the 6 "
                                                          "found first are listed")


def test_esc_in_a_floating_dock_stops_the_listing(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A floating dock is a window of its own: a key none of its widgets took went no further than the dock, so Esc
    in the History panel, undocked, did nothing."""
    window, hold = _rescan_held(qtbot, tmp_path, monkeypatch)
    dock, panel = window.annotation.history_dock, window.annotation.history_panel
    dock.setFloating(True)
    dock.activateWindow()
    qtbot.waitUntil(dock.isActiveWindow, timeout=WAIT_S * 1000)
    panel.setFocus()
    assert dock.isWindow() and panel.hasFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    _stopped_at(qtbot, window, hold, "Listing stopped part-way: 6 of 8 photos checked")
