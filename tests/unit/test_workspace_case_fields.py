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


def test_a_case_read_without_its_mask_is_never_saved_over_the_painted_one(tmp_path: Path) -> None:
    """Its mask is blank: saved (or autosaved), it would replace what was painted."""
    photos = tmp_path / "photos"
    MISSING["ai"][0](photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "a.png")
        fields = ws.load_case_fields(case_id)
        fields.findings_text = "edited"
        for write in (ws.save_case, ws.autosave):
            with pytest.raises(ValueError, match="a.png"):
                write(fields)
        assert fields.fields_only and ws.load_case(case_id).mask.any() and not ws.has_autosave(case_id)


def test_a_look_at_a_case_leaves_its_saved_record_to_its_own_saves(tmp_path: Path, monkeypatch) -> None:
    """The report's worker reads the other eye whole (read_case) while the window may save that case: a read begun
    before a save and ended after it left the record of what was saved one revision behind, and the next save wrote
    that revision again."""
    photos = tmp_path / "photos"
    MISSING["ai"][0](photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "a.png")
        doc = ws.load_case(case_id)
        before = ws.index.get_case(case_id)["revision"]
        real = ws._files.load

        def save_meanwhile(*args, **kwargs):
            read = real(*args, **kwargs)
            doc.findings_text = "saved while it was read"
            ws.save_case(doc)
            return read

        monkeypatch.setattr(ws._files, "load", save_meanwhile)
        looked = ws.read_case(case_id)
        monkeypatch.undo()
        doc.findings_text = "saved next"
        ws.save_case(doc)
        assert looked.mask.any() and not looked.fields_only
        assert ws.index.get_case(case_id)["revision"] == before + 2
