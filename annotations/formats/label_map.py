"""Mapping from the class names found in other people's files to our lesion classes.

Real VOC files name classes their own way (`hard_exudates`, `haemorrhage`, `optic_disc`); a label map such as
``"hard_exudates=EX,haemorrhage=HE,optic_disc=OD"`` says which is which. Names are matched case-insensitively.
"""
from __future__ import annotations

import re

from annotations.classes import LesionClass, class_from_name
from annotations import messages as msg

IDRID_CODRAS_LABEL_MAP = "hard_exudates=EX,haemorrhage=HE,optic_disc=OD"


def parse_label_map(text: str) -> dict[str, LesionClass]:
    """Parse ``name=CLASS`` pairs separated by commas, semicolons or new lines; raise ValueError with the culprit."""
    mapping: dict[str, LesionClass] = {}
    for item in re.split(r"[,;\n]", text):
        item = item.strip()
        if not item:
            continue
        name, sep, target = item.partition("=")
        if not sep or not name.strip() or not target.strip():
            raise ValueError(msg.LABEL_MAP_ENTRY.format(entry=repr(item)))
        cls = class_from_name(target)  # raises ValueError naming the accepted classes
        earlier = next((known for known in mapping if normalise_name(known) == normalise_name(name)), None)
        if earlier is not None and mapping[earlier] is not cls:
            raise ValueError(msg.LABEL_MAP_TWICE.format(name=repr(name.strip()), first=mapping[earlier].name,
                                                         second=cls.name))
        if earlier is None:  # spelt as given: an export writes it back so (CVAT matches names case by case)
            mapping[name.strip()] = cls
    return mapping


def format_label_map(mapping: dict[str, LesionClass]) -> str:
    """The inverse of parse_label_map, for settings and command lines."""
    return ",".join(f"{name}={cls.name}" for name, cls in mapping.items())


def normalise_name(name: str) -> str:
    return name.strip().lower()


def resolve_label(name: str, label_map: dict[str, LesionClass] | None) -> LesionClass | None:
    """The class for a file's label: the map first, then our own names (MA, HE, EX, SE, OD); None if unknown."""
    key = normalise_name(name)
    for map_name, cls in (label_map or {}).items():
        if normalise_name(map_name) == key:
            return cls
    if key.upper() in LesionClass.__members__:
        return LesionClass[key.upper()]
    return None


def names_for_export(label_map: dict[str, LesionClass] | None) -> dict[LesionClass, str]:
    """Class -> name to write, so files imported with a map can be written back with their original names.

    The first name mapped to a class wins; classes the map does not mention keep their own short name.
    """
    names = {cls: cls.name for cls in LesionClass}
    seen: set[LesionClass] = set()
    for name, cls in (label_map or {}).items():
        if cls not in seen:
            names[cls] = name.strip()
            seen.add(cls)
    return names
