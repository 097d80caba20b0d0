"""The kinds of value a case file (case.json) holds, field by field: one rule, which the loader asks (a value of
another kind makes the file damaged: DamagedCaseFile naming it) and the case index asks (saved_fields: such a value is
listed as absent, so one hand-edited or half-synced file never stops its folder from opening).

A field checked here is one this version reads; a field it does not know is left to the reader that takes it.
"""
from __future__ import annotations

import reprlib
from typing import Any, Callable, Mapping

from annotations.document import ReviewState
from annotations.image_types import MAX_PIXELS
from annotations.workspace import messages as msg

_INDEX_INT = (1 << 63) - 1  # the largest whole number the index (SQLite) stores
_COORDINATE = (1 << 31) - 1  # a box corner beyond any image the program opens (MAX_PIXELS): none that Qt draws
_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother = 2, 40, 40  # deep or long junk is named, never spelt out

Check = Callable[[Any, str], Any]


class DamagedValue(ValueError):
    """A case file's value of another kind than its field holds: ``what`` names the field, the text its value."""


def damaged(what: str, value: Any) -> DamagedValue:
    return DamagedValue(msg.FIELD_VALUE.format(field=what, value=_SHOWN.repr(value)))


def of_kind(*kinds: type) -> Check:
    """A check that the value is one of ``kinds`` (``type(None)``: may be null); true and false are no numbers."""
    def check(value: Any, what: str) -> Any:
        if not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds:
            raise damaged(what, value)
        return value
    return check


def whole(low: int, high: int, optional: bool = False) -> Check:
    """A check that the value is a whole number from ``low`` to ``high`` (or null, where ``optional``)."""
    kind = of_kind(int, type(None)) if optional else of_kind(int)

    def check(value: Any, what: str) -> Any:
        if kind(value, what) is not None and not low <= value <= high:
            raise damaged(what, value)
        return value
    return check


def listing(item: Check, optional: bool = False) -> Check:
    """A check that the value is a list (or null, where ``optional``) of values ``item`` accepts."""
    kind = of_kind(list, type(None)) if optional else of_kind(list)

    def check(value: Any, what: str) -> Any:
        for number, entry in enumerate(kind(value, what) or []):
            item(entry, f"{what}[{number}]")
        return value
    return check


def review_state(value: Any, what: str) -> str:
    if not isinstance(value, str) or value not in {state.value for state in ReviewState}:
        raise damaged(what, value)
    return value


TEXT, OPTIONAL_TEXT = of_kind(str), of_kind(str, type(None))
FLAG, OPTIONAL_FLAG = of_kind(bool), of_kind(bool, type(None))
NUMBER, OPTIONAL_NUMBER = of_kind(int, float), of_kind(int, float, type(None))
OBJECT, OPTIONAL_OBJECT = of_kind(dict), of_kind(dict, type(None))
DR_GRADE = whole(0, 4, optional=True)  # ICDR 0-4

CASE = {"image_path": TEXT, "width": whole(1, MAX_PIXELS), "height": whole(1, MAX_PIXELS), "modality": TEXT,
        "review_state": review_state, "grade": OPTIONAL_OBJECT, "findings_text": TEXT, "patient": OPTIONAL_OBJECT,
        "boxes": listing(OBJECT), "rejected_candidates": listing(OBJECT), "dismissed_imports": listing(of_kind(list)),
        "ai": OPTIONAL_OBJECT, "revision": whole(0, _INDEX_INT), "reader_lesions": listing(TEXT, optional=True),
        "files": OPTIONAL_OBJECT}
READER_GRADE = {"dr_grade": DR_GRADE, "dme_risk": whole(0, 2, optional=True), "referable": OPTIONAL_FLAG,
                "oct_class": OPTIONAL_TEXT, "ungradable": FLAG}
PATIENT = {"patient_id": TEXT, "name": TEXT, "age": whole(0, 1000, optional=True), "birth_date": TEXT, "sex": TEXT,
           "eye": TEXT, "exam_date": TEXT, "ideographic_name": TEXT}
# a box's score is not checked: the loader reads one of any kind as a detection score or none (codec.box_from_json)
BOX = {**dict.fromkeys(("xmin", "ymin", "xmax", "ymax"), whole(-_COORDINATE, _COORDINATE)), "label": TEXT,
       "difficult": FLAG, "truncated": FLAG, "pose": TEXT, "source": TEXT, "uid": TEXT,
       "imported_as": of_kind(list, type(None))}
AI = {"models": listing(OBJECT), "dr_grade": DR_GRADE, "grade_probs": listing(NUMBER, optional=True),
      "grade_source": TEXT, "referable": OPTIONAL_FLAG, "referable_prob": OPTIONAL_NUMBER,
      "oct_probs": OPTIONAL_OBJECT, "modality": TEXT, "quality": OBJECT, "findings": OPTIONAL_OBJECT,
      "probability_thresholds": OBJECT, "mask_thresholds": OPTIONAL_OBJECT, "created_at": TEXT, "device": TEXT,
      "warnings": listing(TEXT)}


def checked(data: Mapping[str, Any], fields: Mapping[str, Check], what: str = "") -> Mapping[str, Any]:
    """``data`` (an object of a case file, named ``what``) where each of ``fields`` it holds is of its kind; else
    DamagedValue naming the first that is not."""
    if not isinstance(data, Mapping):
        raise damaged(what, data)
    for name, check in fields.items():
        if name in data:
            check(data[name], f"{what}.{name}" if what else name)
    return data


def image_shape(data: Mapping[str, Any]) -> tuple[int, int]:
    """The (height, width) a case file gives its image: whole numbers whose product is no more than MAX_PIXELS (a
    document's empty mask of a damaged size would take gigabytes); DamagedValue, or KeyError where one is missing."""
    height, width = CASE["height"](data["height"], "height"), CASE["width"](data["width"], "width")
    if height * width > MAX_PIXELS:
        raise damaged("width x height", f"{width} x {height}")
    return height, width


def field_of(data: Mapping[str, Any], name: str, fields: Mapping[str, Check], default: Any = None,
             what: str = "") -> Any:
    """``data[name]`` (``default`` where absent) checked against ``fields[name]``; DamagedValue where of another
    kind."""
    value = data.get(name, default)
    return value if name not in data else fields[name](value, f"{what}.{name}" if what else name)
