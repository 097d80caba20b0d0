"""YOLO labels the way labelImg writes them: ``classes.txt`` (one class name a line; the line number is the class
index) beside one ``NAME.txt`` per image whose lines read ``index x_centre y_centre width height``, normalised by the
image size. Reading also takes Ultralytics' outline lines, ``index x1 y1 x2 y2 x3 y3 …`` (YOLO segmentation labels),
as mask pixels: the pixels whose centre the outline covers (coco_rle.coco_polygon_region), its own area, where
Ultralytics' training fill adds the outline's pixels.

labelImg's conversion is followed to the letter, so files go both ways between it and us: our boxes are VOC corners
(the max corner inclusive, clamped to 0..width as real files are), centre = (xmin + xmax) / 2 / width and
width = (xmax - xmin) / width, without a +1. A box that touches the image edge (CODRAS has ymax == height) therefore
maps to exactly 1.0. Reading multiplies back and rounds half up to the nearest pixel; the six decimals labelImg writes
keep that exact for images up to 100 000 pixels on a side (the error is below 0.004 px at 4288).

CVAT's YOLO 1.1 export lays the same lines out as Darknet does: the class list is ``obj.names`` and the label files
are in ``obj_<subset>_data/``; reading takes that list where there is no ``classes.txt``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from annotations.atomic import atomic_write_text
from annotations.classes import ALL_CLASSES, LesionClass
from annotations.document import Box
from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.formats.coco_rle import coco_polygon_region
from annotations.formats.label_map import names_for_export, resolve_label
from annotations.formats.numbers import finite_number
from annotations.formats.polygon_fill import check_reach
from annotations.formats.voc import repair_coords
from annotations.raster import nearest_pixel
from annotations.regular_files import read_regular_bytes

CLASSES_FILE = "classes.txt"
DARKNET_CLASSES_FILE = "obj.names"  # the class list of CVAT's YOLO 1.1 export, Darknet's layout
DARKNET_LISTS = ("train.txt", "valid.txt")  # beside obj.names: each subset's list of images, no labels
MAX_YOLO_BYTES = 4 * 2**20  # a label file with 100 000 boxes is under 4 MB


@dataclass
class YoloAnnotation:
    """One image's label file read back; ``unknown_labels`` lists class names the label map did not know (their
    boxes were skipped) and ``notes`` the repairs made (clamped or out-of-image boxes)."""

    width: int
    height: int
    boxes: list[Box] = field(default_factory=list)
    mask: np.ndarray | None = None  # bit per class, from outline lines; None when the file has none
    unknown_labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def class_order(label_map: dict[str, LesionClass] | None = None) -> list[tuple[LesionClass, str]]:
    """The classes in ``classes.txt`` order with the names to write: the label map's classes in its own order (the
    order of the set it came from), then our other classes."""
    names = names_for_export(label_map)
    mapped = list(dict.fromkeys((label_map or {}).values()))
    return [(cls, names[cls]) for cls in mapped + [c for c in ALL_CLASSES if c not in mapped]]


def class_list(folder: Path) -> Path:
    """The class list of the YOLO labels in ``folder``: labelImg's classes.txt, else the obj.names of CVAT's export;
    classes.txt where there is neither (the file a refusal names)."""
    return next((folder / name for name in (CLASSES_FILE, DARKNET_CLASSES_FILE) if (folder / name).is_file()),
                folder / CLASSES_FILE)


def not_labels(classes: Path) -> set[str]:
    """The names of the .txt files among the labels that hold none, with ``classes`` the class list (class_list):
    classes.txt, and beside CVAT's obj.names its subsets' lists of images."""
    return {CLASSES_FILE, *(DARKNET_LISTS if classes.name == DARKNET_CLASSES_FILE else ())}


def write_classes(path: str | os.PathLike, names: Sequence[str]) -> None:
    atomic_write_text(path, classes_text(names))


def classes_text(names: Sequence[str]) -> str:
    return "".join(f"{name}\n" for name in names)


def read_classes(path: str | os.PathLike) -> list[str]:
    """Class names by index; a blank line keeps its index (labelImg splits on new lines)."""
    text = _read_text(Path(path))
    return [line.strip() for line in text.rstrip("\n").split("\n")] if text.strip() else []


def yolo_text(boxes: Sequence[Box], width: int, height: int, index_of: dict[LesionClass, int]) -> str:
    """labelImg's ``%d %.6f %.6f %.6f %.6f`` lines for ``boxes`` on a ``width`` x ``height`` image."""
    lines = []
    for box in boxes:
        x_centre = (box.xmin + box.xmax) / 2 / width
        y_centre = (box.ymin + box.ymax) / 2 / height
        lines.append(f"{index_of[box.label]:d} {x_centre:.6f} {y_centre:.6f} {(box.xmax - box.xmin) / width:.6f} "
                     f"{(box.ymax - box.ymin) / height:.6f}\n")
    return "".join(lines)


def write_yolo(path: str | os.PathLike, boxes: Sequence[Box], width: int, height: int,
               index_of: dict[LesionClass, int]) -> None:
    atomic_write_text(path, yolo_text(boxes, width, height, index_of))


def read_yolo(path: str | os.PathLike, class_names: Sequence[str], width: int, height: int,
              label_map: dict[str, LesionClass] | None = None) -> YoloAnnotation:
    """Boxes of one label file on a ``width`` x ``height`` image; names go through ``label_map`` first."""
    path = Path(path)
    annotation = YoloAnnotation(width, height)
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 5 and (len(fields) < 7 or len(fields) % 2 == 0):
            raise FormatError(path, msg.YOLO_FIELDS.format(line=number, count=len(fields)))
        index, *values = (finite_number(path, text, msg.YOLO_NOT_A_NUMBER, msg.YOLO_NOT_FINITE, line=number)
                          for text in fields)
        if index != int(index) or not 0 <= index < len(class_names):
            raise FormatError(path, msg.YOLO_CLASS.format(line=number, index=fields[0], classes=CLASSES_FILE,
                                                          count=len(class_names)))
        name = class_names[int(index)]
        cls = resolve_label(name, label_map)
        if cls is None:
            if name not in annotation.unknown_labels:
                annotation.unknown_labels.append(name)
            continue
        if len(values) > 4:
            _paint_outline(path, annotation, cls, values, msg.FILE_LINE.format(line=number, name=name))
            continue
        x_centre, y_centre, box_width, box_height = values
        coords = tuple(nearest_pixel(value) for value in (
            (x_centre - box_width / 2) * width, (y_centre - box_height / 2) * height,
            (x_centre + box_width / 2) * width, (y_centre + box_height / 2) * height))
        repaired, notes = repair_coords(coords, width, height)
        where = msg.FILE_LINE.format(line=number, name=name)
        annotation.notes.extend(msg.REPAIRED.format(where=where, repair=note) for note in notes)
        if repaired is not None:
            annotation.boxes.append(Box(cls, *repaired, source="import"))
    return annotation




def _paint_outline(path: Path, annotation: YoloAnnotation, cls: LesionClass, values: list[float], where: str
                   ) -> None:
    """An outline line's pixels (normalised x, y pairs) into the annotation's mask."""
    width, height = annotation.width, annotation.height
    points = [(x * width, y * height) for x, y in zip(values[0::2], values[1::2])]
    check_reach(path, where, points, width, height)
    if annotation.mask is None:
        annotation.mask = np.zeros((height, width), np.uint8)
    coco_polygon_region(width, height, points).or_into(annotation.mask, cls.bit)


def _read_text(path: Path) -> str:
    try:
        return read_regular_bytes(path, MAX_YOLO_BYTES, "YOLO labels", FormatError).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(path, msg.YOLO_NOT_UTF8.format(error=exc.reason)) from exc
