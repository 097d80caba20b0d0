"""COCO JSON: boxes with the [x, y, w, h] convention, masks as RLE (both forms) and polygons."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError
from annotations.formats.coco import export_coco, import_coco
from annotations.formats.coco_rle import counts_to_string, rle_decode, rle_encode, string_to_counts
from annotations.formats.label_map import parse_label_map
from tests.unit.test_coco_reference import pycocotools_fill

MA, HE, EX, OD = LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.OD


def make_case(case_id: str, width=40, height=30, seed=0) -> CaseDocument:
    rng = np.random.default_rng(seed)
    mask = np.zeros((height, width), np.uint8)
    mask[rng.random((height, width)) < 0.1] |= MA.bit
    mask[5:12, 20:31] |= HE.bit  # overlaps some MA pixels
    boxes = [Box(EX, 10, 0, 19, 4, difficult=True, pose="Left"),
             Box(OD, 0, 0, width - 1, height - 1, truncated=True),
             Box(HE, 3, 4, 3, 4, score=0.75, source="ai")]
    return CaseDocument(case_id, f"sub/{case_id}.jpg", width, height, mask=mask, boxes=boxes)


def box_fields(box: Box) -> tuple:
    return box.label, box.coords(), box.difficult, box.truncated, box.pose, box.score


@pytest.mark.parametrize("compressed", [False, True])
def test_round_trip_keeps_boxes_and_masks(tmp_path: Path, compressed: bool) -> None:
    cases = [make_case("a", seed=1), make_case("b", 25, 35, seed=2),
             CaseDocument("c", "c.png", 8, 6)]  # a case with no labels at all
    export_coco(cases, tmp_path / "coco.json", compressed_rle=compressed)
    imported = import_coco(tmp_path / "coco.json")
    assert list(imported) == ["sub/a.jpg", "sub/b.jpg", "c.png"]
    for doc in cases[:2]:
        boxes, mask_bits = imported[doc.image_path]
        assert [box_fields(b) for b in boxes] == [box_fields(b) for b in doc.boxes]
        np.testing.assert_array_equal(mask_bits, doc.mask)
    assert imported["c.png"] == ([], None)
    assert imported.unknown_labels == [] and imported.notes == []


def test_bbox_is_x_y_width_height_of_covered_pixels_and_each_region_an_object(tmp_path: Path) -> None:
    mask = np.zeros((30, 40), np.uint8)
    mask[7:10, 12:17] = HE.bit  # rows 7..9, columns 12..16
    mask[20, 30] = HE.bit  # a second haemorrhage
    doc = CaseDocument("a", "a.jpg", 40, 30, mask=mask, boxes=[Box(EX, 10, 2, 19, 4)])
    export_coco([doc], tmp_path / "coco.json")
    data = json.loads((tmp_path / "coco.json").read_text())
    box_entry, *regions = data["annotations"]
    assert box_entry["bbox"] == [10, 2, 10, 3] and box_entry["area"] == 30 and box_entry["segmentation"] == []
    assert [(r["bbox"], r["area"], r["iscrowd"]) for r in regions] == [([12, 7, 5, 3], 15, 0), ([30, 20, 1, 1], 1, 0)]
    assert regions[0]["segmentation"]["size"] == [30, 40]
    assert {c["id"]: c["name"] for c in data["categories"]} == {c.value: c.name for c in LesionClass}


def test_a_box_on_the_image_edge_stays_inside_the_image(tmp_path: Path) -> None:
    """A VOC file's box on the edge says xmax == width (labelImg, CODRAS; the reader keeps it): its bbox ran one
    pixel past the image (180 + 21 > 200), which COCO tools reject or clip."""
    doc = CaseDocument("a", "a.jpg", 200, 150, boxes=[Box(EX, 180, 130, 200, 150)])
    export_coco([doc], tmp_path / "coco.json")
    (entry,) = json.loads((tmp_path / "coco.json").read_text())["annotations"]
    assert entry["bbox"] == [180, 130, 20, 20] and entry["area"] == 400
    (box,) = import_coco(tmp_path / "coco.json")["a.jpg"][0]
    assert box.coords() == (180, 130, 199, 149)  # the same pixels


def test_bbox_corners_round_halves_up_as_every_format_does(tmp_path: Path) -> None:
    document = {"images": [{"id": 1, "file_name": "a.png", "width": 60, "height": 40}],
                "categories": [{"id": 1, "name": "EX"}],
                "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [12.5, 2.5, 10, 10]}]}
    (tmp_path / "in.json").write_text(json.dumps(document))
    (box,) = import_coco(tmp_path / "in.json")["a.png"][0]
    assert box.coords() == (13, 3, 22, 12)  # Python's round() gave (12, 2, 21, 11): halves to even


def test_a_score_is_kept_only_where_it_is_a_finite_number(tmp_path: Path) -> None:
    """A detector's file with scores as text or of another kind: read as numbers where they are, else none (saved
    as they came, they made the case file hold junk)."""
    scores = [0.8, "0.9", True, None, [1], float("inf")]
    document = {"images": [{"id": 1, "file_name": "a.png", "width": 60, "height": 40}],
                "categories": [{"id": 1, "name": "EX"}],
                "annotations": [{"id": number, "image_id": 1, "category_id": 1, "bbox": [2 * number, 2, 5, 5],
                                 "score": score} for number, score in enumerate(scores, 1)]}
    (tmp_path / "in.json").write_text(json.dumps(document))  # inf: JSON5-style Infinity, which json reads
    boxes = import_coco(tmp_path / "in.json")["a.png"][0]
    assert [box.score for box in boxes] == [0.8, 0.9, None, None, None, None]


def test_rle_is_column_major_and_starts_with_background() -> None:
    binary = np.array([[1, 0, 0], [1, 1, 0]], bool)  # column-major: 1 1 0 1 0 0
    assert rle_encode(binary) == {"size": [2, 3], "counts": [0, 2, 1, 1, 2]}
    assert rle_encode(np.zeros((2, 2), bool))["counts"] == [4]
    np.testing.assert_array_equal(rle_decode({"size": [2, 3], "counts": [0, 2, 1, 1, 2]}), binary)
    with pytest.raises(ValueError, match="add up to 5 pixels"):
        rle_decode({"size": [2, 3], "counts": [0, 2, 1, 2]})


def test_compressed_rle_matches_pycocotools_string_form() -> None:
    # Worked by hand from pycocotools' rleToString: 5-bit groups + 48, continuation bit 0x20,
    # counts after the third stored as deltas from the one two places back.
    assert counts_to_string([3, 2, 40]) == "32X1"
    assert counts_to_string([0, 10, 0, 2]) == "0:0H"  # 2 - 10 = -8: one group with the sign bit
    assert string_to_counts("32X1") == [3, 2, 40]
    assert string_to_counts("0:0H") == [0, 10, 0, 2]
    rng = np.random.default_rng(5)
    binary = rng.random((50, 70)) < 0.3
    counts = rle_encode(binary)["counts"]
    assert string_to_counts(counts_to_string(counts)) == counts
    np.testing.assert_array_equal(rle_decode({"size": [50, 70], "counts": counts_to_string(counts)}), binary)


def test_import_polygons_label_map_and_unknown_categories(tmp_path: Path) -> None:
    document = {
        "images": [{"id": 7, "file_name": "x.png", "width": 20, "height": 10}],
        "categories": [{"id": 1, "name": "haemorrhage"}, {"id": 2, "name": "drusen"}],
        "annotations": [
            {"id": 1, "image_id": 7, "category_id": 1, "segmentation": [[2, 2, 8, 2, 8, 6, 2, 6]],
             "bbox": [2, 2, 6, 4], "iscrowd": 0},
            {"id": 2, "image_id": 7, "category_id": 2, "bbox": [1, 1, 2, 2]},
            {"id": 3, "image_id": 7, "category_id": 1, "bbox": [15.0, 5.0, 10.0, 10.0]},
        ],
    }
    (tmp_path / "in.json").write_text(json.dumps(document))
    imported = import_coco(tmp_path / "in.json", parse_label_map("haemorrhage=HE"))
    boxes, mask_bits = imported["x.png"]
    assert imported.unknown_labels == ["drusen"]
    region = mask_bits == HE.bit
    assert region[2:6, 2:8].all() and np.count_nonzero(region) == 4 * 6  # the polygon's area, as COCO counts it
    assert [b.coords() for b in boxes] == [(15, 5, 20, 10)]  # clamped to the 20x10 image
    assert "clamped" in imported.notes[0]


def test_polygons_fill_the_pixels_pycocotools_gives_them_on_the_whole_photo(tmp_path: Path) -> None:
    """Each polygon is read from its runs only, with the pixels pycocotools gives it on the whole photo; several
    polygons of one annotation and of two classes add up."""
    width, height = 1500, 900
    rng = np.random.default_rng(3)
    polygons = [[float(v) for v in (rng.uniform(0, (width, height)) + rng.uniform(-25, 25, (6, 2))).ravel()]
                for _ in range(60)]
    document = {"images": [{"id": 1, "file_name": "x.png", "width": width, "height": height}],
                "categories": [{"id": 1, "name": "HE"}, {"id": 2, "name": "EX"}],
                "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": polygons[:30]},
                                {"id": 2, "image_id": 1, "category_id": 2, "segmentation": polygons[30:]}]}
    (tmp_path / "in.json").write_text(json.dumps(document))
    _, mask_bits = import_coco(tmp_path / "in.json")["x.png"]
    for cls, group in ((HE, polygons[:30]), (EX, polygons[30:])):
        np.testing.assert_array_equal((mask_bits & cls.bit) > 0, pycocotools_fill(width, height, group))


@pytest.mark.parametrize("document, reason", [
    ("not json", "cannot be read .its text stops being valid JSON at line 1, column 1,"),
    ({"annotations": []}, "not a COCO file"),
    ({"images": [{"id": 1}], "categories": []}, "lacks id, file_name"),
    ({"images": [], "categories": [], "annotations": [{"id": 4, "image_id": 9, "category_id": 1}]},
     "annotation 4 refers to image 9"),
    ({"images": [{"id": 1, "file_name": "a", "width": 4, "height": 3}], "categories": [{"id": 1, "name": "MA"}],
      "annotations": [{"id": 5, "image_id": 1, "category_id": 1, "segmentation": {"size": [2, 2], "counts": [4]}}]},
     "annotation 5: RLE is 2x2 but the image is 4x3"),
    ({"images": [{"id": 1, "file_name": "a", "width": 4, "height": 3}], "categories": [{"id": 1, "name": "MA"}],
      "annotations": [{"id": 6, "image_id": 1, "category_id": 1}]}, "annotation 6 has neither"),
    ({"images": [{"id": 1, "file_name": "a", "width": 4, "height": 3}], "categories": [{"id": 1, "name": "MA"}],
      "annotations": [{"id": 7, "image_id": 1, "category_id": 1, "segmentation": [[0, 0, 3, 0, 3]]}]},
     "annotation 7: segmentation is neither"),
    ('{"images": [{"id": 1, "file_name": "a", "width": 4, "height": 3}], "categories": [{"id": 1, "name": "MA"}], '
     '"annotations": [{"id": 8, "image_id": 1, "category_id": 1, "segmentation": [[0, 0, 3, 0, 3, Infinity]]}]}',
     "annotation 8: segmentation is neither"),
])
def test_malformed_coco_raises_format_error(tmp_path: Path, document, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    with pytest.raises(FormatError, match=reason) as info:
        import_coco(path)
    assert info.value.path == str(path)


def test_box_flags_written_as_text_mark_a_box_only_when_they_say_so(tmp_path: Path) -> None:
    """A tool that writes its checkbox attributes as text ("false", "0"): such a box is not difficult nor truncated
    (bool("false") marked every one), read by the rule every format's flags go by (box_flags.flag_set)."""
    flags = [("false", "0"), ("true", "1"), (False, 0), (True, 1), ("no", "yes")]
    document = {"images": [{"id": 1, "file_name": "a.png", "width": 60, "height": 40}],
                "categories": [{"id": 1, "name": "EX"}],
                "annotations": [{"id": number, "image_id": 1, "category_id": 1, "bbox": [2 * number, 2, 5, 5],
                                 "attributes": {"difficult": difficult, "truncated": truncated}}
                                for number, (difficult, truncated) in enumerate(flags, 1)]
                + [{"id": 9, "image_id": 1, "category_id": 1, "bbox": [30, 2, 5, 5], "attributes": ["difficult"]}]}
    (tmp_path / "in.json").write_text(json.dumps(document))
    boxes = import_coco(tmp_path / "in.json")["a.png"][0]
    assert [(box.difficult, box.truncated) for box in boxes] == [(False, False), (True, True), (False, False),
                                                                (True, True), (False, True), (False, False)]


def test_a_bbox_of_no_width_or_height_is_the_pixel_it_starts_on(tmp_path: Path) -> None:
    """A point marked as a bbox [x, y, 0, 0] (area 0): the pixel at x, y, as a CVAT box whose corners meet, with no
    note; it came in as the 2x2 pixels before it, 'xmin and xmax were swapped'."""
    document = {"images": [{"id": 1, "file_name": "a.png", "width": 60, "height": 40}],
                "categories": [{"id": 1, "name": "MA"}],
                "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [40, 30, 0, 0], "area": 0},
                                {"id": 2, "image_id": 1, "category_id": 1, "bbox": [10, 5, 0, 3]}]}
    (tmp_path / "in.json").write_text(json.dumps(document))
    imported = import_coco(tmp_path / "in.json")
    assert [box.coords() for box in imported["a.png"][0]] == [(40, 30, 40, 30), (10, 5, 10, 7)]
    assert imported.notes == []


@pytest.mark.parametrize("second_size", [(60, 40), (30, 20)])
def test_an_image_listed_twice_is_refused_naming_it(tmp_path: Path, second_size: tuple[int, int]) -> None:
    """Two image entries of one file_name (two photos of one name, merged sets): whose annotations are whose cannot
    be told, as CVAT's reader says of its own; they were merged, and of another size raised IndexError."""
    width, height = second_size
    document = {"images": [{"id": 1, "file_name": "sub/a.png", "width": 60, "height": 40},
                           {"id": 2, "file_name": "sub/a.png", "width": width, "height": height}],
                "categories": [{"id": 1, "name": "EX"}],
                "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": [[1, 1, 9, 1, 9, 9]]},
                                {"id": 2, "image_id": 2, "category_id": 1, "segmentation": [[20, 12, 28, 12, 28, 19]]}]}
    (tmp_path / "in.json").write_text(json.dumps(document))
    with pytest.raises(FormatError, match="image 'sub/a.png' is listed twice"):
        import_coco(tmp_path / "in.json")
