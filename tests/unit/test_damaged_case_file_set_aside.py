"""A case whose saved mask or AI file is damaged opens again without it: the file is copied aside first (never swept by
a later save: a person may mend it), and the case's grade, boxes, findings and patient stay. Before, the window could
only say the case cannot be shown, and its grade was out of reach."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import AIResult, Box
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace import messages as workspace_msg
from annotations.workspace.errors import DamagedCaseFile


def _saved_case(folder: Path) -> str:
    """One photo, graded, boxed, painted and with an AI result, saved; returns its case id."""
    folder.mkdir()
    Image.fromarray(np.full((30, 40, 3), 90, np.uint8)).save(folder / "a.png")
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(case.case_id)
        doc.grade.dr_grade, doc.findings_text, doc.patient.patient_id = 2, "dot haemorrhages", "P001"
        doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
        doc.mask[10:14, 10:14] = LesionClass.EX.bit
        doc.ai = AIResult(dr_grade=1, cam=np.zeros((30, 40), np.float32))
        ws.save_case(doc)
        return case.case_id


def _saved_file(folder: Path, case_id: str, prefix: str) -> Path:
    with Workspace.open(folder) as ws:
        (path,) = ws.case_files.case_dir(case_id).glob(f"{prefix}.*")
    return path


@pytest.mark.parametrize("part", ["mask", "ai"])
def test_a_damaged_mask_or_ai_file_is_copied_aside_and_the_case_opens_with_the_rest(tmp_path: Path,
                                                                                     part: str) -> None:
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    damaged = _saved_file(folder, case_id, part)
    content = damaged.read_bytes()[:60]
    damaged.write_bytes(content)
    with Workspace.open(folder) as ws:
        with pytest.raises(DamagedCaseFile) as raised:
            ws.load_case(case_id)
        assert raised.value.part == part and str(damaged) in str(raised.value)
        (copy,) = ws.set_aside_damaged(case_id)
        doc = ws.load_case(case_id)
        assert ws.set_aside_damaged(case_id) == []  # nothing damaged any more
    assert copy.parent == damaged.parent and copy.name.startswith(f"{damaged.name}.damaged-")
    assert copy.read_bytes() == content
    assert (doc.grade.dr_grade, doc.findings_text, doc.patient.patient_id) == (2, "dot haemorrhages", "P001")
    assert [(box.label, box.xmin, box.ymax) for box in doc.boxes] == [(LesionClass.HE, 2, 9)]
    if part == "mask":
        assert not doc.mask.any() and doc.ai is not None and doc.ai.dr_grade == 1
    else:
        assert doc.ai is None and doc.mask[10:14, 10:14].all()
    with Workspace.open(folder) as ws:  # a later save keeps the copy
        doc = ws.load_case(case_id)
        doc.grade.dr_grade = 3
        ws.save_case(doc)
    assert copy.read_bytes() == content


def test_a_damaged_case_file_itself_cannot_be_set_aside_and_nothing_is_changed(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    with Workspace.open(folder) as ws:
        case_file = ws.case_files.case_file(case_id)
    case_file.write_text("[1, 2]")
    before = sorted(path.name for path in case_file.parent.iterdir())
    with Workspace.open(folder) as ws:
        with pytest.raises(DamagedCaseFile) as raised:
            ws.set_aside_damaged(case_id)
    assert raised.value.part is None and workspace_msg.NO_FIELDS in str(raised.value)
    assert sorted(path.name for path in case_file.parent.iterdir()) == before


def test_a_read_only_folder_sets_nothing_aside(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    mask = _saved_file(folder, case_id, "mask")
    mask.write_bytes(mask.read_bytes()[:60])
    with Workspace.open(folder) as ws:
        ws._go_read_only("opened elsewhere")
        with pytest.raises(WorkspaceError, match="read-only"):
            ws.set_aside_damaged(case_id)
    assert [path.name for path in mask.parent.glob("*.damaged-*")] == []


def test_a_case_file_without_the_masks_size_sets_no_good_mask_aside(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    with Workspace.open(folder) as ws:
        case_file = ws.case_files.case_file(case_id)
    case_file.write_text(case_file.read_text().replace('"height"', '"tall"', 1))
    with Workspace.open(folder) as ws:
        with pytest.raises(DamagedCaseFile) as raised:
            ws.set_aside_damaged(case_id)
    assert raised.value.part is None and list(case_file.parent.glob("*.damaged-*")) == []


def test_an_autosave_snapshot_of_the_case_is_kept_aside_not_dropped(tmp_path: Path) -> None:
    """Edits in a snapshot recovery could not adopt may be the newest copy of the case's painting."""
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    mask = _saved_file(folder, case_id, "mask")
    with Workspace.open(folder) as ws:
        doc = ws.load_case(case_id)
        doc.mask[0:5, 0:5] = LesionClass.HE.bit
        assert ws.autosave(doc)
        snapshot = ws._snapshots.path(case_id)  # noqa: SLF001 - where the snapshot lies
        mask.write_bytes(mask.read_bytes()[:60])
        ws.set_aside_damaged(case_id)
        assert not ws.has_autosave(case_id)
    (kept,) = snapshot.parent.glob(f"{snapshot.name}.damaged-*")
    assert kept.stat().st_size > 0


@pytest.mark.parametrize("part", ["mask", "ai"])
def test_a_saved_file_name_edited_to_lead_out_of_its_case_folder_reads_and_copies_no_photo(tmp_path: Path,
                                                                                          part: str) -> None:
    """A case.json edited by hand (or sent along with a folder) named a photo of the folder as the case's mask
    (``../../../b.png``): the photo was read as the mask, found "damaged", and "set aside" as a copy written among the
    photos. A name leading out of the case's folder makes the case.json invalid, named."""
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    Image.fromarray(np.full((30, 40, 3), 50, np.uint8)).save(folder / "b.png")
    with Workspace.open(folder) as ws:
        case_json = ws.case_files.case_file(case_id)
    data = json.loads(case_json.read_text(encoding="utf-8"))
    data["files"][part] = "../../../b.png"
    case_json.write_text(json.dumps(data), encoding="utf-8")
    photos = sorted(path.name for path in folder.iterdir())
    with Workspace.open(folder) as ws:
        with pytest.raises(DamagedCaseFile) as raised:
            ws.load_case(case_id)
        try:
            refusal: Exception | None = None
            ws.set_aside_damaged(case_id)
        except WorkspaceError as exc:
            refusal = exc
    assert sorted(path.name for path in folder.iterdir()) == photos  # no copy of b.png "set aside" among them
    assert isinstance(refusal, DamagedCaseFile) and refusal.part is None
    assert raised.value.part is None and str(raised.value).startswith(f"{case_json}: the saved labels are not valid")
