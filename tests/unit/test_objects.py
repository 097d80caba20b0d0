import numpy as np

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.document import Box, CaseDocument
from annotations.history import History
from annotations.objects import (BOX, LESION, delete_object, delete_objects, list_objects, marked_counts,
                                 relabel_object, set_difficult)
from annotations.tools.components import find_components


def _case() -> History:
    doc = CaseDocument("a", "a.png", 40, 30)
    doc.boxes.append(Box(LesionClass.EX, 2, 3, 11, 7, difficult=True))
    doc.mask[10:13, 20:24] = LesionClass.HE.bit
    doc.mask[20, 5] = LesionClass.HE.bit | LesionClass.MA.bit  # overlapping classes: one object each
    return History(doc)


def test_boxes_then_lesion_components_with_class_size_and_flag() -> None:
    doc = _case().doc
    objects = list_objects(doc)
    assert [(o.kind, o.cls.name, o.bounds, o.area_px, o.difficult) for o in objects] == [
        (BOX, "EX", (3, 8, 2, 12), 50, True),
        (LESION, "MA", (20, 21, 5, 6), 1, False),
        (LESION, "HE", (10, 13, 20, 24), 12, False),
        (LESION, "HE", (20, 21, 5, 6), 1, False),
    ]
    assert marked_counts(objects, doc.mask) == {"MA": 1, "HE": 2, "EX": 1}  # the EX box covers nothing painted


def test_a_box_over_a_painted_lesion_of_its_class_is_that_lesion() -> None:
    doc = _case().doc
    doc.boxes += [Box(LesionClass.HE, 21, 11, 22, 11),  # touches the HE block: not another lesion
                  Box(LesionClass.MA, 19, 9, 25, 14),  # around the HE block: nothing of its class painted there
                  Box(LesionClass.MA, 6, 21, 9, 24)]  # beside the one-pixel MA, not over it
    assert marked_counts(list_objects(doc), doc.mask) == {"MA": 3, "HE": 2, "EX": 1}


def test_delete_a_lesion_clears_only_its_class_and_pixels_and_undoes() -> None:
    history = _case()
    before = history.doc.mask.copy()
    delete_object(history, list_objects(history.doc)[3])  # the one-pixel HE under the MA
    assert history.doc.mask[20, 5] == LesionClass.MA.bit and history.doc.class_mask(LesionClass.HE)[10:13, 20:24].all()
    assert history.entries[-1] == "Delete HE lesion"
    history.undo()
    assert np.array_equal(history.doc.mask, before)


def test_delete_and_relabel_boxes_and_lesions_one_step_each() -> None:
    history = _case()
    objects = list_objects(history.doc)
    relabel_object(history, objects[2], LesionClass.SE)
    assert history.doc.class_mask(LesionClass.SE)[10:13, 20:24].all()
    assert not history.doc.class_mask(LesionClass.HE)[10:13, 20:24].any()
    assert history.entries[-1] == "Relabel HE lesion as SE"
    relabel_object(history, objects[0], LesionClass.MA)
    assert history.doc.boxes[0].label == LesionClass.MA
    assert set_difficult(history, objects[0], False) and not history.doc.boxes[0].difficult
    assert not set_difficult(history, objects[2], True)
    delete_object(history, objects[0])
    assert history.doc.boxes == []
    for _ in range(4):
        history.undo()
    def summary(doc: CaseDocument) -> list[tuple]:
        return [(o.kind, o.cls, o.bounds, o.area_px, o.difficult) for o in list_objects(doc)]

    assert summary(history.doc) == summary(_case().doc)
    assert history.doc.boxes[0].label == LesionClass.EX and history.doc.class_mask(LesionClass.HE)[11, 21]


def test_lesions_of_overlapping_classes_are_each_class_s_components() -> None:
    """The one pass over the mask lists, per class, the components of that class's own mask; a lesion at a row's
    end and one at the next row's start (neighbours in memory) stay two."""
    rng = np.random.default_rng(3)
    doc = CaseDocument("a", "a.png", 37, 29)
    for cls in ALL_CLASSES:
        doc.mask |= ((rng.random(doc.mask.shape) < 0.08) * cls.bit).astype(np.uint8)
    doc.mask[4, -1] = doc.mask[5, 0] = LesionClass.SE.bit
    expected = [(cls, c.bounds, c.area) for cls in ALL_CLASSES for c in find_components(doc.mask & cls.bit != 0)]
    objects = list_objects(doc)
    assert [(o.cls, o.bounds, o.area_px) for o in objects] == expected
    assert all(o.region is not None and o.region.mask.sum() == o.area_px for o in objects)


def test_delete_objects_is_one_step_told_once_per_kind() -> None:
    history = _case()
    before = history.doc.mask.copy()
    told: list[str] = []
    history.add_listener(lambda change: told.append(change.kind))
    delete_objects(history, list_objects(history.doc))
    assert not history.doc.boxes and not history.doc.mask.any()
    assert told == ["boxes", "mask"] and history.entries == ["Delete 4 objects"]
    history.undo()
    assert len(history.doc.boxes) == 1 and np.array_equal(history.doc.mask, before)
    delete_objects(history, list_objects(history.doc)[:1])  # one object: its own name
    assert history.entries == ["Delete EX box"]


def test_an_object_gone_since_the_list_was_made_is_left_alone() -> None:
    """The Objects dock is rebuilt a moment after an edit: Delete pressed at once after Ctrl+Z named a box the undo
    had taken away. It raised KeyError, and the rows deleted before it in the same step were gone from the case with
    no undo step and no change told (the canvas still drew them); a lesion undone, relabelled, was painted back."""
    from annotations.commands import AddBox, FillRegion
    from annotations.raster import Region

    history = _case()
    history.execute(AddBox(Box(LesionClass.MA, 30, 2, 35, 6)))
    history.execute(FillRegion(LesionClass.SE, Region(np.ones((3, 3), bool), 25, 30)))
    objects = list_objects(history.doc)  # the EX and MA boxes, then the lesions: MA, HE, HE, SE
    history.undo()
    history.undo()  # the MA box and the SE lesion go; the list still shows them
    told: list[str] = []
    history.add_listener(lambda change: told.append(change.kind))
    relabel_object(history, objects[1], LesionClass.SE)
    relabel_object(history, objects[5], LesionClass.HE)
    assert not set_difficult(history, objects[1], True)
    delete_object(history, objects[1])
    assert told == [] and history.position == 0 and not history.doc.mask[25:28, 30:33].any()  # nothing done
    delete_objects(history, objects[:3])  # the EX box, the gone MA box, the MA lesion
    assert history.doc.boxes == [] and not history.doc.class_mask(LesionClass.MA).any()
    assert told == ["boxes", "mask"] and history.entries == ["Delete 2 objects"]
    history.undo()
    assert [box.label for box in history.doc.boxes] == [LesionClass.EX]
    assert history.doc.class_mask(LesionClass.MA)[20, 5]
