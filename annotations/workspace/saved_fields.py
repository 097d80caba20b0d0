"""The index columns a case's saved file (its case.json) fills: what the case list shows, sorts and filters by."""
from __future__ import annotations

import json
from typing import Any, Mapping, Sequence

from annotations.classes import LesionClass
from annotations.document import ReviewState
from annotations.graded_fields import listed_ai_oct_class, listed_oct_class
from annotations.report_kind import modality_kind
from annotations.workspace.case_values import AI, CASE, PATIENT, READER_GRADE, Check, DamagedValue, field_of
from annotations.workspace.codec import modality_from_json, saved_grade


# The index columns summary_fields fills, bar the image path.
SAVED_FIELDS = ("review_state", "ai_grade", "reader_grade", "revision", "patient_id", "patient_name",
                "patient_ideographic_name", "eye", "reader_lesions", "analysed", "reader_oct_class", "ai_oct_class",
                "reader_ungradable", "ai_ungradable")


def summary_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The index columns that come from a case.json; a value of another kind than its field holds (case_values: a
    hand edit, a half-synced file) is listed as absent, so the case is still listed, and opening it names the file.
    The image path only where the file holds one."""
    ai, patient, grade = _object(data, "ai"), _object(data, "patient"), _object(data, "grade")
    quality = _object(ai, "quality")
    image_path = _value(data, "image_path", CASE)
    lesions = _value(data, "reader_lesions", CASE) or []
    return {**({"image_path": image_path} if image_path else {}),
            "review_state": _value(data, "review_state", CASE, ReviewState.TODO.value),
            "ai_grade": _value(ai, "dr_grade", AI), "reader_grade": _value(grade, "dr_grade", READER_GRADE),
            # a damaged revision: its file is there, so it was saved (an export tries it and says it is damaged)
            "revision": _value(data, "revision", CASE, 0, damaged=1),
            "patient_id": _value(patient, "patient_id", PATIENT) or "",
            "patient_name": _value(patient, "name", PATIENT) or "",
            "patient_ideographic_name": _value(patient, "ideographic_name", PATIENT) or "",
            "eye": _value(patient, "eye", PATIENT) or "",
            "reader_lesions": ",".join(name for name in lesions if name in LesionClass.__members__),
            "analysed": int(data.get("ai") is not None),  # an OCT scan's result has no DR grade
            "reader_oct_class": _listed_oct_class(data), "ai_oct_class": _listed_ai_oct_class(data),
            "reader_ungradable": int(grade.get("ungradable") is True),
            # as grading.image_gradable: only a quality check that said not
            "ai_ungradable": int(quality.get("gradable", True) is False)}


def _value(data: Mapping[str, Any], key: str, fields: Mapping[str, Check], absent: Any = None,
           damaged: Any = None) -> Any:
    """``data[key]`` checked as case_values.field_of; ``absent`` where it is not there, ``damaged`` (or ``absent``)
    where it is of another kind."""
    try:
        return field_of(data, key, fields, absent)
    except DamagedValue:
        return absent if damaged is None else damaged


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    """``data[key]``, an object in a case file; {} where it is none (damaged: a list, a number)."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _listed_oct_class(data: dict[str, Any]) -> str | None:
    """graded_fields.listed_oct_class of a case file; None for a grade or modality this version cannot read (a later
    version's, or damaged): the case is still listed, and opening it says what is wrong."""
    try:
        return listed_oct_class(saved_grade(data))
    except (TypeError, ValueError):
        return None


def _listed_ai_oct_class(data: dict[str, Any]) -> str | None:
    """graded_fields.listed_ai_oct_class of a case file; None for a modality or OCT probabilities this version cannot
    read (as _listed_oct_class)."""
    try:
        return listed_ai_oct_class((data.get("ai") or {}).get("oct_probs"), modality_kind(modality_from_json(data)))
    except (TypeError, ValueError, AttributeError):
        return None


def missing_column(texts: Sequence[str]) -> str | None:
    """What each missing file of a case says (sidecar.CaseFiles.missing_texts) as the index's ``missing_files`` holds
    it: a JSON list (a path may hold a line break); None for none. Not from the case.json alone: the scan fills it."""
    return json.dumps(list(texts), ensure_ascii=False) if texts else None


def missing_files(row: Mapping[str, Any]) -> tuple[str, ...]:
    """An index row's ``missing_files`` (missing_column), one message each."""
    return tuple(json.loads(row.get("missing_files") or "[]"))
