"""The crash-recovery snapshot keeps pace with the person: someone who never pauses is snapshotted too, and an edit
taken back (undone to the saved state) is not brought back by a crash."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from annotations.commands.boxes import AddBox
from annotations.document import Box
from app.case_saver import LONGEST_WAIT_INTERVALS
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


def _opened(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    window = reviewer_window(qtbot, tmp_path, fundus_folder(tmp_path, monkeypatch, ("a.png",)))
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=10_000)
    return window


def _snapshotted(window: MainWindow) -> bool:
    window.cases.flush()
    return window.cases.workspace.has_autosave(window.cases.current_id)


def test_steady_editing_without_a_pause_is_snapshotted(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit every 0.3 s under a 1 s autosave: the snapshot waited for a pause that never came."""
    window = _opened(qtbot, tmp_path, monkeypatch)
    window.cases.saver.set_autosave_interval(1)
    started = time.monotonic()
    grade = 0
    while not _snapshotted(window) and time.monotonic() - started < LONGEST_WAIT_INTERVALS + 3:
        grade = (grade + 1) % 5
        window.cases.edits.set_dr_grade(grade)
        qtbot.wait(300)
    assert _snapshotted(window) and time.monotonic() - started < LONGEST_WAIT_INTERVALS + 1.5


def test_an_edit_undone_to_the_saved_state_drops_its_snapshot(qtbot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot of grade 4 stayed after Ctrl+Z, and the next opening after a crash recovered grade 4."""
    window = _opened(qtbot, tmp_path, monkeypatch)
    window.cases.edits.set_dr_grade(4)
    window.cases.saver.autosave_now()
    assert _snapshotted(window)
    window.actions["undo"].trigger()
    assert not window.cases.is_dirty and not _snapshotted(window)
    window.actions["redo"].trigger()  # unsaved again: snapshotted after the next pause, as any edit
    window.cases.saver.autosave_now()
    assert _snapshotted(window)


def _press_and_move(window: MainWindow, points: list[tuple[float, float]]) -> None:
    canvas = window.canvas
    for kind, (x, y) in zip([QEvent.Type.MouseButtonPress] + [QEvent.Type.MouseMove] * (len(points) - 1), points):
        pos = QPointF(canvas.mapFromScene(QPointF(x, y)))
        buttons = Qt.MouseButton.LeftButton
        button = buttons if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
        QApplication.sendEvent(canvas.viewport(), QMouseEvent(kind, pos, pos, button, buttons,
                                                              Qt.KeyboardModifier.NoModifier))


def test_ctrl_z_while_a_box_is_dragged_takes_the_drag_back(qtbot, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo raised "cannot undo while a group of edits is open" (logged only) and the box stayed moved."""
    window = _opened(qtbot, tmp_path, monkeypatch)
    window.cases.history.execute(AddBox(Box(LesionClass.HE, 100, 60, 130, 90)))
    window.annotation.choose_tool("box")
    _press_and_move(window, [(115, 75), (125, 80), (135, 85)])
    assert window.cases.history.group_open and window.cases.doc.boxes[0].coords() != (100, 60, 130, 90)
    window.actions["undo"].trigger()
    assert not window.cases.history.group_open
    assert window.cases.doc.boxes[0].coords() == (100, 60, 130, 90)  # the drag taken back, the box kept
    assert window.cases.history.entries[:window.cases.history.position] == ["Add HE box"]  # as Escape: redo-able
