"""The workspace index kept a patient's alphabetic name alone: a DICOM name written ``Wang^Xiaoming=王^小明`` was
listed (the case list's tool tip) as "Xiaoming Wang", the name a Chinese clinic knows its patient by dropped. The
index carries the ideographic form beside it; an index from before the column, or a row an older build rewrote,
gains it from the case files."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotations.case_source import CaseSource
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace import Workspace
from tests.dicom_files import fundus_rgb, write_dicom

NAMES = ("Xiaoming Wang", "王小明")


def _saved_dicom_case(folder: Path) -> None:
    write_dicom(folder / "eye.dcm", fundus_rgb(),
                header={"SpecificCharacterSet": "ISO_IR 192", "PatientName": "Wang^Xiaoming=王^小明="})
    with Workspace.open(folder, reader="r") as ws:
        (case_id,) = CaseSource(ws.index).ids()
        doc = ws.load_case(case_id)
        assert (doc.patient.name, doc.patient.ideographic_name) == NAMES
        ws.save_case(doc)


def _listed_names(folder: Path) -> tuple[str, str]:
    with Workspace.open(folder) as ws:
        (summary,) = CaseSource(ws.index).values()
        return summary.patient_name, summary.patient_ideographic_name


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
