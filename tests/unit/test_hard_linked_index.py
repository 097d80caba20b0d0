"""The workspace index's files (index.db, its -wal and -shm) are written in place by SQLite: one that has other names
on its disk (a hard link: a backup's snapshot of the folder, or one put there) changed the file under those names,
a person's database gaining our tables, any file in place of -shm overwritten at the first open. Such a file is set
aside untouched and the index rebuilt; a folder open read-only reads none of it."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import ReaderGrade
from annotations.workspace import Workspace

SUFFIXES = ["", "-wal", "-shm"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of one photo graded 2, its index closed (no -wal or -shm left)."""
    root = tmp_path / "clinic"
    root.mkdir()
    Image.fromarray(np.full((16, 20, 3), 100, np.uint8)).save(root / "eye.png")
    with Workspace.open(root, reader="dr-a") as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.grade = ReaderGrade(dr_grade=2)
        ws.save_case(doc)
    return root


def _someone_elses(tmp_path: Path, suffix: str) -> Path:
    """A file outside the folder: a database of another program's for index.db, any file for the others."""
    path = tmp_path / "elsewhere" / ("their.sqlite" if suffix == "" else "their-notes.txt")
    path.parent.mkdir()
    if suffix == "":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE notes (text TEXT)")
            db.execute("INSERT INTO notes VALUES ('kept')")
        db.close()
    else:
        path.write_bytes(b"a person's notes, nothing of SQLite's\n" * 40)
    return path


def _link_in(folder: Path, suffix: str, theirs: Path) -> None:
    name = folder / ".retinareview" / f"index.db{suffix}"
    name.unlink(missing_ok=True)
    os.link(theirs, name)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_index_file_with_other_names_is_set_aside_untouched(folder: Path, tmp_path: Path, suffix: str) -> None:
    theirs = _someone_elses(tmp_path, suffix)
    before = theirs.read_bytes()
    _link_in(folder, suffix, theirs)
    with Workspace.open(folder, reader="dr-a") as ws:
        assert any("has other names on this disk" in m and ".linked-" in m for m in ws.messages), ws.messages
        assert [c.listed_reader_grade for c in ws.cases()] == [2]  # rebuilt from the case's own file
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.grade = ReaderGrade(dr_grade=3)
        ws.save_case(doc)
    assert theirs.read_bytes() == before
    assert os.stat(theirs).st_nlink == 2  # kept under its name aside, as it was
    with Workspace.open(folder, reader="dr-a") as ws:
        assert [c.listed_reader_grade for c in ws.cases()] == [3] and not ws.messages


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_folder_open_elsewhere_reads_no_index_file_with_other_names(folder: Path, tmp_path: Path,
                                                                      suffix: str) -> None:
    theirs = _someone_elses(tmp_path, suffix)
    before = theirs.read_bytes()
    _link_in(folder, suffix, theirs)
    lock = {"pid": 4242, "hostname": "reading-room", "started": "2026-12-07T10:00:00+00:00", "renewed_every": 60,
            "machine": "another-computer"}
    (folder / ".retinareview" / "lock").write_text(json.dumps(lock))  # renewed just now: a live program's
    with Workspace.open(folder, reader="dr-b") as ws:
        assert ws.read_only and [c.listed_reader_grade for c in ws.cases()] == [2]
    assert theirs.read_bytes() == before
