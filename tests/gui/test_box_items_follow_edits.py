"""The canvas redraws only the box an edit touched (a drag among hundreds of boxes stayed at 30-40 ms a mouse move
while every box was drawn again), and the boxes it shows stay the document's through drags, undo, redo, relabels,
flags and deletes."""
from __future__ import annotations

from annotations.classes import LesionClass
from annotations.commands import AddBoxes, DeleteBox, RelabelBox, SetBoxFlags, SetBoxGeometry, SetLabels
from annotations.document import Box
from tests.gui.test_annotation_tools import Rig
from widgets.canvas import ImageCanvas

COLUMNS = 12


def many_boxes(count: int = 60) -> list[Box]:
    """``count`` small boxes in a grid, classes in turn."""
    classes = (LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE)
    return [Box(classes[i % 4], 4 + 16 * (i % COLUMNS), 4 + 14 * (i // COLUMNS),
                13 + 16 * (i % COLUMNS), 12 + 14 * (i // COLUMNS)) for i in range(count)]


def shown(canvas: ImageCanvas) -> list[tuple]:
    """What the canvas draws for each box, in its stacking order."""
    return [(item.uid, item.label, item.rect().getRect(), item.tag.text(), item.pen().style(), item.isVisible())
            for item in canvas.box_items()]


def drawn(rig: Rig) -> list[tuple]:
    """What the canvas shows after drawing every box of the document afresh (as a newly opened case)."""
    fresh = ImageCanvas()
    fresh.set_image(rig.image)
    for name in ("MA", "HE", "EX", "SE"):
        fresh.set_layer_visible(name, rig.canvas.is_layer_visible(name))
    fresh.set_document(rig.doc)
    try:
        return shown(fresh)
    finally:
        fresh.deleteLater()


def test_an_edit_of_one_box_among_many_recreates_only_its_item(qtbot) -> None:
    rig = Rig(qtbot)
    rig.history.execute(AddBoxes(many_boxes(), "Boxes from masks"))
    items = {item.uid: item for item in rig.canvas.box_items()}
    edited = rig.doc.boxes[17]
    for command in (SetBoxGeometry(edited.uid, 40, 40, 60, 60), RelabelBox(edited.uid, LesionClass.SE),
                    SetBoxFlags(edited.uid, difficult=True)):
        rig.history.execute(command)
        now = {item.uid: item for item in rig.canvas.box_items()}
        assert [uid for uid in now if now[uid] is not items[uid]] == [edited.uid], command.text
        assert shown(rig.canvas) == drawn(rig)
        items = now


def test_drag_undo_redo_relabel_and_delete_leave_the_shown_boxes_the_documents(qtbot) -> None:
    rig = Rig(qtbot, zoom=2.5)
    rig.history.execute(AddBoxes(many_boxes(), "Boxes from masks"))
    rig.canvas.set_layer_visible("HE", False)  # a hidden class's box stays hidden when redrawn
    rig.use("box")
    box = rig.doc.boxes[14]  # EX, in the middle of the stack
    x, y = (box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2
    rig.drag([(x, y), (x + 3, y + 2), (x + 7, y + 5)])  # a move: several mouse moves, one step
    assert box.coords() == (43, 23, 52, 31) and shown(rig.canvas) == drawn(rig)
    for step in (rig.history.undo, rig.history.redo):
        step()
        assert shown(rig.canvas) == drawn(rig)
    rig.history.execute(RelabelBox(box.uid, LesionClass.HE))  # now of the hidden class
    assert shown(rig.canvas) == drawn(rig)
    rig.history.execute(DeleteBox(rig.doc.boxes[5].uid))
    assert len(rig.canvas.box_items()) == len(rig.doc.boxes) == 59 and shown(rig.canvas) == drawn(rig)
    rig.history.undo()  # back in its place among the others, under the boxes after it
    assert shown(rig.canvas) == drawn(rig)
    rig.history.go_to(0)
    assert rig.canvas.box_items() == [] and shown(rig.canvas) == drawn(rig)
    rig.history.go_to(len(rig.history.entries))  # every step again, the delete too
    assert len(rig.canvas.box_items()) == 59 and shown(rig.canvas) == drawn(rig)


def test_boxes_replaced_whole_are_all_drawn_again(qtbot) -> None:
    rig = Rig(qtbot)
    rig.history.execute(AddBoxes(many_boxes(), "Boxes from masks"))
    imported = many_boxes(5)
    rig.history.execute_saved(SetLabels(imported, rig.doc.mask.copy(), "Import labels"))  # as import_steps does
    assert [item.uid for item in rig.canvas.box_items()] == [box.uid for box in imported]
    rig.history.undo()
    assert shown(rig.canvas) == drawn(rig) and len(rig.canvas.box_items()) == 60
