"""What the case list shows without opening a case: patient, eye, the reader's lesions and the flags they raise."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from annotations.classes import LesionClass
from annotations.document import AIResult, Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.workspace import Workspace
from annotations.store_folder import SIDECAR_NAME
from tests.unit.test_workspace import case_by_path, folder  # noqa: F401 - folder is a fixture


def _save_graded_0_with_haemorrhage(folder: Path) -> str:
    with Workspace.open(folder, reader="r") as ws:
        case_id = case_by_path(ws, "a.jpg")
        doc = ws.load_case(case_id)
        doc.patient = PatientInfo(patient_id="P-7", name="Ann Lee", eye="OS")
        doc.grade = ReaderGrade(dr_grade=0)
        doc.review_state = ReviewState.DONE
        doc.mask[3:6, 3:6] = LesionClass.HE.bit
        ws.save_case(doc)
        summary = next(s for s in ws.cases() if s.case_id == case_id)
    assert (summary.patient_id, summary.patient_name, summary.eye) == ("P-7", "Ann Lee", "OS")
    assert summary.reader_lesions == ("HE",)
    assert [flag.text for flag in summary.flags] == ["marked done with grade 0 (no DR) but HE painted or boxed"]
    return case_id


def test_saved_patient_and_reader_lesions_are_listed_and_flagged(folder: Path) -> None:  # noqa: F811
    case_id = _save_graded_0_with_haemorrhage(folder)
    with Workspace.open(folder) as ws:  # from the index, on the next open
        summary = next(s for s in ws.cases() if s.case_id == case_id)
        assert summary.patient_id == "P-7" and summary.flags
        assert next(s for s in ws.cases() if s.image_path == "b.png").flags == []


def test_an_index_from_before_these_columns_gains_them_from_the_case_files(folder: Path) -> None:  # noqa: F811
    case_id = _save_graded_0_with_haemorrhage(folder)
    index = folder / SIDECAR_NAME / "index.db"
    with sqlite3.connect(index) as db:  # as an older release left it
        for column in ("patient_id", "patient_name", "eye", "reader_lesions"):
            db.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    with Workspace.open(folder) as ws:
        summary = next(s for s in ws.cases() if s.case_id == case_id)
    assert summary.patient_id == "P-7" and summary.reader_lesions == ("HE",)


def test_an_oct_scans_class_is_listed_and_a_photos_is_not(folder: Path) -> None:  # noqa: F811
    with Workspace.open(folder, reader="r") as ws:
        for path, modality in (("a.jpg", Modality.OCT), ("b.png", Modality.FUNDUS)):
            doc = ws.load_case(case_by_path(ws, path))
            doc.modality, doc.grade = modality, ReaderGrade(dr_grade=1, oct_class="DRUSEN")  # DR grade from before
            ws.save_case(doc)
    index = folder / SIDECAR_NAME / "index.db"
    with sqlite3.connect(index) as db:  # as a release before the column left it
        db.execute("ALTER TABLE cases DROP COLUMN reader_oct_class")
    with Workspace.open(folder) as ws:
        listed = {s.image_path: s.reader_oct_class for s in ws.cases()}
    assert (listed["a.jpg"], listed["b.png"]) == ("DRUSEN", None)  # the photo is listed by its DR grade


def test_a_case_file_whose_grade_this_version_cannot_read_is_still_listed(folder: Path) -> None:  # noqa: F811
    case_id = _save_graded_0_with_haemorrhage(folder)
    case_file = folder / SIDECAR_NAME / "cases" / case_id / "case.json"
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data.update(modality="a modality from a later version", grade={"dr_grade": 0, "a later field": 1})
    case_file.write_text(json.dumps(data), encoding="utf-8")
    with Workspace.open(folder) as ws:
        summary = next(s for s in ws.cases() if s.case_id == case_id)
    assert summary.reader_grade == 0 and summary.reader_oct_class is None


def test_an_oct_scans_ai_class_is_listed_and_a_photos_is_not(folder: Path) -> None:  # noqa: F811
    with Workspace.open(folder, reader="r") as ws:
        for path, modality in (("a.jpg", Modality.OCT), ("b.png", Modality.FUNDUS)):
            doc = ws.load_case(case_by_path(ws, path))
            doc.modality, doc.ai = modality, AIResult(dr_grade=1, oct_probs={"CNV": 0.2, "DME": 0.7, "NORMAL": 0.1})
            ws.save_case(doc)
    index = folder / SIDECAR_NAME / "index.db"
    with sqlite3.connect(index) as db:  # as a release before the column left it
        db.execute("ALTER TABLE cases DROP COLUMN ai_oct_class")
    with Workspace.open(folder) as ws:
        listed = {s.image_path: s.ai_oct_class for s in ws.cases()}
    assert (listed["a.jpg"], listed["b.png"]) == ("DME", None)  # the photo is listed by its AI DR grade
