"""The AI's lesion findings for one fundus photo, typed, so a renamed field is one change the type checker follows.

``to_json``/``from_json`` keep the keys (and their order) that earlier versions wrote into case files and into
`retina-review analyze`'s STEM.json, so old files read and new files look the same. Each record reads and writes its
fields by name: a new field with a default is one line here, and files written before it still read.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from annotations.classes import LESION_CLASSES

# How ``lesion_source`` and ``lesion_sources`` name the classical detector: data, so English; shown in words by
# widgets/clinical_terms.lesion_source_name. A model is named by its card's name.
CLASSICAL_SOURCE = "classical-detector"
GATED_SOURCE = CLASSICAL_SOURCE + " gated by {model}"  # its candidates, kept where a lesion-region model agrees
_GATED_PREFIX = GATED_SOURCE.removesuffix("{model}")


def gating_model(source: str) -> str | None:
    """The lesion-region model a GATED_SOURCE names; None for any other source."""
    return source.removeprefix(_GATED_PREFIX) if source.startswith(_GATED_PREFIX) else None


# How the findings found their scale (``Findings.scale_source``, {mm} a diameter): data, so English; shown in words
# by widgets/clinical_terms.scale_source_name.
DISC_SCALE_SOURCE = "optic disc diameter taken as {mm} mm"
FIELD_SCALE_SOURCE = "field-of-view diameter taken as {mm} mm (45-degree photo)"
_SCALE_PATTERNS = {template: re.compile(re.escape(template).replace(re.escape("{mm}"), "(?P<mm>[0-9.]+)"))
                   for template in (DISC_SCALE_SOURCE, FIELD_SCALE_SOURCE)}


def scale_template(source: str) -> tuple[str, str] | None:
    """The template a ``Findings.scale_source`` was written from (DISC_SCALE_SOURCE or FIELD_SCALE_SOURCE) and the
    diameter it took, in mm; None for any other text (a caller's own)."""
    for template, pattern in _SCALE_PATTERNS.items():
        if found := pattern.fullmatch(source):
            return template, found["mm"]
    return None


# a candidates model whose probability is averaged with a lesion model's, the mean being what is cut (card blend_with)
BLENDED_SOURCE = "{model} averaged with {partner}"
_BLENDED_WORDS = BLENDED_SOURCE.removeprefix("{model}").removesuffix("{partner}")


def blended_models(source: str) -> tuple[str, str] | None:
    """The candidates model and the lesion model a BLENDED_SOURCE names, in that order; None for any other source."""
    model, words, partner = source.partition(_BLENDED_WORDS)
    return (model, partner) if words and model and partner else None


class _Record:
    """JSON by field name. ``_NESTED`` names fields holding another record; ``_OPTIONAL`` fields are left out of
    the JSON while None (earlier versions wrote those keys only when a model or rule set them)."""

    _NESTED: ClassVar[dict[str, type[_Record]]] = {}
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if value is None and item.name in self._OPTIONAL:
                continue
            out[item.name] = value.to_json() if isinstance(value, _Record) else copy.deepcopy(value)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Any:
        """The record of ``data``; a value not of its field's kind (a case file edited by hand or by another tool:
        a count "many", a disc centre "x") is read as absent, the field's default, as a damaged case value is
        (annotations.workspace.case_values): the window, a report and an export then show what is there."""
        values = {}
        for item in fields(cls):  # type: ignore[arg-type]
            if item.name in data:
                raw, nested = data[item.name], cls._NESTED.get(item.name)
                if nested is not None and isinstance(raw, dict):
                    values[item.name] = nested.from_json(raw)
                elif nested is None and _fits(raw, str(item.type)):
                    values[item.name] = raw
        return cls(**values)


_KINDS = {"int": lambda value: isinstance(value, int) or isinstance(value, float) and value.is_integer(),
          "float": lambda value: isinstance(value, (int, float)), "str": lambda value: isinstance(value, str),
          "bool": lambda value: isinstance(value, bool), "None": lambda value: value is None,
          "Any": lambda value: True}


def _fits(value: Any, annotation: str) -> bool:
    """Whether a JSON ``value`` is of the kind a record field's ``annotation`` names ("int", "float | None",
    "dict[str, int]", "list[float] | None"); a bool is no number."""
    for option in (part.strip() for part in annotation.split("|")):
        kind, _, inner = option.removesuffix("]").partition("[")
        if kind == "dict" and isinstance(value, dict):
            keys, _, values = inner.partition(",")
            if all(_fits(key, keys) and _fits(item, values) for key, item in value.items()):
                return True
        elif kind == "list" and isinstance(value, list):
            if all(_fits(item, inner) for item in value):
                return True
        elif kind in _KINDS and not (isinstance(value, bool) and kind in ("int", "float")) and _KINDS[kind](value):
            return True
    return False


@dataclass
class ClassFindings(_Record):
    """One lesion class: connected components, their area, and how many lie in each quadrant (ST, SN, IT, IN)."""

    count: int = 0
    area_px: int = 0
    area_mm2: float | None = None  # None without a scale
    quadrants: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClassFindings:
        quadrants = data.get("quadrants")
        if isinstance(quadrants, list) and all(isinstance(name, str) for name in quadrants):
            data = {**data, "quadrants": {name: 1 for name in quadrants}}  # quadrant names: one lesion in each
        return super().from_json(data)


@dataclass
class OpticDisc(_Record):
    found: bool = False
    center: list[float] | None = None  # x, y in image pixels
    radius: float | None = None
    area_px: int = 0  # pixels of the disc on the mask


@dataclass
class Orientation(_Record):
    """How the quadrants were laid out: the fovea used, the eye that implies, and the assumptions in words."""

    fovea: list[float] = field(default_factory=list)  # x, y in image pixels
    eye: str = "unknown"  # "right (OD)", "left (OS)" or "unknown"
    note: str = ""


@dataclass
class FieldOfViewFindings(_Record):
    found: bool = False
    cx: float = 0.0
    cy: float = 0.0
    radius: float = 0.0


@dataclass
class Findings(_Record):
    """Per-class lesion figures, the disc, the scale, the ICDR reading, and which source and rule decided what."""

    classes: dict[str, ClassFindings] = field(default_factory=dict)  # by LesionClass name; JSON: top-level keys
    optic_disc: OpticDisc | None = None
    mm_per_px: float | None = None
    scale_source: str = ""
    orientation: Orientation | None = None
    icdr_grade: int | None = None
    summary: str = ""  # the ICDR reading in a sentence
    lesion_source: str = ""  # the lesion model's name, or CLASSICAL_SOURCE
    lesion_sources: dict[str, str] | None = None  # class name -> the model or detector that drew it
    field_of_view: FieldOfViewFindings | None = None
    grade_confidence: float | None = None  # the grade model's top probability
    grade_rule: str | None = None  # the ICDR sentence when no grade model ran
    lesions_present_probability: float | None = None  # the "DR signs present" classifier's
    lesions_present_signs: bool | None = None
    referable_source: str | None = None  # the rule or model that decided "referable"
    extra: dict[str, Any] = field(default_factory=dict)  # keys this version does not know, kept as read

    _NESTED: ClassVar[dict[str, type[_Record]]] = {
        "optic_disc": OpticDisc, "orientation": Orientation, "field_of_view": FieldOfViewFindings}
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset({
        "lesion_sources", "grade_confidence", "grade_rule", "lesions_present_probability",
        "lesions_present_signs", "referable_source"})

    def of(self, name: str) -> ClassFindings:
        """One class's figures; a class without an entry has none."""
        return self.classes.get(name) or ClassFindings()

    def to_json(self) -> dict[str, Any]:
        plain = super().to_json()
        del plain["classes"]
        extra = plain.pop("extra")
        return {**{name: entry.to_json() for name, entry in self.classes.items()}, **plain, **extra}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Findings:
        known = {item.name for item in fields(cls)} - {"classes", "extra"}
        found = super().from_json({key: value for key, value in data.items() if key in known})
        found.classes = _class_entries(data)
        class_keys = {"classes"} | {key for cls_ in LESION_CLASSES for key in _class_keys(cls_)}
        found.extra = {key: value for key, value in data.items() if key not in known and key not in class_keys}
        return found


def findings_to_json(findings: Findings | None) -> dict[str, Any]:
    """An image without findings (an OCT scan, say) stores an empty object, as earlier versions did."""
    return findings.to_json() if findings is not None else {}


def findings_from_json(data: dict[str, Any] | None) -> Findings | None:
    return Findings.from_json(data) if data else None


def _class_keys(cls: Any) -> tuple[Any, ...]:
    return cls.name, cls.name.lower(), cls.value, str(cls.value), cls.long_name


def _class_entries(data: dict[str, Any]) -> dict[str, ClassFindings]:
    """Each class's entry whatever the key style ("MA", "ma", 1, "1", the long name, nested under "classes")."""
    source = data.get("classes", data)
    entries: dict[str, ClassFindings] = {}
    if not isinstance(source, dict):
        return entries
    for cls in LESION_CLASSES:
        entry = next((source[key] for key in _class_keys(cls) if isinstance(source.get(key), dict)), None)
        if entry is not None:
            entries[cls.name] = ClassFindings.from_json(entry)
    return entries
