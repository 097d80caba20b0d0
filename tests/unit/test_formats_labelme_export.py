"""labelme export and its mask shapes: the file labelme opens, and a round trip through our labelme reader exact to
the pixel, holes inside a region too (such a region is written as a mask shape, a bitmap, not a polygon)."""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError
from annotations.formats.label_map import parse_label_map
from annotations.formats.labelme import labelme_json, read_labelme, relative_image_path
from annotations.formats.outlines import outline

MA, HE, EX, OD = LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.OD


def with_holes_filled(binary: np.ndarray) -> np.ndarray:
    """``binary`` plus the background no 4-connected path leads out of (its holes), found by flooding the
    background from a frame around it with OpenCV: independent of the components code has_hole uses."""
    flooded = np.pad(binary, 1).astype(np.uint8)
    cv2.floodFill(flooded, None, (0, 0), 2, flags=4)  # 4-connected, from the frame's corner
    return binary | (flooded[1:-1, 1:-1] == 0)


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


def test_the_file_is_compact_json() -> None:
    mask = np.zeros((20, 30), np.uint8)
    mask[2:6, 3:9] = HE.bit
    text = labelme_json(CaseDocument("c", "case é.png", 30, 20, mask=mask, boxes=[Box(EX, 10, 1, 19, 4)]), "case é.png")
    # no space after a separator: the polygons' points are most of an export (3.25 -> 2.79 MB for 17 IDRiD cases)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def test_boxes_and_flags_come_back_exactly(tmp_path: Path) -> None:
    boxes = [Box(EX, 10, 1, 19, 4, difficult=True), Box(OD, 0, 0, 29, 19, truncated=True), Box(HE, 3, 3, 3, 3)]
    _, back = write_and_read(tmp_path, CaseDocument("c", "case.png", 30, 20, boxes=boxes))
    assert [(b.label, b.coords(), b.difficult, b.truncated) for b in back.boxes] == [
        (b.label, b.coords(), b.difficult, b.truncated) for b in boxes]
    assert back.mask is None and back.notes == []


@pytest.mark.parametrize("seed", range(6))
def test_regions_come_back_exactly_and_only_those_with_holes_as_masks(tmp_path: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    height, width = rng.integers(5, 60, 2)
    mask = np.zeros((height, width), np.uint8)
    for cls, density in ((MA, 0.08), (HE, 0.5), (EX, 0.3)):  # dots, thin lines, pinches, holes, edge contact
        mask[rng.random((height, width)) < density] |= cls.bit
    document, back = write_and_read(tmp_path, CaseDocument("c", "case.png", int(width), int(height), mask=mask))
    assert back.notes == []  # every polygon, one pixel ones too, has 3 points or more
    for cls in (MA, HE, EX):
        binary = (mask & cls.bit) != 0
        np.testing.assert_array_equal((back.mask & cls.bit) != 0, binary, err_msg=cls.name)
        count, labels = cv2.connectedComponents(binary.astype(np.uint8), connectivity=8)  # the regions
        holed = [n for n in range(1, count) if (with_holes_filled(labels == n) != (labels == n)).any()]
        kinds = [shape["shape_type"] for shape in document["shapes"] if shape["label"] == cls.name]
        assert kinds.count("mask") == len(holed) and kinds.count("polygon") == len(kinds) - len(holed)


def test_a_ring_is_written_as_labelmes_mask_shape_and_a_solid_region_as_a_polygon(tmp_path: Path) -> None:
    mask = np.zeros((12, 14), np.uint8)
    mask[2:7, 3:8] = EX.bit
    mask[4, 5] = 0  # the ring's hole
    mask[9:11, 10:13] = HE.bit
    doc = CaseDocument("c", "case.png", 14, 12, mask=mask)
    document, back = write_and_read(tmp_path, doc)
    np.testing.assert_array_equal(back.mask, mask)
    polygon, ring = document["shapes"]  # class by class: HE before EX
    assert (polygon["label"], polygon["shape_type"], polygon["mask"]) == ("HE", "polygon", None)
    assert (ring["label"], ring["shape_type"], ring["points"]) == ("EX", "mask", [[3, 2], [7, 6]])
    # labelme's label_file decodes it with utils.img_b64_to_arr: the box's bool mask
    np.testing.assert_array_equal(np.array(Image.open(io.BytesIO(base64.b64decode(ring["mask"])))),
                                  mask[2:7, 3:8] != 0)


def png_b64(bits: np.ndarray, encode=base64.b64encode) -> str:
    """``bits`` as labelme's utils.img_arr_to_b64 writes them (b64encode; before 5.x encodebytes, with newlines)."""
    buffer = io.BytesIO()
    Image.fromarray(bits).save(buffer, format="PNG")
    return encode(buffer.getvalue()).decode("ascii")


def read_shapes(tmp_path: Path, shapes: list[dict], width: int = 10, height: int = 8):
    path = tmp_path / "hand.json"
    path.write_text(json.dumps({"version": "5.5.0", "flags": {}, "shapes": shapes, "imagePath": "hand.png",
                                "imageData": None, "imageHeight": height, "imageWidth": width}))
    return read_labelme(path)


@pytest.mark.parametrize("encode", [base64.b64encode, base64.encodebytes])
def test_a_mask_shape_in_labelmes_layout_gives_its_bitmaps_pixels(tmp_path: Path, encode) -> None:
    ring = np.ones((3, 4), bool)
    ring[1, 1:3] = False
    edge = np.ones((3, 2), bool)  # box to column 10 of a 10-wide image: labelme's bitmap holds columns 8 and 9 only
    outside = np.array([[True, False, True]])  # box from column -1: its first column is off the image
    # and the OD box lies below the image: nothing of it is painted
    back = read_shapes(tmp_path, [
        {"label": "EX", "points": [[2.0, 1.0], [5.0, 3.0]], "shape_type": "mask", "mask": png_b64(ring, encode)},
        {"label": "HE", "points": [[8.0, 5.0], [10.0, 7.0]], "shape_type": "mask", "mask": png_b64(edge, encode)},
        {"label": "MA", "points": [[-1, 0], [1, 0]], "shape_type": "mask", "mask": png_b64(outside, encode)},
        {"label": "OD", "points": [[0, 9], [1, 10]], "shape_type": "mask", "mask": png_b64(edge[:2], encode)}])
    expected = np.zeros((8, 10), np.uint8)
    expected[1:4, 2:6][ring] = EX.bit
    expected[5:8, 8:10] = HE.bit
    expected[0, 1] = MA.bit
    np.testing.assert_array_equal(back.mask, expected)
    assert back.skipped == {} and back.notes == []


BOX = [[2, 1], [5, 3]]


@pytest.mark.parametrize("points, data, reason", [
    (BOX, None, "'mask' is not a base64-encoded PNG"),
    (BOX, "not base64!", "'mask' is not a base64-encoded PNG"),
    (BOX, base64.b64encode(b"GIF89a and so on").decode(), "'mask' is not a base64-encoded PNG"),
    (BOX + [[9, 9]], png_b64(np.ones((3, 4), bool)), "a mask needs the 2 corners of its box, it has 3"),
    ([[0, 0], [10, 7]], png_b64(np.ones((8, 11), bool)), "the mask's bitmap is 11x8 pixels, larger than the 10x8 "
                                                         "image"),
])
def test_broken_mask_data_is_refused_naming_the_file_and_shape(tmp_path: Path, points, data, reason: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_shapes(tmp_path, [{"label": "EX", "points": points, "shape_type": "mask", "mask": data}])
    assert caught.value.path == str(tmp_path / "hand.json")
    assert caught.value.reason.startswith(f"shape 1 (EX, mask): {reason}")


def test_a_truncated_mask_png_is_refused_naming_the_file(tmp_path: Path) -> None:
    whole = base64.b64decode(png_b64(np.eye(4, dtype=bool)))
    truncated = base64.b64encode(whole[:whole.index(b"IDAT") + 8]).decode()  # cut inside the pixels (IDAT)
    with pytest.raises(FormatError, match="hand.json.*not a base64-encoded PNG"):
        read_shapes(tmp_path, [{"label": "EX", "points": [[0, 0], [3, 3]], "shape_type": "mask", "mask": truncated}])


def test_outline_of_a_ring_is_its_outer_edge_and_of_a_dot_three_points() -> None:
    ring = np.ones((5, 5), bool)
    ring[2, 2] = False
    assert outline(ring) == [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert outline(np.ones((1, 1), bool)) == [(0, 0)] * 3
    assert outline(np.array([[True, True]])) == [(0, 0), (1, 0), (0, 0)]


def test_image_path_is_relative_to_the_label_file(tmp_path: Path) -> None:
    assert relative_image_path(tmp_path / "photos" / "sub" / "a.png", tmp_path / "out") == "../photos/sub/a.png"


def labelme_places(points: list, bitmap: np.ndarray, width: int, height: int) -> np.ndarray:
    """Current labelme's shapes_to_label for a mask shape, restated: the bitmap's top-left pixel at points[0]
    (rounded), at its own size, cut to the image; the second point plays no part (as labelme's canvas draws it)."""
    out = np.zeros((height, width), bool)
    x1, y1 = np.asarray(points[0]).round().astype(int)
    h, w = bitmap.shape
    ys, ye, xs, xe = max(y1, 0), min(y1 + h, height), max(x1, 0), min(x1 + w, width)
    if ys < ye and xs < xe:
        out[ys:ye, xs:xe] = bitmap[ys - y1:ye - y1, xs - x1:xe - x1]
    return out


@pytest.mark.parametrize("corners", [
    [[5, 3], [2, 1]],  # bottom-right first (another tool's file): the bitmap goes right of and below (5, 3)
    [[5, 1], [2, 3]],
    [[2.5, 1.5], [5.5, 3.5]],  # moved half a pixel in labelme: rounded to even, as labelme does
    [[2.6, 0.7], [4.0, 2.0]],  # a second corner that does not fit the bitmap is not looked at
    [[8, 6], [0, 0]],  # reaching past the image's right and bottom edges: cut there
])
def test_a_mask_shapes_bitmap_lies_where_labelme_puts_it(tmp_path: Path, corners) -> None:
    ring = np.ones((3, 4), bool)
    ring[1, 1:3] = False
    back = read_shapes(tmp_path, [{"label": "EX", "points": corners, "shape_type": "mask", "mask": png_b64(ring)}])
    np.testing.assert_array_equal(back.mask != 0, labelme_places(corners, ring, 10, 8))


def anti_aliased_disc() -> np.ndarray:
    """A 'L' disc 7 across drawn with grey edges (values 1-254 around 255), as a painting program saves one."""
    y, x = np.mgrid[:7, :7]
    return np.clip((3.6 - np.hypot(x - 3, y - 3)) * 255, 0, 255).astype(np.uint8)


def palette_bitmap() -> Image.Image:
    """Index 1 (the region) is black and index 0 (the background) white: the colours say the opposite of labelme."""
    image = Image.fromarray(np.eye(7, dtype=np.uint8), mode="P")
    image.putpalette([255, 255, 255, 0, 0, 0])
    return image


@pytest.mark.parametrize("bitmap", [
    Image.fromarray(anti_aliased_disc()),
    palette_bitmap(),
    Image.fromarray((anti_aliased_disc().astype(np.uint16) * 3)).convert("I;16"),
    Image.fromarray(anti_aliased_disc() > 127),
], ids=["L grey edges", "P inverted palette", "I;16", "1"])
def test_a_mask_bitmaps_pixels_are_those_labelme_reads(tmp_path: Path, bitmap: Image.Image) -> None:
    buffer = io.BytesIO()
    bitmap.save(buffer, format="PNG")
    data = base64.b64encode(buffer.getvalue()).decode()
    back = read_shapes(tmp_path, [{"label": "EX", "points": [[1, 0], [7, 6]], "shape_type": "mask", "mask": data}])
    # labelme's _label_file: utils.img_b64_to_arr(shape["mask"]).astype(bool), the PNG's values as stored
    labelme_reads = np.array(Image.open(io.BytesIO(base64.b64decode(data)))).astype(bool)
    assert np.count_nonzero(labelme_reads) not in (0, labelme_reads.size)
    np.testing.assert_array_equal(back.mask[0:7, 1:8] != 0, labelme_reads)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "LA"])
def test_a_mask_bitmap_with_several_channels_is_refused_naming_the_file_and_shape(tmp_path: Path, mode: str) -> None:
    buffer = io.BytesIO()
    Image.fromarray(anti_aliased_disc()).convert(mode).save(buffer, format="PNG")
    data = base64.b64encode(buffer.getvalue()).decode()
    with pytest.raises(FormatError) as caught:
        read_shapes(tmp_path, [{"label": "EX", "points": [[1, 0], [7, 6]], "shape_type": "mask", "mask": data}])
    assert caught.value.path == str(tmp_path / "hand.json")
    assert caught.value.reason == (f"shape 1 (EX, mask): the mask's bitmap has more than one channel (mode {mode}); "
                                   "labelme can place only one-channel bitmaps: re-encode the shape's bitmap as a "
                                   "one-channel (black and white) PNG")


def test_an_oriented_rectangle_is_a_box_round_its_corners(tmp_path: Path) -> None:
    """labelme 5.5's oriented rectangle (four corners) was skipped as a shape without an area: a box now, as a CVAT
    rotated box is, with a note when it is turned; one with a corner missing is named and skipped."""
    document = {"version": "5.8.1", "imagePath": "a.png", "imageData": None, "imageHeight": 40, "imageWidth": 60,
                "shapes": [_oriented([(10, 5), (30, 15), (25, 25), (5, 15)]),
                           _oriented([(2, 2), (9.0001, 2), (9, 6.0002), (2, 6)]),  # float noise: not turned
                           _oriented([(1, 1), (5, 1), (5, 5)])]}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document))
    annotation = read_labelme(path, parse_label_map("lesion=HE"))
    assert [(box.label, box.coords()) for box in annotation.boxes] == [(HE, (5, 5, 30, 25)), (HE, (2, 2, 9, 6))]
    assert annotation.notes == [
        "shape 1 (lesion, oriented_rectangle): turned, taken as its axis-aligned bounding box",
        "shape 3 (lesion, oriented_rectangle): an oriented rectangle needs 4 corners, it has 3; skipped"]
    assert not annotation.skipped


def _oriented(corners: list[tuple[int, int]]) -> dict:
    return {"label": "lesion", "points": [list(c) for c in corners], "group_id": None, "description": "",
            "shape_type": "oriented_rectangle", "flags": {}, "mask": None}
