"""labelme export: the file labelme opens, and a round trip through our labelme reader exact to the pixel except
for holes inside a region (a labelme polygon has none)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats.labelme import labelme_json, read_labelme, relative_image_path
from annotations.formats.outlines import outline
from annotations.tools.components import find_components

MA, HE, EX, OD = LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.OD


def with_holes_filled(binary: np.ndarray) -> np.ndarray:
    """``binary`` plus the background no 4-connected path leads out of (holes of its 8-connected regions)."""
    padded = np.pad(~binary, 1, constant_values=True)
    outside = next(c.region().to_full(padded.shape) for c in find_components(padded, connectivity=4)
                   if c.region().to_full(padded.shape)[0, 0])
    return binary | ~outside[1:-1, 1:-1]


def write_and_read(tmp_path: Path, doc: CaseDocument) -> tuple[dict, object]:
    path = tmp_path / "case.json"
    path.write_text(labelme_json(doc, "../images/case.png"))
    return json.loads(path.read_text()), read_labelme(path)


def test_file_points_at_its_image_and_embeds_none(tmp_path: Path) -> None:
    mask = np.zeros((20, 30), np.uint8)
    mask[2:6, 3:9] = HE.bit
    doc = CaseDocument("c", "case.png", 30, 20, mask=mask, boxes=[Box(EX, 10, 1, 19, 4, difficult=True)])
    document, _ = write_and_read(tmp_path, doc)
    assert document["imageData"] is None and document["imagePath"] == "../images/case.png"
    assert (document["imageWidth"], document["imageHeight"]) == (30, 20)
    rectangle, polygon = document["shapes"]
    assert rectangle == {"label": "EX", "points": [[10, 1], [19, 4]], "group_id": None, "description": "",
                         "shape_type": "rectangle", "flags": {"difficult": True, "truncated": False}, "mask": None}
    assert (polygon["label"], polygon["shape_type"]) == ("HE", "polygon")
    assert polygon["points"] == [[3, 2], [8, 2], [8, 5], [3, 5]]  # the corner pixels' centres, clockwise


def test_boxes_and_flags_come_back_exactly(tmp_path: Path) -> None:
    boxes = [Box(EX, 10, 1, 19, 4, difficult=True), Box(OD, 0, 0, 29, 19, truncated=True), Box(HE, 3, 3, 3, 3)]
    _, back = write_and_read(tmp_path, CaseDocument("c", "case.png", 30, 20, boxes=boxes))
    assert [(b.label, b.coords(), b.difficult, b.truncated) for b in back.boxes] == [
        (b.label, b.coords(), b.difficult, b.truncated) for b in boxes]
    assert back.mask is None and back.notes == []


@pytest.mark.parametrize("seed", range(6))
def test_regions_come_back_exactly_but_for_their_holes(tmp_path: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    height, width = rng.integers(5, 60, 2)
    mask = np.zeros((height, width), np.uint8)
    for cls, density in ((MA, 0.08), (HE, 0.5), (EX, 0.3)):  # dots, thin lines, pinches, holes, edge contact
        mask[rng.random((height, width)) < density] |= cls.bit
    _, back = write_and_read(tmp_path, CaseDocument("c", "case.png", int(width), int(height), mask=mask))
    assert back.notes == []  # every region, one pixel ones too, made a polygon of 3 points or more
    for cls in (MA, HE, EX):
        binary = (mask & cls.bit) != 0
        np.testing.assert_array_equal((back.mask & cls.bit) != 0, with_holes_filled(binary), err_msg=cls.name)


def test_outline_of_a_ring_is_its_outer_edge_and_of_a_dot_three_points() -> None:
    ring = np.ones((5, 5), bool)
    ring[2, 2] = False
    assert outline(ring) == [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert outline(np.ones((1, 1), bool)) == [(0, 0)] * 3
    assert outline(np.array([[True, True]])) == [(0, 0), (1, 0), (0, 0)]


def test_image_path_is_relative_to_the_label_file(tmp_path: Path) -> None:
    assert relative_image_path(tmp_path / "photos" / "sub" / "a.png", tmp_path / "out") == "../photos/sub/a.png"
