"""A big folder in the window: it is listed on a worker while the event loop keeps running, the list fills batch by
batch, opening another folder cancels the scan, and saves made through the storage queue survive a folder switch,
a close and a failure."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from annotations.document import ReaderGrade
from annotations.workspace import Workspace, WorkspaceError
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from bench.bench_big_folder import make_folder
from tests.gui.test_main_window import fundus_folder

PHOTOS = 3000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    return settings


@pytest.fixture
def window(qtbot, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_big_folder_is_listed_off_the_gui_thread_batch_by_batch(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "big"
    make_folder(folder, PHOTOS)
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    progress: list[tuple[int, int]] = []
    window.cases.scan_progress.connect(lambda done, total: progress.append((done, total)))
    found: list[int] = []  # a first listing checks each photo as it is found: its progress says how many so far
    window.cases.listing.found.connect(found.append)
    heartbeat.start(10)
    assert window.open_paths([folder])
    assert window.cases.busy  # open_paths came back before the folder was read
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=60_000)
    heartbeat.stop()
    assert len(ticks) >= 10  # the event loop ran all along
    assert sys.getswitchinterval() <= 0.001  # the scan's worker hands the GIL back to the window often
    assert any(0 < count < PHOTOS for count in found) and progress[-1] == (PHOTOS, PHOTOS)  # batch by batch
    assert window.case_list.model.rowCount() == PHOTOS
    assert window.cases.current_id == window.case_list.visible_case_ids()[0]
    window.case_list.set_filters(grade=4)  # filters run in the index, on a worker
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)
    assert window.case_list.visible_case_ids() == []


def test_opening_another_folder_cancels_the_scan(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big"
    make_folder(big, PHOTOS)
    small = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    assert window.open_paths([big])
    assert window.open_paths([small])
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=60_000)
    names = [window.case_list.model.index(row, 0).data() for row in range(window.case_list.model.rowCount())]
    assert names == ["a.png", "b.png"]
    qtbot.wait(200)  # a late batch of the first folder would show up here
    assert window.case_list.model.rowCount() == 2


def _grade_open_case(window: MainWindow, grade: int) -> str:
    window.cases.edits.set_grade(ReaderGrade(dr_grade=grade))
    return window.cases.current_id


def _saved_grade(folder: Path, case_id: str) -> int | None:
    with Workspace.open(folder) as ws:
        return ws.load_case(case_id).grade.dr_grade


def test_saves_survive_a_folder_switch_and_a_close(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    first = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    second = tmp_path / "second"
    make_folder(second, 3)
    assert window.open_paths([first])
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    case_a = _grade_open_case(window, 2)
    window.browsing.step_case(1)  # a's save is queued; b is read after it, on the storage worker
    qtbot.waitUntil(lambda: not window.cases.loading, timeout=10_000)
    case_b = _grade_open_case(window, 3)
    assert window.open_paths([second])  # the switch writes both before the first folder closes
    assert _saved_grade(first, case_a) == 2 and _saved_grade(first, case_b) == 3
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    case_c = _grade_open_case(window, 4)
    window.close()
    assert _saved_grade(second, case_c) == 4


def test_a_failed_background_save_names_the_file_and_keeps_the_edit(qtbot, window, tmp_path: Path,
                                                                    monkeypatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    case_a = _grade_open_case(window, 1)
    history = window.cases.history

    def disk_full(doc, actor="", action="save") -> None:
        raise WorkspaceError(f"{folder / doc.image_path}: saving failed (No space left on device)")

    monkeypatch.setattr(window.cases.workspace, "save_case", disk_full)
    window.browsing.step_case(1)
    window.cases.flush()
    assert "a.png: saving failed" in window.statusBar().currentMessage()
    assert not history.is_clean  # kept, unsaved: going back to a.png offers it again
    monkeypatch.undo()
    window.browsing.step_case(-1)
    assert window.cases.current_id == case_a and window.cases.doc.grade.dr_grade == 1 and window.cases.is_dirty


def test_a_case_reopened_with_unsaved_edits_is_autosaved_and_its_neighbour_is_not(qtbot, window, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    """The saver follows the open case's history alone: going back to a case whose save failed starts its
    crash-recovery autosave (it waited for the next edit), and the case left behind no longer moves the mark."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    window.cases.saver.set_autosave_interval(1)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    case_a = _grade_open_case(window, 1)
    history_a = window.cases.history
    monkeypatch.setattr(window.cases.workspace, "save_case", lambda *_a, **_k: (_ for _ in ()).throw(OSError("full")))
    window.browsing.step_case(1)
    window.cases.flush()
    monkeypatch.undo()
    autosaved: list[str] = []
    autosave = window.cases.workspace.autosave
    monkeypatch.setattr(window.cases.workspace, "autosave", lambda doc: (autosaved.append(doc.case_id), autosave(doc)))
    assert not window.cases.is_dirty
    history_a.undo()  # the case left behind, e.g. through its kept history: not the open case's mark
    assert not window.cases.is_dirty and not window.isWindowModified()
    history_a.redo()
    window.browsing.step_case(-1)
    assert window.cases.current_id == case_a and window.isWindowModified()
    qtbot.waitUntil(lambda: case_a in autosaved, timeout=5_000)
