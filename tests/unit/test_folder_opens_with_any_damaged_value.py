"""One hand-edited or half-synced case file never stops its folder from opening, whatever value is damaged: each value
of a saved case.json, replaced in turn by a value of each wrong kind, leaves the folder opening with both cases listed
(the damaged value's columns absent, never junk: annotations.workspace.case_values), and opening the case either reads
a harmless value or says the case's file is damaged, naming it; never a traceback."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult, Box, PatientInfo, ReaderGrade, ReviewState
from annotations.workspace import Workspace
from annotations.workspace.errors import DamagedCaseFile, WorkspaceError
from annotations.workspace.workspace import CaseSummary
from tests.unit.reading_fixtures import case_of, image_folder

DEEP = "deeply nested"  # stands for junk nested past Python's recursion limit (written into the JSON text)
WRONG = [[4, 0], "seven", 2.5, None, {"junk": 1}, 10 ** 30, -3, DEEP]


def _saved_case(folder: Path) -> Path:
    """Image 1 saved with a grade, an AI result, a patient, a box and painted lesions; its case.json."""
    with Workspace.open(folder) as ws:
        doc = ws.load_case(case_of(1))
        doc.grade = ReaderGrade(dr_grade=2, dme_risk=1)
        doc.mask[2:6, 4:12] |= LesionClass.EX.bit
        doc.boxes = [Box(LesionClass.HE, 1, 2, 8, 9, score=0.5)]
        doc.ai = AIResult(dr_grade=3, referable=True, grade_source="model", grade_probs=[0.1, 0.1, 0.2, 0.5, 0.1],
                          quality={"gradable": True}, mask=doc.mask.copy())
        doc.patient = PatientInfo(patient_id="P1", name="Ann", age=50, eye="OD")
        doc.review_state = ReviewState.DONE
        ws.save_case(doc)
        return ws.case_files.case_file(case_of(1))


def _key_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from _key_paths(item, (*path, key))


def _with(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> str:
    changed = copy.deepcopy(data)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    text = json.dumps(changed)
    return text.replace(json.dumps(DEEP), "[" * 100_000 + "]" * 100_000)


def _listed_sensibly(case: CaseSummary) -> bool:
    """The summary's columns are of their kinds: what the list shows, sorts and filters by."""
    grades = all(grade in (None, 0, 1, 2, 3, 4) and not isinstance(grade, (bool, float))
                 for grade in (case.reader_grade, case.ai_grade))
    texts = all(isinstance(text, str) for text in (case.image_path, case.patient_name, *case.reader_lesions))
    recorded = all(text is None or isinstance(text, str) for text in (case.patient_id, case.eye))  # None: never
    return grades and texts and recorded and isinstance(case.review_state, ReviewState)


def test_every_value_of_every_wrong_kind_leaves_the_folder_opening(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    path = _saved_case(folder)
    saved = json.loads(path.read_text("utf-8"))
    failures: list[str] = []
    for number, (key_path, wrong) in enumerate((p, w) for p in _key_paths(saved) for w in WRONG):
        path.write_text(_with(saved, key_path, wrong), "utf-8")
        stamp = path.parent.stat().st_mtime_ns + number + 1  # later than its folder's: the scan reads it again
        os.utime(path, ns=(stamp, stamp))
        try:
            with Workspace.open(folder) as ws:
                cases = ws.cases()
                listed = [case.case_id for case in cases] == [case_of(0), case_of(1)]
                if not listed or not all(map(_listed_sensibly, cases)):
                    failures.append(f"{key_path} = {wrong!r}: listed as {cases}")
                try:
                    ws.load_case(case_of(1))
                except DamagedCaseFile as exc:  # its case.json, or its mask at odds with the size it gives
                    if str(path.parent) not in str(exc):
                        failures.append(f"{key_path} = {wrong!r}: {exc} names no file of the case")
                except WorkspaceError as exc:  # a file name given to a file not there (a half-synced folder): a read
                    if key_path[0] != "files" or str(path.parent) not in str(exc):  # the storage failed
                        failures.append(f"{key_path} = {wrong!r}: {type(exc).__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - every other exception is the failure this test looks for
            failures.append(f"{key_path} = {wrong!r}: {type(exc).__name__}: {exc}")
    assert not failures, "\n".join(failures[:20]) + f"\n... {len(failures)} in all"


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"format": "retinareview-case", "grade": ' +
                                  "[" * 100_000 + "]" * 100_000 + "}"])
def test_a_file_nested_past_the_parser_s_limit_is_damaged(tmp_path: Path, text: str) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    path = _saved_case(folder)
    path.write_text(text, "utf-8")
    with Workspace.open(folder) as ws:
        assert [case.case_id for case in ws.cases()] == [case_of(0), case_of(1)]
        with pytest.raises(DamagedCaseFile, match="cannot be read") as raised:
            ws.load_case(case_of(1))
    assert str(path) in str(raised.value)


def test_an_image_size_past_the_pixel_limit_is_damaged(tmp_path: Path) -> None:
    """A size whose empty mask would take what no photo the program opens takes (image_types.MAX_PIXELS)."""
    folder = image_folder(tmp_path / "f", count=1)
    with Workspace.open(folder) as ws:
        doc = ws.load_case(case_of(0))
        doc.grade = ReaderGrade(dr_grade=1)  # no mask file: the document would make an empty one of the size
        ws.save_case(doc)
        path = ws.case_files.case_file(case_of(0))
    data = json.loads(path.read_text("utf-8"))
    data["width"] = data["height"] = 12_000
    path.write_text(json.dumps(data), "utf-8")
    with Workspace.open(folder) as ws:
        assert [case.reader_grade for case in ws.cases()] == [1]
        with pytest.raises(DamagedCaseFile, match="width x height") as raised:
            ws.load_case(case_of(0))
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("score, read", [("0.9", 0.9), ("high", None), ([1], None), (True, None), (0.25, 0.25)])
def test_a_box_score_an_earlier_import_saved_as_it_came_is_read_not_refused(tmp_path: Path, score: Any,
                                                                            read: float | None) -> None:
    """Earlier COCO imports saved a detection's score as the file had it: the case still opens (a score is no
    label), reading it as the import now does."""
    folder = image_folder(tmp_path / "f", count=2)
    path = _saved_case(folder)
    data = json.loads(path.read_text("utf-8"))
    data["boxes"][0]["score"] = score
    path.write_text(json.dumps(data), "utf-8")
    with Workspace.open(folder) as ws:
        assert [box.score for box in ws.load_case(case_of(1)).boxes] == [read]
