"""Pascal VOC XML as labelImg writes and reads it.

A VOC file is untrusted input (annotations.formats.untrusted_xml: no entities, no DTD, no DOCTYPE).

Coordinates are pixel positions in the source image. Real files use the full range 0..width / 0..height (the
CODRAS set has ymax == height), so reading clamps to that range rather than to width - 1.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from lxml import etree

from annotations.atomic import atomic_write_bytes
from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.formats.box_flags import flag_set
from annotations.formats.label_map import resolve_label
from annotations.formats.numbers import finite_number
from annotations.formats.untrusted_xml import parse_untrusted_xml
from annotations.raster import nearest_pixel

MAX_VOC_BYTES = 16 * 2**20  # a labelImg file with thousands of boxes is well under 1 MB


@dataclass
class VocAnnotation:
    """One VOC file. ``unknown_labels`` lists names the label map did not know (their boxes were skipped);
    ``notes`` lists repairs made while reading (swapped or out-of-image coordinates)."""

    filename: str
    width: int
    height: int
    depth: int = 3
    folder: str = ""
    path: str = ""  # written only when not empty (labelImg writes it; converted sets often do not)
    database: str = ""  # <source><database>, written only when not empty
    segmented: int = 0
    boxes: list[Box] = field(default_factory=list)
    unknown_labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_voc(path: str | os.PathLike, label_map: dict[str, LesionClass] | None = None) -> VocAnnotation:
    """Read a VOC file; names go through ``label_map`` first, then our own names (MA, HE, EX, SE, OD)."""
    path = Path(path)
    root = _parse_safely(path)
    size = root.find("size")
    width = _int_field(path, size, "width", "size")
    height = _int_field(path, size, "height", "size")
    if width <= 0 or height <= 0:
        raise FormatError(path, msg.VOC_SIZE.format(width=width, height=height))
    depth_text = _text(size, "depth")
    annotation = VocAnnotation(
        filename=_text(root, "filename"),
        width=width,
        height=height,
        depth=_number(path, depth_text, "size/depth") if depth_text else 3,
        folder=_text(root, "folder"),
        path=_text(root, "path"),
        database=_text(root.find("source"), "database"),
        segmented=_number(path, _text(root, "segmented") or "0", "segmented"),
    )
    for index, obj in enumerate(root.iterfind("object"), start=1):
        _read_object(path, obj, index, label_map, annotation)
    return annotation


def write_voc(path: str | os.PathLike, annotation: VocAnnotation,
              names: dict[LesionClass, str] | None = None) -> None:
    """Write labelImg-style XML atomically; ``names`` (see label_map.names_for_export) picks the label text."""
    atomic_write_bytes(path, voc_bytes(annotation, names))


def voc_bytes(annotation: VocAnnotation, names: dict[LesionClass, str] | None = None) -> bytes:
    root = etree.Element("annotation")
    _sub(root, "folder", annotation.folder)
    _sub(root, "filename", annotation.filename)
    if annotation.path:
        _sub(root, "path", annotation.path)
    if annotation.database:
        _sub(etree.SubElement(root, "source"), "database", annotation.database)
    size = etree.SubElement(root, "size")
    _sub(size, "width", str(annotation.width))
    _sub(size, "height", str(annotation.height))
    _sub(size, "depth", str(annotation.depth))
    _sub(root, "segmented", str(annotation.segmented))
    for box in annotation.boxes:
        obj = etree.SubElement(root, "object")
        _sub(obj, "name", names.get(box.label, box.label.name) if names else box.label.name)
        _sub(obj, "pose", box.pose)
        _sub(obj, "truncated", "1" if box.truncated else "0")
        _sub(obj, "difficult", "1" if box.difficult else "0")
        bndbox = etree.SubElement(obj, "bndbox")
        for tag, value in zip(("xmin", "ymin", "xmax", "ymax"), box.coords()):
            _sub(bndbox, tag, str(int(value)))
    # labelImg indents with tabs and writes no XML declaration.
    etree.indent(root, space="\t")
    return etree.tostring(root, encoding="utf-8") + b"\n"


def annotation_from_case(doc: CaseDocument, image_file: Path, depth: int = 3) -> VocAnnotation:
    """The VOC view of a case's boxes; ``segmented`` is 1 when the case has painted masks.

    ``image_file`` is the image relative to where the XML will be read (a workspace-relative path for an
    export); an absolute path is cut to its file name, so no file carries where the workspace lives on disk.
    """
    image_file = PurePosixPath(str(image_file).replace("\\", "/"))
    relative = image_file if not image_file.is_absolute() else PurePosixPath(image_file.name)
    return VocAnnotation(
        filename=image_file.name,
        width=doc.width,
        height=doc.height,
        depth=depth,
        folder=image_file.parent.name,
        path=str(relative),
        database="Unknown",
        segmented=1 if doc.mask.any() else 0,
        boxes=[replace(box) for box in doc.boxes],
    )


def repair_coords(coords: tuple[int, int, int, int], width: int, height: int
                  ) -> tuple[tuple[int, int, int, int] | None, list[str]]:
    """Reorder swapped corners and clamp to 0..width / 0..height; None when the box lies wholly outside."""
    xmin, ymin, xmax, ymax = coords
    notes = []
    if xmin > xmax:
        xmin, xmax = xmax, xmin
        notes.append(msg.X_SWAPPED)
    if ymin > ymax:
        ymin, ymax = ymax, ymin
        notes.append(msg.Y_SWAPPED)
    if xmax < 0 or ymax < 0 or xmin > width or ymin > height:
        return None, notes + [msg.OUTSIDE_IMAGE.format(width=width, height=height)]
    clamped = (min(max(xmin, 0), width), min(max(ymin, 0), height),
               min(max(xmax, 0), width), min(max(ymax, 0), height))
    if clamped != (xmin, ymin, xmax, ymax):
        notes.append(msg.CLAMPED.format(box=(xmin, ymin, xmax, ymax), width=width, height=height))
    return clamped, notes


def _parse_safely(path: Path) -> etree._Element:
    root = parse_untrusted_xml(path, MAX_VOC_BYTES, "a VOC annotation", msg.NOT_XML, msg.DOCTYPE)
    if root.tag != "annotation":
        raise FormatError(path, msg.NOT_VOC.format(tag=root.tag))
    return root


def _read_object(path: Path, obj: etree._Element, index: int, label_map: dict[str, LesionClass] | None,
                 annotation: VocAnnotation) -> None:
    name = _text(obj, "name")
    cls = resolve_label(name, label_map)
    if cls is None:
        if name not in annotation.unknown_labels:
            annotation.unknown_labels.append(name)
        return
    bndbox = obj.find("bndbox")
    where = msg.VOC_OBJECT.format(index=index, name=name)
    if bndbox is None:
        raise FormatError(path, msg.NO_BNDBOX.format(where=where))
    coords = tuple(_int_field(path, bndbox, tag, where) for tag in ("xmin", "ymin", "xmax", "ymax"))
    repaired, notes = repair_coords(coords, annotation.width, annotation.height)
    annotation.notes.extend(msg.REPAIRED.format(where=where, repair=note) for note in notes)
    if repaired is None:
        return
    annotation.boxes.append(Box(
        cls, *repaired,
        difficult=flag_set(_text(obj, "difficult")),
        truncated=flag_set(_text(obj, "truncated")),
        pose=_text(obj, "pose") or "Unspecified",
        source="import",
    ))


def _text(parent: etree._Element | None, tag: str) -> str:
    if parent is None:
        return ""
    child = parent.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _int_field(path: Path, parent: etree._Element | None, tag: str, where: str) -> int:
    text = _text(parent, tag)
    if not text:
        raise FormatError(path, msg.TAG_MISSING.format(where=where, tag=tag))
    return _number(path, text, f"{where}/{tag}")  # an object's: messages.VOC_FIELD


def _number(path: Path, text: str, where: str) -> int:
    """labelImg sometimes writes "12.0"; round such values to the nearest pixel."""
    return nearest_pixel(finite_number(path, text, msg.NOT_A_NUMBER, msg.NOT_FINITE, where=where))


def _sub(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, tag).text = text
