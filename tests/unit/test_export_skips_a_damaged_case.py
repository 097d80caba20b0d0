"""A case whose saved file is damaged (a mask cut short, an AI file overwritten) is left out of an export, and so of a
retrain's data set, with a warning naming the file; the other cases are written. Before, the first such file stopped
the whole export. A file the storage cannot give (a share gone, a disk error) still stops it: every case after it
would be skipped too. An earlier export's files of the damaged case stay: they may be the last good copy."""
from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import annotations.workspace.sidecar as sidecar
from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace import codec
from annotations.workspace.errors import DamagedCaseFile
from annotations.workspace.transfer import EXPORT_FORMATS, export_labels

NAMES = ("a.png", "b.png", "c.png")


def _labelled(folder: Path) -> dict[str, Path]:
    """Three photos with a box and painted pixels each; returns each one's saved mask file by image path."""
    folder.mkdir()
    for index, name in enumerate(NAMES):
        Image.fromarray(np.full((30, 40, 3), 70 + index, np.uint8)).save(folder / name)
    with Workspace.open(folder) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
            doc.mask[10:14, 10:14] = LesionClass.EX.bit
            ws.save_case(doc)
        return {case.image_path: next(ws.case_files.case_dir(case.case_id).glob("mask.*.png"))
                for case in ws.cases()}


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:50])


@pytest.mark.parametrize("fmt", [fmt for fmt in EXPORT_FORMATS if fmt != "csv"])
def test_a_case_whose_saved_mask_is_cut_short_is_skipped_and_named_and_the_others_are_written(
        tmp_path: Path, fmt: str) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    mask = _labelled(photos)["b.png"]
    _cut_short(mask)
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, fmt, out)
    assert summary.cases == 2
    (skipped,) = [warning for warning in summary.warnings if warning.startswith("skipped:")]
    assert str(mask) in skipped and "cannot read the saved mask" in skipped
    text = "".join(path.read_text(errors="replace") for path in out.rglob("*") if path.is_file()
                   and path.suffix in (".json", ".xml", ".csv", ".txt") and ".retinareview" not in path.parts)
    written = sorted(path.stem for path in out.rglob("*") if path.is_file()
                     and path.suffix in (".xml", ".txt", ".png", ".json") and path.name != "classes.txt")
    if fmt in ("coco", "cvat"):
        assert "a.png" in text and "c.png" in text and "b.png" not in text
    elif fmt == "dataset":
        splits = "".join((out / "splits" / f"{split}.txt").read_text() for split in ("train", "val", "test"))
        assert sorted(splits.split()) == ["a", "c"] and not list(out.glob("*/b*"))
    else:
        assert written and not any(stem.startswith("b") for stem in written)


def _graded(photos: Path) -> None:
    """Grades a, b and c 1, 2 and 3 (their labels saved by _labelled)."""
    with Workspace.open(photos) as ws:
        for grade, case in enumerate(ws.cases(), start=1):
            doc = ws.load_case(case.case_id)
            doc.grade.dr_grade = grade
            ws.save_case(doc)


@pytest.mark.parametrize("photo_gone", [False, True])
def test_the_grades_csv_keeps_the_row_of_a_case_whose_mask_is_damaged_as_its_grade_is_in_its_case_file(
        tmp_path: Path, photo_gone: bool) -> None:
    """Also where its photo is gone: the export reads a case whose photo cannot be read once first, as it reads it
    for the file it writes (a grades row: its case file alone)."""
    photos, out = tmp_path / "photos", tmp_path / "out"
    case_folder = _labelled(photos)["b.png"].parent
    _graded(photos)
    (mask,) = case_folder.glob("mask.*.png")  # as the grades saved it
    _cut_short(mask)
    if photo_gone:
        (photos / "b.png").unlink()
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, "csv", out)
    assert [row.split(",")[:2] for row in (out / "grades.csv").read_text().splitlines()[1:]] == [
        ["a", "1"], ["b", "2"], ["c", "3"]]
    assert (summary.cases, summary.skipped, summary.warnings) == (3, 0, [])


def test_the_grades_csv_leaves_out_a_case_whose_case_file_is_damaged_naming_it(tmp_path: Path) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    _labelled(photos)
    _graded(photos)
    with Workspace.open(photos) as ws:
        case_file = ws.case_files.case_file(ws.cases()[1].case_id)
    case_file.write_text(case_file.read_text().replace('"grade": {', '"grade": {"stage": 7, ', 1))
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, "csv", out)
    assert [row.split(",")[0] for row in (out / "grades.csv").read_text().splitlines()[1:]] == ["a", "c"]
    (skipped,) = summary.warnings
    assert skipped.startswith("skipped:") and str(case_file) in skipped and summary.skipped == 1


@pytest.mark.parametrize("fmt", ["voc", "masks", "dataset"])
def test_an_earlier_exports_files_of_the_damaged_case_stay_when_it_is_exported_again(tmp_path: Path, fmt: str) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    mask = _labelled(photos)["b.png"]
    with Workspace.open(photos) as ws:
        export_labels(ws, fmt, out)
    before = {path: path.read_bytes() for path in out.rglob("b*") if path.is_file()}
    assert before
    _cut_short(mask)
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, fmt, out, overwrite=True)
    assert summary.cases == 2 and any(str(mask) in warning for warning in summary.warnings)
    assert {path: path.read_bytes() for path in out.rglob("b*") if path.is_file()} == before


def test_a_mask_the_storage_cannot_give_still_stops_the_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos = tmp_path / "photos"
    mask = _labelled(photos)["b.png"]
    real_open = sidecar.open_regular

    def share_gone(path: Path, *args: object, **kwargs: object) -> object:
        if Path(path) == mask:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(sidecar, "open_regular", share_gone)
    with Workspace.open(photos) as ws, pytest.raises(WorkspaceError, match="cannot read the saved mask") as raised:
        export_labels(ws, "voc", tmp_path / "out")
    assert not isinstance(raised.value, DamagedCaseFile)


@pytest.mark.parametrize("damage", ["cut short", "zeroed", "not a zip"])
def test_a_damaged_ai_file_is_a_damaged_case_file_naming_it_not_a_zip_error(tmp_path: Path, damage: str) -> None:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, heat=np.random.default_rng(0).random((64, 64)))
    data = buffer.getvalue()
    data = {"cut short": data[:len(data) // 2], "zeroed": data[:100] + bytes(200) + data[300:],
            "not a zip": b"x" * 300}[damage]
    with pytest.raises(ValueError):
        codec.arrays_from_npz(data, max_elements=10_000)
    (tmp_path / "cases" / "case-1").mkdir(parents=True)
    (tmp_path / "cases" / "case-1" / "ai.1.npz").write_bytes(data)
    files = sidecar.CaseFiles(tmp_path / "cases", confined=None)  # reading only: nothing is written
    with pytest.raises(DamagedCaseFile, match="ai.1.npz"):
        files.read_ai_arrays("case-1", "ai.1.npz")


def test_an_export_of_which_no_case_can_be_read_says_so_and_one_that_skipped_some_exits_partly_done(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    photos = tmp_path / "photos"
    masks = _labelled(photos)
    _cut_short(masks["b.png"])
    assert main(["export", str(photos), "--format", "dataset", "--out", str(tmp_path / "some")]) == 1
    for mask in masks.values():
        _cut_short(mask)
    for fmt in ("dataset", "voc"):  # the data set's split lists had raised IndexError (a traceback, status 70)
        assert main(["export", str(photos), "--format", fmt, "--out", str(tmp_path / fmt)]) == 2
        assert "error: nothing was exported: no case could be read" in capsys.readouterr().err


def test_a_damaged_cases_files_of_an_earlier_export_under_another_name_stay(tmp_path: Path) -> None:
    """OD/img1.png was exported as img1; then OS/img1.png was added (so OD's is now img1_TAG) and OD's mask was
    damaged: the data set's --overwrite swept img1's files, the last good copy of its labels."""
    photos, out = tmp_path / "photos", tmp_path / "out"
    photos.mkdir()
    (photos / "OD").mkdir()
    Image.fromarray(np.full((30, 40, 3), 90, np.uint8)).save(photos / "OD" / "img1.png")
    with Workspace.open(photos) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(case.case_id)
        doc.mask[5:9, 5:9] = LesionClass.HE.bit
        ws.save_case(doc)
        export_labels(ws, "dataset", out)
        mask = next(ws.case_files.case_dir(case.case_id).glob("mask.*.png"))
    before = {path: path.read_bytes() for path in out.rglob("img1*") if path.is_file()}
    assert len(before) >= 4  # images/, voc/, masks/ and masks_indexed/
    (photos / "OS").mkdir()
    Image.fromarray(np.full((30, 40, 3), 80, np.uint8)).save(photos / "OS" / "img1.png")
    _cut_short(mask)
    with Workspace.open(photos) as ws:
        os_case = next(c for c in ws.cases() if c.image_path == "OS/img1.png")
        doc = ws.load_case(os_case.case_id)
        doc.mask[1:3, 1:3] = LesionClass.EX.bit
        ws.save_case(doc)
        summary = export_labels(ws, "dataset", out, overwrite=True)
    assert summary.cases == 1 and len(list((out / "images").glob("img1_*.png"))) == 1
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize("damage", ["an .npy", "a zip of no arrays"])
def test_an_ai_file_overwritten_by_another_kind_of_file_is_a_value_error(damage: str) -> None:
    import zipfile

    buffer = io.BytesIO()
    if damage == "an .npy":
        np.save(buffer, np.zeros(3))
    else:
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("notes.txt", "hello")
    with pytest.raises(ValueError):
        codec.arrays_from_npz(buffer.getvalue(), max_elements=10_000)
