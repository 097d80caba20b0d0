"""COCO's own API (pycocotools) as the oracle of our RLE codec, our polygon fill and our COCO export."""
from __future__ import annotations

import contextlib
import io
import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from pycocotools import mask as coco_mask
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats.coco import export_coco
from annotations.formats.coco_rle import (coco_polygon_region, counts_to_string, region_counts, rle_decode, rle_encode,
                                          rle_region)
from annotations.raster import Region

# pycocotools' decode meets numpy 2's copy keyword: a warning about the oracle, not about our code
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")

def pycocotools_fill(width: int, height: int, polygons: list[list[float]]) -> np.ndarray:
    """The pixels pycocotools gives the union of ``polygons`` (flat x, y lists) on a ``width`` x ``height`` image."""
    rles = coco_mask.frPyObjects(polygons, height, width)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "__array__ implementation", DeprecationWarning)  # the oracle's, not ours
        return coco_mask.decode(coco_mask.merge(rles)).astype(bool)


def on_image(region: Region, width: int, height: int) -> np.ndarray:
    canvas = np.zeros((height, width), bool)
    y0, y1, x0, x1 = region.bounds
    canvas[y0:y1, x0:x1] = region.mask
    return canvas


@pytest.mark.parametrize("shape", [(1, 1), (1, 17), (13, 1), (30, 40), (64, 48)])
def test_our_rle_strings_are_pycocotools_strings_both_ways(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(shape[0] * 100 + shape[1])
    for density in (0.0, 0.02, 0.5, 0.97, 1.0):
        binary = rng.random(shape) < density
        theirs = coco_mask.encode(np.asfortranarray(binary.astype(np.uint8)))
        assert counts_to_string(rle_encode(binary)["counts"]) == theirs["counts"].decode("ascii")
        np.testing.assert_array_equal(rle_decode({"size": theirs["size"], "counts": theirs["counts"].decode()}), binary)


def test_polygons_are_filled_pixel_for_pixel_as_pycocotools_fills_them() -> None:
    """Lesion-sized and disc-sized outlines, CVAT's two-decimal coordinates and whole numbers, some reaching past
    the image's edges, one taller than the image (runs that carry on into the next column)."""
    width, height = 90, 60
    rng = np.random.default_rng(7)
    for trial in range(400):
        centre = rng.uniform((-10, -10), (width + 10, height + 10))
        radius = rng.uniform(1.5, 4) if trial % 2 else rng.uniform(5, 40)
        angles = np.sort(rng.uniform(0, 2 * np.pi, rng.integers(3, 14)))
        points = np.round(centre + radius * np.c_[np.cos(angles), np.sin(angles)], 0 if trial % 5 == 0 else 2)
        flat = [float(v) for v in points.ravel()]
        ours = on_image(coco_polygon_region(width, height, [tuple(p) for p in points.tolist()]), width, height)
        np.testing.assert_array_equal(ours, pycocotools_fill(width, height, [flat]), err_msg=str(flat))
    band = [[-5.0, -5.0, 20.5, -5.0, 20.5, 70.0, -5.0, 70.0]]  # every row of columns 0-20
    region = coco_polygon_region(width, height, list(zip(band[0][0::2], band[0][1::2])))
    np.testing.assert_array_equal(on_image(region, width, height), pycocotools_fill(width, height, band))
    assert region.mask.all() and region.bounds == (0, height, 0, 21)


def test_a_polygons_pixels_are_its_area() -> None:
    """COCO's ``area`` of a polygon is its own: the rectangle of corners (2, 2) and (8, 6) is 24 pixels, x 2-7 and
    y 2-5 (pixel x covers [x, x+1)); Pillow's fill, edges included, gave it 35."""
    region = coco_polygon_region(20, 10, [(2, 2), (8, 2), (8, 6), (2, 6)])
    assert region.bounds == (2, 6, 2, 8) and region.mask.all()


def test_our_coco_export_reads_back_through_cocos_api_and_scores_itself_perfectly(tmp_path: Path) -> None:
    """Loaded by pycocotools' COCO API, each region's mask and the union per class are the case's, and COCO's own
    evaluation of the ground truth against itself gives AP 1 for masks and boxes (the file of one crowd annotation
    per class scored -1, every mask ignored as a crowd; a box had no segmentation at all)."""
    rng = np.random.default_rng(1)
    cases = []
    for number, (width, height) in enumerate(((40, 30), (17, 23))):
        mask = np.zeros((height, width), np.uint8)
        for cls in ALL_CLASSES:
            mask[rng.random((height, width)) < 0.08] |= cls.bit  # overlapping classes, many regions
        boxes = [Box(LesionClass.EX, 3, 4, 9, 8), Box(LesionClass.OD, 0, 0, width, height),  # the edge: VOC's xmax
                 Box(LesionClass.MA, 5, 6, 5, 6)]  # one pixel
        cases.append(CaseDocument(f"c{number}", f"sub/c{number}.png", width, height, mask=mask, boxes=boxes))
    for compressed in (False, True):
        path = tmp_path / f"coco_{compressed}.json"
        export_coco(cases, path, compressed_rle=compressed)
        api = COCO(str(path))
        assert [api.cats[cls.value]["name"] for cls in ALL_CLASSES] == [cls.name for cls in ALL_CLASSES]
        for image_id, case in enumerate(cases, start=1):
            annotations = api.loadAnns(api.getAnnIds(imgIds=[image_id]))
            regions = [a for a in annotations if a["segmentation"]]
            assert all(a["iscrowd"] == 0 for a in annotations)
            for cls in ALL_CLASSES:
                own = [a for a in regions if a["category_id"] == cls.value]
                union = np.any([api.annToMask(a) for a in own], axis=0)
                np.testing.assert_array_equal(union, case.class_mask(cls))
            for annotation in regions:
                rle = api.annToRLE(annotation)
                assert annotation["area"] == coco_mask.area(rle)
                assert annotation["bbox"] == coco_mask.toBbox(rle).tolist()
            boxes = [a["bbox"] for a in annotations if not a["segmentation"]]
            assert boxes == [[3, 4, 7, 5], [0, 0, case.width, case.height], [5, 6, 1, 1]]
        for kind in ("segm", "bbox"):
            assert _self_scored_ap(path, kind) == pytest.approx(1.0)


def _self_scored_ap(path: Path, kind: str) -> float:
    """COCO's mean AP of the ground truth in ``path`` given back as detections scored 1. For masks ("segm") the
    regions alone: a box's empty segmentation claims no pixels, and pycocotools cannot turn it into a mask."""
    dataset = json.loads(path.read_text())
    if kind == "segm":
        dataset["annotations"] = [a for a in dataset["annotations"] if a["segmentation"]]
    with contextlib.redirect_stdout(io.StringIO()):
        truth = COCO()
        truth.dataset = dataset
        truth.createIndex()
        detections = truth.loadRes([{**annotation, "score": 1.0} for annotation in dataset["annotations"]])
        evaluation = COCOeval(truth, detections, kind)
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    return float(evaluation.stats[0])


def test_rle_region_is_rle_decode_cut_to_its_pixels() -> None:
    """The import reads each annotation's RLE from its runs alone; the pixels are rle_decode's, runs that carry on
    into the next column and empty masks included, compressed or not."""
    rng = np.random.default_rng(9)
    for trial in range(300):
        shape = (int(rng.integers(1, 15)), int(rng.integers(1, 15)))
        binary = rng.random(shape) < [0.0, 0.1, 0.6, 1.0][trial % 4]
        rle = rle_encode(binary)
        for counts in (rle["counts"], counts_to_string(rle["counts"])):
            region = rle_region({"size": rle["size"], "counts": counts})
            np.testing.assert_array_equal(on_image(region, shape[1], shape[0]), binary)
    with pytest.raises(ValueError, match="add up to 5 pixels"):
        rle_region({"size": [2, 3], "counts": [0, 2, 1, 2]})
