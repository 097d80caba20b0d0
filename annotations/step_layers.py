"""The layers of the view a step of the history changes (a class's pixels and boxes by the class's name, "boxes" for
every box), so an undo or redo of a step on a layer hidden under View can show it: Ctrl+Z of "Paint HE" with HE
hidden changed nothing to be seen, though the menu named it."""
from __future__ import annotations

from typing import Iterable

import numpy as np

from annotations.classes import ALL_CLASSES
from annotations.commands import (AddBox, AddBoxes, Command, CommandGroup, DeleteBox, MaskEdit, RelabelBox,
                                  SetBoxFlags, SetBoxGeometry)
from annotations.document import CaseDocument

ONE_BOX_EDITS = (DeleteBox, RelabelBox, SetBoxFlags, SetBoxGeometry)  # they name their box by its uid


def step_layers(steps: Iterable[Command], doc: CaseDocument) -> list[str]:
    """The layers ``steps`` change, in the View menu's order, with the boxes' classes as ``doc`` now has them (a
    box the steps took away names only "boxes")."""
    bits, uids, boxes = 0, set[str](), False
    pending = list(steps)
    while pending:
        step = pending.pop()
        if isinstance(step, CommandGroup):
            pending += step.commands
        elif isinstance(step, MaskEdit):  # the class bits its patches differ in
            for patch in step.patches or ():
                bits |= int(np.bitwise_or.reduce(patch.old ^ patch.new, axis=None))
        elif isinstance(step, AddBox):
            boxes = True
            uids.add(step.box.uid)
        elif isinstance(step, AddBoxes):
            boxes = True
            uids |= {box.uid for box in step.boxes}
        elif isinstance(step, ONE_BOX_EDITS):
            boxes = True
            uids.add(step.uid)
    for box in doc.boxes:
        if box.uid in uids:
            bits |= box.label.bit
    return [cls.name for cls in ALL_CLASSES if bits & cls.bit] + (["boxes"] if boxes else [])
