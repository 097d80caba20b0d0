"""Boxes copied the labelImg way: a duplicate of the selected box (Ctrl+D), a little off the original so it is
visibly a new box, and the previous case's boxes onto this case (Ctrl+V), clipped to this photo and without the
ones already here. Each is one undo step."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterable

from annotations.commands import AddBox, AddBoxes
from annotations.document import READER_SOURCE, Box, CaseDocument, new_uid
from annotations.history import History

Coords = tuple[int, int, int, int]  # xmin, ymin, xmax, ymax, inclusive


def clip_coords(coords: Coords, width: int, height: int) -> Coords | None:
    """``coords`` clipped to a ``width`` x ``height`` photo; None when the box lies wholly off it."""
    xmin, ymin, xmax, ymax = coords
    if xmax < 0 or ymax < 0 or xmin > width - 1 or ymin > height - 1:
        return None
    return max(xmin, 0), max(ymin, 0), min(xmax, width - 1), min(ymax, height - 1)


def duplicate_coords(coords: Coords, offset: int, width: int, height: int) -> Coords:
    """Corners of a copy ``offset`` pixels right and down of ``coords``; left or up instead where right or down
    would leave the photo, and clipped to it (a box nearly as large as the photo); on a photo too small for
    either, where the box is."""
    xmin, ymin, xmax, ymax = coords
    dx = offset if xmax + offset <= width - 1 else -offset
    dy = offset if ymax + offset <= height - 1 else -offset
    return clip_coords((xmin + dx, ymin + dy, xmax + dx, ymax + dy), width, height) or coords


def copied(box: Box, coords: Coords) -> Box:
    """A new box of the reader's like ``box`` (class and flags) at ``coords``."""
    return dataclasses.replace(box, xmin=coords[0], ymin=coords[1], xmax=coords[2], ymax=coords[3], score=None,
                               source=READER_SOURCE, uid=new_uid(), imported_as=None)


def duplicate_box(history: History, box: Box, offset: int) -> Box:
    """Add a copy of ``box`` ``offset`` (at least 1) pixels off it as one step "Duplicate MA box"; returns it."""
    doc = history.doc
    copy = copied(box, duplicate_coords(box.coords(), max(offset, 1), doc.width, doc.height))
    history.execute(AddBox(copy, f"Duplicate {box.label.name} box"))
    return copy


@dataclass(frozen=True)
class BoxCopies:
    """What copying boxes onto a case would add, and what it leaves out."""

    boxes: tuple[Box, ...]
    already_here: int = 0  # boxes identical (class and corners, once clipped) to one on the case
    off_photo: int = 0  # boxes wholly outside this photo (the other one was larger)


def boxes_to_copy(source: Iterable[Box], doc: CaseDocument) -> BoxCopies:
    """The boxes of ``source`` as copies on ``doc``: clipped to its photo, none twice, none already there."""
    here = {(box.label, box.coords()) for box in doc.boxes}
    boxes: list[Box] = []
    already_here = off_photo = 0
    for box in source:
        coords = clip_coords(box.coords(), doc.width, doc.height)
        if coords is None:
            off_photo += 1
        elif (box.label, coords) in here:
            already_here += 1
        else:
            here.add((box.label, coords))
            boxes.append(copied(box, coords))
    return BoxCopies(tuple(boxes), already_here, off_photo)


def add_copies(history: History, copies: BoxCopies) -> int:
    """Add ``copies`` as one step "Copy N box(es) from the previous case"; returns how many were added."""
    if copies.boxes:
        history.execute(AddBoxes(list(copies.boxes), f"Copy {len(copies.boxes)} box(es) from the previous case"))
    return len(copies.boxes)
