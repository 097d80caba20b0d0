"""Box edits: add, move/resize, delete, relabel, flags. Boxes are found by uid, so edits survive reordering."""
from __future__ import annotations

from annotations.classes import LesionClass
from annotations.commands.base import Change, Command
from annotations.document import READER_SOURCE, Box, CaseDocument

BOXES = [Change("boxes")]  # any box may have changed (the boxes replaced whole)


def boxes_changed(*uids: str) -> list[Change]:
    """The change notice of an edit of these boxes only."""
    return [Change("boxes", uids=frozenset(uids))]


class _MakesTheBoxTheReaders:
    """An edit of a box makes it the reader's: an imported or AI box the reader moved, relabelled or flagged is their
    correction, which importing the file again (it replaces the boxes of the earlier import) must not undo, nor
    bring the box back as it was imported (Box.imported_as). Called before the edit changes the box."""

    _before: tuple[str, tuple[str, int, int, int, int] | None] | None = None  # the box's source and imported_as

    def _take(self, box: Box) -> None:
        if self._before is None:
            self._before = (box.source, box.imported_as)
        box.imported_as, box.source = box.import_origin(), READER_SOURCE

    def _give_back(self, box: Box) -> None:
        assert self._before is not None, "revert before apply"
        box.source, box.imported_as = self._before


class AddBox(Command):
    def __init__(self, box: Box, text: str = "") -> None:
        """``text`` names the step when it is not a drawn box ("Duplicate MA box")."""
        self.box = box
        self.text = text or f"Add {box.label.name} box"

    def apply(self, doc: CaseDocument) -> list[Change]:
        doc.boxes.append(self.box)
        return boxes_changed(self.box.uid)

    def revert(self, doc: CaseDocument) -> list[Change]:
        doc.boxes.remove(doc.box_by_uid(self.box.uid))
        return boxes_changed(self.box.uid)


class AddBoxes(Command):
    """Several boxes added as one step, one change (boxes copied from another case, boxes from masks)."""

    def __init__(self, boxes: list[Box], text: str) -> None:
        self.boxes = list(boxes)
        self.text = text

    def apply(self, doc: CaseDocument) -> list[Change]:
        doc.boxes.extend(self.boxes)
        return boxes_changed(*(box.uid for box in self.boxes))

    def revert(self, doc: CaseDocument) -> list[Change]:
        uids = {box.uid for box in self.boxes}
        doc.boxes[:] = [box for box in doc.boxes if box.uid not in uids]
        return boxes_changed(*uids)


class DeleteBox(Command):
    """Delete a box; an imported one (or one the reader corrected since its import) is recorded as dismissed, so that
    importing the file again does not bring it back (CaseDocument.dismissed_imports)."""

    def __init__(self, uid: str) -> None:
        self.uid = uid
        self.text = "Delete box"
        self._removed: tuple[int, Box] | None = None
        self._dismissed: tuple[str, int, int, int, int] | None = None

    def apply(self, doc: CaseDocument) -> list[Change]:
        box = doc.box_by_uid(self.uid)
        self._removed = (doc.boxes.index(box), box)
        doc.boxes.remove(box)
        self._dismissed = box.import_origin()
        if self._dismissed is not None:
            doc.dismissed_imports.append(self._dismissed)
        self.text = f"Delete {box.label.name} box"
        return boxes_changed(self.uid)

    def revert(self, doc: CaseDocument) -> list[Change]:
        assert self._removed is not None, "revert before apply"
        index, box = self._removed
        doc.boxes.insert(index, box)
        if self._dismissed is not None:
            doc.dismissed_imports.remove(self._dismissed)
        return boxes_changed(self.uid)


class SetBoxGeometry(_MakesTheBoxTheReaders, Command):
    """Move or resize a box; corners given in either order are sorted. Successive ones on one box merge."""

    def __init__(self, uid: str, xmin: int, ymin: int, xmax: int, ymax: int) -> None:
        self.uid = uid
        self.new = (min(xmin, xmax), min(ymin, ymax), max(xmin, xmax), max(ymin, ymax))
        self.old: tuple[int, int, int, int] | None = None
        self.text = "Move box"

    def apply(self, doc: CaseDocument) -> list[Change]:
        box = doc.box_by_uid(self.uid)
        self._take(box)
        if self.old is None:
            self.old = box.coords()
            self._describe()
        box.xmin, box.ymin, box.xmax, box.ymax = self.new
        return boxes_changed(self.uid)

    def revert(self, doc: CaseDocument) -> list[Change]:
        assert self.old is not None, "revert before apply"
        box = doc.box_by_uid(self.uid)
        box.xmin, box.ymin, box.xmax, box.ymax = self.old
        self._give_back(box)
        return boxes_changed(self.uid)

    def merge(self, later: Command) -> bool:
        if not isinstance(later, SetBoxGeometry) or later.uid != self.uid:
            return False
        self.new = later.new
        self._describe()
        return True

    def _describe(self) -> None:
        assert self.old is not None
        same_size = (self.old[2] - self.old[0], self.old[3] - self.old[1]) == (
            self.new[2] - self.new[0], self.new[3] - self.new[1])
        self.text = "Move box" if same_size else "Resize box"


class RelabelBox(_MakesTheBoxTheReaders, Command):
    def __init__(self, uid: str, cls: LesionClass) -> None:
        self.uid, self.cls = uid, cls
        self.old: LesionClass | None = None
        self.text = f"Relabel box as {cls.name}"

    def apply(self, doc: CaseDocument) -> list[Change]:
        box = doc.box_by_uid(self.uid)
        self._take(box)
        if self.old is None:
            self.old = box.label
            self.text = f"Relabel box {self.old.name} → {self.cls.name}"
        box.label = self.cls
        return boxes_changed(self.uid)

    def revert(self, doc: CaseDocument) -> list[Change]:
        assert self.old is not None, "revert before apply"
        box = doc.box_by_uid(self.uid)
        box.label = self.old
        self._give_back(box)
        return boxes_changed(self.uid)


class SetBoxFlags(_MakesTheBoxTheReaders, Command):
    """Set the VOC ``difficult`` / ``truncated`` flags; a flag left as None is not changed."""

    def __init__(self, uid: str, difficult: bool | None = None, truncated: bool | None = None) -> None:
        self.uid = uid
        self.new = {name: value for name, value in (("difficult", difficult), ("truncated", truncated))
                    if value is not None}
        self.old: dict[str, bool] = {}
        self.text = "; ".join(("Mark" if value else "Unmark") + f" box {name}"
                              for name, value in self.new.items()) or "Set box flags"

    def apply(self, doc: CaseDocument) -> list[Change]:
        box = doc.box_by_uid(self.uid)
        self._take(box)
        if not self.old:
            self.old = {name: getattr(box, name) for name in self.new}
        for name, value in self.new.items():
            setattr(box, name, value)
        return boxes_changed(self.uid)

    def revert(self, doc: CaseDocument) -> list[Change]:
        box = doc.box_by_uid(self.uid)
        for name, value in self.old.items():
            setattr(box, name, value)
        self._give_back(box)
        return boxes_changed(self.uid)
