"""CVAT for images 1.1 XML: round trip exact to the pixel, CVAT 2.x mask RLE, CVAT's own documented example, and
files that are malformed or hostile."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from lxml import etree

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError
from annotations.formats.cvat import cvat_xml, import_cvat
from annotations.formats.label_map import names_for_export, parse_label_map
from annotations.tools.components import find_components
from tests.unit.test_coco_reference import pycocotools_fill

MA, HE, EX, SE, OD = LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE, LesionClass.OD
DOCS_EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "cvat_docs_example" / "annotations.xml"
# The mask of the documented example, decoded by hand: 13 wide, 15 high, runs row by row from the top left.
DOCS_DISC = """
...#####.....
..#######....
.#########...
###########..
###########..
############.
############.
#############
#############
.############
.############
..###########
...#########.
....#######..
.....#####...
"""


def make_case(case_id: str, width: int = 40, height: int = 30, seed: int = 0) -> CaseDocument:
    rng = np.random.default_rng(seed)
    mask = np.zeros((height, width), np.uint8)
    mask[rng.random((height, width)) < 0.1] |= MA.bit
    mask[5:12, 20:31] |= HE.bit  # overlaps some MA pixels
    mask[7:9, 23:26] &= ~np.uint8(HE.bit)  # a hole in the haemorrhage
    mask[height - 3:, width - 4:] |= OD.bit  # touching the image's corner
    boxes = [Box(EX, 10, 0, 19, 4, difficult=True), Box(OD, 0, 0, width - 1, height - 1, truncated=True),
             Box(HE, 3, 4, 3, 4, source="ai")]
    return CaseDocument(case_id, f"sub/{case_id}.jpg", width, height, mask=mask, boxes=boxes)


def written(tmp_path: Path, cases: list[CaseDocument], names: dict | None = None) -> Path:
    path = tmp_path / "annotations.xml"
    path.write_bytes(cvat_xml(cases, names))
    return path


def test_round_trip_is_exact_to_the_pixel_with_box_flags(tmp_path: Path) -> None:
    cases = [make_case("a", seed=1), make_case("b", 25, 35, seed=2), CaseDocument("c", "c.png", 8, 6)]
    imported = import_cvat(written(tmp_path, cases))
    assert list(imported) == ["sub/a.jpg", "sub/b.jpg", "c.png"]
    for doc in cases[:2]:
        image = imported[doc.image_path]
        assert (image.width, image.height) == (doc.width, doc.height)
        assert [(b.label, b.coords(), b.difficult, b.truncated) for b in image.boxes] == [
            (b.label, b.coords(), b.difficult, b.truncated) for b in doc.boxes]
        np.testing.assert_array_equal(image.mask, doc.mask)
    assert imported["c.png"].boxes == [] and imported["c.png"].mask is None
    assert imported.unknown_labels == [] and imported.notes == []


def test_one_mask_element_per_connected_region_of_each_class(tmp_path: Path) -> None:
    doc = make_case("a", seed=3)
    root = etree.parse(str(written(tmp_path, [doc]))).getroot()
    masks = root.findall("image/mask")
    for cls in LesionClass:
        regions = find_components((doc.mask & cls.bit) != 0)
        assert len([m for m in masks if m.get("label") == cls.name]) == len(regions), cls


def test_mask_rle_runs_row_by_row_over_the_region_box_starting_with_background(tmp_path: Path) -> None:
    mask = np.zeros((10, 12), np.uint8)
    mask[2, 4] = mask[3, 3:6] = HE.bit  # box: left 3, top 2, 3 wide, 2 high; rows ".#." "###" (by column: 1 3 1 1)
    mask[6, 8:11] = mask[7, 8] = EX.bit  # rows "###" "#..": the first pixel is painted, so the counts start with 0
    root = etree.parse(str(written(tmp_path, [CaseDocument("a", "a.png", 12, 10, mask=mask)]))).getroot()
    attributes = [{k: m.get(k) for k in ("label", "rle", "left", "top", "width", "height")}
                  for m in root.findall("image/mask")]
    assert attributes == [
        {"label": "HE", "rle": "1, 1, 1, 3", "left": "3", "top": "2", "width": "3", "height": "2"},
        {"label": "EX", "rle": "0, 4, 2", "left": "8", "top": "6", "width": "3", "height": "2"}]


def test_document_names_labels_with_colours_and_the_flag_attributes(tmp_path: Path) -> None:
    names = names_for_export(parse_label_map("hard_exudates=EX,haemorrhage=HE"))
    root = etree.parse(str(written(tmp_path, [make_case("a")], names))).getroot()
    assert root.findtext("version") == "1.1" and root.findtext("meta/task/mode") == "annotation"
    labels = root.findall("meta/task/labels/label")
    assert [label.findtext("name") for label in labels] == ["MA", "haemorrhage", "hard_exudates", "SE", "OD"]
    assert labels[0].findtext("color") == "#FFD400"
    assert [a.findtext("name") for a in labels[0].findall("attributes/attribute")] == ["difficult", "truncated"]
    image = root.find("image")
    assert dict(image.attrib) == {"id": "0", "name": "sub/a.jpg", "width": "40", "height": "30"}
    box = image.find("box")
    assert (box.get("label"), box.get("xtl"), box.get("ytl"), box.get("xbr"), box.get("ybr")) == (
        "hard_exudates", "10.00", "0.00", "19.00", "4.00")
    assert {a.get("name"): a.text for a in box.findall("attribute")} == {"difficult": "true", "truncated": "false"}
    assert image.findall("box")[2].get("source") == "auto"  # the AI's box


def test_cvat_documentation_example_boxes_polygons_masks_and_skipped_shapes() -> None:
    imported = import_cvat(DOCS_EXAMPLE, parse_label_map("car=HE,plate=EX"))
    image = imported["filename000.jpg"]
    assert (image.width, image.height) == (1600, 1200)
    assert [(b.label, b.coords()) for b in image.boxes] == [(EX, (797, 871, 966, 929))]  # 797.33 ... 928.94 rounded
    assert image.skipped == {"polyline": 2, "points": 1, "tag": 1, "skeleton": 1}
    assert imported.unknown_labels == [] and imported.notes == []
    text = DOCS_EXAMPLE.read_text()
    points = [(float(x), float(y)) for x, y in re.findall(r"([\d.]+),([\d.]+)",
                                                          re.search(r'<polygon[^>]*points="([^"]*)"', text)[1])]
    expected = pycocotools_fill(1600, 1200, [[v for point in points for v in point]])
    disc = np.array([[c == "#" for c in row] for row in DOCS_DISC.split()])
    expected[888:888 + 15, 707:707 + 13] |= disc
    np.testing.assert_array_equal(image.mask, np.where(expected, np.uint8(HE.bit), np.uint8(0)))


def test_unknown_labels_are_named_and_their_shapes_skipped() -> None:
    imported = import_cvat(DOCS_EXAMPLE)
    assert imported.unknown_labels == ["plate", "car"]
    assert imported["filename000.jpg"].boxes == [] and imported["filename000.jpg"].mask is None


def image_xml(shapes: str, width: int = 40, height: int = 30) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<annotations><version>1.1</version>'
            f'<image id="0" name="a.png" width="{width}" height="{height}">{shapes}</image></annotations>')


def test_rotated_box_becomes_its_bounding_box_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(image_xml('<box label="EX" xtl="10" ytl="10" xbr="20" ybr="14" rotation="90.00"/>'))
    imported = import_cvat(path)
    assert [b.coords() for b in imported["a.png"].boxes] == [(13, 7, 17, 17)]  # 10 x 4 turned on its centre
    assert imported.notes == ["image a.png, box 1 (EX): rotated by 90°, taken as its axis-aligned bounding box"]


def test_ellipse_and_polygon_are_painted(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(image_xml('<ellipse label="OD" cx="20" cy="15" rx="8" ry="5"/>'
                              '<polygon label="SE" points="1,1;5,1;5,4;1,4"/>'
                              '<polygon label="SE" points="30,1;32,1"/>'))
    imported = import_cvat(path)
    mask = imported["a.png"].mask
    # filled as CVAT's dataset export fills it (the polygon round it through pycocotools): the ellipse's own area
    assert abs(int(np.count_nonzero(mask & OD.bit)) - np.pi * 8 * 5) < 8  # 132; filled with its outline: 147
    assert mask[15, 20] & OD.bit and not mask[15, 28] & OD.bit and not mask[9, 20] & OD.bit
    assert np.count_nonzero(mask & SE.bit) == 4 * 3
    assert imported.notes == ["image a.png, polygon 3 (SE): a polygon needs 3 points or more; skipped"]


@pytest.mark.parametrize("content, fragment", [
    ("<annotations><image", "not well-formed XML"),
    ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><annotations/>', "DOCTYPE"),
    ("<annotation><filename>a.png</filename></annotation>", "expected <annotations>"),
    ('<annotations><track id="0" label="EX"/></annotations>', "CVAT for images 1.1"),
    ('<annotations><image id="0" name="a.png" width="40"/></annotations>', "lacks a name, width or height"),
    ('<annotations><image id="0" name="a.png" width="100000" height="100000"/></annotations>', "megapixels"),
    (image_xml('<box label="EX" xtl="1" ytl="2" xbr="3"/>'), "box 1 (EX): attribute ybr is missing"),
    (image_xml('<box label="EX" xtl="1" ytl="2" xbr="3" ybr="nan"/>'), "box 1 (EX)/ybr: 'nan' is not a finite"),
    (image_xml('<mask label="HE" rle="1, 2" left="38" top="0" width="4" height="1"/>'), "reaches outside"),
    (image_xml('<mask label="HE" rle="1, 2" left="0" top="0" width="4" height="1"/>'), "add up to 3 pixels"),
    (image_xml('<mask label="HE" rle="1, x" left="0" top="0" width="3" height="1"/>'), "unreadable RLE"),
    (image_xml('<polygon label="SE" points="1,1;5;5,4"/>'), "points must read"),
    (image_xml('<polygon label="SE" points="1,1;1e30,1;5,4"/>'), "far outside"),
])
def test_malformed_files_name_the_file_and_the_place(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(content)
    with pytest.raises(FormatError) as raised:
        import_cvat(path)
    assert raised.value.path == str(path) and fragment in raised.value.reason


def test_an_entity_is_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    path = tmp_path / "xxe.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE annotations [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
                    '<annotations><version>&xxe;</version></annotations>')
    with pytest.raises(FormatError) as raised:
        import_cvat(path)
    assert "DOCTYPE" in raised.value.reason and "TOP-SECRET-42" not in str(raised.value)


def test_a_file_past_the_size_limit_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("annotations.formats.cvat.MAX_CVAT_BYTES", 100)
    path = tmp_path / "big.xml"
    path.write_text(image_xml('<box label="EX" xtl="1" ytl="2" xbr="3" ybr="4"/>' * 10))
    with pytest.raises(FormatError, match="too large for a CVAT annotation file"):
        import_cvat(path)
