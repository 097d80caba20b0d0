"""Every object of a case for an object list (as labelImg and CVAT have): the reader's boxes and each connected
component of the painted lesion masks, with class, size and difficult flag; delete, relabel and flag them as one
undo step each."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.commands import Command, CommandGroup, DeleteBox, FillRegion, RelabelBox, SetBoxFlags
from annotations.commands.base import Bounds
from annotations.document import CaseDocument
from annotations.history import History
from annotations.raster import Region
from annotations.tools.components import class_components

BOX, LESION = "box", "lesion"


@dataclass(frozen=True)
class CaseObject:
    kind: str  # BOX or LESION
    cls: LesionClass
    bounds: Bounds  # (y0, y1, x0, x1), y1 and x1 exclusive
    area_px: int  # pixels painted (a lesion) or covered (a box)
    difficult: bool = False
    box_uid: str = ""  # a box's uid
    region: Region | None = None  # a lesion's pixels


def list_objects(doc: CaseDocument) -> list[CaseObject]:
    """Boxes in drawing order, then painted lesions by class, each class in reading order."""
    objects = [CaseObject(BOX, box.label, (box.ymin, box.ymax + 1, box.xmin, box.xmax + 1),
                          (box.xmax - box.xmin + 1) * (box.ymax - box.ymin + 1), box.difficult, box_uid=box.uid)
               for box in doc.boxes]
    objects += [CaseObject(LESION, cls, component.bounds, component.area, region=component.region())
                for cls, component in class_components(doc.mask)]
    return objects


def marked_counts(objects: Iterable[CaseObject], mask_bits: np.ndarray) -> dict[str, int]:
    """Lesions (LESION_CLASSES) the reader marked per class name, for the reader's column beside the AI's counts
    (findings panel and report alike): each painted lesion, and each box that covers no painted lesion of its class
    (a reader who labels with boxes paints nothing; a box drawn around a painted lesion, as "Boxes from masks" makes,
    is that lesion). ``mask_bits`` is the mask the objects were listed from: a box is looked up there, not against
    every lesion (thousands of MA)."""
    counts: dict[str, int] = {}
    for obj in objects:
        if obj.cls not in LESION_CLASSES:
            continue
        if obj.kind == LESION or not _covers_painted(obj, mask_bits):
            counts[obj.cls.name] = counts.get(obj.cls.name, 0) + 1
    return counts


def _covers_painted(box: CaseObject, mask_bits: np.ndarray) -> bool:
    """Whether any pixel of ``box``'s class is painted inside it (that pixel's lesion lies partly inside)."""
    y0, y1, x0, x1 = box.bounds
    return bool((mask_bits[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0)] & np.uint8(box.cls.bit)).any())


def delete_object(history: History, obj: CaseObject) -> None:
    delete_objects(history, [obj])


def delete_objects(history: History, objects: Sequence[CaseObject]) -> None:
    """Delete ``objects`` as one undo step, one change per kind told to the views: each deletion told apart had the
    canvas draw every box left again (488 boxes of a 12 MP photo deleted together froze the window 17 s). An
    object already gone from the case is left out (_gone)."""
    objects = [obj for obj in objects if not _gone(history.doc, obj)]
    if len(objects) == 1:
        history.execute(_deletion(objects[0]))
    elif objects:  # named in English as every step is (widgets.history_panel.EDIT_NAMES shows it translated)
        history.execute(CommandGroup(f"Delete {len(objects)} objects", map(_deletion, objects)))


def _deletion(obj: CaseObject) -> Command:
    if obj.kind == BOX:
        return DeleteBox(obj.box_uid)
    return FillRegion(obj.cls, _region(obj), erase=True, text=f"Delete {obj.cls.name} lesion")


def relabel_object(history: History, obj: CaseObject, cls: LesionClass) -> None:
    """Give ``obj`` the class ``cls``: a box is relabelled, a lesion's pixels move from its class to ``cls``."""
    if cls == obj.cls or _gone(history.doc, obj):
        return
    if obj.kind == BOX:
        history.execute(RelabelBox(obj.box_uid, cls))
        return
    # one group applied whole or not at all: a fill that failed half-way left the lesion erased, recorded as the step
    history.execute(CommandGroup(f"Relabel {obj.cls.name} lesion as {cls.name}",
                                 (FillRegion(obj.cls, _region(obj), erase=True), FillRegion(cls, _region(obj)))))


def set_difficult(history: History, obj: CaseObject, difficult: bool) -> bool:
    """Flag a box difficult (VOC); False for a painted lesion, which has no such flag, and for a box gone (_gone)."""
    if obj.kind != BOX or _gone(history.doc, obj):
        return False
    history.execute(SetBoxFlags(obj.box_uid, difficult=difficult))
    return True


def _gone(doc: CaseDocument, obj: CaseObject) -> bool:
    """An object listed before an edit took it from the case: the Objects dock is rebuilt a moment after an edit, and
    Delete pressed at once after Ctrl+Z named a box the undo had removed (a KeyError; several rows deleted were then
    gone from the case with no undo step, and the canvas still drew them); a lesion relabelled so painted back."""
    if obj.kind == BOX:
        return all(box.uid != obj.box_uid for box in doc.boxes)
    region = _region(obj)
    y0, y1, x0, x1 = region.bounds
    return not (doc.mask[y0:y1, x0:x1][region.mask] & np.uint8(obj.cls.bit)).any()


def _region(obj: CaseObject) -> Region:
    assert obj.region is not None, "a lesion object carries its pixels"
    return obj.region
