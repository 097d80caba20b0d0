"""A stored consensus's grade and analysis, read for `agreement` without its arrays, are checked as every read of a
case file: a later release's file says to update RetinaReview, a damaged one names the file, neither a bare
TypeError."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from annotations.reading.consensus import consensus_grade
from annotations.reading.readers import case_files, main_sidecar, readers_of
from annotations.reading.settings import load_settings
from annotations.workspace.errors import DamagedCaseFile
from inference.agreement import folder_agreement
from tests.unit.reading_fixtures import case_of
from tests.unit.test_agreement_consensus import ARBITRATED, consensus_folder


def _newer(data: dict[str, Any]) -> None:  # a later release's field in the grade
    data["version"] = 99
    data["grade"]["severity_scale"] = "ETDRS"


def _damaged(data: dict[str, Any]) -> None:
    data["grade"] = [4, 0]


def _ai_damaged(data: dict[str, Any]) -> None:
    data["ai"] = [3, True]


@pytest.mark.parametrize("edit, said", [(_newer, "update RetinaReview"), (_damaged, "not valid"),
                                        (_ai_damaged, "not valid")])
def test_a_stored_consensus_of_a_later_version_or_damaged_says_so(tmp_path: Path, edit: Callable[[dict], None],
                                                                    said: str) -> None:
    folder = consensus_folder(tmp_path / "f")
    case_id = case_of(ARBITRATED[0])  # its consensus is stored
    path = case_files(main_sidecar(folder)).case_file(case_id)
    data = json.loads(path.read_text("utf-8"))
    edit(data)
    path.write_text(json.dumps(data), "utf-8")
    settings = load_settings(folder)
    with pytest.raises(DamagedCaseFile, match=said) as raised:
        consensus_grade(folder, case_id, settings, readers_of(folder, settings))
    assert str(path) in str(raised.value)
    with pytest.raises(DamagedCaseFile, match=said):
        folder_agreement(folder)
