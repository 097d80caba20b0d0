"""Boxes copied the labelImg way: Ctrl+D's duplicate of the selected box, Ctrl+V's copies of the previous case's."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.history import History
from annotations.tools import BoxTool, ToolContext, ToolSettings
from annotations.tools.box_copies import add_copies, boxes_to_copy, clip_coords, duplicate_coords
from annotations.workspace import Workspace, WorkspaceError

MA, HE = LesionClass.MA, LesionClass.HE


def test_a_duplicate_sits_down_and_right_or_back_where_the_photo_ends() -> None:
    assert duplicate_coords((10, 20, 30, 40), 12, 100, 80) == (22, 32, 42, 52)
    assert duplicate_coords((80, 60, 95, 75), 12, 100, 80) == (68, 48, 83, 63)  # no room right or down
    assert duplicate_coords((0, 0, 99, 79), 12, 100, 80) == (0, 0, 87, 67)  # the whole photo: clipped
    assert duplicate_coords((2, 2, 4, 4), 12, 8, 8) == (2, 2, 4, 4)  # no room either way: where it is


def test_clipping_keeps_what_lies_on_the_photo() -> None:
    assert clip_coords((-5, 10, 20, 200), 100, 80) == (0, 10, 20, 79)
    assert clip_coords((100, 10, 120, 20), 100, 80) is None
    assert clip_coords((10, -30, 20, -1), 100, 80) is None


def test_duplicating_the_selected_box_is_one_step_and_selects_the_copy() -> None:
    history = History(CaseDocument("c", "c.png", 100, 80))
    tool = BoxTool(ToolContext(history, ToolSettings()))
    assert not tool.duplicate_selected(12)  # nothing selected
    original = Box(HE, 10, 20, 30, 40, difficult=True, score=0.8, source="ai")
    tool.context.doc.boxes.append(original)
    tool.select(original.uid)
    assert tool.duplicate_selected(6)
    doc = history.doc
    assert len(doc.boxes) == 2 and history.entries == ["Duplicate HE box"]
    copy = tool.selected
    assert copy is doc.boxes[1] and copy.uid != original.uid
    assert (copy.label, copy.coords(), copy.difficult, copy.score, copy.source) == (HE, (16, 26, 36, 46), True,
                                                                                    None, "reader")
    history.undo()
    assert doc.boxes == [original] and tool.selected is None


def test_the_previous_cases_boxes_are_clipped_and_those_already_here_skipped() -> None:
    doc = CaseDocument("c", "c.png", 100, 80, boxes=[Box(MA, 1, 1, 5, 5)])
    source = [Box(MA, 1, 1, 5, 5), Box(MA, 1, 1, 5, 5, uid="twin"),  # already here
              Box(HE, 90, 70, 140, 120, truncated=True),  # clipped to (90, 70, 99, 79)
              Box(HE, 90, 70, 99, 79),  # the clipped one again: once only
              Box(MA, 200, 10, 210, 20)]  # off this smaller photo
    copies = boxes_to_copy(source, doc)
    assert [(box.label, box.coords(), box.truncated) for box in copies.boxes] == [(HE, (90, 70, 99, 79), True)]
    assert (copies.already_here, copies.off_photo) == (3, 1)
    assert copies.boxes[0].uid != source[2].uid


def test_copies_are_added_as_one_step_and_undone_together() -> None:
    history = History(CaseDocument("c", "c.png", 100, 80))
    copies = boxes_to_copy([Box(MA, 1, 1, 5, 5), Box(HE, 10, 10, 20, 20)], history.doc)
    assert add_copies(history, copies) == 2
    assert [box.coords() for box in history.doc.boxes] == [(1, 1, 5, 5), (10, 10, 20, 20)]
    assert history.entries == ["Copy 2 box(es) from the previous case"]
    history.undo()
    assert history.doc.boxes == []
    assert add_copies(history, boxes_to_copy([], history.doc)) == 0 and history.position == 0


def test_a_cases_saved_boxes_are_read_from_its_case_file_alone(tmp_path) -> None:
    Image.fromarray(np.full((24, 32, 3), 90, np.uint8)).save(tmp_path / "a.png")
    ws = Workspace.open(tmp_path, reader="dr-test")
    try:
        (case,) = ws.cases()
        assert ws.case_files.saved_boxes(case.case_id) == []  # nothing saved yet
        doc = ws.load_case(case.case_id)
        doc.boxes = [Box(HE, 1, 2, 10, 12, difficult=True)]
        ws.save_case(doc)
        (box,) = ws.case_files.saved_boxes(case.case_id)
        assert (box.label, box.coords(), box.difficult, box.uid) == (HE, (1, 2, 10, 12), True, doc.boxes[0].uid)
        path = ws.case_files.case_file(case.case_id)
        path.write_text(path.read_text().replace('"label": "HE"', '"label": "XX"'))
        with pytest.raises(WorkspaceError, match="not valid"):
            ws.case_files.saved_boxes(case.case_id)
    finally:
        ws.close()
