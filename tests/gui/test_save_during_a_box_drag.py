"""A save while a box is being dragged (D or PgDown to the next case with the button still down, Ctrl+S) writes the
box where the drag had it; the drag is then taken back (the case switch ends it, as Esc does). The case was marked
saved all the same, so the half-done move stayed on disk: the box showed where it was drawn, and the folder opened
again showed it moved. The case now stays unsaved until a save writes it as shown."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import _ids, _window, fundus_folder

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))


def mouse(window: MainWindow, kind: QEvent.Type, x: float, y: float, button: Qt.MouseButton,
          buttons: Qt.MouseButton) -> None:
    pos = QPointF(window.canvas.mapFromScene(QPointF(x, y)))
    QApplication.sendEvent(window.canvas.viewport(), QMouseEvent(kind, pos, pos, button, buttons,
                                                                 Qt.KeyboardModifier.NoModifier))


def test_a_case_left_while_its_box_is_dragged_keeps_the_box_where_it_shows(qtbot, window: MainWindow) -> None:
    first = _ids(window)["a.png"]
    qtbot.keyClick(window.canvas, Qt.Key.Key_W)
    window.canvas.set_view(2.0, QPointF(75, 50))
    mouse(window, QEvent.Type.MouseButtonPress, 20, 20, LEFT, LEFT)
    mouse(window, QEvent.Type.MouseMove, 40, 40, NONE, LEFT)
    mouse(window, QEvent.Type.MouseButtonRelease, 40, 40, LEFT, NONE)  # drawn, not saved yet
    doc = window.cases.doc
    mouse(window, QEvent.Type.MouseButtonPress, 30, 30, LEFT, LEFT)
    mouse(window, QEvent.Type.MouseMove, 60, 50, NONE, LEFT)  # the box is being moved ...
    qtbot.keyClick(window.canvas, Qt.Key.Key_PageDown)  # ... when the next case is asked for
    mouse(window, QEvent.Type.MouseButtonRelease, 60, 50, LEFT, NONE)
    assert window.cases.current_id != first and doc.boxes[0].coords() == (20, 20, 39, 39)  # the move taken back
    assert not window.cases.histories.get(first).is_clean  # what the save wrote is not what the case shows
    assert window.cases.unsafe_edits() == {}  # as closing the folder writes the edits not on disk
    assert window.cases.workspace.load_case(first).boxes[0].coords() == (20, 20, 39, 39)
