"""labelme JSON: rectangles become boxes, polygons, circles and bitmap masks become mask pixels of their class, and
back.

Reading: ``imageData`` (the embedded picture) is ignored: the case's own image is the picture. Shapes that carry no
area (points, lines, line strips) are counted as skipped, by kind, so the import summary can say what was left
behind. A file without ``imageWidth`` and ``imageHeight`` (early labelme wrote none; labelme then measures the
image) lies on the image it embeds, else on the case's. Coordinates are labelme's: pixel positions, floats, on an
``imageWidth`` x ``imageHeight`` image. A rectangle's ``difficult`` and ``truncated`` flags become the box's. A
``mask`` shape (labelme's AI mask tool draws them) gives exactly its bitmap's pixels (annotations.formats.labelme_mask).

Writing: one file per case, compact JSON, no ``imageData`` (``imagePath`` points at the image, relative to the
file, as labelme resolves it); boxes as rectangles with the box's corners and its flags; each painted region as the
polygon of annotations.formats.outlines, which gives the region back exactly to the pixel, or, for a region with a
hole (which a polygon would fill), as a ``mask`` shape, its bitmap. Either way the region comes back exactly, in our
reader and in labelme; polygons stay where they can, as labelme users edit those.
"""
from __future__ import annotations

import base64
import io
import json
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.decoder_reasons import decoder_reason
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.formats.box_flags import BOX_FLAGS, flag_set
from annotations.formats.label_map import resolve_label
from annotations.formats.labelme_mask import mask_shape_fields, mask_shape_region
from annotations.formats.masks import MAX_MASK_PIXELS
from annotations.formats.outlines import class_outlines
from annotations.formats.polygon_fill import check_reach, circle_region, polygon_region
from annotations.formats.voc import repair_coords
from annotations.raster import Region, nearest_pixel
from annotations.regular_files import read_regular_bytes

MAX_LABELME_BYTES = 128 * 2**20  # imageData of a 12 MP PNG is tens of MB; the shapes themselves are small
AREA_SHAPES = frozenset({"rectangle", "oriented_rectangle", "polygon", "circle", "mask"})  # the rest are skipped
BOX_CORNERS = {"rectangle": 2, "oriented_rectangle": 4}  # the box kinds, and how many points each has
EMBEDDED_FORMATS = ("JPEG", "PNG", "BMP", "TIFF")  # what labelme embeds as imageData: the image file's own bytes
LABELME_VERSION = "5.4.1"  # the file layout written: labelme 5.4's (shapes with description and mask keys)


@dataclass
class LabelmeAnnotation:
    """One labelme file: boxes, a bit-per-class mask (None when no region was drawn), and what was not taken."""

    width: int
    height: int
    boxes: list[Box] = field(default_factory=list)
    mask: np.ndarray | None = None
    unknown_labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # shape kind -> count (points, lines, ...)


def read_labelme(path: str | os.PathLike, label_map: dict[str, LesionClass] | None = None,
                 image_size: tuple[int, int] | None = None) -> LabelmeAnnotation:
    """The shapes of the labelme file ``path``; ``image_size`` (width, height) is that of the image the file is for,
    its size where the file names none and embeds no image."""
    path = Path(path)
    document = _load(path)
    width, height = _size(path, document, image_size)
    shapes = document.get("shapes", [])
    if not isinstance(shapes, list) or not all(isinstance(s, dict) for s in shapes):
        raise FormatError(path, msg.LABELME_SHAPES)
    annotation = LabelmeAnnotation(width, height)
    for number, shape in enumerate(shapes, start=1):
        kind = str(shape.get("shape_type") or "polygon")  # labelme leaves it out (null) for polygons
        label = shape.get("label")
        name = "" if label is None else str(label)  # "label": null is a shape without a label, not one named None
        where = msg.LABELME_SHAPE.format(number=number, name=name, kind=kind)
        if kind not in AREA_SHAPES:
            annotation.skipped[kind] += 1
            continue
        cls = resolve_label(name, label_map)
        if cls is None:
            if name not in annotation.unknown_labels:
                annotation.unknown_labels.append(name)
            continue
        points = _points(path, where, shape.get("points"), width, height)
        if kind in BOX_CORNERS:
            _add_box(annotation, where, cls, kind, points, shape.get("flags"))
        elif kind == "mask":
            _paint(annotation, cls, mask_shape_region(path, where, points, shape.get("mask"), width, height))
        else:
            _add_region(annotation, where, cls, kind, points)
    return annotation


def labelme_json(doc: CaseDocument, image_path: str, names: dict[LesionClass, str] | None = None) -> str:
    """The labelme file of ``doc`` (see the module's docstring); ``image_path`` as relative_image_path gives it,
    ``names`` (label_map.names_for_export) picks each class's label."""
    names = names or {cls: cls.name for cls in LesionClass}
    shapes = [_shape(names[box.label], "rectangle", [(box.xmin, box.ymin), (box.xmax, box.ymax)],
                     {flag: getattr(box, flag) for flag in BOX_FLAGS}) for box in doc.boxes]
    for cls, region, polygon in class_outlines(doc.mask):
        if polygon is None:
            corners, bitmap = mask_shape_fields(region)
            shapes.append(_shape(names[cls], "mask", corners, {}, bitmap))
        else:
            shapes.append(_shape(names[cls], "polygon", polygon, {}))
    # no spaces after separators: the polygons' points are most of the file, and ", " and ": " made it 16 % larger
    return json.dumps({"version": LABELME_VERSION, "flags": {}, "shapes": shapes, "imagePath": image_path,
                       "imageData": None, "imageHeight": doc.height, "imageWidth": doc.width}, ensure_ascii=False,
                      separators=(",", ":"))


def relative_image_path(image: Path, folder: Path) -> str:
    """``image`` relative to ``folder`` (where its labelme file lies), with forward slashes; only its file name
    where there is no relative path (another drive)."""
    try:
        return Path(os.path.relpath(image, folder)).as_posix()
    except ValueError:
        return image.name


def _shape(label: str, kind: str, points: list[tuple[int, int]], flags: dict[str, bool],
           bitmap: str | None = None) -> dict[str, Any]:
    return {"label": label, "points": [list(point) for point in points], "group_id": None, "description": "",
            "shape_type": kind, "flags": flags, "mask": bitmap}


def _add_box(annotation: LabelmeAnnotation, where: str, cls: LesionClass, kind: str,
             points: list[tuple[float, float]], flags: Any) -> None:
    """A rectangle, or an oriented one (labelme 5.5+) as its axis-aligned bounding box, as a CVAT rotated box is."""
    if len(points) != BOX_CORNERS[kind]:
        corners = msg.RECTANGLE_CORNERS if kind == "rectangle" else msg.ORIENTED_CORNERS
        annotation.notes.append(corners.format(where=where, count=len(points)))
        return
    xs, ys = [x for x, _ in points], [y for _, y in points]
    turned = kind != "rectangle" and (max(xs) - min(xs)) * (max(ys) - min(ys)) - _area(points) > 1  # not noise
    if turned:
        annotation.notes.append(msg.ORIENTED_RECTANGLE.format(where=where))
    coords = tuple(nearest_pixel(value) for value in (min(xs), min(ys), max(xs), max(ys)))
    repaired, notes = repair_coords(coords, annotation.width, annotation.height)
    annotation.notes.extend(msg.REPAIRED.format(where=where, repair=note) for note in notes)
    if repaired is not None:
        marks = {flag: flag_set(flags.get(flag)) for flag in BOX_FLAGS} if isinstance(flags, dict) else {}
        annotation.boxes.append(Box(cls, *repaired, source="import", **marks))


def _area(points: list[tuple[float, float]]) -> float:
    """The area inside ``points`` (shoelace)."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def _add_region(annotation: LabelmeAnnotation, where: str, cls: LesionClass, kind: str,
                points: list[tuple[float, float]]) -> None:
    if kind == "circle":
        if len(points) != 2:
            annotation.notes.append(msg.CIRCLE_POINTS.format(where=where))
            return
        (cx, cy), (rx, ry) = points
        region = circle_region(annotation.width, annotation.height, (cx, cy), math.hypot(rx - cx, ry - cy))
    else:
        if len(points) < 3:
            annotation.notes.append(msg.POLYGON_POINTS.format(where=where))
            return
        region = polygon_region(annotation.width, annotation.height, points)
    _paint(annotation, cls, region)


def _paint(annotation: LabelmeAnnotation, cls: LesionClass, region: Region) -> None:
    if annotation.mask is None:
        annotation.mask = np.zeros((annotation.height, annotation.width), np.uint8)
    region.or_into(annotation.mask, cls.bit)


def _load(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(read_regular_bytes(path, MAX_LABELME_BYTES, "a labelme file", FormatError))
    except (ValueError, RecursionError) as exc:
        raise FormatError(path, msg.JSON_UNREADABLE.format(error=decoder_reason(exc))) from exc
    if not isinstance(document, dict):
        raise FormatError(path, msg.NOT_LABELME)
    return document


def _size(path: Path, document: dict[str, Any], image_size: tuple[int, int] | None) -> tuple[int, int]:
    width, height = document.get("imageWidth"), document.get("imageHeight")
    if width is None and height is None:
        # early labelme wrote no size: labelme measures the image, the embedded one or the file beside it
        width, height = _embedded_size(document.get("imageData")) or image_size or (None, None)
    try:
        width, height = int(width), int(height)
    except (TypeError, ValueError, OverflowError):
        raise FormatError(path, msg.LABELME_NO_SIZE) from None
    if width < 1 or height < 1 or width * height > MAX_MASK_PIXELS:
        raise FormatError(path, msg.LABELME_SIZE.format(width=width, height=height,
                                                        limit=MAX_MASK_PIXELS // 1_000_000))
    return width, height


def _embedded_size(data: Any) -> tuple[int, int] | None:
    """The size of the image ``imageData`` embeds, read from its header; None when it embeds none readable."""
    try:
        return Image.open(io.BytesIO(base64.b64decode(data)), formats=EMBEDDED_FORMATS).size
    except (TypeError, ValueError, OSError, Image.DecompressionBombError):  # binascii.Error is a ValueError
        return None


def _points(path: Path, where: str, points: Any, width: int, height: int) -> list[tuple[float, float]]:
    try:
        result = [(float(x), float(y)) for x, y in points]
    except (TypeError, ValueError):
        raise FormatError(path, msg.POINTS_NOT_PAIRS.format(where=where)) from None
    check_reach(path, where, result, width, height)
    return result
