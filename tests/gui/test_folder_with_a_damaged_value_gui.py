"""A folder one of whose case files holds values of the wrong kind (hand-edited, or half-synced by a cloud drive)
opens: both cases are listed, the damaged one without its damaged columns, and opening it says its file is damaged,
naming it (the window had shown nothing: a traceback from the folder's scan)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.document import PatientInfo
from annotations.workspace import Workspace
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


def test_the_folder_lists_the_case_and_opening_it_names_its_file(qtbot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    with Workspace.open(folder) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case_id)
        doc.grade.dr_grade, doc.patient = 2, PatientInfo(patient_id="P7", name="Ann")
        ws.save_case(doc)
        path = ws.case_files.case_file(case_id)
    data = json.loads(path.read_text("utf-8"))
    data["grade"]["dr_grade"], data["patient"]["name"], data["review_state"] = [2], {"first": "Ann"}, "finished"
    path.write_text(json.dumps(data), "utf-8")
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 2, timeout=10_000)
    listed = window.cases.summaries[case_id]
    assert listed.reader_grade is None and listed.patient_id == "P7" and listed.patient_name == ""
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    said = window.notice.text()
    assert str(path) in said and "not valid (the field review_state holds 'finished', " in said
