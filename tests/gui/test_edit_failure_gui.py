"""A multi-delete in the Objects dock that fails half-way (no memory for the patches of the lesion it erases): the
case keeps every object, the canvas still draws the document, the status bar says what failed, and the next try
deletes them as one step that Ctrl+Z takes back. The message is in the interface's language, its reason too."""
from __future__ import annotations

import errno

import numpy as np
from PySide6.QtCore import Qt

import annotations.commands.mask as mask_commands
from annotations.classes import LesionClass
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_annotation_tools import window, window_drag  # noqa: F401 - window is a fixture
from tests.gui.test_box_items_follow_edits import shown
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from widgets.canvas import ImageCanvas


def _drawn_afresh(window) -> tuple[list[tuple], object]:  # noqa: F811
    """The boxes and the mask layer a canvas shows that draws the open document anew, as a case newly opened."""
    fresh = ImageCanvas()
    try:
        fresh.set_image(window.cases.image)
        fresh.set_document(window.cases.doc)
        return shown(fresh), fresh.layers.mask.qimage().copy()
    finally:
        fresh.deleteLater()


def _canvas_is_the_document(window) -> None:  # noqa: F811
    boxes, mask = _drawn_afresh(window)
    assert shown(window.canvas) == boxes
    assert window.canvas.layers.mask.qimage() == mask


def test_a_multi_delete_that_fails_keeps_every_object_drawn_and_says_so(
        qtbot, window, monkeypatch) -> None:  # noqa: F811
    doc, table, objects = window.cases.doc, window.case_list.table, window.objects.list
    qtbot.keyClick(table, Qt.Key.Key_2)  # an HE brush stroke
    qtbot.keyClick(table, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    qtbot.keyClick(table, Qt.Key.Key_W)  # and an HE box
    window_drag(window, [(100, 60), (130, 90)])
    qtbot.waitUntil(lambda: objects.rowCount() == 2, timeout=5_000)
    boxes, mask, steps = list(doc.boxes), doc.mask.copy(), window.cases.history.entries

    real = mask_commands.diff_patches

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(mask_commands, "diff_patches", no_memory)
    qtbot.mouseClick(objects.viewport(), Qt.MouseButton.LeftButton,
                     pos=objects.visualItemRect(objects.item(1, 0)).center())  # the keys go to the list
    objects.selectAll()
    with qtbot.capture_exceptions() as raised:  # the error goes on to the log, as every one the window did not expect
        qtbot.keyClick(objects, Qt.Key.Key_Delete)
    assert [kind for kind, *_ in raised] == [MemoryError]
    assert doc.boxes == boxes and np.array_equal(doc.mask, mask)  # the box is not deleted without the lesion
    assert window.cases.history.entries == steps and objects.rowCount() == 2
    _canvas_is_the_document(window)
    assert window.statusBar().currentMessage() == (
        "“Delete 2 objects” failed and changed nothing: not enough memory; close other programs and try again")
    window.resize(1200, 700)
    keep_screenshot(window, "multi-delete-failed.png")
    assert window.cases.save()  # Ctrl+S writes the case as the canvas shows it, not half deleted
    saved = window.cases.workspace.load_case(doc.case_id)
    assert saved.boxes == boxes and np.array_equal(saved.mask, mask)

    monkeypatch.setattr(mask_commands, "diff_patches", real)  # memory freed: the same delete goes through
    objects.selectAll()
    qtbot.keyClick(objects, Qt.Key.Key_Delete)
    assert doc.boxes == [] and not doc.class_mask(LesionClass.HE).any()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.boxes == boxes and np.array_equal(doc.mask, mask)
    _canvas_is_the_document(window)



def test_the_failure_says_why_in_the_interface_language(chinese) -> None:  # noqa: F811
    from app.edit_failures import failure_text

    assert failure_text("undo", "Relabel HE lesion as SE", OSError(errno.ENOSPC, "No space left on device")) == (
        "无法撤销“将 HE 病灶改为 SE”，该步骤的任何部分均未撤销：磁盘已满")
    assert failure_text("edit", "Delete 2 objects", MemoryError()) == (
        "“删除 2 个对象”失败，未作任何更改：内存不足；请关闭其他程序后重试")
