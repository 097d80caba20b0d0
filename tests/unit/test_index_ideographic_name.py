"""The workspace index kept a patient's alphabetic name alone: a DICOM name written ``Wang^Xiaoming=王^小明`` was
listed (the case list's tool tip) as "Xiaoming Wang", the name a Chinese clinic knows its patient by dropped, and a
case nobody saved yet listed no name at all. The index carries the ideographic form beside it, and the image header's
name; an index from before the columns, or a row an older build rewrote, gains them from the case files and
headers."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotations.case_source import CaseSource
from annotations.classes import LesionClass
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace import Workspace, catalog
from tests.dicom_files import fundus_rgb, write_dicom
from tests.unit.test_oct_volume import label_bscan, make_folder

NAMES = ("Xiaoming Wang", "王小明")


def _dicom_photo(folder: Path) -> None:
    write_dicom(folder / "eye.dcm", fundus_rgb(),
                header={"SpecificCharacterSet": "ISO_IR 192", "PatientName": "Wang^Xiaoming=王^小明="})


def _saved_dicom_case(folder: Path) -> None:
    _dicom_photo(folder)
    with Workspace.open(folder, reader="r") as ws:
        (case_id,) = CaseSource(ws.index).ids()
        doc = ws.load_case(case_id)
        assert (doc.patient.name, doc.patient.ideographic_name) == NAMES
        ws.save_case(doc)


def _listed_names(folder: Path) -> tuple[str, str]:
    with Workspace.open(folder) as ws:
        (summary,) = CaseSource(ws.index).values()
        return summary.case_patient_name.name, summary.case_patient_name.ideographic_name


def test_a_saved_case_lists_both_forms_of_its_patients_name(tmp_path: Path) -> None:
    _saved_dicom_case(tmp_path)
    assert _listed_names(tmp_path) == NAMES


@pytest.mark.parametrize("older", ["ALTER TABLE cases DROP COLUMN patient_ideographic_name",  # a release before
                                   "UPDATE cases SET patient_ideographic_name = NULL"],  # its build rewrote the row
                         ids=["index-from-before", "row-an-older-build-rewrote"])
def test_an_older_index_gains_the_ideographic_name_from_the_case_files(tmp_path: Path, older: str) -> None:
    _saved_dicom_case(tmp_path)
    with sqlite3.connect(tmp_path / SIDECAR_NAME / "index.db") as db:
        db.execute(older)
    assert _listed_names(tmp_path) == NAMES


def test_a_case_nobody_saved_lists_the_name_its_header_carries(tmp_path: Path) -> None:
    _dicom_photo(tmp_path)
    assert _listed_names(tmp_path) == NAMES


def test_an_index_from_before_the_header_name_columns_reads_the_headers_again(tmp_path: Path) -> None:
    _dicom_photo(tmp_path)
    Workspace.open(tmp_path).close()
    with sqlite3.connect(tmp_path / SIDECAR_NAME / "index.db") as db:  # as a release before left it
        for column in ("header_patient_name", "header_ideographic_name"):
            db.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    assert _listed_names(tmp_path) == NAMES


def test_a_volume_whose_other_bscans_alone_are_saved_is_not_read_again_at_every_scan(tmp_path: Path,
                                                                                       monkeypatch) -> None:
    """Its row has no patient of its own case (never saved), so no ideographic name either: no older build's mark."""
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        label_bscan(ws, 2, "DME", LesionClass.HE, 4)  # not the volume's own B-scan (SHOWN)
    Workspace.open(tmp_path).close()  # the scan that reads the saved B-scan
    reads: list[str] = []
    monkeypatch.setattr(catalog, "read_graded", lambda files, case_id: reads.append(case_id))
    Workspace.open(tmp_path).close()
    assert reads == []
