"""Ctrl+Z with an edit half made on the canvas takes that back, not the step beneath it: undone there, unseen, the
step went from redo as soon as the half-made box, lasso or polygon was finished, and the reader's earlier box or
stroke was lost."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from app.main_window import MainWindow
from tests.gui.test_annotation_tools import LEFT, NONE, window, window_drag  # noqa: F401 - a fixture


def _send(window: MainWindow, kind: QEvent.Type, x: float, y: float) -> None:
    pos = QPointF(window.canvas.mapFromScene(QPointF(x, y)))
    button = NONE if kind == QEvent.Type.MouseMove else LEFT
    buttons = NONE if kind == QEvent.Type.MouseButtonRelease else LEFT
    QApplication.sendEvent(window.canvas.viewport(), QMouseEvent(kind, pos, pos, button, buttons,
                                                                 Qt.KeyboardModifier.NoModifier))


def _press_and_move(window: MainWindow, points: list[tuple[float, float]]) -> None:
    _send(window, QEvent.Type.MouseButtonPress, *points[0])
    for x, y in points[1:]:
        _send(window, QEvent.Type.MouseMove, x, y)


def _undo(qtbot, window: MainWindow) -> None:  # noqa: ANN001 - pytest-qt's qtbot
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_z_while_a_new_box_is_drawn_drops_it_and_keeps_the_box_before(qtbot, window: MainWindow) -> None:
    history = window.cases.history
    window.annotation.choose_tool("box")
    window_drag(window, [(100, 60), (130, 90)])
    _press_and_move(window, [(20, 20), (30, 30), (40, 40)])
    _undo(qtbot, window)
    assert window.canvas.layers.document() is window.cases.doc
    assert [box.coords() for box in window.cases.doc.boxes] == [(100, 60, 129, 89)]  # the box before stays
    _send(window, QEvent.Type.MouseMove, 50, 50)
    _send(window, QEvent.Type.MouseButtonRelease, 50, 50)  # the button let go: no box drawn, none lost
    assert [box.coords() for box in window.cases.doc.boxes] == [(100, 60, 129, 89)]
    assert history.entries == ["Add MA box"] and history.position == 1
    assert len(window.canvas.box_items()) == 1 and not window.annotation.views["box"]._outline.isVisible()


def test_ctrl_z_while_a_lasso_is_drawn_drops_it_and_keeps_the_stroke_before(qtbot, window: MainWindow) -> None:
    history, doc = window.cases.history, window.cases.doc
    window.annotation.settings.update(cls=LesionClass.HE, size=5)
    window.annotation.choose_tool("brush")
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    painted = doc.mask.copy()
    window.annotation.choose_tool("lasso")
    _press_and_move(window, [(100, 100), (140, 100), (140, 140), (100, 140)])
    _undo(qtbot, window)
    assert (doc.mask == painted).all()
    assert not window.annotation.views["lasso"]._outline.isVisible()  # its outline went with it
    _send(window, QEvent.Type.MouseButtonRelease, 100, 102)
    assert (doc.mask == painted).all() and history.entries == ["Paint HE"] and history.position == 1


def test_ctrl_z_while_a_polygon_is_drawn_drops_its_last_corner_then_the_steps(qtbot, window: MainWindow) -> None:
    """Corner by corner, as Backspace (labelme's Ctrl+Z while a polygon is drawn); with none left, the steps."""
    history, doc = window.cases.history, window.cases.doc
    window.annotation.settings.update(cls=LesionClass.HE, size=5)
    window.annotation.choose_tool("brush")
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    window.annotation.choose_tool("polygon")
    polygon = window.annotation.views["polygon"].tool
    for corner in [(100, 100), (140, 100), (140, 140)]:
        window_drag(window, [corner])
    _undo(qtbot, window)
    assert polygon.points == [(100, 100), (140, 100)] and history.position == 1
    window_drag(window, [(100, 140)])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert history.entries == ["Paint HE", "Fill HE polygon"]  # the stroke kept beneath the polygon
    assert doc.class_mask(LesionClass.HE)[120, 110] and not doc.class_mask(LesionClass.HE)[105, 135]
    for _ in range(2):
        window_drag(window, [(10, 100)])
    _undo(qtbot, window)
    _undo(qtbot, window)
    assert polygon.points == [] and history.position == 2  # the corners first
    _undo(qtbot, window)
    assert history.position == 1


def test_ctrl_z_takes_back_a_half_made_edit_on_a_case_without_steps(qtbot, window: MainWindow) -> None:
    """Undo follows the half-made edit, not the history alone: on a case with no step yet it was disabled, so Ctrl+Z
    took back no corner; beside a step it was named after that step ("Undo Paint HE"), not what Ctrl+Z takes back."""
    undo = window.actions["undo"]
    window.annotation.choose_tool("polygon")
    polygon = window.annotation.views["polygon"].tool
    for corner in [(100, 100), (140, 100)]:
        window_drag(window, [corner])
    assert undo.isEnabled() and window.cases.history.position == 0
    _undo(qtbot, window)
    _undo(qtbot, window)
    assert polygon.points == [] and not undo.isEnabled()  # none left: nothing to undo
    window.annotation.settings.update(cls=LesionClass.HE, size=5)
    window.annotation.choose_tool("brush")
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    assert undo.text().replace("&", "") == "Undo Paint HE"
    window.annotation.choose_tool("lasso")
    _press_and_move(window, [(100, 100), (140, 100), (140, 140)])
    assert undo.text().replace("&", "") == "Undo"  # the lasso goes first, not the stroke beneath
    window.annotation.choose_tool("brush")  # the lasso given up with its tool: the stroke is next again
    assert undo.text().replace("&", "") == "Undo Paint HE"
