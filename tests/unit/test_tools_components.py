"""Numpy connected components, boxes from masks."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.history import History
from annotations.raster import component_at
from annotations.tools import add_boxes_from_masks, boxes_from_mask, find_components


def test_components_follow_8_and_4_connectivity() -> None:
    mask = np.zeros((10, 12), dtype=bool)
    mask[1:3, 1:4] = True
    mask[3, 4] = True  # diagonal neighbour of (2, 3)
    mask[6:9, 8:11] = True
    mask[7, 9] = False  # a hole does not split a ring
    eight = find_components(mask)
    four = find_components(mask, connectivity=4)
    assert [c.area for c in eight] == [7, 8]
    assert [c.area for c in four] == [6, 1, 8]
    assert eight[0].bounds == (1, 4, 1, 5)
    assert np.array_equal(eight[1].region().to_full(mask.shape), mask & (np.arange(12) >= 6)[None, :])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0.2, 0.7))
def test_components_partition_the_mask_like_a_flood_from_any_pixel(seed: int, density: float) -> None:
    mask = np.random.default_rng(seed).random((17, 23)) < density
    components = find_components(mask)
    cover = np.zeros(mask.shape, dtype=int)
    for component in components:
        full = component.region().to_full(mask.shape)
        cover += full
        row, col = component.rows[0], component.starts[0]
        assert np.array_equal(full, component_at(mask, col + 0.5, row + 0.5).to_full(mask.shape))
    assert np.array_equal(cover, mask.astype(int))


def test_boxes_from_mask_one_per_component_per_class_with_inclusive_corners() -> None:
    bits = np.zeros((20, 30), dtype=np.uint8)
    bits[2:5, 3:9] = LesionClass.MA.bit
    bits[10:15, 20:22] = LesionClass.EX.bit | LesionClass.MA.bit
    bits[18, 0] = LesionClass.EX.bit
    boxes = boxes_from_mask(bits, min_area=2)
    assert [(b.label, b.coords()) for b in boxes] == [
        (LesionClass.MA, (3, 2, 8, 4)), (LesionClass.MA, (20, 10, 21, 14)), (LesionClass.EX, (20, 10, 21, 14))]


def test_add_boxes_from_masks_skips_existing_boxes_and_undoes_as_one_step() -> None:
    doc = CaseDocument("c", "c.png", 30, 20)
    doc.mask[2:5, 3:9] = LesionClass.HE.bit
    doc.mask[10:15, 20:22] = LesionClass.HE.bit
    doc.boxes.append(Box(LesionClass.HE, 3, 2, 8, 4))
    history = History(doc)
    assert add_boxes_from_masks(history) == 1
    assert len(doc.boxes) == 2 and history.entries == ["Boxes from masks (1)"]
    assert add_boxes_from_masks(history) == 0
    history.undo()
    assert len(doc.boxes) == 1


def test_add_boxes_from_masks_tells_the_views_once() -> None:
    """The boxes come as one change, however many: each added box was told apart, and the canvas drew every box
    again for each (203 boxes from a 12 MP photo's AI lesions: the window froze 1-2 s)."""
    doc = CaseDocument("c", "c.png", 60, 20)
    for x in range(0, 60, 4):
        doc.mask[2:5, x:x + 3] = LesionClass.EX.bit
    history = History(doc)
    told: list[str] = []
    history.add_listener(lambda change: told.append(change.kind))
    assert add_boxes_from_masks(history) == 15
    assert told == ["boxes"] and history.entries == ["Boxes from masks (15)"]
    history.undo()
    assert not doc.boxes and told == ["boxes", "boxes"]


def test_add_boxes_from_masks_gives_no_box_to_specks_smaller_than_a_drawn_box() -> None:
    """Eraser leftovers (a lone pixel, a one-pixel-wide sliver) would become 1-pixel-wide VOC boxes."""
    doc = CaseDocument("c", "c.png", 30, 20)
    doc.mask[2:5, 3:9] = LesionClass.HE.bit
    doc.mask[12, 12] = LesionClass.HE.bit
    doc.mask[10:18, 25] = LesionClass.EX.bit
    doc.mask[15:17, 3:5] = LesionClass.MA.bit  # 2x2: as small as the box tool draws, kept
    history = History(doc)
    assert add_boxes_from_masks(history) == 2
    assert sorted((b.label.name, b.coords()) for b in doc.boxes) == [("HE", (3, 2, 8, 4)), ("MA", (3, 15, 4, 16))]
