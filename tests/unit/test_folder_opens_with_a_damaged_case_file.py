"""A case file whose grade, analysis or patient is no object (damaged: a list) no longer stops its folder from opening
(the index's columns read it: AttributeError, a traceback; `export --reader all` stopped at that reader's store):
the case is listed, and opening it says the file is damaged, naming it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.workspace import Workspace
from annotations.workspace.errors import DamagedCaseFile
from tests.unit.reading_fixtures import case_of, image_folder, read_case


@pytest.mark.parametrize("key", ["grade", "ai", "patient"])
def test_the_folder_opens_and_lists_the_case_and_opening_the_case_names_the_file(tmp_path: Path, key: str) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    with Workspace.open(folder) as ws:
        read_case(ws, 1, grade=2)
        path = ws.case_files.case_file(case_of(1))
    data = json.loads(path.read_text("utf-8"))
    data[key] = [4, 0]
    path.write_text(json.dumps(data), "utf-8")
    with Workspace.open(folder) as ws:
        assert [case.case_id for case in ws.cases()] == [case_of(0), case_of(1)]
        with pytest.raises(DamagedCaseFile, match="not valid") as raised:
            ws.load_case(case_of(1))
    assert str(path) in str(raised.value)
