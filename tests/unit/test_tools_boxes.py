"""The labelImg-style box tool: draw, select, move, resize by handles, nudge, relabel, flag, delete, undo."""
from __future__ import annotations

import pytest

from annotations.classes import LesionClass
from annotations.commands import DeleteBox
from annotations.document import Box, CaseDocument
from annotations.history import History
from annotations.tools import BoxTool, ToolContext, ToolSettings, ToolUnavailable
from annotations.tools.boxes import frame_to_coords, hit_handle


@pytest.fixture
def tool() -> BoxTool:
    return BoxTool(ToolContext(History(CaseDocument("c", "c.png", 100, 80)), ToolSettings(cls=LesionClass.EX)))


def drag(tool: BoxTool, start: tuple[float, float], end: tuple[float, float]) -> None:
    tool.press(*start)
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    tool.drag(*middle)
    tool.drag(*end)
    tool.release(*end)


def test_drawing_adds_a_box_of_the_selected_class_and_selects_it(tool: BoxTool) -> None:
    tool.press(10.2, 20.7)
    tool.drag(30, 30)
    assert tool.draft == (10.2, 20.7, 30, 30) and tool.busy
    tool.drag(40.4, 35.2)
    tool.release(40.4, 35.2)
    (box,) = tool.context.doc.boxes
    # The frame (10, 21)-(40, 35) covers pixels 10..39 and 21..34.
    assert (box.label, box.coords()) == (LesionClass.EX, (10, 21, 39, 34))
    assert tool.selected is box and tool.draft is None and not tool.busy
    assert tool.history.entries == ["Add EX box"]


def test_a_click_without_a_drag_adds_nothing_and_deselects(tool: BoxTool) -> None:
    drag(tool, (10, 10), (30, 30))
    drag(tool, (60, 60), (60.5, 60.5))
    assert len(tool.context.doc.boxes) == 1 and tool.selected is None


@pytest.mark.parametrize("end", [(10.5, 13.5), (13.5, 10.5)])
def test_a_thin_drag_adds_no_box_and_says_so(tool: BoxTool, end: tuple[float, float]) -> None:
    """A box one pixel wide vanished without a word (an annotator's thin microaneurysm at 800 %)."""
    with pytest.raises(ToolUnavailable, match=r"no box drawn: the drag covered (1x4|4x1) image pixels; a box is at "
                                              r"least 2 pixels each way"):
        drag(tool, (10.2, 10.2), end)
    assert tool.context.doc.boxes == [] and not tool.busy and tool.draft is None


def test_move_by_dragging_inside_is_one_undo_step_and_stops_at_the_border(tool: BoxTool) -> None:
    drag(tool, (10, 10), (30, 20))
    box = tool.context.doc.boxes[0]
    drag(tool, (15, 15), (20, 18))
    assert box.coords() == (15, 13, 34, 22)
    assert tool.history.entries == ["Add EX box", "Move box"]
    drag(tool, (20, 15), (500, 15))
    assert box.coords() == (80, 13, 99, 22)
    tool.history.undo()
    tool.history.undo()
    assert box.coords() == (10, 10, 29, 19)


def test_resize_by_corner_and_edge_handles(tool: BoxTool) -> None:
    drag(tool, (10, 10), (30, 20))
    box = tool.context.doc.boxes[0]
    assert tool.hover_target(30, 20) == "se" and tool.hover_target(20, 10) == "n"
    assert tool.hover_target(20, 15) == "move" and tool.hover_target(60, 60) is None
    drag(tool, (30, 20), (50.4, 41))
    assert box.coords() == (10, 10, 49, 40)
    drag(tool, (10, 25), (20, 25))  # the west edge
    assert box.coords() == (20, 10, 49, 40)
    drag(tool, (20, 25), (60, 25))  # past the east edge: the box flips, never inverted
    assert box.coords() == (50, 10, 59, 40)
    assert tool.history.entries[-3:] == ["Resize box"] * 3


@pytest.mark.parametrize(("corners", "handle", "end", "expected"), [
    (((10, 10), (30, 20)), (10, 10), (30, 20), (30, 20, 31, 21)),  # the corner dropped on the opposite one
    (((90, 70), (100, 80)), (90, 70), (150, 150), (98, 78, 99, 79)),  # dragged past the image's corner
])
def test_a_resize_leaves_a_box_at_least_as_big_as_one_drawn(tool: BoxTool, corners, handle, end, expected) -> None:
    """A handle dragged onto or past the opposite corner made a 1x1 box, which a drag would never have drawn
    (MIN_SIZE): kept unsaid, exported to YOLO with a width and height of 0."""
    drag(tool, *corners)
    box = tool.context.doc.boxes[0]
    drag(tool, handle, end)
    assert box.coords() == expected


def test_escape_during_a_drag_puts_the_box_back(tool: BoxTool) -> None:
    drag(tool, (10, 10), (30, 20))
    box = tool.context.doc.boxes[0]
    tool.press(20, 15)
    tool.drag(40, 40)
    assert box.coords() != (10, 10, 29, 19)
    assert tool.key("Escape")
    assert box.coords() == (10, 10, 29, 19) and tool.history.position == 1
    assert tool.history.entries == ["Add EX box"]  # no step was made: nothing cancelled is offered to redo


def test_keys_nudge_delete_relabel_and_flag_the_selected_box(tool: BoxTool) -> None:
    drag(tool, (0, 0), (10, 10))
    box = tool.context.doc.boxes[0]
    assert tool.key("Right") and tool.key("Left") and tool.key("Left")  # the last one is at the border
    assert box.coords() == (0, 0, 9, 9)
    assert tool.set_class(LesionClass.MA) and box.label == LesionClass.MA
    assert not tool.set_class(LesionClass.MA)
    assert tool.toggle_difficult() and box.difficult
    assert tool.key("Delete") and tool.context.doc.boxes == [] and tool.selected is None
    assert not tool.key("Delete") and not tool.toggle_difficult()
    tool.history.undo()  # the delete
    tool.history.undo()  # the flag
    assert tool.context.doc.boxes[0].label == LesionClass.MA and not tool.context.doc.boxes[0].difficult


def test_a_deleted_box_brought_back_by_undo_is_selected_again(tool: BoxTool) -> None:
    """As an editor brings back what it deleted: the arrows, a class key's relabel and Delete act on it at once (it
    came back unselected, acted on by nothing until clicked)."""
    drag(tool, (0, 0), (10, 10))
    drag(tool, (20, 20), (30, 30))
    second = tool.context.doc.boxes[1]
    assert tool.key("Delete") and tool.selected is None
    tool.history.undo()
    assert tool.selected is tool.context.doc.boxes[1] and tool.selected.uid == second.uid
    assert tool.key("Right") and tool.context.doc.boxes[1].coords() == (21, 20, 30, 29)
    tool.history.undo()  # the nudge
    tool.history.undo()  # the second box's drawing: nothing is selected where it was
    assert tool.selected is None and not tool.key("Right")


def test_a_box_reaching_the_image_edge_moves_only_the_way_asked(tool: BoxTool) -> None:
    """VOC files say xmax == width and ymax == height for a box on the edge (labelImg, CODRAS), which the reader
    keeps. → moved such a box up and to the left, ↓ did nothing, and every move shifted the other axis by one."""
    box = Box(LesionClass.HE, 80, 60, 100, 80)  # on a 100 x 80 image: past the last column and row
    tool.context.doc.boxes.append(box)
    tool.press(90, 70)
    tool.release(90, 70)
    assert tool.selected is box
    tool.key("Right")
    tool.key("Down")
    assert box.coords() == (80, 60, 100, 80) and tool.history.entries == []  # nowhere to go: no step
    tool.key("Left")
    assert box.coords() == (79, 60, 99, 80)
    tool.key("Up")
    assert box.coords() == (79, 59, 99, 79)
    tool.history.undo()
    tool.history.undo()
    drag(tool, (90, 70), (87, 70))  # dragged left by 3: the rows stay
    assert box.coords() == (77, 60, 97, 80)


def test_clicking_picks_the_smallest_box_under_the_pointer(tool: BoxTool) -> None:
    doc = tool.context.doc
    big, small = Box(LesionClass.HE, 0, 0, 60, 60), Box(LesionClass.MA, 20, 20, 25, 25)
    doc.boxes += [big, small]
    tool.press(22, 22)
    tool.release(22, 22)
    assert tool.selected is small
    tool.key("Escape")
    tool.press(50, 50)
    tool.release(50, 50)
    assert tool.selected is big
    tool.history.execute(DeleteBox(big.uid))
    assert tool.selected is None  # undo/redo may remove the selected box


def test_any_boxs_corner_grabs_it_as_labelimg_does(tool: BoxTool) -> None:
    """Only the selected box had handles: a corner of another, under the pointer, drew a new box from it (labelImg
    resizes the box whose corner is under the pointer, selected or not). Its edges stay the selected box's."""
    doc = tool.context.doc
    left, right = Box(LesionClass.HE, 10, 10, 29, 29), Box(LesionClass.EX, 50, 10, 69, 29)
    doc.boxes += [left, right]
    tool.select(left.uid)
    assert tool.hover_target(70, 30) == "se" and tool.hover_target(60, 8) is None  # its corner, not its edge
    drag(tool, (70, 30), (80, 40))
    assert (right.coords(), left.coords(), tool.selected) == ((50, 10, 79, 39), (10, 10, 29, 29), right)
    assert len(doc.boxes) == 2 and tool.history.entries[-1] == "Resize box"
    tool.select(left.uid)
    drag(tool, (30, 30), (35, 35))  # the selected box's own corner still wins
    assert left.coords() == (10, 10, 34, 34)


def test_geometry_helpers() -> None:
    assert frame_to_coords(30, 40, 10, 5, 100, 100) == (10, 5, 29, 39)
    assert frame_to_coords(-5, -5, 500, 500, 100, 80) == (0, 0, 99, 79)
    box = Box(LesionClass.MA, 10, 10, 19, 19)
    assert hit_handle(box, 20.5, 20.5, 1) == "se" and hit_handle(box, 15, 15, 1) is None


def test_a_pointer_half_way_between_pixel_corners_snaps_the_same_way_at_every_pixel(tool: BoxTool) -> None:
    """At 200 % every other screen pixel is half way between two image pixel corners. Python's round() sent halves to
    the even corner: a box drawn from pixel 20's centre began at 20, one from pixel 21's at 22, and a box dragged by
    half pixels moved 0, 2, 2, 2, 4 pixels. Halves now go up, as the label formats round them (formats.numbers)."""
    for x in (20.5, 21.5, 22.5, 23.5):
        assert frame_to_coords(x, 10.5, x + 10, 21.5, 100, 80) == (int(x) + 1, 11, int(x) + 10, 21)
    drag(tool, (10, 10), (30, 20))
    box = tool.context.doc.boxes[0]
    tool.press(15, 15)
    moved = []
    for step in range(1, 6):  # half a pixel each
        tool.drag(15 + step / 2, 15)
        moved.append(box.xmin - 10)
    tool.release(17.5, 15)
    assert moved == [1, 1, 2, 2, 3]
