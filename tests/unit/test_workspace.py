"""Workspace store: folder scan, round trips, crash-safe saves, read-only second instance, index rebuild."""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import AIResult, Box, Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.findings import Findings
from annotations.image_io import ImageLoadError
from annotations.probability_maps import compact_cam
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace import confined as confined_module
from annotations.workspace import sidecar as sidecar_module
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.scan import case_id_for


def write_image(path: Path, width: int = 32, height: int = 24, value: int = 90) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((height, width, 3), value, np.uint8)).save(path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "images"
    write_image(root / "a.jpg")
    write_image(root / "b.png", 40, 30)
    write_image(root / "sub" / "c.tif")
    return root


@pytest.fixture
def ws(folder: Path):
    workspace = Workspace.open(folder, reader="dr-test")
    yield workspace
    workspace.close()


def case_by_path(ws: Workspace, relpath: str) -> str:
    return next(c.case_id for c in ws.cases() if c.image_path == relpath)


def full_document(ws: Workspace, relpath: str = "a.jpg"):
    doc = ws.load_case(case_by_path(ws, relpath))
    doc.mask[2:6, 3:9] = LesionClass.EX.bit | LesionClass.MA.bit
    doc.mask[10, 10] = LesionClass.OD.bit
    doc.boxes = [Box(LesionClass.HE, 1, 2, 10, 12, score=0.75, difficult=True, truncated=True, pose="Left",
                     source="ai"), Box(LesionClass.EX, 3, 4, 5, 6)]
    doc.rejected_candidates = [Box(LesionClass.MA, 7, 7, 9, 9, score=0.3, source="ai")]
    doc.grade = ReaderGrade(dr_grade=3, dme_risk=1, referable=True, oct_class=None)
    doc.findings_text = "Haemorrhages in all quadrants; 视网膜"
    doc.review_state = ReviewState.DONE
    doc.patient = PatientInfo("P-7", "Wang Fang", 61, "F", "OS", "2024-05-01")
    doc.modality = Modality.FUNDUS
    rng = np.random.default_rng(3)
    doc.ai = AIResult(models=[{"name": "seg", "version": "1.2", "sha256": "ab" * 32, "task": "segmentation"}],
                      dr_grade=2, grade_probs=[0.1, 0.2, 0.5, 0.15, 0.05], grade_source="model", referable=True,
                      referable_prob=0.7, oct_probs={"CNV": 0.25, "NORMAL": 0.75},
                      quality={"gradable": True, "reason": "", "sharpness": 12.5},
                      findings=Findings.from_json({"HE": {"count": 3, "quadrants": {"ST": 1, "SN": 2}},
                                                   "summary": "3 HE"}),
                      mask=rng.integers(0, 16, doc.mask.shape, dtype=np.uint8),
                      cam=compact_cam(rng.random(doc.mask.shape, dtype=np.float32)),
                      created_at="2024-05-01T10:00:00+00:00", device="cuda:0",
                      warnings=["out of CUDA memory; this job continues on the CPU"])
    return doc


def assert_same_document(loaded, original) -> None:
    for name in ("case_id", "image_path", "width", "height", "boxes", "grade", "findings_text", "review_state",
                 "patient", "modality", "rejected_candidates"):
        assert getattr(loaded, name) == getattr(original, name), name
    np.testing.assert_array_equal(loaded.mask, original.mask)
    assert (loaded.ai is None) == (original.ai is None)
    if original.ai is not None:
        scalars = {k: v for k, v in asdict(original.ai).items() if k not in ("mask", "cam")}
        assert {k: v for k, v in asdict(loaded.ai).items() if k not in ("mask", "cam")} == scalars
        np.testing.assert_array_equal(loaded.ai.mask, original.ai.mask)
        np.testing.assert_array_equal(loaded.ai.cam, original.ai.cam)
        assert loaded.ai.cam.dtype == np.float32


# scanning -------------------------------------------------------------------------------------------------
def test_cases_lists_images_recursively_sorted_and_skips_sidecar(ws: Workspace, folder: Path) -> None:
    write_image(folder / SIDECAR_NAME / "not-a-case.png")
    ws.refresh()
    assert [c.image_path for c in ws.cases()] == ["a.jpg", "b.png", "sub/c.tif"]
    assert ws.image_file(case_by_path(ws, "sub/c.tif")) == folder / "sub" / "c.tif"


def test_symlink_loop_is_not_followed(folder: Path) -> None:
    os.symlink(folder, folder / "sub" / "loop")
    with Workspace.open(folder) as ws:
        assert [c.image_path for c in ws.cases()] == ["a.jpg", "b.png", "sub/c.tif"]


def test_corrupt_image_gets_an_error_and_the_rest_of_the_folder_opens(folder: Path) -> None:
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with Workspace.open(folder) as ws:
        by_path = {c.image_path: c for c in ws.cases()}
        assert "broken.jpg" in by_path["broken.jpg"].error
        assert by_path["a.jpg"].error is None
        with pytest.raises(ImageLoadError, match="broken.jpg"):
            ws.load_case(by_path["broken.jpg"].case_id)
        assert ws.load_case(by_path["b.png"].case_id).mask.shape == (30, 40)


def test_the_listed_size_is_the_headers_as_scanned_none_for_an_unreadable_or_unlisted_image(folder: Path) -> None:
    """What a case's photo is decoded at while its files are read (the window's decode ahead): no file opened."""
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with Workspace.open(folder) as ws:
        by_path = {c.image_path: c.case_id for c in ws.cases()}
        assert ws.listed_size(by_path["b.png"]) == (40, 30)
        assert ws.listed_size(by_path["broken.jpg"]) is None and ws.listed_size("not-listed") is None


def test_chinese_file_names_work(folder: Path) -> None:
    write_image(folder / "眼底照片" / "左眼.png", 20, 10)
    with Workspace.open(folder) as ws:
        case_id = case_by_path(ws, "眼底照片/左眼.png")
        assert case_id.isascii()
        doc = ws.load_case(case_id)
        doc.mask[1:3, 1:3] = LesionClass.HE.bit
        ws.save_case(doc)
    with Workspace.open(folder) as ws:
        np.testing.assert_array_equal(ws.load_case(case_id).mask, doc.mask)


def test_case_ids_are_distinct_for_names_that_differ_only_in_unsafe_characters() -> None:
    assert case_id_for("左眼.png") != case_id_for("右眼.png")
    assert case_id_for("a b.png") != case_id_for("a_b.png")
    assert case_id_for("sub/x.png") == case_id_for("sub\\x.png".replace("\\", "/"))


# saving ----------------------------------------------------------------------------------------------------
def test_round_trip_preserves_every_field(ws: Workspace, folder: Path) -> None:
    doc = full_document(ws)
    ws.save_case(doc)
    ws.close()
    with Workspace.open(folder) as reopened:
        assert_same_document(reopened.load_case(doc.case_id), doc)
        summary = next(c for c in reopened.cases() if c.case_id == doc.case_id)
        assert (summary.review_state, summary.ai_grade, summary.reader_grade, summary.saved) == (
            ReviewState.DONE, 2, 3, True)


def test_a_case_saved_before_results_kept_their_warnings_and_device_opens_without(ws: Workspace,
                                                                                 folder: Path) -> None:
    doc = full_document(ws)
    ws.save_case(doc)
    ws.close()
    case_file = next((folder / SIDECAR_NAME / "cases").glob("*/case.json"))
    data = json.loads(case_file.read_text(encoding="utf-8"))
    del data["ai"]["warnings"], data["ai"]["device"]  # as an earlier version wrote it
    case_file.write_text(json.dumps(data), encoding="utf-8")
    with Workspace.open(folder) as reopened:
        loaded = reopened.load_case(doc.case_id)
    assert loaded.ai.warnings == [] and loaded.ai.device == "" and loaded.ai.dr_grade == 2


def test_originals_are_never_touched(ws: Workspace, folder: Path) -> None:
    def originals() -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and SIDECAR_NAME not in p.parts}

    before = originals()
    ws.save_case(full_document(ws))
    assert originals() == before and len(before) == 3


def test_crash_mid_save_leaves_previous_files_intact(ws: Workspace, folder: Path, monkeypatch) -> None:
    doc = full_document(ws)
    ws.save_case(doc)
    changed = ws.load_case(doc.case_id)
    changed.mask[:] = LesionClass.SE.bit
    changed.boxes = []
    changed.grade = ReaderGrade(dr_grade=4)
    changed.ai.cam = np.zeros_like(changed.ai.cam)
    real_replace = os.replace

    def crash_on_case_file(src, dst):  # the new mask/AI files land, then the process "dies"
        if Path(dst).name == sidecar_module.CASE_FILE:
            raise KeyboardInterrupt("simulated crash")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_case_file)
    with pytest.raises(KeyboardInterrupt):
        ws.save_case(changed)
    monkeypatch.setattr(os, "replace", real_replace)
    case_dir = ws.sidecar / "cases" / doc.case_id
    assert any(p.name.startswith("mask.2") for p in case_dir.iterdir())  # the crash really came mid-save
    ws.close()
    with Workspace.open(folder) as reopened:
        assert_same_document(reopened.load_case(doc.case_id), doc)
        reopened.save_case(changed)  # the next save works and tidies the stray files away
        assert_same_document(reopened.load_case(doc.case_id), changed)
        assert sorted(p.name for p in case_dir.iterdir()) == ["ai.2.npz", "case.json", "mask.2.png"]


def test_failed_write_reports_clearly_and_keeps_previous_labels(ws: Workspace, monkeypatch) -> None:
    doc = full_document(ws)
    ws.save_case(doc)
    doc.mask[:] = 0
    doc.boxes.append(Box(LesionClass.MA, 0, 0, 1, 1))

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(confined_module, "atomic_write_text", disk_full)
    with pytest.raises(WorkspaceError, match="the disk is full.*intact"):
        ws.save_case(doc)
    assert len(ws.load_case(doc.case_id).boxes) == 2


def test_audit_log_records_who_changed_what_and_is_append_only(ws: Workspace) -> None:
    doc = full_document(ws)
    ws.save_case(doc, actor="alice")
    doc.grade = ReaderGrade(dr_grade=1)
    ws.save_case(doc, actor="bob")
    ws.save_case(doc, actor="bob")  # nothing changed: no new entry
    log = ws.audit_log(doc.case_id)
    assert [(e.actor, e.action) for e in log] == [("alice", "save"), ("bob", "save")]
    assert "grade 3->1" in log[1].detail
    connection = sqlite3.connect(ws.sidecar / "index.db")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM audit")
    connection.close()


# read-only and index rebuild -------------------------------------------------------------------------------
def test_second_open_of_a_live_workspace_is_read_only(ws: Workspace, folder: Path) -> None:
    doc = full_document(ws)
    ws.save_case(doc)
    second = Workspace.open(folder)
    try:
        assert second.read_only
        assert "read-only" in second.messages[0] and str(os.getpid()) in second.messages[0]
        other = second.load_case(doc.case_id)
        other.boxes = []
        with pytest.raises(WorkspaceError, match="read-only"):
            second.save_case(other)
        assert second.autosave(other) is False
        assert not second.has_autosave(doc.case_id)
    finally:
        second.close()
    assert (ws.sidecar / "lock").exists()  # closing the second instance keeps the first one's lock
    assert len(ws.load_case(doc.case_id).boxes) == 2


def test_damaged_index_is_rebuilt_from_case_files(ws: Workspace, folder: Path) -> None:
    doc = full_document(ws)
    ws.save_case(doc)
    ws.close()
    (folder / SIDECAR_NAME / "index.db").write_bytes(b"this is not a database" * 100)
    with Workspace.open(folder) as reopened:
        assert any("damaged" in m and "rebuilt" in m for m in reopened.messages)
        summary = next(c for c in reopened.cases() if c.case_id == doc.case_id)
        assert (summary.reader_grade, summary.saved) == (3, True)
        assert_same_document(reopened.load_case(doc.case_id), doc)


def test_removed_image_keeps_its_labels_listed_with_an_error(ws: Workspace, folder: Path) -> None:
    doc = full_document(ws)
    ws.save_case(doc)
    (folder / "a.jpg").unlink()
    ws.refresh()
    summary = next(c for c in ws.cases() if c.case_id == doc.case_id)
    assert "not found" in summary.error and summary.image_path == "a.jpg"
    assert ws.load_case(doc.case_id).grade.dr_grade == 3
    write_image(folder / "a.jpg")
    ws.refresh()
    assert next(c for c in ws.cases() if c.case_id == doc.case_id).error is None
