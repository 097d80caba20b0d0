"""The index columns a case's saved file (its case.json) fills: what the case list shows, sorts and filters by."""
from __future__ import annotations

from typing import Any

from annotations.document import ReviewState
from annotations.graded_fields import listed_ai_oct_class, listed_oct_class
from annotations.report_kind import modality_kind
from annotations.workspace.codec import modality_from_json, saved_grade


# The index columns summary_fields fills, bar the image path.
SAVED_FIELDS = ("review_state", "ai_grade", "reader_grade", "revision", "patient_id", "patient_name", "eye",
                "reader_lesions", "analysed", "reader_oct_class", "ai_oct_class", "reader_ungradable", "ai_ungradable")


def summary_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The index columns that come from a case.json."""
    ai, patient, grade = _object(data, "ai"), _object(data, "patient"), _object(data, "grade")
    return {"image_path": data.get("image_path"), "review_state": data.get("review_state", ReviewState.TODO.value),
            "ai_grade": ai.get("dr_grade"), "reader_grade": grade.get("dr_grade"),
            "revision": int(data.get("revision", 0)), "patient_id": patient.get("patient_id") or "",
            "patient_name": patient.get("name") or "", "eye": patient.get("eye") or "",
            "reader_lesions": ",".join(data.get("reader_lesions") or []),
            "analysed": int(data.get("ai") is not None),  # an OCT scan's result has no DR grade
            "reader_oct_class": _listed_oct_class(data), "ai_oct_class": _listed_ai_oct_class(data),
            "reader_ungradable": int(grade.get("ungradable") is True),
            # as grading.image_gradable: only a quality check that said not
            "ai_ungradable": int(_object(ai, "quality").get("gradable", True) is False)}


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    """``data[key]``, an object in a case file; {} where it is none (damaged: a list, a number): the case is still
    listed, where one such file had stopped the folder from opening, and opening the case says what is wrong."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _listed_oct_class(data: dict[str, Any]) -> str | None:
    """graded_fields.listed_oct_class of a case file; None for a grade or modality this version cannot read (a later
    version's): the case is still listed, and opening it says what is wrong."""
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
