"""An annotator hides a class (Alt+2) to see what lies under it, then paints or boxes that class: the stroke or box
went onto a hidden layer, unseen, as if the brush did nothing. What is drawn on is shown again, and the status bar
says so; the layers the edit does not touch stay hidden."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from tests.gui.test_annotation_tools import window, window_drag  # noqa: F401 - window is a fixture

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def test_a_stroke_of_a_hidden_class_shows_that_class_again(qtbot, window) -> None:  # noqa: F811
    canvas, doc = window.canvas, window.cases.doc
    qtbot.keyClick(canvas, Qt.Key.Key_2, ALT)  # View ▸ Show HE off
    qtbot.keyClick(canvas, Qt.Key.Key_3, ALT)  # and EX
    assert not canvas.is_layer_visible("HE") and not canvas.is_layer_visible("EX")
    qtbot.keyClick(canvas, Qt.Key.Key_2)  # HE
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    assert doc.class_mask(LesionClass.HE)[20, 20:41].all()
    assert canvas.is_layer_visible("HE") and window.actions["layer_HE"].isChecked()
    assert not canvas.is_layer_visible("EX"), "only the class painted"
    assert "Show HE" in window.statusBar().currentMessage()


def test_the_eraser_on_a_hidden_class_shows_it_and_look_mode_shows_nothing(qtbot, window) -> None:  # noqa: F811
    canvas = window.canvas
    qtbot.keyClick(canvas, Qt.Key.Key_1)  # MA
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    qtbot.keyClick(canvas, Qt.Key.Key_1, ALT)
    qtbot.keyClick(canvas, Qt.Key.Key_V)  # Look: a drag pans
    window_drag(window, [(30.5, 30.5), (60.5, 60.5)])
    assert not canvas.is_layer_visible("MA")
    qtbot.keyClick(canvas, Qt.Key.Key_E)
    window_drag(window, [(20.5, 20.5), (25.5, 20.5)])
    assert canvas.is_layer_visible("MA")


def test_a_box_drawn_with_boxes_hidden_shows_the_boxes_again(qtbot, window) -> None:  # noqa: F811
    canvas, doc = window.canvas, window.cases.doc
    qtbot.keyClick(canvas, Qt.Key.Key_6, ALT)  # View ▸ Show boxes off
    qtbot.keyClick(canvas, Qt.Key.Key_4, ALT)  # and SE
    qtbot.keyClick(canvas, Qt.Key.Key_4)  # SE
    qtbot.keyClick(canvas, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    assert [box.label for box in doc.boxes] == [LesionClass.SE]
    assert canvas.is_layer_visible("boxes") and canvas.is_layer_visible("SE")
    assert window.actions["layer_boxes"].isChecked() and window.actions["layer_SE"].isChecked()


def test_erase_blob_takes_the_lesion_seen_not_one_hidden_under_it(qtbot, window) -> None:  # noqa: F811
    """Erase blob tries the chosen class, then any class the pixel holds: clicked on an exudate over a haemorrhage
    hidden with Alt+2, it erased the haemorrhage, unseen, and left the exudate the annotator was looking at."""
    canvas, doc = window.canvas, window.cases.doc
    for key, row in ((Qt.Key.Key_2, 20.5), (Qt.Key.Key_3, 22.5)):  # HE, then EX over it
        qtbot.keyClick(canvas, key)
        qtbot.keyClick(canvas, Qt.Key.Key_B)
        window_drag(window, [(20.5, row), (40.5, row)])
    qtbot.keyClick(canvas, Qt.Key.Key_2, ALT)  # HE hidden
    qtbot.keyClick(canvas, Qt.Key.Key_1)  # MA chosen: none here
    qtbot.keyClick(canvas, Qt.Key.Key_X)  # Erase blob
    window_drag(window, [(30.5, 21.5)])  # on both
    assert not doc.class_mask(LesionClass.EX).any() and doc.class_mask(LesionClass.HE).any()
    assert not canvas.is_layer_visible("HE")


def test_the_chinese_status_bar_fits_a_box_and_its_undo(qtbot, chinese_interface, window) -> None:  # noqa: F811
    """One sentence for drawing and for Ctrl+Z: "以便看到您正在绘制的内容" (to see what you are drawing) answered an
    undo, which draws nothing."""
    qtbot.keyClick(window.canvas, Qt.Key.Key_6, ALT)
    qtbot.keyClick(window.canvas, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    assert window.statusBar().currentMessage() == "视图 ▸ 显示标注框：已重新开启，以显示这次改动"
    qtbot.keyClick(window.canvas, Qt.Key.Key_6, ALT)
    window.statusBar().clearMessage()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, CTRL)
    assert not window.cases.doc.boxes
    assert window.statusBar().currentMessage() == "视图 ▸ 显示标注框：已重新开启，以显示这次改动"


def test_a_hidden_box_is_neither_framed_nor_grabbed(qtbot, window) -> None:  # noqa: F811
    """Boxes hidden (Alt+6) with one selected: its frame and handles stayed on screen, the pointer over it said a
    drag would move it, and the drag moved the unseen box. Hidden, it is neither framed nor grabbed: the drag draws
    a new box, which shows the boxes again, the old one where it was."""
    canvas, doc = window.canvas, window.cases.doc
    view = window.annotation.views["box"]
    qtbot.keyClick(canvas, Qt.Key.Key_2)  # HE
    qtbot.keyClick(canvas, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    drawn = doc.boxes[0].coords()
    assert view._selection.isVisible()
    qtbot.keyClick(canvas, Qt.Key.Key_6, ALT)  # View ▸ Show boxes off
    assert not view._selection.isVisible(), "no frame nor handles of a hidden box"
    pos = QPointF(canvas.mapFromScene(QPointF(115, 75)))  # the pointer over the hidden box: no cursor says it moves
    QApplication.sendEvent(canvas.viewport(), QMouseEvent(QEvent.Type.MouseMove, pos, pos, Qt.MouseButton.NoButton,
                                                           Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert view.tool.pointer == (115, 75) and view.cursor == Qt.CursorShape.CrossCursor
    window_drag(window, [(115, 75), (150, 100)])
    assert [box.coords() for box in doc.boxes][0] == drawn, "the hidden box stays where it was"
    assert len(doc.boxes) == 2 and canvas.is_layer_visible("boxes")
    qtbot.keyClick(canvas, Qt.Key.Key_2, ALT)  # HE off: the new HE box is hidden with its class
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert len(doc.boxes) == 2, "Delete takes no box the view hides"


def test_undo_and_redo_of_a_step_on_a_hidden_class_show_it(qtbot, window) -> None:  # noqa: F811
    """HE hidden after painting it: Ctrl+Z, which the menu names "Undo Paint HE", changed nothing to be seen. The undo
    shows HE again, saying so as drawing does; a step on a shown class leaves the hidden ones hidden."""
    canvas, doc = window.canvas, window.cases.doc
    qtbot.keyClick(canvas, Qt.Key.Key_2)  # HE
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    qtbot.keyClick(canvas, Qt.Key.Key_2, ALT)  # View ▸ Show HE off
    qtbot.keyClick(canvas, Qt.Key.Key_3, ALT)  # and EX
    qtbot.keyClick(canvas, Qt.Key.Key_Z, CTRL)
    assert not doc.class_mask(LesionClass.HE).any()
    assert canvas.is_layer_visible("HE") and window.actions["layer_HE"].isChecked()
    assert not canvas.is_layer_visible("EX"), "only the class the step changed"
    assert "Show HE" in window.statusBar().currentMessage()
    qtbot.keyClick(canvas, Qt.Key.Key_2, ALT)
    window.statusBar().clearMessage()
    qtbot.keyClick(canvas, Qt.Key.Key_Y, CTRL)  # redo
    assert doc.class_mask(LesionClass.HE).any() and canvas.is_layer_visible("HE")
    assert "Show HE" in window.statusBar().currentMessage()
    qtbot.keyClick(canvas, Qt.Key.Key_2, ALT)
    window.annotation.history_panel.go_to(0)  # a click on "Case as opened" walks the stroke back too
    assert not doc.class_mask(LesionClass.HE).any() and canvas.is_layer_visible("HE")


def test_a_hidden_box_or_lesion_chosen_in_the_objects_dock_is_shown(qtbot, window) -> None:  # noqa: F811
    """A row of the Objects dock chosen zooms onto its object: with the boxes or its class hidden it framed nothing
    to be seen (a box is framed only while shown). Chosen, it is shown."""
    canvas, objects = window.canvas, window.objects
    qtbot.keyClick(canvas, Qt.Key.Key_3)  # EX
    qtbot.keyClick(canvas, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    qtbot.keyClick(canvas, Qt.Key.Key_6, ALT)  # boxes off
    qtbot.keyClick(canvas, Qt.Key.Key_3, ALT)  # EX off
    objects.refresh()
    kinds = [obj.kind for obj in objects.list.objects]
    objects.show_object(kinds.index("box"))
    assert canvas.is_layer_visible("boxes") and canvas.is_layer_visible("EX")
    assert window.annotation.views["box"]._selection.isVisible()
    qtbot.keyClick(canvas, Qt.Key.Key_3, ALT)
    objects.show_object(1 - kinds.index("box"))  # the painted EX lesion
    assert canvas.is_layer_visible("EX") and window.actions["layer_EX"].isChecked()
