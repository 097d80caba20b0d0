"""Outputs never go into a folder's ``.retinareview`` store (a safety probe): an export asked to overwrite into a
case's folder there replaced its case.json, and the person's labels could no longer be read; a screenshot asked to
overwrite replaced a saved mask. A new folder there (a retrain's work folder) still takes outputs."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.output_folder import OutputError, OutputFolder, write_single_output
from annotations.workspace import Workspace
from annotations.store_folder import SIDECAR_NAME
from app.cli import main


def _labelled_case(folder: Path) -> tuple[str, Path]:
    """A folder with one photo named as a case's own file (``case.png``: labelme writes ``case.json``) whose labels
    are saved; its case id and saved case folder."""
    folder.mkdir(parents=True)
    Image.fromarray(np.full((24, 40, 3), 80, np.uint8)).save(folder / "case.png")
    with Workspace.open(folder) as ws:
        case_id = ws.cases()[0].case_id
        doc = ws.load_case(case_id)
        doc.mask[2:5, 2:5] = LesionClass.EX.bit
        ws.save_case(doc)
    return case_id, folder / SIDECAR_NAME / "cases" / case_id


def _files(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_an_export_asked_to_overwrite_into_a_saved_case_folder_replaces_none_of_its_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_id, case_folder = _labelled_case(tmp_path / "clinic")
    before = _files(case_folder)
    assert main(["export", str(tmp_path / "clinic"), "--format", "labelme", "--out", str(case_folder),
                 "--overwrite"]) == 2
    assert ".retinareview" in capsys.readouterr().err
    assert _files(case_folder) == before
    with Workspace.open(tmp_path / "clinic") as ws:
        assert int(ws.load_case(case_id).mask.astype(bool).sum()) == 9


def test_an_output_folder_in_the_store_is_refused_unless_new(tmp_path: Path) -> None:
    _case_id, case_folder = _labelled_case(tmp_path / "clinic")
    store = case_folder.parents[1]
    before = _files(store)
    with pytest.raises(OutputError, match="saved labels"):
        OutputFolder(store, overwrite=True)
    linked = tmp_path / "out"
    linked.symlink_to(case_folder, target_is_directory=True)  # the store reached through a link
    with pytest.raises(OutputError, match="saved labels"):
        OutputFolder(linked, overwrite=True)
    assert _files(store) == before
    work = store / "retrain" / "seg-1" / "data"  # a retrain's export, into a new folder as retrain_work makes it
    with OutputFolder(work).claimed() as out:
        out.write_text("grades.csv", "image\n")
    assert (work / "grades.csv").read_text() == "image\n"


def test_a_single_output_asked_to_overwrite_a_saved_mask_is_refused(tmp_path: Path) -> None:
    _case_id, case_folder = _labelled_case(tmp_path / "clinic")
    mask = next(case_folder.glob("mask.*.png"))
    before = mask.read_bytes()
    with pytest.raises(OutputError, match="saved labels"):
        write_single_output(mask, b"a screenshot", overwrite=True)
    assert mask.read_bytes() == before



def test_a_screenshot_into_the_store_is_refused_before_a_window_opens(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Refused only once the window had analysed the case, after the screenshot's new folder was made in the store."""
    _case_id, case_folder = _labelled_case(tmp_path / "clinic")
    store = case_folder.parents[1]
    before = sorted(store.rglob("*"))
    shot = store / "shots" / "window.png"
    assert main(["open", "--screenshot", str(shot)]) == 2
    assert f"{shot.parent}: is inside a .retinareview folder" in capsys.readouterr().err
    assert sorted(store.rglob("*")) == before
