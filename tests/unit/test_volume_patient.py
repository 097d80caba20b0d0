"""An OCT volume has one patient, held by its own case (annotations.workspace.volume_patient): a correction saved
with any B-scan is every B-scan's, its row's and its exports'; a B-scan saved with the details it was given writes
nothing back, and a volume's own case waiting on its autosave snapshot is left to it."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.dicom import reader
from annotations.document import PatientInfo, ReaderGrade
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.unit.test_oct_volume import label_bscan, make_folder, volume_id
from tests.unit.test_workspace_recovery import fake_dead_owner

HEADER_ID, CORRECTED_ID = "P-0042", "P-0099"  # tests.dicom_files.PATIENT's ID, and the reader's correction


def _correct_on_bscan(ws: Workspace, number: int, patient_id: str = CORRECTED_ID) -> PatientInfo:
    doc = ws.load_case(ws.bscan_case_id(volume_id(ws), number))
    doc.patient = dataclasses.replace(doc.patient, patient_id=patient_id, name="Roe^Mary", eye="OS")
    ws.save_case(doc)
    return doc.patient


def _patients(ws: Workspace) -> dict[int, str]:
    volume = volume_id(ws)
    return {n: ws.load_case(ws.bscan_case_id(volume, n)).patient.patient_id for n in range(1, 8)}


def test_a_patient_corrected_on_one_bscan_is_the_volumes(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        label_bscan(ws, 3, "DME", LesionClass.EX, 3)  # saved before, with the header's patient
        corrected = _correct_on_bscan(ws, 6)
        assert _patients(ws) == dict.fromkeys(range(1, 8), CORRECTED_ID)
        assert ws.load_case(volume_id(ws)).patient == corrected
        row = next(c for c in ws.cases() if c.case_id == volume_id(ws))
        assert (row.case_patient_id, row.patient_name, row.case_eye) == (CORRECTED_ID, "Roe^Mary", "OS")
        assert ws.index.case_ids("c.patient_key = ?", [CORRECTED_ID.casefold()]) == [volume_id(ws)]  # its links
        photo = next(c for c in ws.cases() if c.image_path == "photo.dcm")
        assert ws.load_case(photo.case_id).patient.patient_id == HEADER_ID  # another case, its own header's
    with Workspace.open(tmp_path) as ws:
        assert _patients(ws) == dict.fromkeys(range(1, 8), CORRECTED_ID)


def test_a_bscan_saved_with_the_details_it_was_given_writes_nothing_back(tmp_path: Path) -> None:
    """A folder saved before: B-scan 6 holds an older correction of its own, the volume's own case another. Saving
    B-scan 6 (a grade) keeps the volume's; saving a correction made on it writes that one."""
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        volume = volume_id(ws)
        label_bscan(ws, 6, "CNV", LesionClass.HE, 10)
        own = ws.load_case(volume)
        own.patient = dataclasses.replace(own.patient, patient_id="P-0100")
        ws.save_case(own)
        path = ws.case_files.case_file(ws.bscan_case_id(volume, 6))
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data | {"patient": {"patient_id": "P-OLD"}}), encoding="utf-8")
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(ws.bscan_case_id(volume, 6))
        assert doc.patient.patient_id == "P-0100"  # the volume's own case wins
        doc.grade = ReaderGrade(oct_class="DME")
        ws.save_case(doc)
        assert _patients(ws) == dict.fromkeys(range(1, 8), "P-0100")
        _correct_on_bscan(ws, 6)
        assert _patients(ws) == dict.fromkeys(range(1, 8), CORRECTED_ID)


def test_a_volumes_own_case_waiting_on_its_snapshot_is_left_to_it(tmp_path: Path) -> None:
    """Its save failed, or a crash left it: written now, recovery would drop the snapshot's edits as older."""
    make_folder(tmp_path)
    ws = Workspace.open(tmp_path)
    volume = volume_id(ws)
    own = ws.load_case(volume)
    own.findings_text = "fluid nasal"
    assert ws.autosave(own)
    _correct_on_bscan(ws, 6)
    assert not ws.case_files.exists(volume)
    fake_dead_owner(ws.sidecar / "lock")
    with Workspace.open(tmp_path) as reopened:
        assert reopened.load_case(volume).findings_text == "fluid nasal"


def test_a_damaged_own_case_leaves_each_bscan_its_own_patient(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        volume = volume_id(ws)
        own = ws.load_case(volume)
        own.findings_text = "seen"
        ws.save_case(own)
        ws.case_files.case_file(volume).write_text("{not json", encoding="utf-8")
        _correct_on_bscan(ws, 6)  # saved all the same
        assert ws.load_case(ws.bscan_case_id(volume, 6)).patient.patient_id == CORRECTED_ID
        assert ws.load_case(ws.bscan_case_id(volume, 2)).patient.patient_id == HEADER_ID


def test_a_data_set_holds_a_volumes_bscans_in_one_split(tmp_path: Path) -> None:
    """Its splits keep a patient's cases together: a B-scan corrected on its own went to another split."""
    make_folder(tmp_path / "src")
    with Workspace.open(tmp_path / "src") as ws:
        for number in range(1, 8):
            label_bscan(ws, number, "DME", LesionClass.EX, 3)
        _correct_on_bscan(ws, 6)
        export_labels(ws, "dataset", tmp_path / "out")
    splits = {path.stem: path.read_text().split() for path in (tmp_path / "out" / "splits").glob("*.txt")}
    assert [len(names) for names in splits.values() if names] == [7]


def test_saved_bscans_read_their_volumes_header_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The volume's own case never saved: the header's patient is the volume's, read once for its saved B-scans (the
    slider opens them on the GUI thread) and not again while the file stays as it was."""
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        for number in (2, 6):
            label_bscan(ws, number, "DME", LesionClass.EX, 3)
    with Workspace.open(tmp_path) as ws:
        reads: list[str] = []
        real = reader.read_dicom_header
        monkeypatch.setattr(reader, "read_dicom_header", lambda file: reads.append(Path(file).name) or real(file))
        volume = volume_id(ws)
        for number in (2, 6):
            assert ws.load_case(ws.bscan_case_id(volume, number)).patient.patient_id == HEADER_ID
        assert len(reads) <= 1  # read once, not at each
