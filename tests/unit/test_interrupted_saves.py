"""A save killed mid-write leaves a hidden temp file in its case's folder: the next open of the folder removes it,
unless a save could still be writing it (another program holds the folder, or wrote it moments ago)."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.workspace import Workspace

HOUR_AGO = 3600


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    """The store folder of one saved case (a mask painted), in ``tmp_path``/images."""
    root = tmp_path / "images"
    root.mkdir()
    Image.fromarray(np.full((16, 20, 3), 120, np.uint8)).save(root / "eye.png")
    with Workspace.open(root, reader="dr-a") as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[2:6, 2:6] = LesionClass.HE.bit
        ws.save_case(doc)
        return ws.sidecar / "cases" / doc.case_id


def _plant(path: Path, age_s: float = 0) -> Path:
    path.write_bytes(b"half a case.json")
    if age_s:
        when = path.stat().st_mtime - age_s
        os.utime(path, (when, when))
    return path


def test_temp_files_of_killed_saves_go_at_the_next_open(case_folder: Path, tmp_path: Path) -> None:
    killed = [_plant(case_folder / ".case.json.k3x9a1b2.tmp", HOUR_AGO),
              _plant(case_folder / ".mask.2.png.0f1e2d3c.tmp", HOUR_AGO)]
    live = _plant(case_folder / ".case.json.7c6b5a40.tmp")  # a save under way, or one cut short just now
    person = _plant(case_folder / ".case.json.notes.txt", HOUR_AGO)  # not a name a save gives
    outside = _plant(tmp_path / "outside.tmp", HOUR_AGO)
    (case_folder / ".ai.2.npz.a1b2c3d4.tmp").symlink_to(outside)
    with Workspace.open(case_folder.parents[2], reader="dr-a") as ws:
        assert not ws.read_only, ws.messages
    assert not any(path.exists() for path in killed)
    assert live.exists() and person.exists() and (case_folder / ".ai.2.npz.a1b2c3d4.tmp").is_symlink()
    assert outside.read_bytes() == b"half a case.json"
    with Workspace.open(case_folder.parents[2], reader="dr-a") as ws:
        assert ws.load_case(case_folder.name).mask.any()  # the saved case is whole


def test_a_folder_another_program_holds_keeps_its_temp_files(case_folder: Path) -> None:
    with Workspace.open(case_folder.parents[2], reader="dr-a") as holder:
        writing = _plant(case_folder / ".case.json.k3x9a1b2.tmp", HOUR_AGO)  # the holder's save, on a hung share
        with Workspace.open(case_folder.parents[2], reader="dr-b") as second:
            assert second.read_only and second.held_elsewhere
        assert writing.exists()
        assert not holder.read_only
