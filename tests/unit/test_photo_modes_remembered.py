"""A folder's listing reads the header of a file named as a mask (``histeq/P1_HE.png`` beside ``orig/P1.png``: a
photo, RGB; photo_sorter) once per version of the file: the index remembers its colour mode with its size and mtime
(store.photo_modes), so a reopen or rescan reads only new or changed ones (a share's 412 took 9 s at every open), and
an index written before gains them. The listing's progress says how far those reads got (they came after the walk,
with no batch until all were read)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.workspace import Workspace
from annotations.workspace.catalog import sync_batches
from annotations.workspace.store import index_version
from annotations.workspace.workspace import INDEX_FILE
from tests.photos_named_as_masks import headers_read, photo_study  # noqa: F401 - fixture


def _listed(folder: Path) -> list[str]:
    with Workspace.open(folder) as ws:
        return sorted(summary.image_path for summary in ws.cases())


def test_a_reopen_reads_no_header_of_an_unchanged_file(tmp_path: Path, headers_read: list[str]) -> None:
    study = photo_study(tmp_path)
    assert _listed(tmp_path) == study and sorted(headers_read) == ["P1_HE.png", "P2_HE.png"]
    headers_read.clear()
    assert _listed(tmp_path) == study
    assert headers_read == []  # was: both read again at every open and rescan


def test_a_changed_file_is_read_again(tmp_path: Path, headers_read: list[str]) -> None:
    photo_study(tmp_path)
    _listed(tmp_path)
    headers_read.clear()
    mask = tmp_path / "histeq" / "P2_HE.png"
    Image.fromarray(np.zeros((24, 40), np.uint8)).save(mask)  # a greyscale mask now: P2's label file
    os.utime(mask, ns=(1, 1))  # whatever the clock: another mtime and size than the photo had
    assert _listed(tmp_path) == ["histeq/P1_HE.png", "orig/P1.png", "orig/P2.png"]
    assert headers_read == ["P2_HE.png"]


def test_an_index_of_version_1_gains_the_modes_at_its_next_listing(tmp_path: Path, headers_read: list[str]) -> None:
    study = photo_study(tmp_path)
    _listed(tmp_path)
    with sqlite3.connect(tmp_path / ".retinareview" / INDEX_FILE) as db:  # as the release before left it
        db.execute("DROP TABLE IF EXISTS photo_modes")
        db.execute("PRAGMA user_version = 1")
    headers_read.clear()
    assert _listed(tmp_path) == study and sorted(headers_read) == ["P1_HE.png", "P2_HE.png"]
    assert index_version(tmp_path / ".retinareview" / INDEX_FILE) == 1
    headers_read.clear()
    assert _listed(tmp_path) == study and headers_read == []


def test_the_listing_says_how_far_the_header_reads_got(tmp_path: Path) -> None:
    photo_study(tmp_path)
    with Workspace.open(tmp_path, scan=False) as ws:
        batches = list(sync_batches(ws.index.all_cases(), tmp_path, ws.case_files, progress_s=60.0))
    said = [batch.headers for batch in batches if batch.walking and batch.headers[1]]
    assert said[0] == (0, 2)  # before the first read, however soon: it may hang on a share
    with Workspace.open(tmp_path, scan=False) as ws:
        batches = list(sync_batches(ws.index.all_cases(), tmp_path, ws.case_files, progress_s=0.0))
    assert [batch.headers for batch in batches if batch.walking and batch.headers[1]] == [(0, 2), (1, 2), (2, 2)]
