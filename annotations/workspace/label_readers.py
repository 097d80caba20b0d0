"""Where `import` finds an image's labels: one file per image (VOC, YOLO, labelme, indexed PNG) or one file for all
(COCO JSON, CVAT XML).

A reader finds label entries by exact image path (``exact``) or by stem (``with_stem``; label_matching decides which
entry goes to which image) and reads one (``read``) into an object with ``width``, ``height``,
``boxes``, ``unknown_labels``, ``notes`` and, where the format has them, ``mask`` (bit per class) and ``skipped``
(shape kinds left behind), so the import merges every format into a case the same way.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol

import numpy as np

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats import FormatError, coco, cvat, labelme, masks, voc, yolo
from annotations.formats import messages as format_messages
from annotations.wording import NAMES_SHOWN, join_names
from annotations.workspace import transfer_messages as warning
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.label_names import beside_image, own_stem
from annotations.store_folder import SIDECAR_NAME

PER_IMAGE_EXTENSIONS: dict[str, str] = {"voc": ".xml", "yolo": ".txt", "labelme": ".json", "indexed": ".png"}
COCO_DEFAULT_NAME = "annotations.json"  # what `export --format coco` writes
SINGLE_FILE_FORMATS = ("coco", "cvat")  # read from the folder's one label file, or from that file given itself


class LabelReader(Protocol):
    unknown_labels: list[str]  # label names met outside any single image's file (COCO categories)
    notes: list[str]  # repairs reported for the source as a whole
    not_label_images: set[Path]  # images among the label files that are none (photos), skipped

    def exact(self, image_paths: Iterable[str]) -> Any | None: ...

    def with_stem(self, stem: str) -> list[Any]: ...

    def label_name(self, key: Any) -> str: ...

    def read(self, key: Any, width: int, height: int) -> Any: ...

    def unmatched_warning(self, used: set) -> str | None: ...

    def keys(self) -> set: ...


def open_label_reader(fmt: str, source: Path, label_map: dict[str, LesionClass] | None) -> LabelReader:
    """The reader for ``fmt`` over ``source`` (a folder; for COCO and CVAT also the label file itself)."""
    if fmt == "coco":
        return CocoReader(source, label_map)
    if fmt == "cvat":
        return CvatReader(source, label_map)
    return PerImageReader(fmt, source, label_map)


class PerImageReader:
    """NAME.xml / NAME.txt / NAME.json / NAME.png beside each other in a folder tree, found by the image's relative
    path, or by a stem (flattened export name, or the image's own) that only one file has. Indexed PNGs that are no
    label images by their header (a colour photo: --from the photos' folder) are set aside before matching, so a
    photo is never its own labels and does not hide a label file of its stem."""

    def __init__(self, fmt: str, folder: Path, label_map: dict[str, LesionClass] | None) -> None:
        self.fmt, self.folder, self.label_map = fmt, folder, label_map
        self.extension = PER_IMAGE_EXTENSIONS[fmt]
        self.unknown_labels: list[str] = []
        self.notes: list[str] = []
        self.not_label_images: set[Path] = set()
        self.class_names: list[str] = []
        skip: set[str] = set()  # the names of files with the extension that are no image's labels
        if fmt == "yolo":
            classes = yolo.class_list(folder)
            if not classes.is_file():
                raise FormatError(classes, format_messages.YOLO_NO_CLASSES)
            self.class_names = yolo.read_classes(classes)
            skip = yolo.not_labels(classes)
        self._confined = ConfinedFolder(folder)  # labels are read from --from only, never through a link out of it
        # YOLO's class list at the top is no image's labels, not even those of a photo named classes.jpg
        self._class_list = folder / yolo.CLASSES_FILE if fmt == "yolo" else None
        self._files = _files_by_stem(folder, self.extension, skip=skip)
        if fmt == "indexed":
            self._set_aside_photos()

    def _set_aside_photos(self) -> None:
        for stem, paths in list(self._files.items()):
            kept = [path for path in paths if masks.has_indexed_mode(path)]
            self.not_label_images.update(path for path in paths if path not in kept)
            if kept:
                self._files[stem] = kept
            else:
                del self._files[stem]

    def exact(self, image_paths: Iterable[str]) -> Path | None:
        for image_path in image_paths:
            relative = self.folder / beside_image(image_path, self.extension)
            if relative.is_file() and relative not in self.not_label_images and relative != self._class_list \
                    and self._confined.contains(relative):
                return relative
        return None

    def with_stem(self, stem: str) -> list[Path]:
        return [path for path in self._files.get(stem, []) if self._confined.contains(path)]

    def label_name(self, key: Path) -> str:
        return name_under(key, self.folder)

    def read(self, key: Path, width: int, height: int) -> Any:
        if self.fmt == "voc":
            return voc.read_voc(key, self.label_map)
        if self.fmt == "yolo":
            return yolo.read_yolo(key, self.class_names, width, height, self.label_map)
        if self.fmt == "indexed":
            mask = masks.read_indexed_png(key)  # NotALabelImage: values that are no class number, a grey photo
            return ImageLabels(mask.shape[1], mask.shape[0], [], mask if mask.any() else None)
        return labelme.read_labelme(key, self.label_map, (width, height))

    def keys(self) -> set[Path]:
        """Every label file found (unmatched_warning names those no case used)."""
        return {p for paths in self._files.values() for p in paths}

    def unmatched_warning(self, used: set) -> str | None:
        unused = sorted(self.keys() - used)
        return warning.FILES_UNMATCHED.format(count=len(unused), example=self.label_name(unused[0])) if unused else None


def name_under(path: Path, folder: Path) -> str:
    """How an import's warnings name a file: by its name under the import folder, else (outside it) in full."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


@dataclass
class ImageLabels:
    """One image's labels from a format that holds a mask (COCO, CVAT, indexed PNG)."""

    width: int
    height: int
    boxes: list[Box]
    mask: np.ndarray | None
    unknown_labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # shape kind -> count (CVAT's points, polylines, ...)


class SingleFileReader:
    """One label file for all images; an image is found by its name in the file as a relative path, or by the
    name's stem. Subclasses read the file and say how to ``read`` one image's labels."""

    def __init__(self, path: Path, names: Iterable[str], unknown_labels: list[str], notes: list[str]) -> None:
        self.path = path
        self.unknown_labels = list(unknown_labels)
        self.not_label_images: set[Path] = set()  # a label file holds no images
        self.notes = [warning.FILE_NOTE.format(file=path, note=note) for note in notes]
        self._names = set(names)
        self._by_stem: dict[str, list[str]] = {}
        for name in names:
            self._by_stem.setdefault(own_stem(name), []).append(name)

    def exact(self, image_paths: Iterable[str]) -> str | None:
        return next((path for path in image_paths if path in self._names), None)

    def with_stem(self, stem: str) -> list[str]:
        return self._by_stem.get(stem, [])

    def label_name(self, key: str) -> str:
        return f"{self.path} ({key})"

    def keys(self) -> set[str]:
        """Every image name the file holds labels for."""
        return set(self._names)

    def unmatched_warning(self, used: set) -> str | None:
        unused = sorted(self._names - used)
        return warning.IMAGES_UNMATCHED.format(count=len(unused), file=self.path, example=unused[0]) if unused else None


class CocoReader(SingleFileReader):
    """A COCO file: given, or the folder's annotations.json, or its only .json."""

    def __init__(self, source: Path, label_map: dict[str, LesionClass] | None) -> None:
        path = _label_file(source, COCO_DEFAULT_NAME, ".json", format_messages.COCO_JSON_FILES)
        self._entries = coco.import_coco(path, label_map)
        super().__init__(path, self._entries, self._entries.unknown_labels, self._entries.notes)

    def read(self, key: str, width: int, height: int) -> ImageLabels:
        boxes, mask = self._entries[key]
        image_width, image_height = self._entries.sizes[key]
        return ImageLabels(image_width, image_height, boxes, mask)


class CvatReader(SingleFileReader):
    """A CVAT for images 1.1 file: given, or the folder's annotations.xml, or its only .xml."""

    def __init__(self, source: Path, label_map: dict[str, LesionClass] | None) -> None:
        path = _label_file(source, cvat.DEFAULT_NAME, ".xml", format_messages.CVAT_XML_FILES)
        self._entries = cvat.import_cvat(path, label_map)
        super().__init__(path, self._entries, self._entries.unknown_labels, self._entries.notes)

    def read(self, key: str, width: int, height: int) -> ImageLabels:
        image = self._entries[key]
        return ImageLabels(image.width, image.height, image.boxes, image.mask, skipped=image.skipped)

    def subsets_warning(self, used: set, unlabelled: set[str]) -> str | None:
        """Beside ``unmatched_warning``: the cases among ``unlabelled`` (image paths) that photos of a project's
        subsets are named for, told apart by their subset only (a flat folder of photos), and what to import. A case
        is named for by its photo's stem, as the matcher pairs them (label_matching): in a subfolder too."""
        by_stem: dict[str, set[str]] = {}
        for image_path in unlabelled:
            by_stem.setdefault(own_stem(image_path), set()).add(image_path)
        unused = sorted(key for key, listed in self._entries.in_subsets.items()
                        if key not in used and own_stem(listed) in by_stem)
        if not unused:
            return None
        photos = sorted(set().union(*(by_stem[own_stem(self._entries.in_subsets[key])] for key in unused)))
        return warning.SUBSETS_OF_ONE_NAME.format(photos=join_names(photos, NAMES_SHOWN), file=self.path,
                                                  files=join_names(unused, NAMES_SHOWN))


def _label_file(source: Path, default: str, suffix: str, too_many: str) -> Path:
    """``source`` itself when it is a file, else its ``default`` file, else its only ``*suffix`` file."""
    if source.is_file():
        return source
    if (source / default).is_file():
        return source / default
    candidates = sorted(source.glob(f"*{suffix}"))
    if len(candidates) != 1:
        raise FormatError(source, too_many.format(count=len(candidates), default=default))
    return candidates[0]


def _files_by_stem(folder: Path, extension: str, skip: set[str]) -> dict[str, list[Path]]:
    """The label files under ``folder``, but none of a workspace's own files (its sidecar folder)."""
    found: dict[str, list[Path]] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if name != SIDECAR_NAME]
        for name in files:
            if name.lower().endswith(extension) and name not in skip:
                found.setdefault(Path(name).stem, []).append(Path(root) / name)
    return found

