"""CVAT for images 1.1 XML (``annotations.xml``), as CVAT 2.x writes and reads it.

Conventions (say them once, apply them everywhere):
- A box's corners are written as they are, ``xtl=xmin ytl=ymin xbr=xmax ybr=ymax`` (the numbers our VOC export
  writes, so a box is the same whichever of the two carries it), with CVAT's two decimals; reading rounds to the
  nearest pixel and repairs swapped or out-of-image corners as the VOC reader does. The VOC flags travel as the
  ``difficult`` and ``truncated`` checkbox attributes, declared on every label in ``<meta>``.
- A painted mask is written as one ``<mask>`` per 8-connected region of each class: the objects our Objects list
  shows, and what CVAT treats as one object (its object list, attributes, z-order); each region's RLE also spans
  only its own box, not the whole photo. A pixel in two classes is in both classes' masks (CVAT lets masks
  overlap); reading ORs every mask into its class's bit, so a round trip is exact to the pixel.
- ``<mask rle left top width height>``: the region's bounding box in pixels and the run lengths over that box,
  row by row, starting with background (0 first when the box's first pixel is painted), ``", "``-separated.
  Row-major over the box is COCO's column-major RLE of the transposed box, so coco's codec does the counting.
- Reading also rasterises ``<polygon>`` and ``<ellipse>`` (as the polygon of 72 points round it) into mask pixels
  as CVAT's own dataset export does, with pycocotools (coco_rle.coco_polygon_region), and takes a
  rotated box as its axis-aligned bounding box (with a note), and counts every other shape (``<points>``,
  ``<polyline>``, ``<cuboid>``, ``<skeleton>``, ``<tag>``: none has an area) as skipped, by kind. A file of tracks
  (CVAT for video) is refused, saying what to export instead.
- Images are found by ``name``. A project's export names each image's subset (``<image subset="Train">``), and its
  tasks may hold different photos of one name (a training and a test task numbered alike): a name listed more than
  once is ``<subset>/<name>``, where the project's dataset export puts that photo. A name still listed twice is
  refused.
"""
from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
from lxml import etree

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError, readable_cases
from annotations.formats import messages as msg
from annotations.formats.box_flags import BOX_FLAGS, flag_set
from annotations.formats.coco_rle import coco_polygon_region, rle_decode, rle_encode
from annotations.formats.label_map import resolve_label
from annotations.formats.masks import MAX_MASK_PIXELS
from annotations.formats.numbers import finite_number
from annotations.formats.polygon_fill import check_reach
from annotations.formats.untrusted_xml import parse_untrusted_xml
from annotations.formats.voc import repair_coords
from annotations.raster import Region, nearest_pixel
from annotations.tools.components import class_components

DEFAULT_NAME = "annotations.xml"  # what CVAT's export and ours call it
MAX_CVAT_BYTES = 256 * 2**20  # a task of thousands of photos with every lesion outlined stays well below
AREA_SHAPES = frozenset({"box", "mask", "polygon", "ellipse"})  # every other kind is counted as skipped
_ELLIPSE_VERTICES = 72


@dataclass
class CvatImage:
    """One ``<image>``: its size, boxes, bit-per-class mask (None when nothing was painted) and the shapes without
    an area it held, by kind."""

    width: int
    height: int
    boxes: list[Box] = field(default_factory=list)
    mask: np.ndarray | None = None
    skipped: Counter = field(default_factory=Counter)


class CvatImport(dict):
    """``{image name: CvatImage}`` plus what could not be taken over."""

    def __init__(self) -> None:
        super().__init__()
        self.unknown_labels: list[str] = []  # label names the label map did not know; their shapes were skipped
        self.notes: list[str] = []  # repaired, rotated or skipped shapes
        self.in_subsets: dict[str, str] = {}  # "<subset>/<name>" -> the name as listed, for a name listed repeatedly


# export ----------------------------------------------------------------------------------------------------
def cvat_xml(cases: Sequence[CaseDocument], names: dict[LesionClass, str] | None = None) -> bytes:
    """The ``annotations.xml`` of ``cases``: one ``<image>`` per case named by its image path, but a case that cannot
    be read (readable_cases); ``names`` (label_map.names_for_export) picks each class's label."""
    names = names or {cls: cls.name for cls in LesionClass}
    root = etree.Element("annotations")
    _sub(root, "version", "1.1")
    task = etree.SubElement(etree.SubElement(root, "meta"), "task")
    _sub(task, "name", "RetinaReview export")
    size = _sub(task, "size", "")  # the images written: counted once they are
    _sub(task, "mode", "annotation")
    _sub(task, "overlap", "0")
    labels = etree.SubElement(task, "labels")
    for cls in ALL_CLASSES:
        label = etree.SubElement(labels, "label")
        for tag, text in (("name", names[cls]), ("color", cls.colour), ("type", "any")):
            _sub(label, tag, text)
        attributes = etree.SubElement(label, "attributes")
        for flag in BOX_FLAGS:
            attribute = etree.SubElement(attributes, "attribute")
            for tag, text in (("name", flag), ("mutable", "False"), ("input_type", "checkbox"),
                              ("default_value", "false"), ("values", "false")):
                _sub(attribute, tag, text)
    for number, (_index, doc) in enumerate(readable_cases(cases)):
        image = etree.SubElement(root, "image", id=str(number), name=doc.image_path, width=str(doc.width),
                                 height=str(doc.height))
        for box in doc.boxes:
            element = etree.SubElement(image, "box", label=names[box.label], source=_source(box), occluded="0",
                                       xtl=f"{box.xmin:.2f}", ytl=f"{box.ymin:.2f}", xbr=f"{box.xmax:.2f}",
                                       ybr=f"{box.ymax:.2f}", z_order="0")
            for flag in BOX_FLAGS:
                _sub(element, "attribute", "true" if getattr(box, flag) else "false").set("name", flag)
        for cls, component in class_components(doc.mask):
            region = component.region()
            height, width = region.mask.shape
            etree.SubElement(image, "mask", label=names[cls], source="manual", occluded="0",
                             rle=", ".join(str(count) for count in rle_encode(region.mask.T)["counts"]),
                             left=str(region.x0), top=str(region.y0), width=str(width), height=str(height),
                             z_order="0")
    size.text = str(len(root.findall("image")))
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _source(box: Box) -> str:
    return "auto" if box.source == "ai" else "manual"


def _sub(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    element.text = text
    return element


# import ----------------------------------------------------------------------------------------------------
def import_cvat(path: str | os.PathLike, label_map: dict[str, LesionClass] | None = None) -> CvatImport:
    """Every ``<image>`` of a CVAT for images 1.1 file; label names go through ``label_map`` first, then our own
    names (MA, HE, EX, SE, OD)."""
    path = Path(path)
    root = parse_untrusted_xml(path, MAX_CVAT_BYTES, "a CVAT annotation file", msg.CVAT_NOT_XML, msg.CVAT_DOCTYPE,
                               msg.CVAT_ZIP)
    if root.tag != "annotations":
        raise FormatError(path, msg.NOT_CVAT.format(tag=root.tag))
    if root.find("track") is not None:
        raise FormatError(path, msg.CVAT_TRACKS)
    result = CvatImport()
    elements = list(root.iterfind("image"))
    repeated = {name for name, count in Counter(element.get("name") for element in elements).items() if count > 1}
    for element in elements:
        name, width, height = _image_entry(path, element)
        if name in repeated and element.get("subset"):
            # a project's tasks may each hold a photo of this name: the subset tells them apart, and the project's
            # dataset export puts each at images/<subset>/<name>
            listed, name = name, f"{element.get('subset')}/{name}"
            result.in_subsets[name] = listed
        if name in result:  # two photos of one name: whose shapes are whose cannot be told
            raise FormatError(path, msg.IMAGE_TWICE.format(name=repr(name)))
        image = result[name] = CvatImage(width, height)
        for number, shape in enumerate(element, start=1):
            _read_shape(path, shape, msg.CVAT_SHAPE.format(image=name, number=number, kind=shape.tag,
                                                           name=shape.get("label", "")), image, label_map, result)
    return result


def _image_entry(path: Path, element: etree._Element) -> tuple[str, int, int]:
    try:
        name, width, height = element.attrib["name"], int(element.attrib["width"]), int(element.attrib["height"])
    except (KeyError, ValueError):
        raise FormatError(path, msg.CVAT_IMAGE_ENTRY.format(
            entry=etree.tostring(element, encoding="unicode").split(">")[0][:80] + ">")) from None
    if width < 1 or height < 1 or width * height > MAX_MASK_PIXELS:
        raise FormatError(path, msg.COCO_IMAGE_SIZE.format(name=repr(name), width=width, height=height,
                                                           limit=MAX_MASK_PIXELS // 1_000_000))
    return name, width, height


def _read_shape(path: Path, shape: etree._Element, where: str, image: CvatImage,
                label_map: dict[str, LesionClass] | None, result: CvatImport) -> None:
    if shape.tag not in AREA_SHAPES:
        image.skipped[shape.tag] += 1
        return
    name = shape.get("label", "")
    cls = resolve_label(name, label_map)
    if cls is None:
        if name not in result.unknown_labels:
            result.unknown_labels.append(name)
        return
    if shape.tag == "box":
        _add_box(path, shape, where, cls, image, result)
    elif shape.tag == "mask":
        _paint(image, cls, _mask_region(path, shape, where, image))
    else:
        points = _ellipse_points(path, shape, where) if shape.tag == "ellipse" else _polygon_points(path, shape, where)
        check_reach(path, where, points, image.width, image.height)
        if len(points) < 3:
            result.notes.append(msg.POLYGON_POINTS.format(where=where))
            return
        _paint(image, cls, coco_polygon_region(image.width, image.height, points))


def _add_box(path: Path, shape: etree._Element, where: str, cls: LesionClass, image: CvatImage,
             result: CvatImport) -> None:
    xtl, ytl, xbr, ybr = (_number(path, shape, where, name) for name in ("xtl", "ytl", "xbr", "ybr"))
    angle = _number(path, shape, where, "rotation") if shape.get("rotation") else 0.0
    if angle % 360:
        corners = _rotated((xtl + xbr) / 2, (ytl + ybr) / 2, [(xtl, ytl), (xbr, ytl), (xbr, ybr), (xtl, ybr)], angle)
        xtl, ytl = min(x for x, _ in corners), min(y for _, y in corners)
        xbr, ybr = max(x for x, _ in corners), max(y for _, y in corners)
        result.notes.append(msg.CVAT_ROTATED.format(where=where, angle=f"{angle:g}"))
    repaired, notes = repair_coords(tuple(nearest_pixel(v) for v in (xtl, ytl, xbr, ybr)), image.width, image.height)
    result.notes.extend(msg.REPAIRED.format(where=where, repair=note) for note in notes)
    if repaired is None:
        return
    flags = {flag: flag_set(attribute.text or "")
             for attribute in shape.iterfind("attribute") for flag in BOX_FLAGS if attribute.get("name") == flag}
    image.boxes.append(Box(cls, *repaired, source="import", **flags))


def _mask_region(path: Path, shape: etree._Element, where: str, image: CvatImage) -> Region:
    left, top, width, height = (nearest_pixel(_number(path, shape, where, name))
                                for name in ("left", "top", "width", "height"))
    if left < 0 or top < 0 or width < 1 or height < 1 or left + width > image.width or top + height > image.height:
        raise FormatError(path, msg.CVAT_MASK_OUTSIDE.format(where=where, box=(left, top, width, height),
                                                             width=image.width, height=image.height))
    try:  # checked against the box before decoding, so a wrong size allocates nothing large
        counts = [int(text) for text in shape.get("rle", "").split(",")]
        region = rle_decode({"size": [width, height], "counts": counts}).T
    except ValueError as exc:
        raise FormatError(path, msg.RLE_UNREADABLE.format(where=where, error=exc)) from exc
    return Region(region, top, left)


def _polygon_points(path: Path, shape: etree._Element, where: str) -> list[tuple[float, float]]:
    try:
        pairs = [pair.split(",") for pair in shape.get("points", "").split(";") if pair.strip()]
        points = [(float(x), float(y)) for x, y in pairs]
    except ValueError:
        raise FormatError(path, msg.CVAT_POINTS.format(where=where)) from None
    return points


def _ellipse_points(path: Path, shape: etree._Element, where: str) -> list[tuple[float, float]]:
    cx, cy, rx, ry = (_number(path, shape, where, name) for name in ("cx", "cy", "rx", "ry"))
    angle = _number(path, shape, where, "rotation") if shape.get("rotation") else 0.0
    steps = [2 * math.pi * k / _ELLIPSE_VERTICES for k in range(_ELLIPSE_VERTICES)]
    return _rotated(cx, cy, [(cx + rx * math.cos(t), cy + ry * math.sin(t)) for t in steps], angle)


def _rotated(cx: float, cy: float, points: list[tuple[float, float]], degrees: float) -> list[tuple[float, float]]:
    """``points`` turned ``degrees`` clockwise on screen (CVAT's sense) about (cx, cy)."""
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return [(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos) for x, y in points]


def _paint(image: CvatImage, cls: LesionClass, region: Region) -> None:
    if image.mask is None:
        image.mask = np.zeros((image.height, image.width), np.uint8)
    region.or_into(image.mask, cls.bit)  # inside the image: checked (a mask) or clipped (a polygon)


def _number(path: Path, shape: etree._Element, where: str, name: str) -> float:
    text = shape.get(name)
    if text is None or not text.strip():
        raise FormatError(path, msg.CVAT_ATTRIBUTE_MISSING.format(where=where, name=name))
    # where/name: messages.CVAT_FIELD
    return finite_number(path, text.strip(), msg.NOT_A_NUMBER, msg.NOT_FINITE, where=f"{where}/{name}")
