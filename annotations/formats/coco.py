"""COCO JSON: boxes as ``bbox`` annotations, each painted region as an RLE annotation.

Conventions (say them once, apply them everywhere):
- A box's ``bbox`` is ``[x, y, width, height]`` of the pixels it covers. Our boxes are inclusive (xmax is the last
  column, as the VOC devkit counts), so width = xmax - xmin + 1 and, on import, xmax = x + width - 1, corners
  rounding halves up (raster.nearest_pixel) as every format's do; a box and the region it was made from have one
  bbox. A box read from a VOC file on the image's edge (xmax == width) covers the image's pixels only. CVAT and
  Datumaro take VOC and CVAT corners as the box's edges instead, so a box from CVAT's COCO export comes in one
  pixel narrower than the same box from its XML. Its ``segmentation`` is empty (``[]``), as CVAT writes a
  rectangle's: it claims no pixels.
- Each 8-connected painted region of a class (the objects the Objects list shows) is one annotation with
  ``iscrowd: 0``, RLE in COCO's column-major order (uncompressed ``counts`` lists, or the compressed string form)
  over the whole image, and the bbox of its pixels: one crowd annotation per class, as written before, is left out
  of COCO's evaluation and of detectron2's training. Import also reads polygons, filled as pycocotools fills them
  (coco_rle), and ORs every annotation's pixels into its class.
- On import, an annotation with a segmentation becomes mask pixels; one without (or an empty one) becomes a box
  (a bbox of no width, a point, the pixel it starts on), its flags read as every format's (box_flags). A file_name
  listed twice is refused, as CVAT's reader refuses a name listed twice.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from annotations.atomic import atomic_write_text
from annotations.classes import ALL_CLASSES, LESION_CLASSES, LesionClass
from annotations.decoder_reasons import decoder_reason
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError, readable_cases
from annotations.formats import messages as msg
from annotations.formats.archives import is_zip
from annotations.formats.box_flags import BOX_FLAGS, flag_set
from annotations.formats.label_map import resolve_label
from annotations.formats.masks import MAX_MASK_PIXELS
from annotations.formats.coco_rle import coco_polygon_region, counts_to_string, region_counts, rle_region
from annotations.formats.numbers import detection_score
from annotations.formats.polygon_fill import check_reach
from annotations.formats.voc import repair_coords
from annotations.raster import Region, nearest_pixel
from annotations.tools.components import class_components
from annotations.regular_files import read_regular_bytes


class CocoImport(dict):
    """``{file_name: (boxes, mask_bits or None)}`` plus what could not be taken over."""

    def __init__(self) -> None:
        super().__init__()
        self.unknown_labels: list[str] = []  # category names the label map did not know; their annotations skipped
        self.notes: list[str] = []  # repaired boxes
        self.sizes: dict[str, tuple[int, int]] = {}  # file_name -> (width, height) the labels were made on


def export_coco(cases: Sequence[CaseDocument], path: str | os.PathLike, compressed_rle: bool = False) -> None:
    """Write every case's boxes and painted masks; ``file_name`` is the case's image path."""
    atomic_write_text(path, coco_json(cases, compressed_rle))


def coco_json(cases: Sequence[CaseDocument], compressed_rle: bool = False) -> str:
    """The COCO document of export_coco, as text; a case that cannot be read is left out (readable_cases)."""
    images, annotations = [], []
    for image_id, (_index, doc) in enumerate(readable_cases(cases), start=1):
        images.append({"id": image_id, "file_name": doc.image_path, "width": doc.width, "height": doc.height})
        for box in doc.boxes:
            annotations.append(_box_annotation(len(annotations) + 1, image_id, box, doc.width, doc.height))
        for cls, component in class_components(doc.mask):
            annotations.append(_region_annotation(len(annotations) + 1, image_id, cls, component.region(),
                                                  (doc.height, doc.width), compressed_rle))
    categories = [{"id": cls.value, "name": cls.name, "supercategory": "lesion" if cls in LESION_CLASSES else "anatomy"}
                  for cls in ALL_CLASSES]
    document = {"info": {"description": "RetinaReview export"}, "images": images, "annotations": annotations,
                "categories": categories}
    return json.dumps(document, separators=(",", ":"))


def import_coco(path: str | os.PathLike, label_map: dict[str, LesionClass] | None = None) -> CocoImport:
    path = Path(path)
    data = read_regular_bytes(path, None, "a COCO file", FormatError)
    if is_zip(data):
        raise FormatError(path, msg.COCO_ZIP)
    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested past Python's limit
        raise FormatError(path, msg.JSON_UNREADABLE.format(error=decoder_reason(exc))) from exc
    if not isinstance(document, dict) or not all(isinstance(document.get(k), list) for k in ("images", "categories")):
        raise FormatError(path, msg.NOT_COCO)
    annotations = document.get("annotations", [])
    if not isinstance(annotations, list):
        raise FormatError(path, msg.COCO_ANNOTATIONS)
    for key, entries in (("categories", document["categories"]), ("images", document["images"]),
                         ("annotations", annotations)):
        if not all(isinstance(entry, dict) for entry in entries):
            raise FormatError(path, msg.COCO_ENTRIES.format(key=key))
    result = CocoImport()
    classes: dict[Any, LesionClass | None] = {}
    for category in document["categories"]:
        name = str(category.get("name", ""))
        if not isinstance(category.get("id"), (int, str)):
            raise FormatError(path, msg.COCO_CATEGORY_ID.format(name=repr(name)))
        classes[category.get("id")] = cls = resolve_label(name, label_map)
        if cls is None and name not in result.unknown_labels:
            result.unknown_labels.append(name)
    images = {}
    for image in document["images"]:
        try:
            images[image["id"]] = (str(image["file_name"]), int(image["height"]), int(image["width"]))
        except (KeyError, TypeError, ValueError, OverflowError):
            raise FormatError(path, msg.COCO_IMAGE_ENTRY.format(entry=repr(image)[:80])) from None
        name, height, width = images[image["id"]]
        if name in result:  # two photos of one name, or one listed twice: which boxes are whose cannot be told
            raise FormatError(path, msg.IMAGE_TWICE.format(name=repr(name)))
        if height < 1 or width < 1 or height * width > MAX_MASK_PIXELS:
            raise FormatError(path, msg.COCO_IMAGE_SIZE.format(name=repr(image["file_name"]), width=width,
                                                               height=height, limit=MAX_MASK_PIXELS // 1_000_000))
        result[name] = ([], None)
        result.sizes[name] = (width, height)
    for annotation in annotations:
        try:
            _import_annotation(path, annotation, images, classes, result)
        except (TypeError, ValueError, OverflowError) as exc:  # wrong types deep inside a hand-edited entry
            raise FormatError(path, msg.COCO_MALFORMED.format(id=str(annotation.get("id", "?"))[:40],
                                                              error=exc)) from exc
    return result


def _box_annotation(annotation_id: int, image_id: int, box: Box, image_width: int, image_height: int
                    ) -> dict[str, Any]:
    width = min(box.xmax, image_width - 1) - box.xmin + 1
    height = min(box.ymax, image_height - 1) - box.ymin + 1
    entry = {"id": annotation_id, "image_id": image_id, "category_id": box.label.value,
             "bbox": [box.xmin, box.ymin, width, height], "area": width * height, "segmentation": [], "iscrowd": 0,
             "attributes": {"difficult": box.difficult, "truncated": box.truncated, "pose": box.pose,
                            "source": box.source}}
    if box.score is not None:
        entry["score"] = box.score
    return entry


def _region_annotation(annotation_id: int, image_id: int, cls: LesionClass, region: Region,
                       size: tuple[int, int], compressed: bool) -> dict[str, Any]:
    counts = region_counts(region, *size)
    y0, y1, x0, x1 = region.bounds
    rle = {"size": list(size), "counts": counts_to_string(counts) if compressed else counts}
    return {"id": annotation_id, "image_id": image_id, "category_id": cls.value, "segmentation": rle,
            "bbox": [x0, y0, x1 - x0, y1 - y0], "area": int(np.count_nonzero(region.mask)), "iscrowd": 0}


def _import_annotation(path: Path, annotation: dict, images: dict, classes: dict, result: CocoImport) -> None:
    where = msg.COCO_ANNOTATION.format(id=annotation.get("id", "?"))
    if annotation.get("image_id") not in images:
        raise FormatError(path, msg.COCO_NO_IMAGE.format(where=where, id=repr(annotation.get("image_id"))))
    if annotation.get("category_id") not in classes:
        raise FormatError(path, msg.COCO_NO_CATEGORY.format(where=where, id=repr(annotation.get("category_id"))))
    cls = classes[annotation["category_id"]]
    if cls is None:
        return
    file_name, height, width = images[annotation["image_id"]]
    boxes, mask_bits = result[file_name]
    segmentation = annotation.get("segmentation")
    if segmentation:
        mask_bits = np.zeros((height, width), np.uint8) if mask_bits is None else mask_bits
        for region in _rasterise(path, where, segmentation, height, width):  # inside the image: RLE checked, polygons
            region.or_into(mask_bits, cls.bit)  # clipped
        result[file_name] = (boxes, mask_bits)
        return
    try:
        x, y, w, h = (float(v) for v in annotation["bbox"])
    except (KeyError, TypeError, ValueError):
        raise FormatError(path, msg.COCO_NO_SHAPE.format(where=where)) from None
    coords = (nearest_pixel(x), nearest_pixel(y), _last_pixel(x, w), _last_pixel(y, h))
    repaired, notes = repair_coords(coords, width, height)
    result.notes.extend(msg.COCO_REPAIRED.format(image=file_name, where=where, repair=note) for note in notes)
    if repaired is not None:
        attributes = annotation.get("attributes")
        attributes = attributes if isinstance(attributes, dict) else {}
        boxes.append(Box(cls, *repaired, score=detection_score(annotation.get("score")),
                         **{flag: flag_set(attributes.get(flag)) for flag in BOX_FLAGS},
                         pose=str(attributes.get("pose", "Unspecified")), source="import"))


def _last_pixel(start: float, extent: float) -> int:
    """The last pixel column (row) a bbox covers, x + width - 1; one of no width (a point marked as a bbox, area 0)
    covers the pixel it starts on, as a CVAT box whose corners meet does, and is no box with swapped corners."""
    first, last = nearest_pixel(start), nearest_pixel(start + extent) - 1
    return first if extent >= 0 and last < first else last


def _rasterise(path: Path, where: str, segmentation: Any, height: int, width: int) -> list[Region]:
    """The pixels of an annotation's RLE mask, or of each of its polygons (as pycocotools fills them)."""
    if isinstance(segmentation, dict):
        try:
            size = [int(v) for v in segmentation["size"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise FormatError(path, msg.RLE_NO_SIZE.format(where=where, error=exc)) from exc
        if len(size) != 2:
            raise FormatError(path, msg.RLE_SIZE_SHAPE.format(where=where, size=size))
        if size != [height, width]:  # checked before decoding, so a huge claimed size allocates nothing
            raise FormatError(path, msg.RLE_SIZE.format(where=where, width=size[1], height=size[0], image_width=width,
                                                         image_height=height))
        try:
            return [rle_region(segmentation)]
        except (KeyError, TypeError, ValueError) as exc:
            raise FormatError(path, msg.RLE_UNREADABLE.format(where=where, error=exc)) from exc
    regions = []
    try:
        for polygon in segmentation:
            values = [float(v) for v in polygon]
            if len(values) % 2 or not all(math.isfinite(v) for v in values):
                raise ValueError(f"not x, y pairs of finite numbers: {polygon!r:.80}")
            points = list(zip(values[0::2], values[1::2]))
            check_reach(path, where, points, width, height)
            if len(points) >= 3:
                regions.append(coco_polygon_region(width, height, points))
    except (TypeError, ValueError) as exc:
        raise FormatError(path, msg.SEGMENTATION.format(where=where, error=exc)) from exc
    return regions
