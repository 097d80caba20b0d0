"""ImportedLabels: the one rule putting an import's labels into a case, whether on disk or held with unsaved edits."""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass as C
from annotations.commands import DeleteBox, RelabelBox, SetBoxFlags, SetBoxGeometry
from annotations.document import Box, CaseDocument, new_uid
from annotations.history import History
from annotations.workspace import Workspace
from annotations.workspace.imported_labels import IMPORT_SOURCE, ImportedLabels
from annotations.workspace.label_import import import_labels

WIDTH, HEIGHT = 40, 30


def case_with(*boxes: Box) -> CaseDocument:
    return CaseDocument("case", "case.png", WIDTH, HEIGHT, boxes=list(boxes))


def pixels(cls: C, rows: slice, cols: slice) -> np.ndarray:
    mask = np.zeros((HEIGHT, WIDTH), np.uint8)
    mask[rows, cols] = cls.bit
    return mask


def test_boxes_replace_the_earlier_import_and_pixels_are_added() -> None:
    own, earlier = Box(C.MA, 1, 1, 4, 4), Box(C.EX, 5, 5, 9, 9, source=IMPORT_SOURCE)
    doc = case_with(own, earlier)
    doc.mask[:] = pixels(C.MA, slice(0, 2), slice(0, 2))
    again = Box(C.EX, 5, 5, 9, 9, source=IMPORT_SOURCE)  # the earlier import's box, read again: keeps its uid
    he = pixels(C.HE, slice(10, 12), slice(3, 6))
    labels = ImportedLabels("case", [Box(C.MA, 1, 1, 4, 4, source=IMPORT_SOURCE), again], he)
    boxes, mask = labels.put_into(doc)
    assert boxes == [own, earlier]  # the reader's own box, exported and read back, is not added twice
    assert mask[0, 0] == C.MA.bit and mask[11, 4] == C.HE.bit
    assert doc.boxes == [own, earlier] and not (doc.mask & C.HE.bit).any()  # the case itself is left as it is
    assert ImportedLabels("case", [], None).put_into(doc)[0] == [own]  # no boxes now: the earlier ones go


def test_per_class_masks_leave_every_box_alone() -> None:
    doc = case_with(Box(C.MA, 1, 1, 4, 4), Box(C.EX, 5, 5, 9, 9, source=IMPORT_SOURCE))
    boxes, mask = ImportedLabels("case", None, pixels(C.SE, slice(2, 3), slice(2, 3))).put_into(doc)
    assert boxes == doc.boxes and mask[2, 2] == C.SE.bit


def test_what_the_import_heard_puts_each_case_as_it_saved_it(tmp_path: Path) -> None:
    images, labels = tmp_path / "images", tmp_path / "yolo"
    images.mkdir()
    labels.mkdir()
    for name in ("a.png", "b.png"):
        Image.fromarray(np.zeros((HEIGHT, WIDTH, 3), np.uint8)).save(images / name)
    (labels / "classes.txt").write_text("haemorrhage\n")
    (labels / "a.txt").write_text("0 0.5 0.5 0.25 0.2\n")
    heard: list[ImportedLabels] = []
    with Workspace.open(images) as ws:
        ids = {case.image_path: case.case_id for case in ws.cases()}
        before = ws.load_case(ids["a.png"])
        before.boxes.append(Box(C.MA, 1, 1, 3, 3))
        ws.save_case(before)
        import_labels(ws, labels, "yolo", {"haemorrhage": C.HE}, saved=heard.append)
        saved = ws.load_case(ids["a.png"])
    assert [labels.case_id for labels in heard] == [ids["a.png"]]
    boxes, mask = heard[0].put_into(copy.deepcopy(before))
    assert boxes == saved.boxes and np.array_equal(mask, saved.mask) and [b.label for b in boxes] == [C.MA, C.HE]


def test_a_box_the_reader_corrected_stays_theirs_when_the_file_is_imported_again() -> None:
    """Moving, relabelling or flagging an imported box left it the import's: importing the file again put every box
    back as the file had it, the reader's corrections gone without a word (retraining probe)."""
    moved, relabelled, flagged, untouched = (Box(C.HE, 10, 10, 14, 14, source=IMPORT_SOURCE),
                                             Box(C.HE, 20, 5, 24, 9, source=IMPORT_SOURCE),
                                             Box(C.EX, 2, 20, 6, 24, source=IMPORT_SOURCE),
                                             Box(C.EX, 30, 20, 34, 24, source=IMPORT_SOURCE))
    doc = case_with(moved, relabelled, flagged, untouched)
    file_again = [dataclasses.replace(box, uid=new_uid()) for box in (moved, relabelled, flagged, untouched)]
    history = History(doc)
    for command in (SetBoxGeometry(moved.uid, 12, 12, 16, 16), RelabelBox(relabelled.uid, C.SE),
                    SetBoxFlags(flagged.uid, difficult=True)):
        history.execute(command)
    assert [b.source for b in doc.boxes] == ["reader", "reader", "reader", IMPORT_SOURCE]
    boxes, _ = ImportedLabels("case", file_again, None).put_into(doc)
    assert [(b.label, b.coords(), b.difficult) for b in boxes] == [
        (C.HE, (12, 12, 16, 16), False), (C.SE, (20, 5, 24, 9), False), (C.EX, (2, 20, 6, 24), True),
        (C.EX, (30, 20, 34, 24), False)]  # the corrections, and the untouched box once: none comes back as it was
    assert boxes[3].uid == untouched.uid
    for _ in range(3):
        history.undo()
    assert [b.source for b in doc.boxes] == [IMPORT_SOURCE] * 4 and all(b.imported_as is None for b in doc.boxes)
    assert ImportedLabels("case", file_again, None).put_into(doc)[0] == doc.boxes  # undone: the import's again


def test_what_a_corrected_box_was_imported_as_is_saved_with_it(tmp_path: Path) -> None:
    Image.fromarray(np.zeros((HEIGHT, WIDTH, 3), np.uint8)).save(tmp_path / "a.png")
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.boxes = [Box(C.HE, 10, 10, 14, 14, source=IMPORT_SOURCE)]
        History(doc).execute(SetBoxGeometry(doc.boxes[0].uid, 11, 11, 15, 15))
        ws.save_case(doc)
        (box,) = ws.load_case(doc.case_id).boxes
    assert box.source == "reader" and box.imported_as == ("HE", 10, 10, 14, 14)


def test_an_imported_box_the_reader_deleted_is_not_brought_back_by_importing_the_file_again(tmp_path: Path) -> None:
    """A false positive deleted from an import came back with the next import of the file (review); deleting a box
    the reader had corrected brought back the import's version of it."""
    false_positive, corrected = (Box(C.HE, 10, 10, 14, 14, source=IMPORT_SOURCE),
                                 Box(C.EX, 2, 20, 6, 24, source=IMPORT_SOURCE))
    doc = case_with(false_positive, corrected)
    file_again = [dataclasses.replace(box, uid=new_uid()) for box in (false_positive, corrected)]
    history = History(doc)
    for command in (DeleteBox(false_positive.uid), SetBoxGeometry(corrected.uid, 3, 21, 7, 25),
                    DeleteBox(corrected.uid)):
        history.execute(command)
    assert doc.dismissed_imports == [("HE", 10, 10, 14, 14), ("EX", 2, 20, 6, 24)]
    assert ImportedLabels("case", file_again, None).put_into(doc)[0] == []
    history.undo()
    history.undo()
    history.undo()
    assert doc.dismissed_imports == [] and len(ImportedLabels("case", file_again, None).put_into(doc)[0]) == 2
    history.redo()
    Image.fromarray(np.zeros((HEIGHT, WIDTH, 3), np.uint8)).save(tmp_path / "a.png")
    with Workspace.open(tmp_path) as ws:
        saved = ws.load_case(ws.cases()[0].case_id)
        saved.dismissed_imports = list(doc.dismissed_imports)
        ws.save_case(saved)
        assert ws.load_case(saved.case_id).dismissed_imports == [("HE", 10, 10, 14, 14)]
