"""CaseDocument <-> JSON-ready dict (everything except the arrays, which live in their own files)."""
from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import asdict, fields
from typing import Any, Mapping

import numpy as np

from annotations.classes import LesionClass
from annotations.decoder_reasons import decoder_reason
from annotations.document import AIResult, Box, CaseDocument, Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.formats.numbers import detection_score
from annotations.graded_fields import KindedGrade
from annotations.messages import NOT_SAVED_ARRAYS
from annotations.probability_maps import cam_levels, levels_to_float
from annotations.report_kind import modality_kind
from annotations.workspace import messages as msg
from annotations.workspace.case_values import AI, BOX, CASE, PATIENT, READER_GRADE, checked, image_shape

FORMAT_NAME = "retinareview-case"
# 2: the AI result's Grad-CAM is stored as uint8 levels at a reduced size (version 1: float32, image size), which
# a version-1 program would misdraw, so it is told to update instead. Version 1 files are read as they are.
# 3: a reader's grade (or the one first submitted) records the photo ungradable, which a version-2 program cannot
# read (it failed on the unknown field, or took the reading as not graded): written only by a case file holding such
# a grade (version_for), so every other file stays readable by earlier releases sharing the folder.
FORMAT_VERSION = 3
_UNGRADABLE_VERSION, _PLAIN_VERSION = 3, 2


def box_to_json(box: Box) -> dict[str, Any]:
    data = asdict(box)
    data["label"] = box.label.name
    return data


def box_from_json(data: dict[str, Any]) -> Box:
    checked(data, BOX, "box")
    values = {f.name: data[f.name] for f in fields(Box) if f.name in data}
    if "score" in values:  # one an earlier COCO import saved as it came (text): read as the import reads it now
        values["score"] = detection_score(values["score"])
    values["label"] = LesionClass[data["label"]]
    if values.get("imported_as") is not None:
        values["imported_as"] = tuple(values["imported_as"])  # JSON gave a list
    return Box(**values)


def ai_scalars_to_json(ai: AIResult) -> dict[str, Any]:
    """Every AIResult field except its arrays."""
    return ai.scalars_to_json()


def ai_arrays(ai: AIResult | None) -> dict[str, np.ndarray]:
    """The arrays an AI result stores, by name (none without a result); the Grad-CAM as 8-bit levels."""
    arrays = {} if ai is None else ai.arrays()
    if "cam" in arrays:
        arrays["cam"] = cam_levels(arrays["cam"])
    return arrays


def ai_from_json(data: dict[str, Any], arrays: Mapping[str, np.ndarray]) -> AIResult:
    """The stored result; a uint8 Grad-CAM is levels (version 2), a float one is read as it was saved (version 1)."""
    checked(data, AI, "ai")
    cam = arrays.get("cam")
    if cam is not None and cam.dtype == np.uint8:
        arrays = {**arrays, "cam": levels_to_float(cam)}
    return AIResult.from_arrays(data, arrays)


def doc_to_json(doc: CaseDocument) -> dict[str, Any]:
    """The document's scalar content; the caller adds file references and revision bookkeeping."""
    data = {
        "format": FORMAT_NAME,
        "case_id": doc.case_id,
        "image_path": doc.image_path,
        "width": doc.width,
        "height": doc.height,
        "modality": doc.modality.value,
        "review_state": doc.review_state.value,
        "grade": doc.grade.to_json(),
        "findings_text": doc.findings_text,
        "patient": asdict(doc.patient),
        "boxes": [box_to_json(b) for b in doc.boxes],
        "rejected_candidates": [box_to_json(b) for b in doc.rejected_candidates],
        "dismissed_imports": [list(origin) for origin in doc.dismissed_imports],
        "ai": None if doc.ai is None else ai_scalars_to_json(doc.ai),
    }
    return data | {"version": version_for(data)}


def version_for(data: dict[str, Any]) -> int:
    """The version a case file holding ``data`` is written as: the lowest that reads all of it (FORMAT_VERSION's
    notes). The caller that adds the first submitted grade (SUBMITTED_GRADE) asks again."""
    grades = (data.get("grade"), data.get(SUBMITTED_GRADE))
    return _UNGRADABLE_VERSION if any(isinstance(grade, dict) and grade.get("ungradable") for grade in grades) \
        else _PLAIN_VERSION


def check_case_file(data: dict[str, Any]) -> None:
    """Raise ValueError unless ``data`` is a case file this version reads: RetinaReview's format, of a version no
    newer than FORMAT_VERSION (a later release's says to update), whose values are of their fields' kinds
    (case_values.CASE: DamagedValue). Every read of a case file's values asks first."""
    if data.get("format") != FORMAT_NAME:
        raise ValueError(msg.NOT_CASE_FILE.format(format=repr(data.get("format"))))
    if int(data.get("version", 0)) > FORMAT_VERSION:
        raise ValueError(msg.NEWER_CASE_FILE.format(version=data["version"], known=FORMAT_VERSION))
    checked(data, CASE)


def doc_from_json(data: dict[str, Any], mask: np.ndarray | None,
                  saved_ai_arrays: Mapping[str, np.ndarray] | None = None) -> CaseDocument:
    check_case_file(data)
    ai = None if data.get("ai") is None else ai_from_json(data["ai"], saved_ai_arrays or {})
    height, width = image_shape(data)
    return CaseDocument(
        case_id=data["case_id"],
        image_path=data["image_path"],
        width=width,
        height=height,
        mask=mask,
        boxes=[box_from_json(b) for b in data.get("boxes", [])],
        dismissed_imports=[tuple(origin) for origin in data.get("dismissed_imports", [])],
        ai=ai,
        grade=reader_grade_from_json(data.get("grade")),
        findings_text=data.get("findings_text", ""),
        review_state=ReviewState(data.get("review_state", ReviewState.TODO.value)),
        patient=patient_from_json(data),
        modality=modality_from_json(data),
        rejected_candidates=[box_from_json(b) for b in data.get("rejected_candidates", [])],
    )


def patient_from_json(data: Mapping[str, Any]) -> PatientInfo:
    """A case file's patient details (TypeError for a field this version does not know)."""
    return PatientInfo(**checked(data.get("patient") or {}, PATIENT, "patient"))


def reader_grade_from_json(data: Mapping[str, Any] | None, what: str = "grade") -> ReaderGrade:
    """A reader's grade as a case file stores it (ReaderGrade.to_json; None: none recorded)."""
    return ReaderGrade(**checked(data or {}, READER_GRADE, what))


def modality_from_json(data: dict[str, Any]) -> Modality:
    """A case file's recorded modality (a file from before modalities were recorded: a fundus photo)."""
    return Modality(data.get("modality", Modality.FUNDUS.value))


def dumps(data: dict[str, Any], indent: int | None = 1) -> str:
    """JSON text; numpy scalars and arrays (e.g. inside AI findings) become plain numbers and lists."""
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__} in a case file")


def arrays_to_npz(**arrays: np.ndarray | None) -> bytes:
    """Compressed .npz bytes holding only the arrays that are present."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **{k: v for k, v in arrays.items() if v is not None})
    return buffer.getvalue()


def arrays_from_npz(data: bytes, max_elements: int | None = None) -> dict[str, np.ndarray]:
    """The arrays of .npz bytes; with ``max_elements``, an array whose header claims more is refused (ValueError)
    before it is read, so a crafted file cannot make this allocate gigabytes. Bytes that are no complete .npz (cut
    short, overwritten) raise ValueError too, saying why in words (annotations.decoder_reasons)."""
    try:
        return _arrays(data, max_elements)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:  # KeyError: a member that is no .npy
        raise ValueError(decoder_reason(exc)) from exc


def _arrays(data: bytes, max_elements: int | None) -> dict[str, np.ndarray]:
    loaded = np.load(io.BytesIO(data), allow_pickle=False)
    if not isinstance(loaded, np.lib.npyio.NpzFile):  # an .npy written over it
        raise ValueError(NOT_SAVED_ARRAYS)  # a single array (.npy)
    with loaded as npz:
        if max_elements is not None:
            for name in npz.files:
                with npz.zip.open(f"{name}.npy") as member:
                    version = np.lib.format.read_magic(member)
                    read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                                   else np.lib.format.read_array_header_2_0)
                    shape = read_header(member)[0]
                if int(np.prod(shape, dtype=np.int64)) > max_elements:
                    raise ValueError(f"array {name!r} claims shape {shape}, more than the image's {max_elements:,} "
                                     "pixels")
        return {name: npz[name] for name in npz.files}


SUBMITTED_GRADE = "submitted_grade"  # case.json's record of the grade as first submitted (Workspace._save)


def first_submitted_grade(data: dict[str, Any]) -> ReaderGrade | None:
    """The grade the case held when it was first marked done (its reader's independent reading in double reading);
    None where it never was, or it was saved before the program kept it."""
    recorded = data.get(SUBMITTED_GRADE)
    return reader_grade_from_json(recorded, SUBMITTED_GRADE) if isinstance(recorded, dict) else None


def submitted_grade(data: dict[str, Any]) -> KindedGrade:
    """A reader's grade as first submitted (their independent reading, which double reading compares), else as saved,
    with its kind."""
    saved = saved_grade(data)
    return KindedGrade(first_submitted_grade(data) or saved.grade, saved.kind)


def saved_ai(data: dict[str, Any]) -> AIResult | None:
    """The AI result a case file's JSON holds, without its arrays (its grade and referable flag); None: not analysed."""
    return ai_from_json(data["ai"], {}) if data.get("ai") else None


def saved_grade(data: dict[str, Any]) -> KindedGrade:
    """A reader's grade and its kind from their saved case file's JSON (case.json), without loading their masks."""
    return KindedGrade(reader_grade_from_json(data.get("grade")), modality_kind(modality_from_json(data)))
