"""The B-scan each OCT volume was left on: the one it opens on when the reader comes back to it."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.frames import bscan_case_id
from annotations.last_bscans import LastBScans, bscan_case
from annotations.workspace import Workspace
from annotations.workspace import workspace as workspace_module
from tests.unit.test_oct_volume import make_folder, volume_id


def test_a_volume_opens_on_the_bscan_it_was_left_on_else_on_its_own_case() -> None:
    last = LastBScans()
    assert last.number("vol") is None  # never visited: its own case, the middle B-scan
    last.opened(bscan_case_id("vol", 6))
    last.opened("photo")
    last.opened(bscan_case_id("other", 2))
    assert (last.number("vol"), last.number("other"), last.number("photo")) == (6, 2, None)
    last.opened("vol")  # its own case: nothing to remember
    assert last.number("vol") is None and last.number("other") == 2
    last.clear()
    assert last.number("other") is None


def test_nothing_remembered_is_nothing_kept() -> None:
    last = LastBScans()
    last.opened("")  # a folder never left: no case remembered
    assert last.number("") is None


def test_a_remembered_bscan_past_a_shorter_volumes_end_opens_its_own_case_without_reading_its_header(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window asks on the GUI thread, its count known: the error's wording (B-scan or frame) read the file's
    header there, only for the error to be dropped."""
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        volume = volume_id(ws)
        headers_read: list[object] = []
        monkeypatch.setattr(workspace_module, "said_modality", headers_read.append)
        assert bscan_case(ws, volume, 9, count=7) == volume
        assert headers_read == []
