"""The keys a labelImg or napari annotator reaches for, pressed where the keyboard really is: after a click on a
brush-size arrow, in the Objects list, with no dialog of their own to learn."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from annotations.classes import LesionClass
from tests.gui.test_annotation_tools import window, window_drag  # noqa: F401 - window is a fixture

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed as a keyboard presses it: to whichever widget holds the keyboard."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def test_a_click_on_a_brush_size_arrow_leaves_the_keys_with_the_canvas(qtbot, window) -> None:  # noqa: F811
    """Clicking the Size box's arrow used to keep the keyboard there: W, D, ] and Ctrl+Z did nothing, and 2 (HE)
    set the brush to 2 px."""
    size = window.annotation.options_bar.brush_size
    before = size.value()
    qtbot.mouseClick(size, Qt.MouseButton.LeftButton, pos=QPoint(size.width() - 5, 4))  # its up arrow
    assert size.value() == before + 1
    qtbot.waitUntil(lambda: window.canvas.hasFocus(), timeout=2_000)
    press(qtbot, Qt.Key.Key_2)
    assert window.annotation.settings.cls == LesionClass.HE and size.value() == before + 1


def test_a_number_box_typed_into_keeps_digits_and_passes_every_other_key_on(qtbot, window) -> None:  # noqa: F811
    doc = window.cases.doc
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    assert doc.mask.any()
    size = window.annotation.options_bar.brush_size
    qtbot.mouseClick(size.lineEdit(), Qt.MouseButton.LeftButton)  # into its text, to type a size
    assert size.hasFocus()
    size.selectAll()
    press(qtbot, Qt.Key.Key_9)
    assert window.annotation.settings.size == 9  # digits are the size while typing it
    press(qtbot, Qt.Key.Key_BracketRight)
    assert window.annotation.settings.size > 9
    press(qtbot, Qt.Key.Key_W)
    assert window.annotation.tool_name == "box"
    press(qtbot, Qt.Key.Key_Z, CTRL)  # undoes the stroke, not the typing
    assert not doc.mask.any()
    press(qtbot, Qt.Key.Key_Return)
    assert window.canvas.hasFocus()


def test_the_wheel_over_a_number_box_leaves_the_keyboard_where_it_was(window) -> None:  # noqa: F811
    assert window.annotation.options_bar.opacity.focusPolicy() == Qt.FocusPolicy.StrongFocus  # Qt's: WheelFocus


def test_arrow_keys_in_the_objects_list_select_the_box_that_the_box_keys_act_on(qtbot, window) -> None:  # noqa: F811
    """labelImg's box list: moving through it with the arrows selects each box on the canvas. Here the arrows moved
    the row only, and Ctrl+3 or Ctrl+D went to the box clicked before."""
    doc, objects = window.cases.doc, window.objects.list
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_W)
    for corners in ([(20, 20), (40, 40)], [(100, 60), (130, 90)], [(150, 100), (170, 120)]):
        window_drag(window, corners)
    window.objects.refresh()
    qtbot.mouseClick(objects.viewport(), Qt.MouseButton.LeftButton,
                     pos=objects.visualItemRect(objects.item(0, 0)).center())
    tool = window.annotation.views["box"].tool
    assert tool.selected is doc.boxes[0] and objects.hasFocus()
    qtbot.keyClick(objects, Qt.Key.Key_Down)
    assert tool.selected is doc.boxes[1]
    qtbot.keyClick(objects, Qt.Key.Key_3, CTRL)
    assert [box.label for box in doc.boxes] == [LesionClass.MA, LesionClass.EX, LesionClass.MA]
    qtbot.keyClick(objects, Qt.Key.Key_Down)
    qtbot.keyClick(objects, Qt.Key.Key_Up)
    assert tool.selected is doc.boxes[1] and objects.hasFocus()


def test_box_keys_on_a_painted_lesions_row_leave_the_box_drawn_before_alone(qtbot, window) -> None:  # noqa: F811
    """A painted lesion chosen in the Objects list left the box drawn before selected, unseen: Ctrl+3 relabelled
    that box and Ctrl+D copied it. Ctrl+number now relabels the lesion of the row shown; the box keys ask for a
    box."""
    doc, objects = window.cases.doc, window.objects.list
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_2)  # HE
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_W)
    window_drag(window, [(100, 60), (130, 90)])  # drawn, so selected
    window.objects.refresh()
    painted = next(row for row, obj in enumerate(window.objects.list.objects) if obj.kind != "box")
    qtbot.mouseClick(objects.viewport(), Qt.MouseButton.LeftButton,
                     pos=objects.visualItemRect(objects.item(painted, 0)).center())
    assert window.annotation.views["box"].tool.selected is None
    qtbot.keyClick(objects, Qt.Key.Key_D, CTRL)
    qtbot.keyClick(objects, Qt.Key.Key_3, CTRL)
    assert [(box.label, box.difficult) for box in doc.boxes] == [(LesionClass.HE, False)]  # one box, as drawn
    assert doc.class_mask(LesionClass.EX)[20, 20:41].all() and not doc.class_mask(LesionClass.HE).any()


def test_labelimgs_open_folder_and_zoom_keys_work(qtbot, window, monkeypatch) -> None:  # noqa: F811
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: asked.append(args) or "")
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_U, CTRL)
    assert len(asked) == 1
    zoom = window.canvas.zoom_level()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Plus, CTRL)
    assert window.canvas.zoom_level() > zoom
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Minus, CTRL)
    assert window.canvas.zoom_level() < zoom


def test_the_shortcuts_dialog_lists_these_keys(window) -> None:  # noqa: F811
    rows = {text: (group, keys) for group, text, keys in window.shortcut_rows()}
    assert rows["Open folder"] == ("File", "Ctrl+O, Ctrl+U")
    assert rows["Zoom in"] == ("View", "+, =, Ctrl++, Ctrl+=") and rows["Zoom out"] == ("View", "-, Ctrl+-")
    assert rows["Show the next / previous object (selects its box)"] == ("Objects", "Down, Up")
    assert rows["Back to the canvas from a number box"] == ("Tool options", "Return, Esc")


def test_a_folder_opened_gives_the_keyboard_to_the_canvas(qtbot, window) -> None:  # noqa: F811
    """As labelImg: the arrows nudge a box and Del deletes it from the start (was: the keyboard sat in the findings
    panel's scroll area, which scrolled on the arrows, until the canvas was clicked)."""
    assert window.canvas.hasFocus()
    press(qtbot, Qt.Key.Key_W)
    window_drag(window, [(20.5, 20.5), (40.5, 40.5)])
    left = window.cases.doc.boxes[0].coords()[0]
    press(qtbot, Qt.Key.Key_Right)
    assert window.cases.doc.boxes[0].coords()[0] == left + 1
    press(qtbot, Qt.Key.Key_Backspace)  # as Del; the shortcuts dialog says so
    assert window.cases.doc.boxes == []


def test_esc_in_the_findings_text_gives_the_keyboard_back_to_the_canvas(qtbot, window) -> None:  # noqa: F811
    """F2 takes the keyboard to the findings; Esc brings it back to the image with the text kept (was: Esc did
    nothing there, and W typed a "w" into the findings)."""
    window.actions["write_findings"].trigger()
    assert window.findings.findings_text.hasFocus()
    qtbot.keyClicks(window.findings.findings_text, "small dot")
    press(qtbot, Qt.Key.Key_Escape)
    assert window.canvas.hasFocus()
    press(qtbot, Qt.Key.Key_W)
    assert window.annotation.tool_name == "box"
    qtbot.waitUntil(lambda: window.cases.doc.findings_text == "small dot", timeout=5_000)


def test_ctrl_enter_on_the_canvas_leaves_the_keys_there(qtbot, window) -> None:  # noqa: F811
    """Marking the case done from the canvas sent the keyboard to the case list: the arrows then went through the
    cases (Down opened the next) rather than nudging the box still selected, and Del deleted nothing."""
    from annotations.document import ReviewState

    press(qtbot, Qt.Key.Key_W)
    window_drag(window, [(20.5, 20.5), (40.5, 40.5)])
    left = window.cases.doc.boxes[0].coords()[0]
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.cases.doc.review_state is ReviewState.DONE
    press(qtbot, Qt.Key.Key_Right)
    assert window.cases.doc.boxes[0].coords()[0] == left + 1
    press(qtbot, Qt.Key.Key_Delete)
    assert window.cases.doc.boxes == []
