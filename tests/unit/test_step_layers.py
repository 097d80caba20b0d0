"""Which layers of the view an undone or redone step changes: the classes whose pixels it changed, and the boxes
with the classes the boxes now have."""
from __future__ import annotations

import numpy as np

from annotations.classes import LesionClass
from annotations.commands import AddBox, DeleteBox, FillRegion, PaintStroke, RelabelBox
from annotations.document import Box, CaseDocument
from annotations.history import History
from annotations.raster import Region
from annotations.step_layers import step_layers


def _history() -> History:
    return History(CaseDocument("case", "case.png", 40, 30))


def test_a_stroke_names_its_class_and_an_eraser_stroke_that_erased_nothing_names_none() -> None:
    history = _history()
    history.execute(PaintStroke(LesionClass.HE, 3, [(5, 5), (15, 5)]))
    history.execute(PaintStroke(LesionClass.EX, 3, [(30, 20)], erase=True))  # nothing there: no step
    assert step_layers(history.steps, history.doc) == ["HE"]
    history.undo()
    assert step_layers(history.steps, history.doc) == ["HE"], "undone, it changed the same pixels"


def test_a_fill_over_another_class_names_only_what_it_changed() -> None:
    history = _history()
    history.execute(PaintStroke(LesionClass.MA, 5, [(10, 10)]))
    region = Region(np.ones((30, 40), dtype=bool))  # the whole image, MA's pixels too
    history.execute(FillRegion(LesionClass.SE, region))
    assert step_layers(history.steps[1:], history.doc) == ["SE"]


def test_box_steps_name_the_boxes_and_their_classes_as_they_now_are() -> None:
    history = _history()
    box = Box(LesionClass.MA, 2, 2, 10, 10)
    history.execute(AddBox(box))
    history.execute(RelabelBox(box.uid, LesionClass.EX))
    assert step_layers(history.steps[1:], history.doc) == ["EX", "boxes"]
    history.undo()  # the relabel undone: the box is MA again
    assert step_layers(history.steps[1:], history.doc) == ["MA", "boxes"]
    history.execute(DeleteBox(box.uid))
    assert step_layers(history.steps[1:], history.doc) == ["boxes"], "a box gone names no class"
