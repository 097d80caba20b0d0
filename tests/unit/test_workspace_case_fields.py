"""Workspace.load_case_fields: a saved case as load_case gives it, less its painted mask and AI arrays, which it leaves
unread (the report dialog's other eye: its 12 MP mask took 50-180 ms to decode on the GUI thread)."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import PatientInfo
from annotations.workspace import Workspace, sidecar
from annotations.workspace.errors import CaseFileMissing
from tests.unit.test_export_skips_a_missing_mask import MISSING


def test_the_fields_are_the_saved_cases_without_its_mask_and_ai_arrays_read(tmp_path: Path, monkeypatch) -> None:
    photos = tmp_path / "photos"
    MISSING["ai"][0](photos)  # a, b and c painted, graded and analysed (b's AI file then deleted)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "a.png")
        doc = ws.load_case(case_id)
        doc.patient = PatientInfo(patient_id="P-1", eye="OS")
        ws.save_case(doc)
        saved = ws.load_case(case_id)
        read: list[str] = []
        for name in ("decode_mask_png", "decode_ai_npz"):
            real = getattr(sidecar, name)
            monkeypatch.setattr(sidecar, name, lambda *args, real=real, name=name: read.append(name) or real(*args))
        fields = ws.load_case_fields(case_id)
    assert read == [] and saved.mask.any() and saved.ai.cam is not None
    assert not fields.mask.any() and fields.ai.cam is None  # left in their files
    assert (fields.patient, fields.grade, fields.boxes, fields.ai.dr_grade, fields.review_state) == (
        saved.patient, saved.grade, saved.boxes, saved.ai.dr_grade, saved.review_state)


@pytest.mark.parametrize("part", list(MISSING))
def test_a_missing_mask_or_ai_file_raises_as_load_case_does(tmp_path: Path, part: str) -> None:
    photos = tmp_path / "photos"
    gone = MISSING[part][0](photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        with pytest.raises(CaseFileMissing) as raised:
            ws.load_case_fields(case_id)
    assert raised.value.part == part and str(gone) in str(raised.value) and MISSING[part][1] in str(raised.value)
