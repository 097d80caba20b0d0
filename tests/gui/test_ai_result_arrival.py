"""An analysis result arriving (AIResultKeeper.apply, the slot the analysis signal reaches) while the reader edits:
during a box drag or a brush stroke it is a step of its own after the edit, kept when the drag is cancelled; for a
case not on screen it leaves what that case's redo offers."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from annotations.document import AIResult
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.test_report_and_modality import _open
from tests.gui.windows import reviewer_window

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
RESULT = AIResult(dr_grade=2)


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    window = reviewer_window(qtbot, tmp_path, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))
    qtbot.waitUntil(lambda: window.cases.image is not None and bool(window.annotation.views), timeout=10_000)
    _open(qtbot, window, "a.png")
    window.canvas.set_view(2.0, QPointF(75, 50))  # the photo is 150 x 100
    return window


def _mouse(window: MainWindow, kind: QEvent.Type, x: float, y: float, buttons: Qt.MouseButton) -> None:
    canvas = window.canvas
    pos = QPointF(canvas.mapFromScene(QPointF(x, y)))
    button = NONE if kind is QEvent.Type.MouseMove else LEFT
    event = QMouseEvent(kind, pos, pos, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas.viewport(), event)


def _drag_with_a_result_midway(window: MainWindow, start: tuple[float, float], end: tuple[float, float],
                               release: bool = True) -> None:
    """Press at ``start``, move halfway, the open case's result arrives, move on to ``end`` (and release)."""
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    _mouse(window, QEvent.Type.MouseButtonPress, *start, LEFT)
    _mouse(window, QEvent.Type.MouseMove, *middle, LEFT)
    window.cases.ai_results.apply(window.cases.current_id, RESULT)
    _mouse(window, QEvent.Type.MouseMove, *end, LEFT)
    if release:
        _mouse(window, QEvent.Type.MouseButtonRelease, *end, NONE)


def _with_a_saved_box(window: MainWindow) -> None:
    window.annotation.choose_tool("box")
    _mouse(window, QEvent.Type.MouseButtonPress, 100, 60, LEFT)
    _mouse(window, QEvent.Type.MouseMove, 130, 90, LEFT)
    _mouse(window, QEvent.Type.MouseButtonRelease, 130, 90, NONE)
    assert len(window.cases.doc.boxes) == 1
    assert window.cases.save()


def test_a_result_during_a_box_move_is_its_own_step(window: MainWindow) -> None:
    _with_a_saved_box(window)
    box = window.cases.doc.boxes[0]
    before = box.coords()
    _drag_with_a_result_midway(window, (115, 75), (125, 80))
    history = window.cases.history
    assert history.entries == ["Add MA box", "Move box", "Set AI result"]
    moved = box.coords()
    assert moved != before
    window.actions["undo"].trigger()
    assert window.cases.doc.ai is None and box.coords() == moved
    window.actions["undo"].trigger()
    assert box.coords() == before


def test_a_result_during_a_box_move_survives_cancelling_the_move(qtbot, window: MainWindow) -> None:
    _with_a_saved_box(window)
    box = window.cases.doc.boxes[0]
    before, case_id = box.coords(), window.cases.current_id
    _drag_with_a_result_midway(window, (115, 75), (125, 80), release=False)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)  # the move is cancelled
    _mouse(window, QEvent.Type.MouseButtonRelease, 125, 80, NONE)
    assert box.coords() == before and window.cases.doc.ai == RESULT
    assert window.cases.history.entries == ["Add MA box", "Set AI result"]
    _open(qtbot, window, "b.png")  # saves a.png
    window.cases.flush()
    assert window.cases.workspace.load_case(case_id).ai.dr_grade == 2


def test_a_result_during_a_brush_stroke_neither_joins_nor_cuts_it(window: MainWindow) -> None:
    window.annotation.settings.update(cls=LesionClass.HE, size=4)
    window.annotation.choose_tool("brush")
    _drag_with_a_result_midway(window, (40.5, 50.5), (110.5, 50.5))  # inside the field of view
    he = window.cases.doc.class_mask(LesionClass.HE)
    assert he[50, 40] and he[50, 110]  # painted after the result arrived too
    assert window.cases.history.entries == ["Paint HE", "Set AI result"]


def test_a_result_for_a_case_not_on_screen_keeps_its_redo(qtbot, window: MainWindow) -> None:
    case_id = window.cases.current_id
    window.actions["reader_grade_3"].trigger()
    window.actions["undo"].trigger()  # changed their mind, for now
    _open(qtbot, window, "b.png")
    window.cases.ai_results.apply(case_id, RESULT)  # Analyse all reaches a.png
    window.cases.flush()
    assert window.cases.workspace.load_case(case_id).ai.dr_grade == 2
    _open(qtbot, window, "a.png")
    assert window.cases.doc.ai == RESULT and window.actions["redo"].isEnabled()
    window.actions["redo"].trigger()
    assert window.cases.doc.grade.dr_grade == 3 and window.cases.doc.ai == RESULT
